"""Everything the process logs, at DEBUG, including slack_bolt, slack_sdk and our own loggers: what a privacy
test reads to prove a question's text was never logged."""

from __future__ import annotations

import io
import logging

PREFIXES = ("slack_bolt", "slack_sdk", "assistant")


class LogCapture:
    """Root handler at DEBUG plus every existing library logger lowered to DEBUG; :meth:`stop` restores them."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._handler = logging.StreamHandler(self._buffer)
        self._handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        self._handler.setLevel(logging.DEBUG)
        self._root_level = logging.getLogger().level
        self._levels: dict[str, int] = {}

    @classmethod
    def start(cls) -> "LogCapture":
        capture = cls()
        root = logging.getLogger()
        root.addHandler(capture._handler)
        root.setLevel(logging.DEBUG)
        for name in [n for n in logging.root.manager.loggerDict if n.startswith(PREFIXES)]:
            logger = logging.getLogger(name)
            capture._levels[name] = logger.level
            logger.setLevel(logging.DEBUG)
        return capture

    def stop(self) -> None:
        root = logging.getLogger()
        root.removeHandler(self._handler)
        root.setLevel(self._root_level)
        for name, level in self._levels.items():
            logging.getLogger(name).setLevel(level)

    @property
    def text(self) -> str:
        return self._buffer.getvalue()
