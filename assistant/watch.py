"""Preload each newly published version in the background, so a bot replica switches without a slow question.

A refresh in this process preloads through the composition root's publish hook; a replica (another process
sharing the store and Chroma server) sees the LIVE pointer move here, within ``interval`` seconds.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

log = logging.getLogger(__name__)


class Preloads(Protocol):
    def preload(self) -> bool: ...


def watch_live(assistant: Preloads, *, interval: float = 2.0) -> threading.Event:
    """Start a daemon thread that preloads the live version whenever it changes; set the returned event to stop."""
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(interval):
            try:
                assistant.preload()
            except Exception:  # a version pruned mid-load, a store being rebuilt: the next poll tries again
                log.warning("background preload failed; questions load the live version themselves", exc_info=False)

    threading.Thread(target=run, name="preload-live", daemon=True).start()
    return stop
