"""One index version (its manifest and its Chroma records) and the manifest format.

A version is built once by a refresh (ingest/lifecycle.py), then only read.
It asks its store (ingest/store.py) for the Chroma client that holds it:
embedded, one folder per version; on a Chroma server, the store's one shared collection, where the version
holds the records whose version range covers its number (ingest/ranges.py). Server versions built before
ranges (``Manifest.number`` 0) keep a collection of their own, ``kb_<name>``, and are still read.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol

import numpy as np

from ingest import ranges
from ingest.models import Passage

COLLECTION = "passages"
CONFIGURATION = {"hnsw": {"space": "cosine"}}
_ADD_BATCH = 4000
_WIDEST = 32  # nearest records asked for, times k, before a query lets Chroma filter by version range


class VersionHome(Protocol):
    """What a version needs from the store that holds it."""

    versions_dir: Path

    @property
    def server_mode(self) -> bool: ...

    def client_for(self, version: "IndexVersion") -> Any: ...

    def shared_name(self) -> str: ...


@dataclass
class Manifest:
    version: str
    created: str
    model: str
    dimension: int
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    quarantined: list[dict[str, str]] = field(default_factory=list)
    passages: int = 0
    cutting: str = ""  # ingest.units.CUTTING_VERSION the passages and units were cut with
    lingering: list[str] = field(default_factory=list)  # documents deleted in place from this Chroma folder (carry.py)
    number: int = 0  # the version's number in the server's shared collection (ingest/ranges.py); 0: its own collection

    @classmethod
    def load(cls, path: Path) -> "Manifest":
        return cls(**json.loads(path.read_text()))

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.__dict__, indent=1, sort_keys=True))
        os.replace(tmp, path)


def chroma_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


class IndexVersion:
    """One index version: its manifest and its Chroma collection."""

    def __init__(self, store: VersionHome, name: str, *, number: int | None = None) -> None:
        self.store = store
        self.name = name
        self._number = number
        self._starts: "ranges.Starts | bool | None" = None
        self.path = store.versions_dir / name
        self.chroma_path = self.path / "chroma"  # a private copy's path for readers (KnowledgeStore.reader)
        self.private_copy: Path | None = None
        self._collection = None

    @property
    def manifest_path(self) -> Path:
        return self.path / "manifest.json"

    def manifest(self) -> Manifest:
        return Manifest.load(self.manifest_path)

    @property
    def number(self) -> int:
        """Its number in the store's shared server collection; 0 for a collection (or folder) of its own."""
        if self._number is None:
            try:
                self._number = self.manifest().number
            except FileNotFoundError:  # a build that never finished
                self._number = 0
        return self._number

    @property
    def collection_name(self) -> str:
        if self.number:
            return self.store.shared_name()
        return f"kb_{self.name}" if self.store.server_mode else COLLECTION

    def collection(self, *, create: bool = False):
        if self._collection is None:
            client = self.store.client_for(self)
            if create:
                self._collection = client.get_or_create_collection(
                    self.collection_name, embedding_function=None, configuration=CONFIGURATION
                )
            else:
                self._collection = client.get_collection(self.collection_name, embedding_function=None)
        return self._collection

    def add(self, passages: list[Passage], embeddings: list[list[float]]) -> None:
        """Store passages with their vectors (in the shared collection: records this version starts holding)."""
        collection = self.collection(create=True)
        n = self.number
        for start in range(0, len(passages), _ADD_BATCH):
            batch = passages[start : start + _ADD_BATCH]
            metadatas = [p.to_metadata() for p in batch]
            if n:
                for passage, meta in zip(batch, metadatas):
                    meta.update(pid=passage.id, v_from=n, v_to=ranges.OPEN)
            collection.add(
                ids=[ranges.record_id(p.id, n) if n else p.id for p in batch],
                documents=[p.text for p in batch],
                metadatas=metadatas,
                embeddings=embeddings[start : start + _ADD_BATCH],
            )

    @contextmanager
    def writer(self) -> Iterator[Callable[[list[Passage], list[list[float]]], None]]:
        """A function storing batches as :meth:`add` does, in a background thread and in order, so the caller
        tokenises or prepares the next batch while Chroma (mostly its HNSW inserts) stores this one; at most two
        batches wait. Leaving the block waits for every batch and raises the first error."""
        pool = ThreadPoolExecutor(1, thread_name_prefix="chroma-add")
        pending: list[Future] = []

        def write(passages: list[Passage], embeddings: list[list[float]]) -> None:
            while len(pending) >= 2:
                pending.pop(0).result()
            pending.append(pool.submit(self.add, passages, embeddings))

        try:
            yield write
            while pending:
                pending.pop(0).result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _record(self, rid: str, text: str, meta: dict) -> Passage:
        return Passage.from_record(str(meta["pid"]) if self.number else rid, text, meta)

    def count(self) -> int:
        """How many passages the version holds."""
        collection = self.collection()
        if not self.number:
            return collection.count()
        outside = {"$or": [{"v_from": {"$gt": self.number}}, {"v_to": {"$lte": self.number}}]}  # few: what changed
        return collection.count() - len(collection.get(where=outside, include=[])["ids"])

    def first(self, where: dict | None = None) -> tuple[str, np.ndarray] | None:
        """(passage id, stored vector) of one passage the version holds (matching ``where``), or None."""
        collection = self.collection()
        page = 100 if self.number else 1  # shared: a few records of other versions may come first
        for offset in range(0, max(collection.count(), 1), page):
            got = collection.get(where=where, limit=page, offset=offset, include=["metadatas", "embeddings"])
            for rid, meta, vector in zip(got["ids"], got["metadatas"], got["embeddings"]):
                if not self.number or ranges.holds(meta, self.number):
                    return (str(meta["pid"]) if self.number else rid), np.asarray(vector, dtype=np.float32)
            if len(got["ids"]) < page:
                break
        return None

    def passages(self, *, with_embeddings: bool = False, where: dict | None = None) -> tuple[list[Passage], list[list[float]]]:
        """All passages (optionally only some sources) in document order, with embeddings if asked."""
        collection = self.collection()
        include = ["documents", "metadatas"] + (["embeddings"] if with_embeddings else [])
        records: list[tuple[Passage, list[float] | None]] = []
        total = collection.count()
        for offset in range(0, max(total, 1), _ADD_BATCH):
            got = collection.get(include=include, where=where, limit=_ADD_BATCH, offset=offset)
            embeddings = got.get("embeddings") if with_embeddings else None
            for i, (rid, text, meta) in enumerate(zip(got["ids"], got["documents"], got["metadatas"])):
                if self.number and not ranges.holds(meta, self.number):
                    continue
                vector = [float(x) for x in embeddings[i]] if embeddings is not None else None
                records.append((self._record(rid, text, meta), vector))
            if len(got["ids"]) < _ADD_BATCH:
                break
        records.sort(key=lambda r: (r[0].source, r[0].position))
        return [r[0] for r in records], [r[1] for r in records if r[1] is not None]

    def fetch(self, ids: list[str]) -> list[tuple[Passage, np.ndarray]]:
        """The passages with these ids and their stored vectors (float32), in no particular order."""
        if not ids:
            return []
        include = ["documents", "metadatas", "embeddings"]
        starts = self.starts
        if starts is not None:  # the version's own record of each passage, by id
            records = [ranges.record_id(pid, start) for pid in ids if (start := starts.get(pid)) is not None]
            got = self.collection().get(ids=records, include=include)
        elif self.number:  # a passage id's record in this version's range (an older one may be kept for another)
            got = self.collection().get(where={"pid": {"$in": list(ids)}}, include=include)
        else:
            got = self.collection().get(ids=ids, include=include)
        return [(self._record(rid, text, meta), np.asarray(vector, dtype=np.float32))
                for rid, text, meta, vector in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"])
                if not self.number or ranges.holds(meta, self.number)]

    def query(self, embedding: list[float], *, k: int) -> list[tuple[str, float]]:
        """(passage id, cosine similarity) of the ``k`` nearest passages."""
        if not self.number:
            result = self.collection().query(query_embeddings=[embedding], n_results=k, include=["distances"])
            return [(pid, 1.0 - float(d)) for pid, d in zip(result["ids"][0], result["distances"][0])]
        # The nearest records of every version, kept if this version holds them: exact as long as k of them
        # are among those asked for (records outside the range are the few that changed since).
        size = k + max(8, k // 4)
        while size <= _WIDEST * k:
            hits, returned = self._nearest(embedding, size, where=None)
            if len(hits) >= k or returned < size:
                return hits[:k]
            size *= 4
        return self._nearest(embedding, k, where=ranges.range_where(self.number))[0][:k]  # Chroma filters the walk

    def _nearest(self, embedding: list[float], size: int, *, where: dict | None) -> tuple[list[tuple[str, float]], int]:
        starts = self.starts
        result = self.collection().query(query_embeddings=[embedding], n_results=size, where=where,
                                         include=["distances"] + ([] if starts is not None else ["metadatas"]))
        hits = []
        for i, (rid, distance) in enumerate(zip(result["ids"][0], result["distances"][0])):
            pid, _, start = rid.rpartition("@")
            if starts is not None and starts.get(pid) == int(start) or \
                    starts is None and ranges.holds(result["metadatas"][0][i], self.number):
                hits.append((pid, 1.0 - float(distance)))
        return hits, len(result["ids"][0])

    @property
    def starts(self) -> "ranges.Starts | None":
        """Shared versions: each passage's record (saved at build; None for a version from before they were)."""
        if self.number and self._starts is None:
            self._starts = ranges.Starts.open(self.path) or False
        return self._starts or None

    def close(self) -> None:
        self._collection = None
        self._starts = None
