"""/ask: acknowledged within Slack's 3 seconds however slow the answer, answered privately with the question
restated, its response_url retried on 429."""

from __future__ import annotations

from assistant.slack import blocks as bk
from tests.support.payloads import message
from tests.support.slack_bot import wait_until
from tests.support.slack_checks import QUESTION, buttons, hook_calls, section_text, valid_blocks


def test_ask_is_acknowledged_in_under_3_seconds_even_when_answering_is_slow(running, double):
    running.seam.delay_s = 4.0
    status, body, seconds, hook = running.bot.command("/ask", QUESTION, user="U0SLOWASK")
    assert status == 200 and seconds < 3.0, seconds
    assert "Looking that up" in body
    args = hook_calls(double, hook, timeout=30)[0].args  # this command's response_url, not another test's
    assert args["response_type"] == "ephemeral"
    valid_blocks(args["blocks"])
    assert bk.escape(QUESTION) in section_text(args["blocks"])  # the question restated
    assert "share_answer" in buttons(args["blocks"])


def test_slash_command_acks_stay_fast_while_many_answers_are_in_flight(running, double):
    running.seam.delay_s = 0.5  # 12 questions, two at a time: 3 s of queued answering
    before = running.seam.started
    for i in range(12):
        running.bot.send_event(message(QUESTION, channel=f"D0BUSY{i:04d}", user=f"U0BUSY{i:04d}"))
    assert wait_until(lambda: running.seam.started >= before + 2)  # answers are in flight before the commands come
    asks = [running.bot.command("/ask", QUESTION, user=f"U0BUSYASK{i}") for i in range(3)]
    assert max(seconds for _, _, seconds, _ in asks) < 1.0, asks
    for i in range(12):
        double.wait_for("chat.postMessage", channel=f"D0BUSY{i:04d}", timeout=30)
    for _, _, _, hook in asks:
        hook_calls(double, hook, timeout=30)


def test_a_response_url_429_is_retried(running, double):
    hook = double.hook_url()
    double.fail_next("hook:" + hook.rsplit("/", 1)[1], status=429, retry_after=1)
    running.bot.command("/ask", QUESTION, user="U0HOOK429", response_url=hook)
    calls = hook_calls(double, hook, timeout=20)
    assert calls[0].args["response_type"] == "ephemeral"
    attempts = [c.status for c in double.attempts if c.method == "hook:" + hook.rsplit("/", 1)[1]]
    assert attempts == [429, 200]
