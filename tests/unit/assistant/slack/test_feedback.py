"""Slack records: one vote per person and answer, ids only; the audit log."""

from __future__ import annotations

import json


def test_feedback_keeps_one_vote_per_person_and_answer(tmp_path):
    from assistant.slack.feedback import SlackRecords

    records = SlackRecords(tmp_path / "slack.sqlite")
    records.vote(user_id="U1", question_id="0123456789ab", vote="up", cited=["a.md", "a.md", "b.md"])
    records.vote(user_id="U1", question_id="0123456789ab", vote="down", cited=["a.md"])
    records.vote(user_id="U2", question_id="0123456789ab", vote="up", cited=[])
    rows = records.rows("feedback")
    assert [(r["user_id"], r["vote"], json.loads(r["cited"])) for r in rows] == [
        ("U1", "down", ["a.md"]), ("U2", "up", [])]
    records.audit(user_id="U1", command="/kb-refresh", allowed=False, outcome="refused")
    assert records.rows("audit")[0]["command"] == "/kb-refresh"
    records.close()
