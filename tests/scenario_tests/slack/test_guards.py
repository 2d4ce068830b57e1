"""Guards on questions: the channel allow list and the per-user rate limit."""

from __future__ import annotations

from tests.support.payloads import mention, message
from tests.support.slack_bot import start_bot
from tests.support.slack_checks import QUESTION


def test_channel_allow_list(double, assistant, tmp_path):
    r = start_bot(double, assistant, tmp_path, allowed_channels=["C0ALLOWED"])
    try:
        r.bot.send_event(mention(QUESTION, channel="C0ELSEWHR", user="U0ALLOW01"))
        refusal = double.wait_for("chat.postEphemeral", channel="C0ELSEWHR")[0].args
        assert refusal["user"] == "U0ALLOW01" and "/ask" in refusal["text"]
        r.bot.send_event(mention(QUESTION, channel="C0ALLOWED"))
        double.wait_for("chat.postMessage", channel="C0ALLOWED")
        r.bot.send_event(message(QUESTION, channel="D0ALLOWDM"))  # DMs are always allowed
        double.wait_for("chat.postMessage", channel="D0ALLOWDM")
        assert not double.of("chat.postMessage", channel="C0ELSEWHR")
    finally:
        r.stop()


def test_rate_limit_gives_a_friendly_message(double, assistant, tmp_path):
    r = start_bot(double, assistant, tmp_path, rate_limit_per_minute=2)
    try:
        for _ in range(3):
            r.bot.send_event(message(QUESTION, channel="D0RATELIM", user="U0RATELIM"))
        posts = double.wait_for("chat.postMessage", channel="D0RATELIM", count=3)
        texts = [p.args["text"] for p in posts]
        assert sum("try again in about" in t for t in texts) == 1
        status, body, _, _ = r.bot.command("/ask", QUESTION, user="U0RATELIM")
        assert status == 200 and "try again in about" in body
    finally:
        r.stop()
