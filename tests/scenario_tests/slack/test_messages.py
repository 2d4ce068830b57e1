"""Direct messages and thread follow-ups: the thread's earlier question is context; only the bot's threads, only
questions; bot messages, edits and joins ignored."""

from __future__ import annotations

import logging

from assistant.slack import blocks as bk
from tests.support.payloads import BOT_USER, mention, message, new_ts
from tests.support.slack_bot import wait_until
from tests.support.slack_checks import QUESTION, wait_logged


def test_dm_follow_up_uses_the_threads_earlier_question(running, double, assistant):
    first = message(QUESTION, channel="D0FOLLOW1", user="U0FOLLOW1")
    running.bot.send_event(first)
    double.wait_for("chat.postMessage", channel="D0FOLLOW1", thread_ts=first["ts"])
    follow_up = "what about team managers?"
    reply = message(follow_up, channel="D0FOLLOW1", user="U0FOLLOW1", thread_ts=first["ts"])
    running.bot.send_event(reply)
    answers = double.wait_for("chat.postMessage", channel="D0FOLLOW1", thread_ts=first["ts"], count=2)
    with_context = assistant.ask(follow_up, context=QUESTION)
    without = assistant.ask(follow_up)
    assert [c.source for c in with_context.citations] != [c.source for c in without.citations] or \
        with_context.answer != without.answer, "pick a follow-up whose answer depends on the context"
    assert answers[1].args["text"] == bk.answer_text(with_context)


def test_channel_thread_follow_up_needs_no_mention_only_in_the_bots_threads(running, double, caplog):
    caplog.set_level(logging.DEBUG, logger="assistant.slack")
    event = mention(QUESTION, channel="C0THREAD1")
    running.bot.send_event(event)
    double.wait_for("chat.postMessage", channel="C0THREAD1", thread_ts=event["ts"])
    running.bot.send_event(message("what about students?", channel="C0THREAD1", channel_type="channel",
                                   thread_ts=event["ts"]))
    double.wait_for("chat.postMessage", channel="C0THREAD1", thread_ts=event["ts"], count=2)
    chatter = [
        (message("thanks, that's what I needed", channel="C0THREAD1", channel_type="channel",
                 thread_ts=event["ts"]), "not-a-question"),  # a colleague's comment in the bot's thread
        (message("what about students?", channel="C0THREAD1", channel_type="channel", thread_ts=new_ts()),
         "not-our-thread"),
        (message("lunch anyone?", channel="C0THREAD1", channel_type="channel"), "not-in-a-thread"),
    ]
    for chat, reason in chatter:
        assert running.bot.send_event(chat)[0] == 200
        wait_logged(caplog, f"message ignored channel=C0THREAD1 ts={chat['ts']} reason={reason}")
    assert len(double.of("chat.postMessage", channel="C0THREAD1")) == 2


def test_bot_messages_edits_and_joins_are_ignored(running, double, caplog):
    caplog.set_level(logging.DEBUG, logger="assistant.slack")
    caplog.set_level(logging.DEBUG, logger="slack_bolt.IgnoringSelfEvents")  # Bolt drops the bot's own messages
    channel = "D0IGNORED1"
    others = [
        (message(QUESTION, channel=channel, bot_id="B0OTHER", subtype="bot_message"), "subtype"),
        (message(QUESTION, channel=channel, subtype="message_changed"), "subtype"),
        (message("<@U0NEW> has joined the channel", channel="C0JOINS01", channel_type="channel",
                 subtype="channel_join"), "subtype"),
    ]
    for event, reason in others:
        assert running.bot.send_event(event)[0] == 200  # acknowledged (so Slack does not retry), then ignored
        wait_logged(caplog, f"message ignored channel={event['channel']} ts={event['ts']} reason={reason}")
    selfish = message(QUESTION, channel=channel, user=BOT_USER, bot_id="BBOT0001")
    before = caplog.text.count("slack_bolt.IgnoringSelfEvents")
    assert running.bot.send_event(selfish)[0] == 200
    assert wait_until(lambda: caplog.text.count("slack_bolt.IgnoringSelfEvents") > before or
                      f"message ignored channel={channel} ts={selfish['ts']} reason=bot" in caplog.text)
    assert not double.of("chat.postMessage", channel=channel)
    assert not double.of("chat.postMessage", channel="C0JOINS01")
    assert not double.of("reactions.add", channel=channel)
