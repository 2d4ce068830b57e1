"""`python bot.py serve --http` as a real process against the Slack Web API double (scenario tests, benchmarks).

The process is started with short timeouts (settings through the environment),
its console is captured, and every wait is for a positive signal: the
"serving" line, a /healthz field, the process's exit.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Callable

from tests.support.signing import SECRET, Bot
from tests.support.slack_web_api import SlackDouble

ROOT = Path(__file__).resolve().parent.parent.parent
FAST = {  # settings that keep fault tests to seconds
    "KB_SLACK_TIMEOUT_S": "2", "KB_SLACK_RETRIES": "2", "KB_OUTBOX_RETRY_S": "0.5", "KB_OUTBOX_TTL_S": "60",
    "KB_SHUTDOWN_GRACE_S": "15", "KB_RATE_LIMIT_PER_MINUTE": "1000", "KB_MANAGERS": "U0MANAGER",
}


def bot_env(double: SlackDouble, store: Path, **extra: str) -> dict[str, str]:
    """The environment of a bot process: none of the caller's Slack or KB_ settings, the double's address."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KB_", "CHROMA_"))}
    env.update(HF_HUB_OFFLINE="1", HF_HUB_DISABLE_PROGRESS_BARS="1", TOKENIZERS_PARALLELISM="false",
               ANONYMIZED_TELEMETRY="False", SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SECRET,
               SLACK_API_URL=double.api_url, KB_STORE_DIR=str(store), **FAST)
    env.update(extra)
    return env


def copy_store(source: Path, target: Path) -> Path:
    """A private copy of a built store folder (the bot writes its Slack records beside the index)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("slack*.sqlite*", "*.lock"))
    return target


class BotProcess:
    """One `serve --http` process on a free loopback port; ``prefix`` runs it through a launcher instead of
    ``bot.py`` (e.g. the fault launcher), ``root`` from another checkout (the benchmark's old server)."""

    def __init__(self, double: SlackDouble, store: Path, *, prefix: list[str] | None = None, root: Path = ROOT,
                 python: str = sys.executable, **env: str) -> None:
        self.double = double
        self.store = store
        self.argv = [python, *(prefix or [str(root / "bot.py")]), "serve", "--http", "--host", "127.0.0.1",
                     "--port", "0"]
        self.root = root
        self.env = bot_env(double, store, **env)
        self.lines: list[str] = []
        self.url = ""
        self.process: subprocess.Popen | None = None
        self._ready = threading.Event()

    def start(self, *, timeout: float = 180.0) -> "BotProcess":
        self.process = subprocess.Popen(self.argv, cwd=self.root, env=self.env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        if not self._ready.wait(timeout):
            self.kill()
            raise AssertionError(f"the bot did not start in {timeout} s:\n{self.output[-3000:]}")
        return self

    def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            found = re.search(r"on (http://127\.0\.0\.1:\d+)/slack/events", line)
            if found:
                self.url = found.group(1)
                self._ready.set()

    @property
    def output(self) -> str:
        return "".join(self.lines)

    @property
    def bot(self) -> Bot:
        return Bot(self.url, self.double)

    def health(self) -> dict[str, Any]:
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=5) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return json.loads(exc.read())

    def wait_health(self, predicate: Callable[[dict[str, Any]], bool], *, timeout: float = 30.0) -> dict[str, Any]:
        """Poll /healthz until ``predicate`` holds; fail with the last body and the console's tail."""
        deadline = time.monotonic() + timeout
        body: dict[str, Any] = {}
        while time.monotonic() < deadline:
            body = self.health()
            if predicate(body):
                return body
            time.sleep(0.05)
        raise AssertionError(f"/healthz never matched; last: {body}\n{self.output[-2000:]}")

    def wait_output(self, text: str, *, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            if time.monotonic() > deadline:
                raise AssertionError(f"never logged {text!r}:\n{self.output[-2000:]}")
            time.sleep(0.05)

    def terminate(self, *, timeout: float = 60.0) -> int:
        """SIGTERM, then wait for the exit; returns the exit code."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def __enter__(self) -> "BotProcess":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        if self.process is not None and self.process.poll() is None:
            try:
                self.terminate(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
