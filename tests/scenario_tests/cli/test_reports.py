"""`bot.py digest` and `bot.py stats` as an operator runs them: new and changed documents with their cited
findings; usage figures per day and week, as text, JSON and a PNG chart. Neither loads the model."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, time, timedelta, timezone

from tests.support.cli import ROOT, bot
from tests.support.currency_docs import write_currency_docs

from assistant.clock import LONDON
from assistant.slack.feedback import SlackRecords
from assistant.usage import UsageLog
from ingest.indexer import sync
from ingest.store import KnowledgeStore


def test_digest_lists_new_and_changed_documents_and_cited_findings(tmp_path, embedder):
    docs = write_currency_docs(tmp_path / "docs")
    store = KnowledgeStore(tmp_path / "store")
    sync(store, [docs], embedder=embedder)
    # Make the index a month old: the procedures were indexed 30 days ago.
    month_ago = (datetime.now(timezone.utc) - timedelta(days=30)).isoformat(timespec="seconds")
    manifest = store.live().manifest()
    for meta in manifest.documents.values():
        meta["indexed_at"] = month_ago
        meta["history"] = [{"hash": meta["hash"], "indexed_at": month_ago}]
    manifest.save(store.live().manifest_path)
    # This week: one procedure changed, an inspection letter arrived.
    (docs / "visits.txt").write_text((docs / "visits.txt").read_text() + "\nVisits may be more frequent.\n")
    shutil.copy(ROOT / "knowledge" / "stockton-2011-ucra-letter.txt", docs)
    sync(store, [docs], embedder=embedder)

    since = (date.today() - timedelta(days=7)).isoformat()
    done = bot("digest", "--since", since, "--json", store=store.root)
    assert done.returncode == 0, done.stderr[-2000:]
    digest = json.loads(done.stdout)
    assert [row["source"] for row in digest["new"]] == ["stockton-2011-ucra-letter.txt"]
    assert [row["source"] for row in digest["changed"]] == ["visits.txt"]
    assert len(digest["findings"]) == 19  # the letter's 13 strengths and 6 areas for development
    numbers = {c["n"] for c in digest["citations"]}
    for finding in digest["findings"]:
        assert finding["citation"]["source"] == "stockton-2011-ucra-letter.txt" and finding["citation"]["text"]
        assert finding["document_status"] == "new"
    assert numbers and all(c["source"] == "stockton-2011-ucra-letter.txt" for c in digest["citations"])

    text = bot("digest", "--since", since, store=store.root).stdout
    assert "1 new document, 1 changed, 19 new inspection findings" in text
    assert "• Statutory visits to children in care (visits.txt, dated 10 January 2024; changed " in text
    assert "area for development: “" in text and "\nSources\n[1] " in text

    older = json.loads(bot("digest", "--since", (date.today() - timedelta(days=40)).isoformat(), "--json",
                           store=store.root).stdout)
    assert len(older["new"]) == 5 and older["changed"] == []  # first indexed inside the period: new, not changed
    bad = bot("digest", "--since", "last week", store=store.root)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_stats_prints_figures_json_and_a_chart(tmp_path, embedder):
    docs = write_currency_docs(tmp_path / "docs")
    store = KnowledgeStore(tmp_path / "store")
    sync(store, [docs], embedder=embedder)
    today = datetime.now(LONDON).date()
    monday = today - timedelta(days=today.weekday())
    records = tmp_path / "store" / "slack.sqlite"
    usage = UsageLog(records)
    for n, (day, outcome, cited) in enumerate([(monday - timedelta(days=7), "answered", ["referrals.txt"]),
                                               (monday - timedelta(days=7), "not_found", []),
                                               (monday, "partial", ["visits.txt"]),
                                               (monday, "answered", ["referrals.txt", "visits.txt"])]):
        at = datetime.combine(day, time(10, n), LONDON)
        usage.record(question_id=f"{n:012x}", surface="ask", outcome=outcome, cited=cited, at=at)
    usage.close()
    SlackRecords(records, clock=lambda: datetime.combine(monday, time(11), LONDON)).vote(
        user_id="U1", question_id="000000000003", vote="down", cited=[])

    done = bot("stats", "--json", "--chart", str(tmp_path / "chart.png"), store=store.root)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert [(w["week_start"], w["questions"], w["not_found"], w["not_helpful"]) for w in report["weeks"]] == [
        ((monday - timedelta(days=7)).isoformat(), 2, 1, 0), (monday.isoformat(), 2, 0, 1)]
    assert report["most_cited"][0] == {"source": "referrals.txt", "title": "Action on receipt of referrals",
                                       "citations": 2}
    assert {row["source"] for row in report["never_cited"]} == {"ofsted-2019-stockton.txt", "ofsted-2023-stockton.txt"}
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG") and "chart written" in done.stderr

    since = bot("stats", "--since", monday.isoformat(), store=store.root).stdout
    assert f"Usage, {monday:%-d %B %Y} to {today:%-d %B %Y}: 2 questions, 0% not found" in since
    assert "• Action on receipt of referrals (referrals.txt): cited in 1 answer" in since
    assert bot("stats", "--since", "2026-13-01", store=store.root).returncode == 2
