"""Table of extracted inspection findings per document and kind, for docs/findings.md.

    python scripts/findings_table.py ../shared/corpus            # print the markdown table
    python scripts/findings_table.py ../shared/corpus --write    # replace the table in docs/findings.md

Runs the same extraction as ingest (no model, no store), so the table is what an index of that folder holds.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.boundary import scan  # noqa: E402
from ingest.findings.rules import KINDS, extract  # noqa: E402
from ingest.loaders import LoadError, load_file  # noqa: E402
from ingest.metadata import build_document  # noqa: E402
from ingest.splitter import split_document  # noqa: E402

START, END = "<!-- findings-table:start -->", "<!-- findings-table:end -->"
SHORT = {"strength": "strength", "area_for_development": "area for dev.", "needs_to_improve": "needs to improve",
         "priority_action": "priority action", "recommendation": "recommendation"}


def table(folder: Path) -> str:
    rows: list[str] = []
    totals: Counter = Counter()
    inspections = 0
    for item in scan([folder]).found:
        try:
            raw, hints = load_file(item.path)
        except LoadError:
            continue
        document = build_document(source=item.source, path=item.path, raw=raw, hints=hints, data=item.path.read_bytes())
        found = extract(document, split_document(document))
        if found is None:
            continue
        inspections += 1
        kinds = Counter(f.kind for f in found.findings)
        totals.update(kinds)
        repeated = sum(f.repeated for f in found.findings)
        totals["repeated"] += repeated
        totals["judgements"] += len(found.judgements)
        overall = next((j.grade for j, _ in found.judgements if j.key == "overall effectiveness"), "—")
        cells = [item.source, ", ".join(found.authorities) or "—", found.inspection_type, document.date]
        cells += [str(kinds.get(k, 0)) for k in KINDS] + [str(repeated), str(len(found.judgements)), overall]
        rows.append("| " + " | ".join(cells) + " |")
    header = ["document", "authority", "inspection", "date"] + [SHORT[k] for k in KINDS] + [
        "repeated", "judgements", "overall effectiveness"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + rows
    total = [f"**{inspections} inspection documents**", "", "", ""] + [f"**{totals[k]}**" for k in KINDS] + [
        f"**{totals['repeated']}**", f"**{totals['judgements']}**", ""]
    lines.append("| " + " | ".join(total) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--write", action="store_true", help="replace the table in docs/findings.md")
    args = parser.parse_args()
    text = table(args.folder)
    if not args.write:
        print(text)
        return
    doc = ROOT / "docs" / "findings.md"
    content = doc.read_text()
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    doc.write_text(pattern.sub(lambda _: f"{START}\n{text}\n{END}", content))
    print(f"table written to {doc}")


if __name__ == "__main__":
    main()
