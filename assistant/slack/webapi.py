"""Web API and response_url clients with slack_sdk's own retry handlers, and calls that log failures by id.

Every client retries by itself: 429 after its Retry-After, 500/503, and
connections refused, reset or dropped before a response. A call that still
fails is reported as an :class:`Outcome`: *transient* (Slack may take it
later: the outbox tries again) or not (Slack refused it for good).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from http.client import HTTPException
from typing import Any, Callable
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_bolt.context.respond import Respond
from slack_bolt.context.respond.internals import _build_message
from slack_sdk.webhook import WebhookClient, WebhookResponse

from assistant.slack.privacy import vendor_logger

log = logging.getLogger(__name__)
# Slack's error codes that mean "not now" rather than "never".
TRANSIENT_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}


def retry_handlers(retries: int) -> list[RetryHandler]:
    """slack_sdk's handlers: rate limits (honouring Retry-After), server errors, connection errors."""
    return [RateLimitErrorRetryHandler(max_retry_count=retries), ServerErrorRetryHandler(max_retry_count=retries),
            ConnectionErrorRetryHandler(max_retry_count=retries)]


def make_client(token: str | None, *, base_url: str, retries: int = 2, timeout_s: int = 10) -> WebClient:
    """The WebClient for every Web API call of the bot (``base_url``: Slack, or a local double)."""
    if not base_url.endswith("/"):
        base_url += "/"
    return WebClient(token=token, base_url=base_url, timeout=timeout_s, logger=vendor_logger(),
                     retry_handlers=retry_handlers(retries))


class Hook(Respond):
    """Bolt's ``respond`` for one response_url (slash commands, buttons), posting through a WebhookClient with
    the same retry handlers as the Web API (Bolt's own has none). Called exactly like ``respond``."""

    def __init__(self, url: str | None, *, retries: int = 2, timeout_s: int = 10) -> None:
        super().__init__(response_url=url)
        self._client = WebhookClient(url, timeout=timeout_s, logger=vendor_logger(),
                                     retry_handlers=retry_handlers(retries)) if url else None

    def __call__(self, text: str | dict = "", **options: Any) -> WebhookResponse:
        if self._client is None:
            raise ValueError("this request has no response_url")
        message = _build_message(**text) if isinstance(text, dict) else _build_message(text=text, **options)
        return self._client.send_dict(message)


@dataclass
class Outcome:
    """What became of one call: its response, or Slack's error code and whether trying later may help."""

    response: Any | None = None
    error: str = ""
    transient: bool = False
    retry_after: float = 0.0  # seconds Slack asked us to wait (429), for the outbox's next try

    @property
    def ok(self) -> bool:
        return self.response is not None


def attempt(method: Callable[..., Any], *, what: str, ref: str = "-", **kwargs: Any) -> Outcome:
    """Run one Web API (or response_url) call; its client has already retried. Failures are logged with
    ``what``, ``ref`` and Slack's error code, never raised."""
    try:
        result = method(**kwargs)
    except SlackApiError as exc:
        response = exc.response
        status = getattr(response, "status_code", 200)
        code = (response.get("error") if response is not None and isinstance(response.data, dict) else None) \
            or f"status-{status}"
        outcome = Outcome(error=str(code), transient=status == 429 or status >= 500 or code in TRANSIENT_ERRORS,
                          retry_after=_retry_after(response))
    except (URLError, ConnectionError, TimeoutError, HTTPException) as exc:
        # After a timeout Slack may or may not have acted: callers check before posting again.
        outcome = Outcome(error=type(exc).__name__, transient=True)
    except Exception as exc:  # a bad response or anything else: never crash a listener
        outcome = Outcome(error=type(exc).__name__)
    else:
        status = getattr(result, "status_code", 200)  # a response_url post returns a WebhookResponse, never raises
        if not isinstance(status, int) or status < 400:
            return Outcome(response=result)
        outcome = Outcome(error=f"status-{status}", transient=status == 429 or status >= 500,
                          retry_after=_retry_after(result))
    log.warning("slack call failed what=%s ref=%s error=%s transient=%s", what, ref, outcome.error,
                outcome.transient)
    return outcome


def _retry_after(response: Any) -> float:
    """Retry-After in seconds from a Web API or response_url response (0 when absent)."""
    headers = {str(k).lower(): v for k, v in (getattr(response, "headers", None) or {}).items()}
    value = headers.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return max(0.0, float(value)) if value is not None else 0.0
    except ValueError:
        return 0.0


def call(method: Callable[..., Any], *, what: str, ref: str = "-", **kwargs: Any) -> Any | None:
    """:func:`attempt`, returning the response or None."""
    return attempt(method, what=what, ref=ref, **kwargs).response
