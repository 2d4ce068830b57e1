"""Bursts of deliveries and a misbehaving Web API, on a real `serve --http` process over real HTTP.

200 deliveries at once are all accepted and acked in under 3 s. 50 people
mention the bot at once (plus 10 redeliveries) while chat.postMessage answers
500 for a while, then 429 with Retry-After, and one call stalls past the
client's timeout after Slack has posted it: every delivery is acked in under
3 s and every thread gets exactly one answer.
"""

from __future__ import annotations

import time

import pytest

from tests.support.payloads import mention
from tests.support.slack_bot import wait_until
from tests.support.bot_process import BotProcess
from tests.support.burst import Delivery, burst

QUESTION = "How often do social workers get supervision?"
PEOPLE = 50
REDELIVERED = 10


@pytest.fixture(scope="module")
def running(double, store):
    with BotProcess(double, store) as process:
        yield process


def answered_threads(double, events) -> dict[str, int]:
    counts = double.posts_per_thread()
    return {e["channel"]: counts.get((e["channel"], e["ts"]), 0) for e in events}


def test_fifty_mentions_through_500s_429s_and_a_stall_are_acked_fast_and_answered_exactly_once(running, double):
    events = [mention(QUESTION, channel=f"C0BURST{i:02d}", user=f"U0BURST{i:02d}") for i in range(PEOPLE)]
    deliveries = [Delivery(e, f"EvBURST{i:04d}") for i, e in enumerate(events)]
    deliveries += [Delivery(d.event, d.event_id, retry_num=1) for d in deliveries[:REDELIVERED]]
    double.break_method("chat.postMessage", status=500)

    acks = burst(running.bot, deliveries)

    assert [a.status for a in acks] == [200] * len(deliveries), [a.error for a in acks if a.status != 200]
    assert max(a.seconds for a in acks) < 3.0
    started = time.perf_counter()
    assert running.health()["in_flight"] > 0  # answers are being worked out (and refused)...
    assert time.perf_counter() - started < 1.0  # ...and /healthz still answers at once
    # Replies Slack refused after the client's own retries are held for another try.
    running.wait_health(lambda h: h["outbox"] >= 3, timeout=90)
    double.fail_next("chat.postMessage", status=429, retry_after=1, times=3)
    double.stall_next("chat.postMessage", seconds=3)  # longer than KB_SLACK_TIMEOUT_S=2
    double.mend("chat.postMessage")

    assert wait_until(lambda: all(answered_threads(double, events).values()), timeout=120), \
        answered_threads(double, events)
    health = running.wait_health(lambda h: h["outbox"] == 0 and h["in_flight"] == 0, timeout=60)
    assert health["delivered_later"] >= 3

    assert set(answered_threads(double, events).values()) == {1}  # exactly once, redeliveries included
    for e in events:
        reply = double.of("chat.postMessage", channel=e["channel"], thread_ts=e["ts"])[0].args
        assert "[1]" in reply["text"], reply["text"]  # the answer itself, not an apology
    attempts = [c for c in double.attempts if c.method == "chat.postMessage"]
    assert sum(c.status == 500 for c in attempts) >= 9  # three refused posts, each tried 1 + 2 times
    stalled = [c for c in double.calls if c.method == "chat.postMessage" and c.stalled]
    assert len(stalled) == 1  # Slack posted it, the bot timed out, read the thread back, and did not post again
    limited = [c for c in attempts if c.status == 429]
    assert len(limited) == 3
    for refused in limited:  # each tried again only after Retry-After
        later = [c for c in attempts if c.args.get("channel") == refused.args.get("channel") and c.at > refused.at]
        assert later and min(c.at for c in later) - refused.at >= 0.9
    assert QUESTION not in running.output


def test_response_url_posts_of_every_surface_are_retried_by_the_clients_handlers(running, double):
    """/ask (its answer goes through the outbox's courier) and /kb-status (``respond``, as every listener gets it)
    each meet a 500 then a 429 first."""
    for command in ("/ask", "/kb-status"):
        hook = double.hook_url()
        name = "hook:" + hook.rsplit("/", 1)[1]
        double.fail_next(name, status=500, retry_after=None, error="internal_error")
        double.fail_next(name, status=429, retry_after=1)
        status, _, seconds, _ = running.bot.command(command, QUESTION, user="U0MANAGER", response_url=hook)
        assert status == 200 and seconds < 3
        assert wait_until(lambda: [c.status for c in double.attempts if c.method == name][-1:] == [200], timeout=30)
        assert [c.status for c in double.attempts if c.method == name] == [500, 429, 200], command


def test_two_hundred_deliveries_at_once_are_all_accepted_acked_and_answered_once(running, double):
    """The listen backlog: no connection is refused or reset (the old wsgiref server reset most of them)."""
    events = [mention("What should a management oversight record include?", channel=f"C0LOAD{i:03d}",
                      user=f"U0LOAD{i:03d}") for i in range(200)]
    acks = burst(running.bot, [Delivery(e, f"EvLOAD{i:04d}") for i, e in enumerate(events)])
    assert [a.status for a in acks] == [200] * len(events), [a.error for a in acks if a.status != 200]
    assert max(a.seconds for a in acks) < 3.0
    assert wait_until(lambda: all(answered_threads(double, events).values()), timeout=180)
    running.wait_health(lambda h: h["outbox"] == 0 and h["in_flight"] == 0, timeout=60)
    assert set(answered_threads(double, events).values()) == {1}
