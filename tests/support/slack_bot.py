"""Serve the real bot over HTTP on a loopback port against the Web API double (Slack tests and the benchmark)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from assistant.clock import system_clock
from assistant.runtime import Runtime
from assistant.slack.app import build_app
from assistant.slack.server import make_http_server, serve_http_in_thread
from config.settings import Settings, load_settings
from tests.support.signing import SECRET, Bot
from tests.support.slack_web_api import SlackDouble


class Seam:
    """Our own seam around the real Assistant: optional delay or failure, for the slow and error tests."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.delay_s = 0.0
        self.fail: BaseException | None = None
        self.started = 0  # questions that reached the assistant: the signal that answers are in flight
        self._lock = threading.Lock()

    def ask(self, question: str, *, context: str = ""):
        with self._lock:
            self.started += 1
        if self.fail is not None:
            raise self.fail
        if self.delay_s:
            time.sleep(self.delay_s)
        return self.inner.ask(question, context=context)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@dataclass
class Running:
    bot: Bot
    app: Any
    server: Any
    settings: Settings
    seam: Seam

    @property
    def services(self):
        return self.app.services

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.services.close()


def settings_for(double: SlackDouble, state_dir: Path, **overrides: Any) -> Settings:
    values = dict(store_dir=state_dir, slack_signing_secret=SECRET, slack_bot_token="xoxb-test-token",
                  slack_api_url=double.api_url, managers=["U0MANAGER"], rate_limit_per_minute=1000, thread_ttl_s=600)
    values.update(overrides)
    return load_settings(**values)


def start_bot(double: SlackDouble, assistant: Any, state_dir: Path, *, clock: Any = None, **overrides: Any) -> Running:
    settings = settings_for(double, state_dir, **overrides)
    seam = Seam(assistant)
    # The composition root as `serve` builds it, around the test's assistant (its store, model and clock).
    runtime = Runtime(settings, store=assistant.store, embedder=assistant.embedder, chat_model=None, assistant=seam,
                      clock=clock or getattr(assistant, "clock", None) or system_clock)
    app = build_app(runtime)
    server = make_http_server(app, seam, host="127.0.0.1", port=0)
    serve_http_in_thread(server)
    return Running(Bot(f"http://127.0.0.1:{server.server_port}", double), app, server, settings, seam)


def wait_until(predicate: Callable[[], bool], *, timeout: float = 10.0) -> bool:
    """Poll ``predicate`` until it holds (True) or ``timeout`` passes (its last value)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()
