"""A question naming a child must appear in no log line and on no console, whatever the log levels say."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from assistant.pipeline import Assistant
from tests.support.payloads import mention, message
from tests.support.signing import post, sign
from tests.support.logs import LogCapture
from tests.support.slack_bot import start_bot
from tests.support.slack_web_api import SlackDouble

SENTINEL = "SENTINEL-CHILD-NAME-7f3a"


@pytest.fixture
def double():
    d = SlackDouble()
    yield d
    d.close()


def test_a_sentinel_question_appears_in_no_log(double, knowledge_store, embedder, tmp_path, capfd):
    assistant = Assistant(knowledge_store, embedder=embedder)
    r = start_bot(double, assistant, tmp_path, rate_limit_per_minute=4)

    # Everything at DEBUG, including slack_bolt / slack_sdk and our own loggers: redaction must still hold.
    captured = LogCapture.start()
    try:
        question = f"How often does {SENTINEL} need a social worker visit and supervision?"
        ev = mention(question, channel="C0SENTINL")
        r.bot.send_event(ev)
        double.wait_for("chat.postMessage", channel="C0SENTINL", thread_ts=ev["ts"])
        dm = message(question, channel="D0SENTINL", user="U0SENTINL")
        r.bot.send_event(dm)
        double.wait_for("chat.postMessage", channel="D0SENTINL", thread_ts=dm["ts"])
        r.bot.send_event(message(f"and what about {SENTINEL}'s brother?", channel="D0SENTINL", user="U0SENTINL",
                                 thread_ts=dm["ts"]))
        double.wait_for("chat.postMessage", channel="D0SENTINL", thread_ts=dm["ts"], count=2)

        _, _, _, hook = r.bot.command("/ask", question, user="U0SENTIN2")
        hook_id = hook.rsplit("/", 1)[1]
        private = double.wait_for(f"hook:{hook_id}")[0].args
        actions = {e["action_id"]: e for b in private["blocks"] if b["type"] == "actions" for e in b["elements"]}
        for action_id in ("share_answer", "feedback_up"):
            if action_id in actions:
                _, _, _, h = r.bot.click(action_id, actions[action_id]["value"], user="U0SENTIN2")
                double.wait_for(f"hook:{h.rsplit('/', 1)[1]}")
        _, _, _, h = r.bot.click("show_passages", SENTINEL, user="U0SENTIN2")  # unknown id: expired message
        double.wait_for(f"hook:{h.rsplit('/', 1)[1]}")
        _, _, _, h = r.bot.click("feedback_down", f"not json {SENTINEL}", user="U0SENTIN2")
        double.wait_for(f"hook:{h.rsplit('/', 1)[1]}")

        r.seam.fail = RuntimeError(f"failed while answering about {SENTINEL}")
        ev = mention(question, channel="C0SENTIN2")
        r.bot.send_event(ev)
        reply = double.wait_for("chat.postMessage", channel="C0SENTIN2", thread_ts=ev["ts"])[0].args
        assert SENTINEL not in reply["text"]
        r.seam.fail = None

        for _ in range(4):  # past the rate limit of 4 a minute
            r.bot.send_event(message(question, channel="D0SENTIN3", user="U0SENTIN3"))
        double.wait_for("chat.postMessage", channel="D0SENTIN3", count=4)

        # Requests Bolt refuses or does not handle: bad signature, unknown event, garbage payload.
        body = json.dumps({"type": "event_callback", "event_id": "EvSENT", "event": mention(question)})
        assert post(r.bot.events_url, body, content_type="application/json",
                    headers=sign(body, secret="wrong"))[0] == 401
        r.bot.send_event({"type": "reaction_added", "user": "U0SENTINL", "reaction": SENTINEL,
                          "item": {"type": "message", "channel": "C0SENTINL", "ts": "1.2"}, "event_ts": "1.3"})
        junk = urllib.parse.urlencode({"payload": "{" + SENTINEL})
        post(r.bot.events_url, junk, content_type="application/x-www-form-urlencoded", headers=sign(junk))
        double.fail_next("chat.postMessage", status=200, retry_after=None, error="channel_not_found",
                         match={"channel": "C0SENTIN4"})
        ev = mention(question, channel="C0SENTIN4")
        r.bot.send_event(ev)
        double.wait_for("reactions.remove", channel="C0SENTIN4")
    finally:
        captured.stop()
        r.stop()

    logs = captured.text
    out, err = capfd.readouterr()
    assert "answered surface=mention" in logs and "replied surface=ask" in logs  # logging was captured
    assert "error=RuntimeError" in logs  # the failure is logged, by type and place only
    assert SENTINEL not in logs
    assert SENTINEL not in out and SENTINEL not in err
    assert "social worker visit" not in logs  # nor any other part of the question
    for path in tmp_path.rglob("*"):  # nor on disk: slack.sqlite and its journal hold ids only
        if path.is_file():
            assert SENTINEL.encode() not in path.read_bytes(), path.name
    assert any(p.name.startswith("slack.sqlite") for p in tmp_path.iterdir())
