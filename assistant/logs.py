"""Logging for every entry point: identifiers, counts and timings only, never message text.

Third-party loggers that can print request bodies or texts at DEBUG (slack_bolt,
slack_sdk, chromadb, httpx, urllib3, sentence_transformers) are held at WARNING
whatever the level asked for, so turning on DEBUG for our own code cannot leak
a question.
"""

from __future__ import annotations

import logging
import sys

_QUIET = (
    "slack_bolt", "slack_sdk", "chromadb", "httpx", "httpcore", "urllib3", "sentence_transformers",
    "transformers", "huggingface_hub", "bm25s", "langchain", "openai", "anthropic", "apscheduler", "posthog",
    "uvicorn",
)


class _DropArgsOnThirdPartyErrors(logging.Filter):
    """Third-party error records may carry payloads in their args or exception text: keep only the message id."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(("assistant", "ingest", "bot", "config", "__main__")):
            if record.levelno < logging.WARNING:
                return False  # a library that sets its own logger's level after start-up stays quiet
            withhold_details(record)
        return True


def withhold_details(record: logging.LogRecord) -> None:
    """Reduce a record to its logger name and level: message, arguments and exception may hold payloads."""
    record.msg = f"{record.name}: {record.levelname.lower()} (details withheld)"
    record.args = ()
    record.exc_info = None
    record.exc_text = None
    record.stack_info = None


def configure(level: str = "INFO", *, stream=None) -> None:
    """Install one stderr handler with the content-free format."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(_DropArgsOnThirdPartyErrors())
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
