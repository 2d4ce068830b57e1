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


def test_thread_memory_lasts_30_minutes_as_wired_into_the_app(double, assistant, tmp_path, caplog):
    """The app's thread memory runs on the one clock (Runtime(clock=...)) with the default time-to-live."""
    from datetime import datetime

    from assistant.clock import LONDON
    from tests.support.clock import MovingClock
    from tests.support.slack_bot import start_bot

    caplog.set_level(logging.DEBUG, logger="assistant.slack")
    clock = MovingClock(datetime(2026, 3, 2, 9, 0, tzinfo=LONDON))
    r = start_bot(double, assistant, tmp_path / "state", clock=clock, thread_ttl_s=None)  # the default
    try:
        assert r.settings.thread_ttl_s == 30 * 60
        follow_up = "what about team managers?"
        with_context = bk.answer_text(assistant.ask(follow_up, context=QUESTION))
        without = bk.answer_text(assistant.ask(follow_up))
        assert with_context != without, "pick a follow-up whose answer depends on the context"
        # A DM thread: a follow-up 29 minutes on still carries the question; 31 minutes after that, it does not.
        first = message(QUESTION, channel="D0MEMORY1")
        r.bot.send_event(first)
        double.wait_for("chat.postMessage", channel="D0MEMORY1", thread_ts=first["ts"])
        clock.move(minutes=29)
        r.bot.send_event(message(follow_up, channel="D0MEMORY1", thread_ts=first["ts"]))
        replies = double.wait_for("chat.postMessage", channel="D0MEMORY1", thread_ts=first["ts"], count=2)
        assert replies[1].args["text"] == with_context
        clock.move(minutes=31)
        r.bot.send_event(message(follow_up, channel="D0MEMORY1", thread_ts=first["ts"]))
        replies = double.wait_for("chat.postMessage", channel="D0MEMORY1", thread_ts=first["ts"], count=3)
        assert replies[2].args["text"] == without  # the earlier question was forgotten
        # A channel thread is the bot's for 30 minutes after its last answer there, then a reply is left alone.
        start = mention(QUESTION, channel="C0MEMORY1")
        r.bot.send_event(start)
        double.wait_for("chat.postMessage", channel="C0MEMORY1", thread_ts=start["ts"])
        clock.move(minutes=29)
        r.bot.send_event(message(follow_up, channel="C0MEMORY1", channel_type="channel", thread_ts=start["ts"]))
        double.wait_for("chat.postMessage", channel="C0MEMORY1", thread_ts=start["ts"], count=2)
        clock.move(minutes=31)
        late = message(follow_up, channel="C0MEMORY1", channel_type="channel", thread_ts=start["ts"])
        r.bot.send_event(late)
        wait_logged(caplog, f"message ignored channel=C0MEMORY1 ts={late['ts']} reason=not-our-thread")
        assert len(double.of("chat.postMessage", channel="C0MEMORY1")) == 2
    finally:
        r.stop()
