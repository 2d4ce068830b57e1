"""Socket Mode start-up against local doubles: apps.connections.open over HTTP, then a WebSocket that
delivers an event (twice, as Slack's retry would) which the bot acknowledges and answers once."""

from __future__ import annotations

import json
import logging
import time
import urllib.request

import pytest

from assistant.pipeline import Assistant
from assistant.runtime import Runtime
from assistant.slack.app import build_app, socket_mode_handler
from assistant.slack.server import make_http_server, serve_http_in_thread
from config.settings import load_settings
from tests.support.payloads import mention
from tests.support.signing import post
from tests.support.slack_checks import wait_logged
from tests.support.slack_web_api import SlackDouble
from tests.support.socket_mode import SocketModeDouble


@pytest.fixture
def doubles():
    web, ws = SlackDouble(), SocketModeDouble()
    web.ws_url = ws.url
    yield web, ws
    ws.close()
    web.close()


def test_socket_mode_starts_acks_and_answers_once(doubles, knowledge_store, embedder, tmp_path, caplog):
    caplog.set_level(logging.DEBUG, logger="assistant.slack")
    web, ws = doubles
    settings = load_settings(store_dir=tmp_path, slack_bot_token="xoxb-test", slack_app_token="xapp-test",
                             slack_api_url=web.api_url)
    assistant = Assistant(knowledge_store, embedder=embedder)
    runtime = Runtime(settings, store=knowledge_store, embedder=embedder, chat_model=None, assistant=assistant)
    app = build_app(runtime, socket_mode=True)
    handler = socket_mode_handler(app, settings.slack_app_token)
    try:
        handler.connect()
        ws.wait_connected()
        assert web.of("apps.connections.open")
        assert web.of("apps.connections.open")[0].headers.get("Authorization") == "Bearer xapp-test"

        event = mention("How often do social workers get supervision?", channel="C0SOCKET1")
        started = time.perf_counter()
        ws.push_event(event, event_id="EvSOCKET01", envelope_id="env-1")
        ws.wait_ack("env-1")
        ack_s = time.perf_counter() - started
        assert ack_s < 3
        ws.push_event(event, event_id="EvSOCKET01", envelope_id="env-2", retry_attempt=1)
        ws.wait_ack("env-2")
        posted = web.wait_for("chat.postMessage", channel="C0SOCKET1", thread_ts=event["ts"])[0]
        assert "[1]" in posted.args["text"]
        # The redelivery was dropped (by its event id, or else by its message): no second reply can follow.
        wait_logged(caplog, "duplicate event dropped event_id=EvSOCKET01",
                    f"message already taken surface=mention channel=C0SOCKET1 ts={event['ts']}")
        assert len(web.of("chat.postMessage", channel="C0SOCKET1")) == 1

        health = make_http_server(None, assistant, host="127.0.0.1", port=0)  # `serve --health-port`
        serve_http_in_thread(health)
        base = f"http://127.0.0.1:{health.server_port}"
        with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
            assert json.loads(response.read())["ok"] is True
        assert post(base + "/slack/events", "{}", content_type="application/json")[0] == 404
        health.shutdown()
        health.server_close()
    finally:
        handler.close()
        app.services.close()
