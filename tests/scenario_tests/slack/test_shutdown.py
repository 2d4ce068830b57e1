"""SIGTERM while answers are in flight, on a real `serve --http` process: they finish before the process exits,
or they are handed to the next start, which posts each reply exactly once (Slack's redeliveries included)."""

from __future__ import annotations

import sqlite3

from tests.support.payloads import mention
from tests.support.slack_bot import wait_until
from tests.support.bot_process import BotProcess, copy_store
from tests.support.burst import Delivery, burst

QUESTION = "How often do social workers get supervision?"
ANSWER_WORDS = "one-to-one supervision"  # from the answer the sample documents give


def thread_counts(double, events) -> list[int]:
    counts = double.posts_per_thread()
    return [counts.get((e["channel"], e["ts"]), 0) for e in events]


def ledger_rows(store, sql: str) -> int:
    with sqlite3.connect(store / "slack-delivery.sqlite") as db:
        return db.execute(sql).fetchone()[0]


def test_answers_in_flight_at_sigterm_finish_before_the_process_exits(double, store):
    events = [mention(QUESTION, channel=f"C0TERM{i:02d}", user=f"U0TERM{i:02d}") for i in range(16)]
    double.slow("reactions.add", seconds=1.0)  # keeps every answer in flight for a while
    try:
        with BotProcess(double, store) as process:
            acks = burst(process.bot, [Delivery(e, f"EvTERM{i:04d}") for i, e in enumerate(events)])
            assert {a.status for a in acks} == {200}
            process.wait_health(lambda h: h["in_flight"] >= 10)
            assert process.terminate() == 0
            assert "stopped: finished=16 dropped=0" in process.output
    finally:
        double.slow("reactions.add", seconds=0)
    assert thread_counts(double, events) == [1] * len(events)
    for e in events:
        assert "[1]" in double.of("chat.postMessage", channel=e["channel"], thread_ts=e["ts"])[0].args["text"]


def test_replies_held_at_sigterm_are_posted_exactly_once_by_the_next_start(double, knowledge_store, tmp_path):
    store = copy_store(knowledge_store.root, tmp_path / "store")
    events = [mention(QUESTION, channel=f"C0HAND{i:02d}", user=f"U0HAND{i:02d}") for i in range(20)]
    deliveries = [Delivery(e, f"EvHAND{i:04d}") for i, e in enumerate(events)]
    double.break_method("chat.postMessage", status=500)  # Slack is failing when the bot is stopped
    double.slow("reactions.add", seconds=1.0)
    try:
        with BotProcess(double, store, KB_SHUTDOWN_GRACE_S="1") as first:
            assert {a.status for a in burst(first.bot, deliveries)} == {200}
            first.wait_health(lambda h: h["in_flight"] == len(events))
            assert first.terminate() == 0
    finally:
        double.mend("chat.postMessage")
        double.slow("reactions.add", seconds=0)
    assert thread_counts(double, events) == [0] * len(events)
    held = ledger_rows(store, "SELECT count(*) FROM outbox")
    unstarted = ledger_rows(store, "SELECT count(*) FROM taken WHERE done = 0")
    assert held >= 1 and unstarted >= 1 and held + unstarted == len(events), (held, unstarted)
    assert any(ANSWER_WORDS.encode() in path.read_bytes() for path in store.glob("slack-delivery.sqlite*"))

    with BotProcess(double, store) as second:
        redelivered = burst(second.bot, [Delivery(d.event, d.event_id, retry_num=1) for d in deliveries])
        assert {a.status for a in redelivered} == {200} and max(a.seconds for a in redelivered) < 3
        assert wait_until(lambda: all(thread_counts(double, events)), timeout=60), thread_counts(double, events)
        second.wait_health(lambda h: h["outbox"] == 0 and h["in_flight"] == 0)
        assert QUESTION not in second.output

    assert thread_counts(double, events) == [1] * len(events)  # exactly once, across the restart
    texts = [double.of("chat.postMessage", channel=e["channel"], thread_ts=e["ts"])[0].args["text"] for e in events]
    assert sum("[1]" in t and ANSWER_WORDS in t for t in texts) == held  # the answers worked out before the stop
    assert sum("restarted before I could answer" in t for t in texts) == unstarted  # the rest are told
    for path in store.glob("slack-delivery.sqlite*"):  # posted replies are gone from the file, not just unlinked
        assert ANSWER_WORDS.encode() not in path.read_bytes(), path.name
