"""`forget` erases a document for real: no file under the store folder keeps its text or its name."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.chroma import CHROMA, start_chroma, stop_chroma
from tests.support.refresh_docs import TOPICS, stored_sources, write_corpus, write_doc
from assistant.pipeline import Assistant
from ingest.forget import UnknownSource, forget, resolve_source
from ingest.indexer import sync
from ingest.rollback import rollback
from tests.conftest import ROOT

SECRET_FILE = "referral-amelia-quenby.md"
SECRET = "Amelia Quenby attends Larkrise Primary and her allergy plan is held by the school nurse."


def traces(root: Path) -> list[str]:
    """Files under ``root`` whose bytes hold the secret sentence, a distinctive part of it, or its file name."""
    needles = [SECRET.encode(), b"Larkrise Primary", b"Amelia Quenby", SECRET_FILE.encode()]
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.is_file() and any(n in p.read_bytes() for n in needles))


INSPECTION = """Title: Unannounced inspection of contact, referral and assessment arrangements (letter of 9 June 2011)
Publisher: Ofsted
Date: 2011-06-09
Type: inspection-letter
---
9 June 2011

Dear Director

This letter summarises the findings of the recent unannounced inspection which was conducted on 10 and 11 May 2011.

Areas for development

- {finding}

Yours sincerely
"""


def write_inspection(folder: Path, name: str, finding: str) -> None:
    """An inspection letter: its finding becomes a row of the version's real findings tables."""
    (folder / name).write_text(INSPECTION.format(finding=finding))


def add_bot_records(root: Path, *, forgotten: str, kept: str, quote: str) -> None:
    """What a running bot keeps beside the index, written by the bot's own classes into the real tables:
    votes and usage rows citing both documents or only the kept one, an escalation (ids only), approved answers."""
    from assistant.answers import Citation
    from assistant.approved_store import ApprovedStore
    from assistant.slack.escalations import Escalations
    from assistant.slack.feedback import SlackRecords
    from assistant.usage import UsageLog

    records, usage = SlackRecords(root / "slack.sqlite"), UsageLog(root / "slack.sqlite")
    escalations, approved = Escalations(root / "slack.sqlite"), ApprovedStore(root / "approved.sqlite")
    try:
        for n, cited in enumerate([[forgotten, kept], [kept], [forgotten]], start=1):
            qid = f"{n:012x}"
            records.vote(user_id="U0VOTER01", question_id=qid, vote="up", cited=cited)
            usage.record(question_id=qid, surface="mention", outcome="answered", cited=cited)
        records.audit(user_id="U0MANAGER", command="/kb-refresh", allowed=True, outcome="ok")
        escalations.open(question_id=f"{1:012x}", outcome="answered", asked_channel="C0ASKED01",
                         asked_thread_ts="1700000000.000001", answer_ts="1700000000.000002", raised_by="U0VOTER01",
                         post_channel="C0DUTY001")
        for source, text in ((forgotten, quote), (kept, "A passage of the kept document.")):
            approved.add(title=f"About {source}", wording=f"{text} [1]", hashes={source: "hash"}, vector=[0.1] * 384,
                         citations=[Citation(n=1, source=source, title="T", section="S", date="", url="", text=text)],
                         approved_by="U0MANAGER")
    finally:
        for db in (records, usage, escalations, approved):
            db.close()


def rows(path: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_forget_leaves_no_trace_in_any_file(make_kb, docs_dir, tmp_path, embedder, caplog):
    caplog.set_level(logging.DEBUG, logger="ingest")
    caplog.set_level(logging.DEBUG, logger="assistant")
    store = make_kb(tmp_path / "store")
    write_corpus(docs_dir, ["supervision.md", "visits.md"])
    write_inspection(docs_dir, SECRET_FILE, SECRET)
    first = sync(store, [docs_dir], embedder=embedder)
    write_doc(docs_dir, "supervision.md", *TOPICS["supervision.md"], extra="Group supervision meets monthly.")
    second = sync(store, [docs_dir], embedder=embedder)
    add_bot_records(store.root, forgotten=SECRET_FILE, kept="visits.md", quote=SECRET)
    before = traces(store.root)
    for name in (first.version, second.version):  # the real findings tables of both versions hold it
        assert f"versions/{name}/findings.sqlite" in before
    assert {"slack.sqlite", "approved.sqlite"} <= set(before), before
    findings_before = rows(store.live().path / "findings.sqlite", "SELECT source FROM findings")
    assert (SECRET_FILE,) in findings_before, "the letter's finding is a row of the findings table"

    assert resolve_source(store, f"some/folder/{SECRET_FILE}") == SECRET_FILE
    summary = forget(store, SECRET_FILE)

    assert traces(store.root) == []
    our_logs = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(("ingest", "assistant")))
    assert "sync done" in our_logs and "forget done" in our_logs
    assert "Larkrise" not in our_logs and "Quenby" not in our_logs, "logs carry ids and counts, never text"
    assert set(summary.rebuilt) == {first.version, second.version} and summary.passages_removed >= 2
    assert summary.rows_removed == 5  # in the store root: two votes, two usage rows, an approved answer
    assert store.live_name() == summary.rebuilt[second.version] == summary.live
    assert sorted(store.versions()) == sorted(summary.rebuilt.values())
    assert SECRET_FILE not in stored_sources(store) and "visits.md" in stored_sources(store)
    if store.server_mode:
        import chromadb

        names = {c.name for c in chromadb.HttpClient(host=store.chroma_host, port=store.chroma_port).list_collections()}
        assert f"kb_{first.version}" not in names and f"kb_{second.version}" not in names
    # Rows about other documents stay, in every real table; the escalation (ids only) stays.
    slack = store.root / "slack.sqlite"
    assert rows(slack, "SELECT cited FROM feedback") == [('["visits.md"]',)]
    assert rows(slack, "SELECT cited FROM usage") == [('["visits.md"]',)]
    assert rows(slack, "SELECT question_id FROM escalations") == [(f"{1:012x}",)]
    assert rows(slack, "SELECT command FROM audit") == [("/kb-refresh",)]
    assert rows(store.root / "approved.sqlite", "SELECT title FROM approved") == [("About visits.md",)]
    kept_findings = {r[0] for r in rows(store.live().path / "findings.sqlite", "SELECT source FROM documents")}
    assert kept_findings == {"supervision.md", "visits.md"}
    answer = Assistant(store, embedder=embedder).ask("Where is the allergy plan for Larkrise Primary?")
    assert all(hit.passage.source != SECRET_FILE for hit in answer.hits)
    assert rollback(store)[1] == summary.rebuilt[first.version]
    assert SECRET_FILE not in stored_sources(store)

    # Once the file is gone from the folder too, the next refresh has nothing to bring back.
    (docs_dir / SECRET_FILE).unlink()
    rollback(store)
    assert not sync(store, [docs_dir], embedder=embedder).changed
    # Not asserted from here on: this test process still holds the text in memory, and Chroma rewrites a
    # version's HNSW files with stale heap bytes whenever a process opens it (docs/refresh.md).


def test_forget_matches_the_exact_source_never_part_of_a_longer_name(tmp_path, docs_dir, embedder):
    """Forgetting visits.md keeps every row that cites home-visits.md (and the document itself)."""
    from ingest.store import KnowledgeStore

    store = KnowledgeStore(tmp_path / "store")
    write_inspection(docs_dir, "visits.md", "Statutory visits are not always recorded within three working days.")
    write_inspection(docs_dir, "home-visits.md", "Home visits to families in need are not always made every ten "
                                                 "working days.")
    sync(store, [docs_dir], embedder=embedder)
    add_bot_records(store.root, forgotten="visits.md", kept="home-visits.md", quote="Statutory visits.")
    summary = forget(store, "visits.md")
    slack, findings = store.root / "slack.sqlite", store.live().path / "findings.sqlite"
    assert rows(slack, "SELECT cited FROM feedback") == [('["home-visits.md"]',)]
    assert rows(slack, "SELECT cited FROM usage") == [('["home-visits.md"]',)]
    assert rows(store.root / "approved.sqlite", "SELECT title FROM approved") == [("About home-visits.md",)]
    assert rows(findings, "SELECT source FROM documents") == [("home-visits.md",)]
    assert rows(findings, "SELECT source FROM findings") == [("home-visits.md",)]
    assert set(stored_sources(store)) == {"home-visits.md"} and summary.passages_removed >= 1
    with pytest.raises(UnknownSource):  # a name that is only part of a kept document's name is not a document
        forget(store, "visits.md")


def test_forget_unknown_source(make_kb, docs_dir, tmp_path, embedder):
    store = make_kb(tmp_path / "store")
    write_corpus(docs_dir, ["visits.md"])
    sync(store, [docs_dir], embedder=embedder)
    with pytest.raises(UnknownSource):
        forget(store, "never-indexed.md")


def test_server_mode_forget_then_vacuum_clears_the_server_files(docs_dir, tmp_path, embedder):
    """A Chroma server keeps deleted collections' records in its own files until vacuumed (docs/refresh.md)."""
    from ingest.store import KnowledgeStore

    server = start_chroma(tmp_path / "chroma-data")
    try:
        store = KnowledgeStore(tmp_path / "store", chroma_host=server.host, chroma_port=server.port)
        write_corpus(docs_dir, ["visits.md"])
        write_doc(docs_dir, SECRET_FILE, "Referral note", SECRET)
        sync(store, [docs_dir], embedder=embedder)
        forget(store, SECRET_FILE)
        assert traces(store.root) == []
    finally:
        stop_chroma(server)
    assert traces(server.path) != [], "Chroma leaves deleted records behind: the reason for the vacuum step"
    subprocess.run([str(CHROMA), "vacuum", "--path", str(server.path), "--force"], check=True,
                   capture_output=True, timeout=120)
    # The server's HNSW files may hold stale heap bytes too (ingest/hnsw_scrub.py): scrub them, stopped.
    subprocess.run([sys.executable, "-m", "ingest.hnsw_scrub", str(server.path)], check=True, cwd=ROOT,
                   capture_output=True, timeout=120)
    assert traces(server.path) == []
