"""The one refresh of a knowledge base, shared by the command line, Slack's /kb-refresh and the schedule.

A :class:`Refresher` is made once per process (by the composition root,
``assistant/runtime.py``) with everything a refresh needs: the store, the
embedding model, the source folders, how many versions to keep and the
optional findings model. After it publishes a new version it tells its
listeners (a running assistant preloads the new version).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Callable, Iterable

from ingest.embedder import Embedder
from ingest.indexer import Progress, SyncSummary, sync
from ingest.limits import ReadLimits
from ingest.store import KnowledgeStore

log = logging.getLogger(__name__)
Listener = Callable[[SyncSummary], None]


class Refresher:
    """Bring ``store`` in step with ``sources``; every caller gets the same settings and the same listeners."""

    def __init__(
        self,
        store: KnowledgeStore,
        *,
        embedder: Embedder,
        sources: Iterable[Path],
        keep_versions: int = 2,
        findings_model: Any | None = None,
        limits: ReadLimits | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.sources = [Path(s) for s in sources]
        self.keep_versions = keep_versions
        self.findings_model = findings_model
        self.limits = limits or ReadLimits()  # what one file may cost (ingest.limits; settings KB_MAX_...)
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def on_publish(self, listener: Listener) -> None:
        """Call ``listener(summary)`` after each refresh that published a new version."""
        with self._lock:
            self._listeners.append(listener)

    def run(self, sources: Iterable[Path] | None = None, *, progress: Progress | None = None) -> SyncSummary:
        """One refresh (of ``sources`` instead of the configured folders, when given); raises StoreBusy when
        another refresh holds the store, FileNotFoundError for a missing folder."""
        summary = sync(self.store, self.sources if sources is None else list(sources), embedder=self.embedder,
                       progress=progress, keep_versions=self.keep_versions, findings_model=self.findings_model,
                       limits=self.limits)
        if summary.changed:
            with self._lock:
                listeners = list(self._listeners)
            for listener in listeners:
                try:
                    listener(summary)
                except Exception as exc:  # the version is published; a listener's failure must not undo the refresh
                    log.error("refresh listener failed version=%s error=%s", summary.version, type(exc).__name__)
        return summary
