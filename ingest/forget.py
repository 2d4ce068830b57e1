"""Erase one document for real: ``python bot.py forget SOURCE``.

Chroma deletes lazily (deleted records linger in its write-ahead queue and
files), so nothing is deleted in place: every kept version that holds the
document is rebuilt as a new version from its own records minus the document
(embeddings copied, nothing re-embedded), with its extra files copied and
purged; the rebuilt live version is published, and the old versions are
discarded with their folders (or server collections). On a Chroma server the
versions share one collection (ingest/ranges.py): the document's records are
deleted from it, for every version at once, and each version holding it gets
new files under the same version number. SQLite files in the store root are
purged in place. Holds the write lock throughout.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import time
from dataclasses import dataclass, field

from ingest import ranges
from ingest.hnsw_scrub import scrub_chroma_folder
from ingest.lexical import FOLDER, LexicalIndex
from ingest.lifecycle import build_version
from ingest.sqlite_purge import count_mentions, purge_source, sqlite_files
from ingest.unit_vectors import keep_only
from ingest.store import IndexVersion, KnowledgeStore

log = logging.getLogger(__name__)


class UnknownSource(LookupError):
    """No kept version and no project file mentions this document."""


@dataclass
class ForgetSummary:
    source: str
    rebuilt: dict[str, str] = field(default_factory=dict)  # old version -> new version
    passages_removed: int = 0
    rows_removed: int = 0
    live: str | None = None
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"source": self.source, "rebuilt": self.rebuilt, "passages_removed": self.passages_removed,
                "rows_removed": self.rows_removed, "live": self.live, "seconds": round(self.seconds, 3)}


def forget(store: KnowledgeStore, source: str) -> ForgetSummary:
    """Remove ``source``'s text and embeddings from every kept version and the project's SQLite files."""
    started = time.perf_counter()
    summary = ForgetSummary(source=source)
    with store.write_lock():
        store.prune(keep=1_000_000)  # half-built and never-published versions go first
        live = store.live_name()
        olds = [IndexVersion(store, name) for name in store.versions()]  # oldest first keeps names in order
        holding = [v for v in olds if _mentions(v, source)]
        if not holding and not _mentioned_in_root(store, source):
            raise UnknownSource(f"no document {source!r} in the knowledge base at {store.root}")
        built: list[IndexVersion] = []
        # The shared server collection: every other record is copied into a new one, used from here on.
        swap = _copy_shared(store, source) if any(v.number for v in holding) else None
        try:
            for old in holding:
                new, removed = _rebuild_without(store, old, source)
                built.append(new)
                summary.rebuilt[old.name] = new.name
                summary.passages_removed += removed
        except BaseException:
            if swap:
                store.name_shared(swap[0])
                _drop_shared(store, swap[1])
            for new in built:
                store.discard(new, sweep=False)
            raise
        for version in olds:
            if version not in holding:
                summary.rows_removed += sum(purge_source(p, source) for p in sqlite_files(version.path, recursive=True))
        if live in summary.rebuilt:
            store.publish(IndexVersion(store, summary.rebuilt[live]))
        store.rename_history(summary.rebuilt)
        for old in holding:
            store.discard(old)
        if swap:  # the old shared collection, with the forgotten text
            ranges.drop_retired(store.root, store.client_for(), current=store.shared_name)
        summary.rows_removed += sum(purge_source(p, source) for p in sqlite_files(store.root, recursive=False))
        # Chroma rewrites HNSW files whenever a process opens a version, with stale heap bytes in the
        # unused capacity (ingest/hnsw_scrub.py): scrub every kept version once all are closed.
        if not store.server_mode:
            for name in store.versions():
                scrub_chroma_folder(store.versions_dir / name / "chroma")
        summary.live = store.live_name()
    summary.seconds = time.perf_counter() - started
    log.info("forget done versions=%d passages_removed=%d rows_removed=%d seconds=%.2f",
             len(summary.rebuilt), summary.passages_removed, summary.rows_removed, summary.seconds)
    return summary


def resolve_source(store: KnowledgeStore, given: str) -> str:
    """The indexed source meant by ``given``: itself, or the one document whose file name it ends with."""
    known: set[str] = set()
    for name in store.versions():
        manifest = IndexVersion(store, name).manifest()
        known.update(manifest.documents)
        known.update(q.get("source", "") for q in manifest.quarantined)
    if given in known:
        return given
    tail = given.replace("\\", "/").rstrip("/")
    matches = sorted(s for s in known if s and (tail.endswith("/" + s) or s.endswith("/" + tail)))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise UnknownSource(f"{given!r} matches several documents: {', '.join(matches)}; give the exact source")
    return given


def _mentions(version: IndexVersion, source: str) -> bool:
    manifest = version.manifest()
    if source in manifest.documents or source in manifest.lingering or any(
            q.get("source") == source for q in manifest.quarantined):
        return True
    try:
        if manifest.passages and version.first({"source": source}) is not None:
            return True
    finally:
        version.store.release(version)
    return any(_file_mentions(path, source) for path in sqlite_files(version.path, recursive=True))


def _copy_shared(store: KnowledgeStore, source: str) -> tuple[str, str]:
    """Copy the shared collection's records, less ``source``'s, into a new collection and point the store at
    it; returns (old name, new name). The old one is dropped once no kept version needs it (ingest/ranges.py)."""
    old_name, new_name = store.shared_name(), f"kb_records_{secrets.token_hex(6)}"
    ranges.retire(store.root, new_name)  # a copy cut short by a crash is deleted by the next sweep
    try:
        ranges.copy_without(store.shared_collection(old_name), store.shared_collection(new_name), source=source)
    except BaseException:
        _drop_shared(store, new_name)
        raise
    store.name_shared(new_name)
    ranges.retire(store.root, old_name)  # it still holds the forgotten text: deleted below, or by the next sweep
    return old_name, new_name


def _drop_shared(store: KnowledgeStore, name: str) -> None:
    try:
        store.client_for().delete_collection(name)
    except Exception:  # already gone
        pass


def _mentioned_in_root(store: KnowledgeStore, source: str) -> bool:
    return any(_file_mentions(path, source) for path in sqlite_files(store.root, recursive=False))


def _file_mentions(path, source: str) -> bool:
    """A row of ``path`` names ``source`` exactly (forgetting ``visits.md`` leaves ``home-visits.md`` alone)."""
    return count_mentions(path, source) > 0


def _rebuild_without(store: KnowledgeStore, old: IndexVersion, source: str) -> tuple[IndexVersion, int]:
    """A new, checked (unpublished) version holding ``old`` minus ``source``; returns it and the passages dropped.
    A version in the shared server collection keeps its number (and records, already without ``source``)."""
    manifest = old.manifest()
    before, shared = manifest.passages, bool(old.number)
    passages, vectors = old.passages(with_embeddings=not shared) if manifest.passages else ([], [])
    kept = [(p, v) for p, v in zip(passages, vectors or [None] * len(passages)) if p.source != source]
    with build_version(store, publish=False, number=old.number) as draft:
        new = draft.version
        new.collection(create=True)
        if kept and not shared:
            new.add([p for p, _ in kept], [v for _, v in kept])
        for item in old.path.iterdir():
            if item.name in {"manifest.json", "chroma", FOLDER}:  # the lexical index is built again below
                continue
            copy = shutil.copytree if item.is_dir() else shutil.copy2
            copy(item, new.path / item.name)
        for path in sqlite_files(new.path, recursive=True):
            purge_source(path, source)
        keep_only(new.path, [p.id for p, _ in kept])
        LexicalIndex.build([p for p, _ in kept]).save(new.path)
        manifest.documents.pop(source, None)
        manifest.quarantined = [q for q in manifest.quarantined if q.get("source") != source]
        manifest.passages = len(kept)
        manifest.lingering = []  # a fresh folder from the records: nothing deleted in place lingers
        draft.manifest = manifest
    store.release(old)
    return new, before - len(kept)
