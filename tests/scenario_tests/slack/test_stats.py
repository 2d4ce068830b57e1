"""/kb-stats over real HTTP: counts only, per day and week, votes and escalations, most- and never-cited
documents; the chart uploaded to the manager with files_upload_v2 (getUploadURLExternal, the upload POST,
completeUploadExternal) against the Web API double. A child's name asked about appears nowhere."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

import pytest
from slack_sdk.models.blocks import Block
from tests.support.payloads import mention, message
from tests.support.slack_bot import start_bot, wait_until
from tests.support.slack_web_api import SlackDouble
from tests.support.currency_docs import write_currency_docs
from tests.support.slack_payloads import click, elements

from assistant.clock import LONDON, fixed_clock
from assistant.pipeline import Assistant
from ingest.indexer import sync
from ingest.store import KnowledgeStore

SENTINEL = "Zebedee-Quillfeather-5b1e"
NOW = datetime(2026, 11, 26, 16, 45, tzinfo=LONDON)  # a Thursday; the week commences Monday 23 November
DUTY = "C0DUTYROOM"


@pytest.fixture(scope="module")
def running(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("stats")
    store = KnowledgeStore(root / "store")
    sync(store, [write_currency_docs(root / "docs")], embedder=embedder)
    assistant = Assistant(store, embedder=embedder, clock=fixed_clock(NOW))
    double = SlackDouble()
    # Usage records beside the index, as `serve` keeps them; "Ask a person" posts in a duty channel.
    r = start_bot(double, assistant, root / "store", escalation_channel=DUTY, escalation_mention=["U0DUTYONE"])
    yield r, double, root
    r.stop()
    double.close()
    assistant.close()


def hook_reply(double: SlackDouble, hook: str, count: int = 1) -> list[dict]:
    return [c.args for c in double.wait_for("hook:" + hook.rsplit("/", 1)[1], count=count)]


QUESTIONS = {  # surface -> question
    "mention": f"How quickly must a manager decide on a referral about {SENTINEL}?",
    "dm": "How quickly must a manager decide on a referral?",
    "dm2": "What is the capital of France?",
    "ask": "How often are children in care visited?",
}


def ask_questions(r, double) -> tuple[Counter, Counter]:
    """Four questions (one names a child) on three surfaces, a 👍 and a 👎; returns the outcomes and cited
    documents the same assistant gives for them, which the figures must count."""
    event = mention(QUESTIONS["mention"], channel="C0STATS01")
    r.bot.send_event(event)
    double.wait_for("chat.postMessage", channel="C0STATS01", thread_ts=event["ts"])
    replies = []
    for key in ("dm", "dm2"):
        dm = message(QUESTIONS[key], channel="D0STATS01", user="U0STATS01")
        r.bot.send_event(dm)
        replies.append(double.wait_for("chat.postMessage", channel="D0STATS01", thread_ts=dm["ts"])[0].args)
    _, _, _, hook = r.bot.command("/ask", QUESTIONS["ask"], user="U0STATS02")
    hook_reply(double, hook)
    for reply, action in zip(replies, ("feedback_up", "feedback_down")):
        value = next(e["value"] for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]
                     if e["action_id"] == action)
        _, _, _, hook = r.bot.click(action, value, user="U0STATS01")
        hook_reply(double, hook)
    answers = [r.seam.inner.ask(q) for q in QUESTIONS.values()]
    return Counter(a.outcome for a in answers), Counter(c for a in answers for c in {x.source for x in a.citations})


def figures(line: str, skip: int) -> list[int]:
    return [int(x) for x in line.replace("`", "").split()[skip:]]


def test_kb_stats_reports_counts_and_uploads_the_chart(running):
    r, double, root = running
    outcomes, cited = ask_questions(r, double)
    assert outcomes["answered"] >= 2 and cited  # the questions are meant to be answerable, bar France
    _, _, _, hook = r.bot.command("/kb-stats", "", user="U0MANAGER")
    reply = hook_reply(double, hook)[0]
    assert reply["response_type"] == "ephemeral"
    for block in Block.parse_all(reply["blocks"]):
        block.validate_json()
    text = "\n".join(b["text"]["text"] for b in reply["blocks"] if b["type"] == "section")
    rate = round(100 * outcomes["not_found"] / 4)
    assert text.startswith(f"*Usage, 26 November 2026 to 26 November 2026*: 4 questions, {rate}% not found")
    expected = [4, outcomes["answered"], outcomes["partial"], outcomes["not_found"], 1, 1, 0, 0]
    week = next(line for line in text.splitlines() if line.startswith("23 Nov 2026"))
    assert figures(week, 3) == expected  # asked, answered, partial, not found, 👍, 👎, escalations, resolved
    day = next(line for line in text.splitlines() if line.startswith("Thu 26 Nov 2026"))
    assert figures(day, 4) == expected
    for source, n in cited.items():
        assert f"(`{source}`): cited in {n} answer{'s' if n != 1 else ''}" in text
    never = text[text.index("*Documents never cited*"):]
    assert all(source not in never for source in cited) and "ofsted-2019-stockton.txt" in never

    opened = double.wait_for("conversations.open", users="U0MANAGER")[0]
    url = double.wait_for("files.getUploadURLExternal")[0].args
    assert url["filename"] == "usage.png" and int(url["length"]) > 1000
    complete = double.wait_for("files.completeUploadExternal")[0].args
    assert complete["channel_id"] == "D0MANAGER" and opened
    upload = double.wait_for("upload:" + json.loads(complete["files"])[0]["id"])[0]
    data = double.uploads[upload.method.split(":", 1)[1]]
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) == int(url["length"])
    assert wait_until(lambda: ("U0MANAGER", "/kb-stats", 1, "ok") in {
        (a["user_id"], a["command"], a["allowed"], a["outcome"]) for a in r.services.records.rows("audit")})

    # Only ids and counts were stored: the child's name is in no Slack call, no upload and no file.
    for call in double.calls:
        assert SENTINEL not in str(call.args), call.method
    assert all(SENTINEL.encode() not in data for data in double.uploads.values())
    for path in root.rglob("*"):
        if path.is_file():
            assert SENTINEL.encode() not in path.read_bytes(), path


def test_escalations_raised_and_resolved_are_counted(running):
    r, double, _ = running
    event = mention("How often are children in care visited?", channel="C0STATS02", user="U0STATS03")
    r.bot.send_event(event)
    answer = double.wait_for("chat.postMessage", channel="C0STATS02", thread_ts=event["ts"])[0].args
    click(r.bot, elements(answer["blocks"])["ask_person"], user="U0STATS03", channel="C0STATS02",
          message={"ts": "1764150000.000100", "thread_ts": event["ts"], "text": answer["text"]})
    post = double.wait_for("chat.postMessage", channel=DUTY)[0]
    row = next(e for e in r.services.escalations.all() if e.raised_by == "U0STATS03")
    click(r.bot, elements(post.args["blocks"])["escalation_resolve"], user="U0MANAGER", channel=DUTY,
          message={"ts": row.post_ts, "text": post.args["text"]})
    assert wait_until(lambda: r.services.escalations.get(row.id).state == "resolved")

    _, _, _, hook = r.bot.command("/kb-stats", "since 2026-11-23", user="U0MANAGER")
    text = hook_reply(double, hook)[0]["text"]
    double.wait_for("files.completeUploadExternal", count=2)
    week = next(line for line in text.splitlines() if line.startswith("23 Nov 2026"))
    assert figures(week, 3)[-2:] == [1, 1]  # raised, resolved: on the one clock, this week
    assert figures(week, 3)[0] == 5  # and the escalated question was counted like any other


def test_kb_stats_is_for_managers_and_says_how_to_give_a_date(running):
    r, double, _ = running
    _, _, _, hook = r.bot.command("/kb-stats", "", user="U0WORKER7")
    assert "only for team managers" in hook_reply(double, hook)[0]["text"]
    _, _, _, hook = r.bot.command("/kb-stats", "last tuesday", user="U0MANAGER")
    assert "/kb-stats since 2026-11-01" in hook_reply(double, hook)[0]["text"]


def test_a_chart_that_cannot_be_uploaded_is_reported_with_a_reference(running):
    r, double, _ = running
    double.fail_next("files.completeUploadExternal", status=200, retry_after=None, error="not_allowed_token_type")
    _, _, _, hook = r.bot.command("/kb-stats", "since 2026-11-23", user="U0MANAGER")
    replies = hook_reply(double, hook, count=2)
    assert replies[0]["text"].startswith("*Usage, 23 November 2026")  # the figures still arrive
    assert replies[1]["text"].startswith("Sorry, I couldn't send you the chart. Reference: `")
    assert wait_until(lambda: ("U0MANAGER", "/kb-stats", 1, "no-chart") in {
        (a["user_id"], a["command"], a["allowed"], a["outcome"]) for a in r.services.records.rows("audit")})
