"""Switch the live pointer back to the version that was live before (``python bot.py rollback``)."""

from __future__ import annotations

import logging

from ingest.lifecycle import republish
from ingest.store import IndexVersion, KnowledgeStore, StoreEmpty

log = logging.getLogger(__name__)


class NothingToRollBack(RuntimeError):
    """No earlier version is kept."""


def rollback(store: KnowledgeStore) -> tuple[str, str]:
    """Publish the most recently live earlier version; returns (was live, now live). Holds the write lock.

    The version rolled back from stays on disk as the previous one, so a second
    rollback undoes the first; the next refresh builds on the rolled-back version.
    """
    with store.write_lock():
        current = store.live_name()
        if current is None:
            raise StoreEmpty(f"no knowledge base in {store.root} yet: nothing to roll back")
        candidates = store.previous_names()
        if not candidates:
            raise NothingToRollBack("no earlier version of the knowledge base is kept: nothing to roll back to")
        target = IndexVersion(store, candidates[0])
        republish(store, target)  # checked first: a damaged version is refused (VersionCheckFailed)
    log.info("rollback from=%s to=%s", current, target.name)
    return current, target.name
