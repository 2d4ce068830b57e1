"""The Web API client (retries on 429 and connection errors) and calls that log failures by id, never crash."""

from __future__ import annotations

import logging
from typing import Any, Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from assistant.slack.privacy import vendor_logger

log = logging.getLogger(__name__)


def make_client(token: str | None, *, base_url: str, retries: int = 3, timeout_s: int = 15) -> WebClient:
    """A WebClient for ``base_url`` that honours Retry-After on 429 and retries dropped connections."""
    if not base_url.endswith("/"):
        base_url += "/"
    return WebClient(
        token=token,
        base_url=base_url,
        timeout=timeout_s,
        logger=vendor_logger(),
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=retries),
                        RateLimitErrorRetryHandler(max_retry_count=retries)],
    )


def call(method: Callable[..., Any], *, what: str, ref: str = "-", **kwargs: Any) -> Any | None:
    """Run one Web API (or response_url) call; on failure log ``what``, ``ref`` and Slack's error code, return None."""
    try:
        result = method(**kwargs)
        status = getattr(result, "status_code", 200)  # respond() returns a WebhookResponse, it does not raise
        if isinstance(status, int) and status >= 400:
            log.warning("slack call failed what=%s ref=%s status=%d", what, ref, status)
            return None
        return result
    except SlackApiError as exc:
        code = exc.response.get("error", "?") if exc.response is not None else "?"
        log.warning("slack call failed what=%s ref=%s error=%s", what, ref, code)
    except Exception as exc:  # network trouble after retries, bad response: never crash a listener
        log.warning("slack call failed what=%s ref=%s error=%s", what, ref, type(exc).__name__)
    return None
