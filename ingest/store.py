"""The knowledge base on disk: immutable index versions and a pointer to the live one.

Layout under the store folder::

    LIVE                      name of the live version (replaced atomically)
    HISTORY                   versions that were live before, oldest first (for rollback and prune)
    versions/<name>/          one complete index version
        manifest.json         documents, hashes, model, counts, quarantine list
        chroma/               Chroma PersistentClient folder (embedded mode)
        *.sqlite              other per-version files (e.g. findings), built before publishing
    .write.lock               held by the one process that may build a version

A version is written once, checked, then published by replacing ``LIVE``;
readers only ever open published versions. In server mode (``CHROMA_HOST``)
the passages of every version live in one collection on the Chroma server, named in the
store folder's ``RECORDS`` file, each record tagged with the versions that hold it
(ingest/ranges.py); the manifest and pointer stay in the store folder.
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import os
import secrets
import shutil
import tempfile
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from ingest import ranges
from ingest.versions import CONFIGURATION, IndexVersion, Manifest, chroma_settings

__all__ = ["IndexVersion", "KnowledgeStore", "Manifest", "StoreBusy", "StoreEmpty"]
_HISTORY_KEPT = 20
log = logging.getLogger(__name__)
# Chroma shares one "system" per folder across a process and creates and stops them without a lock:
# two threads opening the same folder at once can stop each other's. Every open and close goes through here.
_CHROMA_SYSTEMS = threading.Lock()
_READ_COPIES: set[Path] = set()


@atexit.register
def _remove_read_copies() -> None:
    for copy in list(_READ_COPIES):
        shutil.rmtree(copy, ignore_errors=True)


class StoreBusy(RuntimeError):
    """Another process is building a version of this store."""


class StoreEmpty(RuntimeError):
    """No version has been published yet."""


class KnowledgeStore:
    """The store folder (and Chroma server, when configured) holding index versions."""

    def __init__(self, root: Path, *, chroma_host: str | None = None, chroma_port: int = 8000) -> None:
        self.root = Path(root)
        self.versions_dir = self.root / "versions"
        self.chroma_host = chroma_host
        self.chroma_port = chroma_port
        self._clients: dict[str, Any] = {}

    @property
    def server_mode(self) -> bool:
        return bool(self.chroma_host)

    @property
    def location(self) -> str:
        where = f"chroma server {self.chroma_host}:{self.chroma_port}" if self.server_mode else "embedded"
        return f"{self.root} ({where})"

    def client_for(self, version: IndexVersion | None = None):
        """The Chroma client holding ``version`` (in server mode one client for every version)."""
        import chromadb

        key = "server" if self.server_mode or version is None else str(version.chroma_path)
        if key not in self._clients:
            if self.server_mode:
                self._clients[key] = chromadb.HttpClient(
                    host=self.chroma_host, port=self.chroma_port, settings=chroma_settings()
                )
            else:
                with _CHROMA_SYSTEMS:
                    if key not in self._clients:
                        self._clients[key] = chromadb.PersistentClient(
                            path=str(version.chroma_path), settings=chroma_settings()
                        )
        return self._clients[key]

    def shared_name(self) -> str:
        """The server collection every version of this store shares (named once, by the first build)."""
        try:
            return (self.root / "RECORDS").read_text().strip()
        except FileNotFoundError:
            return self.name_shared(f"kb_records_{secrets.token_hex(6)}")

    def name_shared(self, name: str) -> str:
        """Point every version at another shared collection (``forget`` copies the records into a new one)."""
        tmp = self.root / "RECORDS.tmp"
        tmp.write_text(name)
        os.replace(tmp, self.root / "RECORDS")
        return name

    def shared_collection(self, name: str):
        """Server mode: the shared collection ``name`` (made when missing)."""
        return self.client_for().get_or_create_collection(name, embedding_function=None, configuration=CONFIGURATION)

    def sweep(self) -> None:
        """Server mode: delete the shared records no kept version holds, and undo an unfinished build's."""
        if not self.server_mode:
            return
        ranges.drop_retired(self.root, self.client_for(), current=self.shared_name)  # what forget replaced
        if not (self.root / "RECORDS").is_file():
            return
        kept = [number for number in (IndexVersion(self, n).number for n in self.versions()) if number]
        if not kept:  # e.g. a first build that failed: drop every record at once, not one by one
            try:
                self.client_for().delete_collection(self.shared_name())
            except Exception:  # never created
                pass
            return
        deleted, reopened = ranges.sweep(self.shared_collection(self.shared_name()), kept=kept)
        if deleted or reopened:
            log.info("swept shared records deleted=%d reopened=%d", deleted, reopened)

    # -- the live pointer -------------------------------------------------
    def live_name(self) -> str | None:
        try:
            name = (self.root / "LIVE").read_text().strip()
        except FileNotFoundError:
            return None
        return name if name and (self.versions_dir / name / "manifest.json").is_file() else None

    def live(self) -> IndexVersion:
        name = self.live_name()
        if name is None:
            raise StoreEmpty(f"no knowledge base in {self.root} yet: run `python bot.py ingest`")
        return IndexVersion(self, name)

    def versions(self) -> list[str]:
        if not self.versions_dir.is_dir():
            return []
        return sorted(p.name for p in self.versions_dir.iterdir() if (p / "manifest.json").is_file())

    def new_version(self, *, number: int | None = None) -> IndexVersion:
        """An empty version folder; in server mode numbered one above the newest complete version (after undoing
        any unfinished build's records), unless ``number`` is given (0: a collection of its own)."""
        # Microseconds first, so names sort in creation order even within one second.
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        name = f"v{stamp}-{os.getpid()}"
        if number is None and self.server_mode:
            self.sweep()
            number = 1 + max((IndexVersion(self, n).number for n in self.versions()), default=0)
        version = IndexVersion(self, name, number=number or 0)
        version.path.mkdir(parents=True)
        return version

    def publish(self, version: IndexVersion) -> None:
        """Make ``version`` live in one step (atomic rename of the pointer file)."""
        previous = self.live_name()
        if previous and previous != version.name:
            self._remember(previous)
        tmp = self.root / "LIVE.tmp"
        tmp.write_text(version.name)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, self.root / "LIVE")

    def _remember(self, name: str) -> None:
        history = [n for n in self._history() if n != name][-(_HISTORY_KEPT - 1):] + [name]
        tmp = self.root / "HISTORY.tmp"
        tmp.write_text("\n".join(history) + "\n")
        os.replace(tmp, self.root / "HISTORY")

    def rename_history(self, renamed: dict[str, str]) -> None:
        """Point history entries at rebuilt versions (``forget`` replaces versions under new names)."""
        history = self._history()
        if history and any(name in renamed for name in history):
            tmp = self.root / "HISTORY.tmp"
            tmp.write_text("\n".join(renamed.get(name, name) for name in history) + "\n")
            os.replace(tmp, self.root / "HISTORY")

    def _history(self) -> list[str]:
        try:
            return [line.strip() for line in (self.root / "HISTORY").read_text().splitlines() if line.strip()]
        except FileNotFoundError:
            return []

    def previous_names(self) -> list[str]:
        """Complete versions that were live before the live one, most recently live first."""
        live = self.live_name()
        existing = set(self.versions())
        seen: list[str] = []
        for name in reversed(self._history()):
            if name != live and name in existing and name not in seen:
                seen.append(name)
        # Stores written before HISTORY existed: fall back to older versions by name.
        for name in sorted(existing, reverse=True):
            if live and name < live and name not in seen:
                seen.append(name)
        return seen

    def discard(self, version: IndexVersion, *, sweep: bool = True) -> None:
        """Remove a version's files and its records for good (``sweep``: at once; else the caller sweeps)."""
        self.release(version)
        shared = version.number
        if self.server_mode and not shared:
            try:
                self.client_for(version).delete_collection(version.collection_name)
            except Exception:  # already gone, or never created
                pass
        shutil.rmtree(version.path, ignore_errors=True)
        if sweep:
            self.sweep()

    def seal(self, version: IndexVersion) -> None:
        """Close a version this process has just written and scrub its HNSW files (see ingest.hnsw_scrub)."""
        from ingest.hnsw_scrub import scrub_chroma_folder

        self.release(version)
        if not self.server_mode:
            scrub_chroma_folder(version.path / "chroma")

    def reader(self) -> IndexVersion:
        """The live version, opened for reading only.

        Chroma rewrites a folder's index files whenever it opens it, and can write stale
        process memory into them (docs/refresh.md); a reader may hold a question in memory.
        So in embedded mode a reader opens a private temporary copy of the Chroma folder and
        the store's own files are never written by anyone but a refresh. The copy is removed
        by :meth:`close_reader` (and at exit).
        """
        version = self.live()
        if self.server_mode:
            return version
        copy = Path(tempfile.mkdtemp(prefix="kb-read-"))
        _READ_COPIES.add(copy)
        shutil.copytree(version.path / "chroma", copy / "chroma")
        version.chroma_path = copy / "chroma"
        version.private_copy = copy
        return version

    def close_reader(self, version: IndexVersion) -> None:
        """Release a reader's client and delete its private copy."""
        self.release(version)
        if version.private_copy is not None:
            shutil.rmtree(version.private_copy, ignore_errors=True)
            _READ_COPIES.discard(version.private_copy)

    def release(self, version: IndexVersion) -> None:
        """Forget this process's handle on a version's Chroma folder (other holders keep theirs)."""
        version.close()
        client = self._clients.pop(str(version.chroma_path), None)
        if client is not None:
            try:
                # close() only stops Chroma's shared per-path system when no other client
                # holds it; clear_system_cache() would cut off every reader in the process.
                with _CHROMA_SYSTEMS:
                    client.close()
            except Exception:
                pass

    def prune(self, *, keep: int) -> list[str]:
        """Keep the live version and the ``keep - 1`` most recently live before it; delete the rest.

        Also deletes half-built leftovers (a killed build) and versions that were
        built but never published, with their server collections.
        """
        live = self.live_name()
        keep_names = {live} | set(self.previous_names()[: max(0, keep - 1)])
        removed = []
        if self.versions_dir.is_dir():
            for path in sorted(self.versions_dir.iterdir()):
                if path.name not in keep_names:
                    self.discard(IndexVersion(self, path.name), sweep=False)
                    removed.append(path.name)
        self.sweep()
        return removed

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """Hold the single-writer lock, or raise :class:`StoreBusy` at once."""
        self.root.mkdir(parents=True, exist_ok=True)
        handle = open(self.root / ".write.lock", "a+")
        try:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreBusy("another refresh of this knowledge base is running; try again when it finishes") from None
            yield
        finally:
            handle.close()
