"""Which message events are questions for the bot (DMs; follow-ups in its threads that look like questions)."""

from __future__ import annotations

from assistant.slack.messages import wanted


def test_which_message_events_are_questions():
    knows = lambda channel, ts: ts == "1.0"  # noqa: E731
    base = {"type": "message", "user": "U1", "text": "hi", "ts": "2.0", "channel": "C1"}
    assert wanted({**base, "channel_type": "im"}, bot_user_id="UB", knows_thread=knows)
    edit = {**base, "channel_type": "im", "subtype": "message_changed"}
    assert not wanted(edit, bot_user_id="UB", knows_thread=knows)
    assert not wanted({**base, "channel_type": "im", "bot_id": "B1"}, bot_user_id="UB", knows_thread=knows)
    assert not wanted({**base, "channel_type": "channel"}, bot_user_id="UB", knows_thread=knows)
    assert not wanted({**base, "channel_type": "channel", "thread_ts": "1.0"}, bot_user_id="UB", knows_thread=knows)
    follow_up = {**base, "channel_type": "channel", "thread_ts": "1.0", "text": "what about students"}
    assert wanted(follow_up, bot_user_id="UB", knows_thread=knows)
    assert wanted({**follow_up, "text": "and for ASYE?"}, bot_user_id="UB", knows_thread=knows)
    assert not wanted({**follow_up, "text": "thanks, that's great"}, bot_user_id="UB", knows_thread=knows)
    assert not wanted({**base, "channel_type": "channel", "thread_ts": "1.5"}, bot_user_id="UB", knows_thread=knows)
    assert not wanted({**base, "channel_type": "channel", "thread_ts": "1.0", "text": "<@UB> hi"},
                      bot_user_id="UB", knows_thread=knows)
