"""Is this procedure current? Review dates read at ingest, shown in `ask` (terminal and --json), and an
index built before review dates existed gains them at its next refresh."""

from __future__ import annotations

import json
from datetime import date

from rich.console import Console
from tests.support.cli import bot
from tests.support.currency_docs import write_currency_docs

from assistant.clock import fixed_clock
from assistant.pipeline import Assistant
from assistant.render import print_answer
from ingest.indexer import sync
from ingest.store import KnowledgeStore


def test_review_dates_reach_the_manifest_and_an_old_index_gains_them_at_the_next_refresh(tmp_path, embedder):
    docs = write_currency_docs(tmp_path / "docs")
    store = KnowledgeStore(tmp_path / "store")
    sync(store, [docs], embedder=embedder)
    manifest = store.live().manifest()
    assert (manifest.documents["referrals.txt"]["reviewed"], manifest.documents["referrals.txt"]["review_due"]) == (
        "2020-04", "2022-04")
    assert manifest.documents["visits.txt"]["review_due"] == "2099-01"
    assert manifest.documents["ofsted-2019-stockton.txt"]["review_due"] == ""

    # An index written before review dates were read: the same documents, entries without the new fields.
    for meta in manifest.documents.values():
        for key in ("reviewed", "review_due", "history"):
            meta.pop(key)
    manifest.save(store.live().manifest_path)
    summary = sync(store, [docs], embedder=embedder)  # read again, as after any change of the reading rules
    assert summary.changed and sorted(summary.updated) == sorted(manifest.documents) and not summary.added
    upgraded = store.live().manifest().documents
    assert upgraded["referrals.txt"]["review_due"] == "2022-04" and upgraded["visits.txt"]["review_due"] == "2099-01"
    assert [h["hash"] for h in upgraded["visits.txt"]["history"]] == [upgraded["visits.txt"]["hash"]]  # no change
    assert not sync(store, [docs], embedder=embedder).changed  # and only once


def test_ask_shows_overdue_reviews_and_superseded_inspections(tmp_path, embedder):
    docs = write_currency_docs(tmp_path / "docs")
    store = tmp_path / "store"
    sync(KnowledgeStore(store), [docs], embedder=embedder)  # in-process: the model is loaded once per run

    done = bot("ask", "How quickly must a manager decide what happens to a referral?", "--json", store=store)
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stdout)
    cited = {c["source"]: c for c in answer["citations"]}
    assert "referrals.txt" in cited, answer
    referral = cited["referrals.txt"]
    assert {"n", "source", "title", "section", "date", "url", "text"} <= set(referral)  # DESIGN.md's fields stay
    # The real clock: April 2022 has passed whenever this runs.
    assert (referral["date"], referral["reviewed"], referral["review_due"], referral["review_overdue_since"]) == (
        "2020", "2020-04", "2022-04", "April 2022")

    # The second question's JSON is the same call's, in this process: one `ask` process proves the command line.
    assistant = Assistant(KnowledgeStore(store), embedder=embedder)
    answer = json.loads(json.dumps(assistant.ask("What does Ofsted say now about private fostering in Stockton?")
                                   .to_json(), ensure_ascii=False))
    assistant.close()
    old = [c for c in answer["citations"] if c["source"] == "ofsted-2019-stockton.txt"]
    assert old, answer
    assert old[0]["superseded_by"] == {"source": "ofsted-2023-stockton.txt", "date": "2023-05-09",
                                       "title": "Inspection of Stockton-on-Tees local authority children's services 2023"}


def test_the_terminal_says_overdue_and_superseded_and_only_now_questions_are_superseded(tmp_path, embedder):
    docs = write_currency_docs(tmp_path / "docs")
    store = KnowledgeStore(tmp_path / "store")
    sync(store, [docs], embedder=embedder)
    assistant = Assistant(store, embedder=embedder, clock=fixed_clock(date(2026, 11, 30)))
    console = Console(record=True, width=1000)
    print_answer(assistant.ask("How quickly must a manager decide what happens to a referral?"), console)
    print_answer(assistant.ask("What does Ofsted say now about private fostering in Stockton?"), console)
    text = console.export_text()
    assert "[1] Action on receipt of referrals — " in text and " — 2020 — review overdue since April 2022" in text
    assert "— 1 July 2019 — superseded by Inspection of Stockton-on-Tees local authority children's services 2023 (9 May 2023)" in text
    then = assistant.ask("What did Ofsted say about private fostering in Stockton in 2019?")
    assert any(c.source == "ofsted-2019-stockton.txt" for c in then.citations)
    assert all(c.superseded_by is None for c in then.citations)  # not a "now" question
    early = Assistant(store, embedder=embedder, clock=fixed_clock(date(2022, 4, 30)))
    cited = early.ask("How quickly must a manager decide what happens to a referral?").citations
    assert [c.review_overdue_since for c in cited if c.source == "referrals.txt"] == [""]  # due that month
    assistant.close()
    early.close()
