"""RULES_VERSION is stored with every version's findings; it must change whenever what the rules extract does.

Stores re-extract findings only when the stored stamp differs, so an edit to the
rules that changes their output without a new RULES_VERSION would leave old
findings in place. The digest below is of the rules' output on the test documents.
"""

from __future__ import annotations

import hashlib
import json

from ingest.findings.rules import RULES_VERSION, extract
from ingest.findings.storage import EXTRACTOR
from ingest.loaders import load_file
from ingest.metadata import build_document
from ingest.splitter import split_document
from tests.support import findings_docs as docs

# RULES_VERSION -> digest of the extraction output below. A new rules version adds a line.
OUTPUT_DIGESTS = {
    "2": "0e3236183f1d4f56",
    "3": "246ede548e1b1534",
}


def _output(tmp_path) -> str:
    rows = []
    for name in sorted(n for n in dir(docs) if n.isupper()):
        path = tmp_path / f"{name.lower()}.txt"
        path.write_text(getattr(docs, name), encoding="utf-8")
        raw, hints = load_file(path)
        document = build_document(source=path.name, path=path, raw=raw, hints=hints, data=path.read_bytes())
        inspection = extract(document, split_document(document))
        if inspection is None:
            rows.append([path.name, None])
            continue
        rows.append([path.name, inspection.inspection_type, inspection.inspection_dates, inspection.previous,
                     [[j.key, j.grade, j.line] for j, _ in inspection.judgements],
                     [[f.kind, f.theme, f.themes, f.text, f.previous, f.judgement, f.position,
                       f.passage.id if f.passage else None] for f in inspection.findings]])
    return json.dumps(rows, sort_keys=True, ensure_ascii=False)


def test_rules_version_changes_with_the_rules_output(tmp_path):
    digest = hashlib.sha256(_output(tmp_path).encode()).hexdigest()[:16]
    assert OUTPUT_DIGESTS.get(RULES_VERSION) == digest, (
        f"the findings rules now extract something else (digest {digest}): bump RULES_VERSION in "
        "ingest/findings/rules.py and add the new digest here, so stored findings are re-extracted")
    assert f"rules-{RULES_VERSION}/" in EXTRACTOR
