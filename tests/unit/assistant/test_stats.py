"""Usage figures: England's days and Monday weeks, votes and escalations, most- and never-cited; the chart."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone

import pytest

from assistant.slack.feedback import SlackRecords
from assistant.stats import stats_text, usage_report
from assistant.stats_chart import write_chart
from assistant.usage import UsageLog

DOCS = {"a.txt": "Supervision policy", "b.txt": "Visits", "c.txt": "Never used"}


@pytest.fixture
def records(tmp_path):
    path = tmp_path / "slack.sqlite"
    usage = UsageLog(path)
    rows = [  # (UTC time, outcome, cited)
        (datetime(2026, 6, 1, 22, 30, tzinfo=timezone.utc), "answered", ["a.txt"]),  # 23:30 BST: Monday 1 June
        (datetime(2026, 6, 1, 23, 30, tzinfo=timezone.utc), "not_found", []),  # 00:30 BST: Tuesday 2 June
        (datetime(2026, 6, 10, 9, 0, tzinfo=timezone.utc), "partial", ["a.txt", "b.txt"]),
        (datetime(2026, 6, 10, 9, 5, tzinfo=timezone.utc), "answered", ["a.txt", "a.txt"]),
    ]
    for n, (at, outcome, cited) in enumerate(rows):
        usage.record(question_id=f"{n:012x}", surface="mention", outcome=outcome, cited=cited, at=at)
    usage.close()
    votes = SlackRecords(path, clock=lambda: datetime(2026, 6, 10, 10, 0, tzinfo=timezone.utc))
    votes.vote(user_id="U1", question_id="000000000003", vote="up", cited=["a.txt"])
    votes.vote(user_id="U2", question_id="000000000002", vote="down", cited=["a.txt"])
    votes.close()
    return path


def test_days_and_weeks_are_englands(records):
    report = usage_report(records, documents=DOCS, today=date(2026, 6, 17))
    assert [(d["date"], d["questions"]) for d in report["days"]] == [
        ("2026-06-01", 1), ("2026-06-02", 1), ("2026-06-10", 2)]
    assert [(w["week_start"], w["questions"], w["not_found_rate"]) for w in report["weeks"]] == [
        ("2026-06-01", 2, 0.5), ("2026-06-08", 2, 0.0), ("2026-06-15", 0, None)]  # every week, empty ones too
    june10 = report["days"][-1]
    assert (june10["answered"], june10["partial"], june10["helpful"], june10["not_helpful"]) == (1, 1, 1, 1)
    assert report["totals"]["questions"] == 4 and report["escalations_recorded"] is False
    assert report["most_cited"] == [{"source": "a.txt", "title": "Supervision policy", "citations": 3},
                                    {"source": "b.txt", "title": "Visits", "citations": 1}]
    assert report["never_cited"] == [{"source": "c.txt", "title": "Never used"}]


def test_since_and_escalations(records):
    with sqlite3.connect(records) as db:
        db.execute("CREATE TABLE escalations (id INTEGER PRIMARY KEY, raised_at TEXT NOT NULL, resolved_at TEXT)")
        db.execute("INSERT INTO escalations (raised_at, resolved_at) VALUES ('2026-06-09T08:00:00+00:00', "
                   "'2026-06-10T08:00:00+00:00'), ('2026-06-01T08:00:00+00:00', NULL)")
    report = usage_report(records, documents=DOCS, today=date(2026, 6, 10), since=date(2026, 6, 8))
    assert report["since"] == "2026-06-08" and report["escalations_recorded"] is True
    assert report["totals"]["questions"] == 2
    assert (report["totals"]["escalations_raised"], report["totals"]["escalations_resolved"]) == (1, 1)
    assert {row["source"] for row in report["never_cited"]} == {"c.txt"}


def test_no_records_yet(tmp_path):
    report = usage_report(tmp_path / "missing.sqlite", documents=DOCS, today=date(2026, 6, 10))
    assert report["totals"]["questions"] == 0 and len(report["weeks"]) == 1 and len(report["never_cited"]) == 3
    assert "0 questions" in stats_text(report, slack=False)


def test_text_has_the_tables_and_no_mrkdwn_in_a_terminal(records):
    text = stats_text(usage_report(records, documents=DOCS, today=date(2026, 6, 17)), slack=False)
    assert "*" not in text and "`" not in text
    assert "1 Jun 2026      2        1       0         1    0    0           0        0" in text
    assert "• Supervision policy (a.txt): cited in 3 answers" in text


def test_the_chart_is_a_png(records, tmp_path):
    path = write_chart(usage_report(records, documents=DOCS, today=date(2026, 6, 17)), tmp_path / "chart.png")
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5000


def test_usage_rows_hold_ids_and_counts_only(tmp_path):
    usage = UsageLog(tmp_path / "u.sqlite")
    with pytest.raises(ValueError):
        usage.record(question_id="x", surface="dm", outcome="maybe", cited=[])
    usage.close()
    with sqlite3.connect(tmp_path / "u.sqlite") as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(usage)")]
    assert columns == ["id", "question_id", "at", "surface", "outcome", "cited"]
