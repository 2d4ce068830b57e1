"""@-mentions: answered in the question's thread with the pipeline's citations; not found said out loud;
errors apologised for by reference; each event answered once."""

from __future__ import annotations

import json
import logging

from assistant.slack import blocks as bk
from tests.support.payloads import mention, message
from tests.support.slack_checks import OFF_TOPIC, QUESTION, buttons, section_text, valid_blocks, wait_logged


def test_mention_is_answered_in_its_thread_with_the_pipelines_citations(running, double, assistant):
    event = mention(QUESTION, channel="C0MENTION1", user="U0MENTION1")
    status, _, seconds = running.bot.send_event(event)
    assert status == 200 and seconds < 3

    post_call = double.wait_for("chat.postMessage", channel="C0MENTION1", thread_ts=event["ts"])[0]
    expected = assistant.ask(QUESTION)
    assert not expected.abstained and expected.citations
    args = post_call.args
    valid_blocks(args["blocks"])
    assert args["unfurl_links"] is False and args["unfurl_media"] is False
    assert args["text"].startswith(bk.escape(expected.answer)[:60])
    shown = section_text(args["blocks"])
    assert bk.escape(expected.answer) in shown
    assert "*Sources*" in shown
    for c in expected.citations:
        assert f"[{c.n}] " in shown and bk.escape(c.title) in shown
    # only the cited sources are listed
    assert shown.count("\n[") + shown.count("*\n[") <= len(expected.citations) + 1
    assert {"show_passages", "feedback_up", "feedback_down"} <= set(buttons(args["blocks"]))

    reacted = double.wait_for("reactions.add", channel="C0MENTION1", timestamp=event["ts"])[0]
    removed = double.wait_for("reactions.remove", channel="C0MENTION1", timestamp=event["ts"])[0]
    assert reacted.args["name"] == removed.args["name"] == "eyes"
    assert reacted.at <= post_call.at <= removed.at


def test_not_found_is_said_out_loud_with_the_documents_checked(running, double):
    event = mention(OFF_TOPIC, channel="C0NOTFOUND")
    running.bot.send_event(event)
    args = double.wait_for("chat.postMessage", channel="C0NOTFOUND", thread_ts=event["ts"])[0].args
    valid_blocks(args["blocks"])
    assert "couldn't find" in args["text"] and "nearest documents I checked" in args["text"]
    assert "show_passages" not in buttons(args["blocks"])  # nothing was cited


def test_an_internal_error_gets_an_apology_with_a_reference_never_the_exception_text(running, double):
    running.seam.fail = RuntimeError("database exploded near EXCEPTION-TEXT-91c2")
    event = mention(QUESTION, channel="C0ERROR01")
    running.bot.send_event(event)
    args = double.wait_for("chat.postMessage", channel="C0ERROR01", thread_ts=event["ts"])[0].args
    assert "EXCEPTION-TEXT-91c2" not in json.dumps(args) and "RuntimeError" not in json.dumps(args)
    assert "Sorry" in args["text"] and "reference" in args["text"]
    double.wait_for("reactions.remove", channel="C0ERROR01", timestamp=event["ts"])


def test_the_same_event_delivered_twice_is_answered_once(running, double, caplog):
    caplog.set_level(logging.DEBUG, logger="assistant.slack")
    event = mention(QUESTION, channel="C0DUPLIC1")
    first = running.bot.send_event(event, event_id="EvDUPLICATE01")
    retry = running.bot.send_event(event, event_id="EvDUPLICATE01",
                                   headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert first[0] == retry[0] == 200
    # The redelivery was dropped (by its event id, or else by its message): after that, no second reply can come.
    wait_logged(caplog, "duplicate event dropped event_id=EvDUPLICATE01",
                f"message already taken surface=mention channel=C0DUPLIC1 ts={event['ts']}")
    double.wait_for("chat.postMessage", channel="C0DUPLIC1")
    assert len(double.of("chat.postMessage", channel="C0DUPLIC1")) == 1


def test_the_message_copy_of_a_mention_is_dropped(running, double, caplog):
    caplog.set_level(logging.DEBUG, logger="assistant.slack")
    first = mention(QUESTION, channel="C0COPIES1")
    running.bot.send_event(first)
    double.wait_for("chat.postMessage", channel="C0COPIES1", thread_ts=first["ts"])
    # A mention inside a thread the bot answers in: its message twin would otherwise be a follow-up to answer.
    event = mention("and what about students?", channel="C0COPIES1", thread_ts=first["ts"])
    copy = message(event["text"], channel="C0COPIES1", channel_type="channel", ts=event["ts"],
                   thread_ts=first["ts"])
    running.bot.send_event(copy)
    running.bot.send_event(event)
    wait_logged(caplog, f"message ignored channel=C0COPIES1 ts={event['ts']} reason=mention-twin",
                f"message already taken surface=mention channel=C0COPIES1 ts={event['ts']}",
                f"message already taken surface=thread channel=C0COPIES1 ts={event['ts']}")
    double.wait_for("chat.postMessage", channel="C0COPIES1", thread_ts=first["ts"], count=2)
    assert len(double.of("chat.postMessage", channel="C0COPIES1")) == 2
