"""The delivery ledger and the outbox, with a real SQLite file and the Web API double over real HTTP."""

from __future__ import annotations

import os
import stat

import pytest

from assistant.slack.delivery import INTERRUPTED, UNDELIVERED, Courier
from assistant.slack.ledger import Ledger, message_key
from assistant.slack.webapi import Hook, make_client
from tests.support.slack_web_api import SlackDouble

SECRET_REPLY = "Supervision happens every four weeks [1] SENTINEL-REPLY-5d1e"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def double():
    d = SlackDouble()
    yield d
    d.close()


@pytest.fixture
def clock():
    return Clock()


def courier_for(double, path, clock, *, boot: str = "run1", ttl_s: float = 60.0) -> Courier:
    ledger = Ledger(path, boot=boot, clock=clock)
    client = make_client("xoxb-test", base_url=double.api_url, retries=0, timeout_s=1)
    return Courier(client, ledger, ttl_s=ttl_s, first_retry_s=1.0, clock=clock,
                   hook=lambda url: Hook(url, retries=0, timeout_s=1))


def take(ledger: Ledger, channel: str, ts: str) -> str:
    key = message_key(channel, ts)
    assert ledger.take(key, ref="abc123def456", channel=channel, thread_ts=ts, message_ts=ts, user_id="U1")
    return key


def test_a_message_is_taken_once_and_the_file_is_private(tmp_path, clock):
    ledger = Ledger(tmp_path / "d.sqlite", boot="run1", clock=clock)
    key = take(ledger, "C1", "1.000001")
    assert not ledger.take(key, ref="x", channel="C1", thread_ts="1.000001", message_ts="1.000001", user_id="U1")
    assert stat.S_IMODE(os.stat(tmp_path / "d.sqlite").st_mode) == 0o600
    assert ledger.unfinished() == []  # this run's own work is not "left over"
    later = Ledger(tmp_path / "d.sqlite", boot="run2", clock=clock)
    assert [t.key for t in later.unfinished()] == [key]
    ledger.finish(key)
    assert later.unfinished() == []
    clock.now += 3601
    assert later.purge() == 1


def test_a_reply_that_timed_out_after_slack_posted_it_is_not_posted_again(double, tmp_path, clock):
    courier = courier_for(double, tmp_path / "d.sqlite", clock)
    key = take(courier.ledger, "C0STALL", "1.000002")
    double.stall_next("chat.postMessage", seconds=2)
    outcome = courier.thread_reply(key, ref="abc123def456", channel="C0STALL", thread_ts="1.000002",
                                   message_ts="1.000002", text=SECRET_REPLY, blocks=[])
    assert outcome == "held" and courier.ledger.held() == 1
    clock.now += 1
    assert courier.run_due() == 1
    assert courier.ledger.held() == 0 and courier.ledger.reply_ts(key)
    assert len(double.of("chat.postMessage", channel="C0STALL")) == 1
    assert double.of("conversations.replies", channel="C0STALL")  # it read the thread back first
    again = courier.thread_reply(key, ref="abc123def456", channel="C0STALL", thread_ts="1.000002",
                                 message_ts="1.000002", text=SECRET_REPLY, blocks=[])
    assert again == "already" and len(double.of("chat.postMessage", channel="C0STALL")) == 1


def test_a_reply_slack_never_takes_is_given_up_and_the_person_told(double, tmp_path, clock):
    courier = courier_for(double, tmp_path / "d.sqlite", clock, ttl_s=30)
    key = take(courier.ledger, "C0GIVEUP", "1.000003")
    double.break_method("chat.postMessage", status=503, error="service_unavailable")
    assert courier.thread_reply(key, ref="abc123def456", channel="C0GIVEUP", thread_ts="1.000003",
                                message_ts="1.000003", text=SECRET_REPLY, blocks=[]) == "held"
    assert any(SECRET_REPLY.encode() in p.read_bytes() for p in tmp_path.glob("d.sqlite*"))
    for path in tmp_path.glob("d.sqlite*"):  # the write-ahead log holds the text too: private as well
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path.name
    expires = clock.now + 30
    waits = []
    while courier.ledger.next_due() < expires:  # tried again and again, backing off, until the time-to-live
        clock.now = courier.ledger.next_due()
        courier.run_due()
        waits.append(clock.now)
    assert [round(b - a) for a, b in zip(waits, waits[1:])][:3] == [2, 4, 8]
    assert double.of("chat.postMessage", channel="C0GIVEUP") == []
    double.mend("chat.postMessage")
    clock.now = expires  # the last try fails (the answer is still refused), then the person is told
    double.fail_next("chat.postMessage", status=503, retry_after=None, error="service_unavailable")
    courier.run_due()
    posts = double.of("chat.postMessage", channel="C0GIVEUP")
    assert [p.args["text"] for p in posts] == [UNDELIVERED.format(ref="abc123def456")]
    assert courier.ledger.held() == 0
    for path in tmp_path.glob("d.sqlite*"):  # the held text is gone from the file's bytes
        assert SECRET_REPLY.encode() not in path.read_bytes()


def test_a_response_url_reply_is_held_and_delivered_later(double, tmp_path, clock):
    courier = courier_for(double, tmp_path / "d.sqlite", clock)
    hook = double.hook_url()
    double.fail_next("hook:" + hook.rsplit("/", 1)[1], status=500, retry_after=None, error="internal_error")
    message = {"response_type": "ephemeral", "replace_original": False, "text": SECRET_REPLY}
    assert courier.hook_reply("ask:1", ref="abc123def456", url=hook, message=message) == "held"
    clock.now += 1
    courier.run_due()
    assert [c.args["text"] for c in double.of("hook:" + hook.rsplit("/", 1)[1])] == [SECRET_REPLY]
    assert courier.ledger.held() == 0 and courier.delivered_later == 1


def test_the_next_start_tells_people_whose_question_was_never_answered(double, tmp_path, clock):
    first = courier_for(double, tmp_path / "d.sqlite", clock, boot="run1")
    take(first.ledger, "C0LEFT", "1.000004")
    second = courier_for(double, tmp_path / "d.sqlite", clock, boot="run2")
    second.start()
    try:
        posted = double.wait_for("chat.postMessage", channel="C0LEFT", timeout=10)
    finally:
        second.stop()
    assert posted[0].args["text"] == INTERRUPTED.format(ref="abc123def456")
    assert posted[0].args["thread_ts"] == "1.000004"
    assert second.ledger.unfinished() == [] and second.ledger.held() == 0
