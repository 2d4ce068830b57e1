"""The Web API client (retries on 429 and connection errors) and calls that log failures by id, never crash."""

from __future__ import annotations

import logging
import time
from http.client import HTTPException
from typing import Any, Callable
from urllib.error import URLError

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


def call(method: Callable[..., Any], *, what: str, ref: str = "-", retries: int = 0, **kwargs: Any) -> Any | None:
    """Run one Web API (or response_url) call; on failure log ``what``, ``ref`` and Slack's error code, return None.

    ``retries``: extra attempts on connection errors, 429 and 5xx, for clients without retry handlers
    (Bolt's ``respond``, which posts to a response_url; the WebClient retries by itself).
    """
    for attempt in range(retries + 1):
        wait_s = 0.0
        try:
            result = method(**kwargs)
            status = getattr(result, "status_code", 200)  # respond() returns a WebhookResponse, it does not raise
            if not isinstance(status, int) or status < 400:
                return result
            if status == 429 or status >= 500:
                headers = {k.lower(): v for k, v in (getattr(result, "headers", None) or {}).items()}
                retry_after = headers.get("retry-after")
                if isinstance(retry_after, list):
                    retry_after = retry_after[0] if retry_after else None
                wait_s = min(float(retry_after), 10.0) if str(retry_after or "").isdigit() else 1.0
                problem = f"status={status}"
            else:
                log.warning("slack call failed what=%s ref=%s status=%d", what, ref, status)
                return None
        except SlackApiError as exc:
            code = exc.response.get("error", "?") if exc.response is not None else "?"
            log.warning("slack call failed what=%s ref=%s error=%s", what, ref, code)
            return None
        except (URLError, ConnectionError, TimeoutError, HTTPException) as exc:
            wait_s, problem = 1.0, f"error={type(exc).__name__}"
        except Exception as exc:  # a bad response or anything else: never crash a listener
            log.warning("slack call failed what=%s ref=%s error=%s", what, ref, type(exc).__name__)
            return None
        if attempt < retries:
            log.info("slack call retried what=%s ref=%s %s wait_s=%.0f", what, ref, problem, wait_s)
            time.sleep(wait_s)
    log.warning("slack call failed what=%s ref=%s %s", what, ref, problem)
    return None
