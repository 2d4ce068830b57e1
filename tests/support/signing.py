"""Signed requests to the bot, as Slack sends them: the v0 HMAC signature and its timestamp, over real HTTP."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING

from tests.support.payloads import block_action, command_form, event_envelope

if TYPE_CHECKING:
    from tests.support.slack_web_api import SlackDouble

SECRET = "test-signing-secret-3f9c"


def sign(body: str, *, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def post(url: str, body: str, *, content_type: str, headers: dict[str, str] | None = None,
         timeout: float = 10.0) -> tuple[int, str, float]:
    """POST ``body``; returns (status, response text, seconds taken)."""
    request = urllib.request.Request(url, data=body.encode(), method="POST",
                                     headers={"Content-Type": content_type, **(headers or {})})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode(), time.perf_counter() - started
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), time.perf_counter() - started


class Bot:
    """Send signed Events API, slash-command and interactivity requests to a bot served at ``url``."""

    def __init__(self, url: str, double: SlackDouble, *, secret: str = SECRET) -> None:
        self.url = url.rstrip("/")
        self.events_url = self.url + "/slack/events"
        self.double = double
        self.secret = secret

    def send_event(self, event: dict, *, event_id: str | None = None, headers: dict | None = None,
                   timestamp: int | None = None) -> tuple[int, str, float]:
        body = json.dumps(event_envelope(event, event_id=event_id))
        return post(self.events_url, body, content_type="application/json",
                    headers={**sign(body, secret=self.secret, timestamp=timestamp), **(headers or {})})

    def command(self, command: str, text: str, *, user: str = "U0WORKER1", channel: str = "C0GENERAL",
                response_url: str | None = None) -> tuple[int, str, float, str]:
        """Returns (status, body, seconds, response_url)."""
        hook = response_url or self.double.hook_url()
        body = urllib.parse.urlencode(command_form(command, text, user=user, channel=channel, response_url=hook))
        status, text_, seconds = post(self.events_url, body, content_type="application/x-www-form-urlencoded",
                                      headers=sign(body, secret=self.secret))
        return status, text_, seconds, hook

    def click(self, action_id: str, value: str, *, user: str = "U0WORKER1", channel: str = "C0GENERAL",
              message_ts: str | None = None, ephemeral: bool = False) -> tuple[int, str, float, str]:
        """Returns (status, body, seconds, response_url)."""
        hook = self.double.hook_url()
        payload = block_action(action_id, value, user=user, channel=channel, message_ts=message_ts,
                               ephemeral=ephemeral, response_url=hook)
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        status, text_, seconds = post(self.events_url, body, content_type="application/x-www-form-urlencoded",
                                      headers=sign(body, secret=self.secret))
        return status, text_, seconds, hook
