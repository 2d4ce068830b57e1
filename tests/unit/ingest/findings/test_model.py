"""A language model may only add findings, each a verbatim sentence of the passage it names (fake model here)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ingest.findings.rules import extract
from ingest.findings.model import ModelFindings, verify
from ingest.findings.storage import FILENAME
from ingest.indexer import sync
from ingest.loaders import load_file
from ingest.metadata import build_document
from ingest.splitter import split_document
from ingest.store import KnowledgeStore
from tests.support import findings_docs as docs
from tests.support.chat import FakeChat

SENTENCE = "Children receive a timely response at the front door."


def _report(tmp_path: Path):
    path = tmp_path / "report-2019.txt"
    path.write_text(docs.REPORT_2019, encoding="utf-8")
    raw, hints = load_file(path)
    document = build_document(source=path.name, path=path, raw=raw, hints=hints, data=path.read_bytes())
    passages = split_document(document)
    return extract(document, passages), passages


def _number(passages, sentence: str) -> int:
    return next(n for n, p in enumerate(passages, start=1) if sentence in p.text)


def test_only_verbatim_whole_sentences_of_the_named_passage_are_kept(tmp_path):
    inspection, passages = _report(tmp_path)
    n = _number(passages, SENTENCE)
    other = next(i for i in range(1, len(passages) + 1) if SENTENCE not in passages[i - 1].text)
    proposals = [
        {"kind": "strength", "passage": n, "quote": SENTENCE},  # kept
        {"kind": "strength", "passage": n, "quote": "Children get a quick response at the front door."},  # paraphrase
        {"kind": "strength", "passage": n, "quote": "a timely response at the front door"},  # not a whole sentence
        {"kind": "strength", "passage": _number(passages, "services have improved in some areas"),
         "quote": "services have improved in some areas"},  # half a sentence turns its meaning
        {"kind": "strength", "passage": other, "quote": SENTENCE},  # wrong passage
        {"kind": "praise", "passage": n, "quote": SENTENCE},  # unknown kind
        {"kind": "strength", "passage": 999, "quote": SENTENCE},  # passage never shown
        {"kind": "needs_to_improve", "passage": _number(passages, "Clarity in supervision records"),
         "quote": "Clarity in supervision records about changes to children's circumstances."},  # rules have it
        {"kind": "strength", "passage": n, "quote": "Thresholds are well understood."},  # too short to stand alone
        "not an object",
    ]
    kept = verify(proposals, inspection, passages)
    assert [(f.kind, f.text, f.origin) for f in kept] == [("strength", SENTENCE, "model")]
    assert kept[0].passage is passages[n - 1]
    assert kept[0].theme == "referrals and thresholds"
    assert verify({"kind": "strength"}, inspection, passages) == []


def test_model_failures_and_bad_json_add_nothing(tmp_path):
    inspection, passages = _report(tmp_path)
    before = list(inspection.findings)
    for reply in (RuntimeError("provider down"), "Here are some findings!", "{}"):
        assert ModelFindings(FakeChat(reply)).add_to(inspection, passages) == 0
    assert inspection.findings == before


def test_ingest_stores_verified_model_findings_beside_the_rules(tmp_path, docs_dir, embedder):
    (docs_dir / "report-2019.txt").write_text(docs.REPORT_2019, encoding="utf-8")
    (docs_dir / "procedure.txt").write_text(docs.PROCEDURE, encoding="utf-8")
    inspection, passages = _report(tmp_path)
    reply = json.dumps([{"kind": "strength", "passage": _number(passages, SENTENCE), "quote": SENTENCE},
                        {"kind": "strength", "passage": 1, "quote": "Inspectors were impressed by everything."}])
    chat = FakeChat(f"```json\n{reply}\n```")
    store = KnowledgeStore(tmp_path / "store")
    sync(store, [docs_dir], embedder=embedder, findings_model=ModelFindings(chat))
    assert len(chat.seen) == 1  # inspection documents only, never the procedure
    system, human = chat.seen[0]
    assert "untrusted data" in system[1] and "<known>" in human[1] and "Clarity in supervision records" in human[1]
    with sqlite3.connect(store.live().path / FILENAME) as db:
        rows = db.execute("SELECT origin, kind, text, passage_text FROM findings ORDER BY position").fetchall()
    assert [r[0] for r in rows] == ["rules"] * 3 + ["model"]
    assert rows[-1][1:3] == ("strength", SENTENCE) and SENTENCE in rows[-1][3]
