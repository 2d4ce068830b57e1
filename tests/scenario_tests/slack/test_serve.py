"""`python bot.py serve --http` as a real process: starts, says it is healthy, answers a signed mention,
and keeps the question out of its console output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import urllib.request

import pytest

from tests.conftest import ROOT
from tests.support.payloads import mention
from tests.support.signing import SECRET, Bot
from tests.support.slack_bot import wait_until
from tests.support.slack_web_api import SlackDouble
from tests.support.socket_mode import SocketModeDouble
SENTINEL = "SENTINEL-CHILD-NAME-7f3a"


def bot_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KB_"))}
    env.update(HF_HUB_OFFLINE="1", HF_HUB_DISABLE_PROGRESS_BARS="1", TOKENIZERS_PARALLELISM="false", **extra)
    return env


def test_serve_refuses_to_start_without_tokens(tmp_path):
    result = subprocess.run([sys.executable, "bot.py", "serve", "--store", str(tmp_path)], cwd=ROOT,
                            env=bot_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr and "SLACK_APP_TOKEN" in result.stderr


@pytest.fixture
def double():
    d = SlackDouble()
    yield d
    d.close()


def test_serve_http_answers_a_signed_mention(double, knowledge_store):
    env = bot_env(SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=double.api_url,
                  KB_STORE_DIR=str(knowledge_store.root), KB_LOG_LEVEL="DEBUG")
    proc = subprocess.Popen([sys.executable, "bot.py", "serve", "--http", "--host", "127.0.0.1", "--port", "0"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    ready = threading.Event()
    url: dict[str, str] = {}

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line)
            found = re.search(r"on (http://127\.0\.0\.1:\d+)/slack/events", line)
            if found:
                url["base"] = found.group(1)
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(120), "".join(lines)[-2000:]
        with urllib.request.urlopen(url["base"] + "/healthz", timeout=5) as response:
            assert json.loads(response.read())["knowledge_base"] == "loaded"
        bot = Bot(url["base"], double)
        event = mention(f"How often does {SENTINEL} need supervision for social workers?", channel="C0SERVE01")
        status, _, seconds = bot.send_event(event)
        assert status == 200 and seconds < 3
        posted = double.wait_for("chat.postMessage", channel="C0SERVE01", thread_ts=event["ts"], timeout=30)
        assert posted[0].args["blocks"]
        wait_until(lambda: "replied surface=mention" in "".join(lines))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        reader.join(timeout=5)
    output = "".join(lines)
    assert "replied surface=mention" in output  # the process logged at DEBUG...
    assert SENTINEL not in output  # ...but never the question


def test_serve_socket_mode_connects_answers_and_reports_health(double, knowledge_store):
    ws = SocketModeDouble()
    double.ws_url = ws.url
    env = bot_env(SLACK_BOT_TOKEN="xoxb-test", SLACK_APP_TOKEN="xapp-test", SLACK_API_URL=double.api_url,
                  KB_STORE_DIR=str(knowledge_store.root))
    proc = subprocess.Popen([sys.executable, "bot.py", "serve", "--host", "127.0.0.1", "--health-port", "0"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)  # type: ignore[arg-type]
    reader.start()
    try:
        assert wait_until(lambda: "health: http" in "".join(lines), timeout=120), "".join(lines)[-2000:]
        base = re.search(r"health: (http://127\.0\.0\.1:\d+)/healthz", "".join(lines)).group(1)
        with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
            assert json.loads(response.read())["knowledge_base"] == "loaded"
        ws.wait_connected(timeout=30)
        event = mention("How often do social workers get supervision?", channel="C0SOCKCLI")
        ws.push_event(event, event_id="EvSOCKCLI1", envelope_id="env-cli-1")
        ws.wait_ack("env-cli-1")
        posted = double.wait_for("chat.postMessage", channel="C0SOCKCLI", thread_ts=event["ts"], timeout=30)
        assert "[1]" in posted[0].args["text"]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        ws.close()
