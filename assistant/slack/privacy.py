"""Keep message text out of logs: slack_bolt / slack_sdk log request bodies at DEBUG and some payloads on errors.

Bolt copies a base logger's level and filters into every logger it creates, so
the app gets :func:`vendor_logger` (WARNING, every record redacted to its logger
name and level). slack_sdk's module loggers (webhook client used by
``respond()``, the Web API client, Socket Mode) get the same filter on the
logger itself, so it holds whatever handler or level a caller installs later.
"""

from __future__ import annotations

import logging
import traceback

from assistant.logs import withhold_details

VENDOR_LOGGER = "assistant.slack.vendor"
_MODULE_LOGGERS = (
    "slack_bolt", "slack_sdk", "slack_sdk.web.base_client", "slack_sdk.web.slack_response",
    "slack_sdk.webhook.client", "slack_sdk.socket_mode.builtin.client", "slack_sdk.socket_mode.builtin.connection",
    "slack_sdk.models", "slack_sdk.models.blocks.blocks", "slack_sdk.models.blocks.block_elements",
    "slack_sdk.models.blocks.basic_components", "slack_sdk.proxy_env_variable_loader",
    "slack_bolt.App", "slack_bolt.RequestVerification", "slack_bolt.SslCheck", "slack_bolt.UrlVerification",
    "slack_bolt.IgnoringSelfEvents", "slack_bolt.SingleTeamAuthorization",
    "uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi",  # the HTTP server: errors may quote a request
)


class Redact(logging.Filter):
    """Replace a third-party record's message, arguments and exception with its logger name and level."""

    def filter(self, record: logging.LogRecord) -> bool:
        withhold_details(record)
        return True


_REDACT = Redact()


def vendor_logger() -> logging.Logger:
    """The base logger handed to Bolt (and its Web API and Socket Mode clients): WARNING, redacted."""
    logger = logging.getLogger(VENDOR_LOGGER)
    logger.setLevel(logging.WARNING)
    if _REDACT not in logger.filters:
        logger.addFilter(_REDACT)
    return logger


def protect_vendor_loggers() -> None:
    """Hold slack_bolt / slack_sdk module loggers at WARNING and redact whatever they still emit."""
    existing = [name for name in logging.root.manager.loggerDict
                if name.startswith(("slack_bolt", "slack_sdk", "uvicorn"))]
    for name in (*_MODULE_LOGGERS, *existing):
        logger = logging.getLogger(name)
        logger.setLevel(logging.WARNING)
        if _REDACT not in logger.filters:
            logger.addFilter(_REDACT)


def where(exc: BaseException) -> str:
    """Where an exception came from (type, files and lines), without its message, which may quote a question."""
    frames = traceback.extract_tb(exc.__traceback__)[-4:]
    trail = " < ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}:{f.name}" for f in reversed(frames))
    return f"{type(exc).__name__} at {trail or '?'}"
