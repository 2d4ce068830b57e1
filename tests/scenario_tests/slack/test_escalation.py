""""Ask a person" over real HTTP: signed block_actions to the bot on a loopback port; the Web API double
records the escalation post, the permalink lookup, the notes in the asker's thread and the resolution."""

from __future__ import annotations

import json
import sqlite3

import pytest
from tests.support.payloads import mention, message
from tests.support.slack_bot import start_bot, wait_until
from tests.support.slack_web_api import SlackDouble
from tests.support.slack_payloads import click, elements, texts


QUESTION = "How often do social workers get supervision?"
OFF_TOPIC = "What is the capital of France?"
ESCALATION = "C0ESCALATE"
DUTY = "S0DUTYMGR"


@pytest.fixture(scope="module")
def running(double, assistant, tmp_path_factory):
    r = start_bot(double, assistant, tmp_path_factory.mktemp("escalation-state"), escalation_channel=ESCALATION,
                  escalation_mention=[DUTY, "U0DUTYONE"])
    yield r
    r.stop()


def test_ask_a_person_posts_a_link_never_the_question_and_tells_the_thread(running, double):
    event = mention(QUESTION, channel="C0TEAMONE", user="U0ASKER01")
    running.bot.send_event(event)
    answer = double.wait_for("chat.postMessage", channel="C0TEAMONE", thread_ts=event["ts"])[0].args
    button = elements(answer["blocks"])["ask_person"]
    assert button["text"]["text"] == "Ask a person" and json.loads(button["value"])["o"] == "answered"

    answer_message_ts = "1760000000.000101"  # the answer's ts as Slack would report it in the click
    status, _, seconds, _ = click(running.bot, button, user="U0ASKER01", channel="C0TEAMONE",
                                  message={"ts": answer_message_ts, "thread_ts": event["ts"], "text": answer["text"]})
    assert status == 200 and seconds < 3

    post = double.wait_for("chat.postMessage", channel=ESCALATION)[0].args
    permalink = double.wait_for("chat.getPermalink", channel="C0TEAMONE")[0].args
    assert permalink["message_ts"] == answer_message_ts
    shown = post["text"] + texts(post["blocks"])
    assert f"<!subteam^{DUTY}>" in shown and "<@U0DUTYONE>" in shown and "<@U0ASKER01>" in shown
    assert "https://council.slack.com/archives/C0TEAMONE/p1760000000000101" in shown
    assert "supervision" not in shown.lower() and "social workers" not in shown.lower()  # no copy of the question
    resolve = elements(post["blocks"])["escalation_resolve"]
    assert resolve["text"]["text"] == "Mark resolved"

    note = double.wait_for("chat.postMessage", channel="C0TEAMONE", thread_ts=event["ts"], count=2)[1].args
    assert f"<!subteam^{DUTY}>" in note["text"] and f"<#{ESCALATION}>" in note["text"]

    rows = running.services.escalations.all()
    row = next(r for r in rows if r.asked_channel == "C0TEAMONE")
    assert (row.state, row.raised_by, row.asked_thread_ts, row.answer_ts, row.outcome) == (
        "open", "U0ASKER01", event["ts"], answer_message_ts, "answered")
    assert row.post_channel == ESCALATION and row.post_ts

    # Mark resolved, from the escalation post
    status, _, _, _ = click(running.bot, resolve, user="U0DUTYONE", channel=ESCALATION,
                            message={"ts": row.post_ts, "text": post["text"]})
    assert status == 200
    updated = double.wait_for("chat.update", channel=ESCALATION, ts=row.post_ts)[0].args
    assert "Resolved by <@U0DUTYONE>" in updated["text"] and "escalation_resolve" not in json.dumps(updated["blocks"])
    resolved = double.wait_for("chat.postMessage", channel="C0TEAMONE", thread_ts=event["ts"], count=3)[2].args
    assert "<@U0DUTYONE> has marked your request for a person as resolved" in resolved["text"]
    assert running.services.escalations.get(row.id).state == "resolved"

    # A second press of either button does not repeat anything
    _, _, _, hook = click(running.bot, resolve, user="U0DUTYTWO", channel=ESCALATION, message={"ts": row.post_ts})
    assert "already marked resolved by <@U0DUTYONE>" in _hook(double, hook)["text"]
    _, _, _, hook = click(running.bot, button, user="U0ASKER01", channel="C0TEAMONE",
                          message={"ts": answer_message_ts, "thread_ts": event["ts"]})
    assert "already been asked" in _hook(double, hook)["text"]
    assert len(double.of("chat.postMessage", channel=ESCALATION)) == 1


def test_not_found_carries_the_button_too_and_a_dm_gets_no_useless_link(running, double):
    dm = message(OFF_TOPIC, channel="D0ASKERDM", user="U0ASKER02")
    running.bot.send_event(dm)
    answer = double.wait_for("chat.postMessage", channel="D0ASKERDM", thread_ts=dm["ts"])[0].args
    assert "couldn't find" in answer["text"]
    button = elements(answer["blocks"])["ask_person"]
    assert json.loads(button["value"])["o"] == "not_found"
    click(running.bot, button, user="U0ASKER02", channel="D0ASKERDM",
          message={"ts": "1760000000.000202", "thread_ts": dm["ts"]})
    post = wait_post(double, "U0ASKER02")
    assert "could not answer" in post["text"] and "message <@U0ASKER02> directly" in post["text"]
    assert "archives" not in post["text"]  # the duty team cannot open someone's DM with the bot
    assert not double.of("chat.getPermalink", channel="D0ASKERDM")
    note = double.wait_for("chat.postMessage", channel="D0ASKERDM", thread_ts=dm["ts"], count=2)[1].args
    assert "will message you directly" in note["text"]


def test_a_private_ask_answer_can_be_escalated_and_its_resolution_reaches_the_asker(running, double):
    _, _, _, hook = running.bot.command("/ask", QUESTION, user="U0ASKER03", channel="C0TEAMTWO")
    private = _hook(double, hook)
    button = elements(private["blocks"])["ask_person"]
    _, _, _, note_hook = click(running.bot, button, user="U0ASKER03", channel="C0TEAMTWO", ephemeral=True)
    post = wait_post(double, "U0ASKER03")
    assert "asked privately" in post["text"] and "archives" not in post["text"]
    assert "I've asked" in _hook(double, note_hook)["text"]
    row = next(r for r in running.services.escalations.all() if r.raised_by == "U0ASKER03")
    assert row.asked_thread_ts is None and row.answer_ts is None
    resolve = elements(post["blocks"])["escalation_resolve"]
    click(running.bot, resolve, user="U0DUTYONE", channel=ESCALATION, message={"ts": row.post_ts,
                                                                                "text": post["text"]})
    dm = double.wait_for("chat.postMessage", channel="U0ASKER03")[0].args  # to the asker's DM with the bot
    assert "marked your request for a person as resolved" in dm["text"]


def test_escalations_are_stored_as_ids_and_times_only(running):
    with sqlite3.connect(running.services.escalations.path) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(escalations)")]
        rows = db.execute("SELECT * FROM escalations").fetchall()
    assert rows
    assert set(columns) == {"id", "question_id", "outcome", "asked_channel", "asked_thread_ts", "answer_ts",
                            "raised_by", "raised_at", "post_channel", "post_ts", "state", "resolved_by",
                            "resolved_at"}
    for row in rows:
        for value in row:
            assert value is None or " " not in str(value)  # identifiers, states and ISO times: no text


def test_without_an_escalation_channel_there_is_no_button(double, assistant, tmp_path):
    r = start_bot(double, assistant, tmp_path)
    try:
        event = mention(QUESTION, channel="C0NOESCAL")
        r.bot.send_event(event)
        answer = double.wait_for("chat.postMessage", channel="C0NOESCAL")[0].args
        assert "ask_person" not in elements(answer["blocks"])
        assert {"show_passages", "feedback_up"} <= set(elements(answer["blocks"]))
    finally:
        r.stop()


def test_when_the_escalation_channel_refuses_the_post_the_asker_is_told_to_call(running, double):
    event = mention(QUESTION, channel="C0REFUSED", user="U0ASKER04")
    running.bot.send_event(event)
    answer = double.wait_for("chat.postMessage", channel="C0REFUSED")[0].args
    double.fail_next("chat.postMessage", status=200, retry_after=None, error="not_in_channel")
    _, _, _, hook = click(running.bot, elements(answer["blocks"])["ask_person"], user="U0ASKER04",
                          channel="C0REFUSED", message={"ts": "1760000000.000404", "thread_ts": event["ts"]})
    assert "contact your duty manager directly" in _hook(double, hook)["text"]
    assert not [r for r in running.services.escalations.all() if r.raised_by == "U0ASKER04"]  # may try again


def wait_post(double: SlackDouble, asker: str) -> dict:
    assert wait_until(lambda: any(f"<@{asker}>" in c.args.get("text", "")
                                  for c in double.of("chat.postMessage", channel=ESCALATION)), timeout=20)
    return next(c.args for c in double.of("chat.postMessage", channel=ESCALATION)
                if f"<@{asker}>" in c.args.get("text", ""))


def _hook(double: SlackDouble, hook: str, *, count: int = 1) -> dict:
    hook_id = hook.rsplit("/", 1)[1]
    assert wait_until(lambda: len(double.of(f"hook:{hook_id}")) >= count, timeout=20)
    return double.of(f"hook:{hook_id}")[count - 1].args
