"""One index version (its manifest and its Chroma collection) and the manifest format.

A version is built once by a refresh (ingest/lifecycle.py), then only read.
It asks its store (ingest/store.py) for the Chroma client that holds it:
embedded, one folder per version; or a Chroma server, one collection per version.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ingest.models import Passage

COLLECTION = "passages"
_ADD_BATCH = 4000


class VersionHome(Protocol):
    """What a version needs from the store that holds it."""

    versions_dir: Path

    @property
    def server_mode(self) -> bool: ...

    def client_for(self, version: "IndexVersion") -> Any: ...


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

    def __init__(self, store: VersionHome, name: str) -> None:
        self.store = store
        self.name = name
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
    def collection_name(self) -> str:
        return f"kb_{self.name}" if self.store.server_mode else COLLECTION

    def collection(self, *, create: bool = False):
        if self._collection is None:
            client = self.store.client_for(self)
            if create:
                self._collection = client.get_or_create_collection(
                    self.collection_name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
                )
            else:
                self._collection = client.get_collection(self.collection_name, embedding_function=None)
        return self._collection

    def add(self, passages: list[Passage], embeddings: list[list[float]]) -> None:
        collection = self.collection(create=True)
        for start in range(0, len(passages), _ADD_BATCH):
            batch = passages[start : start + _ADD_BATCH]
            collection.add(
                ids=[p.id for p in batch],
                documents=[p.text for p in batch],
                metadatas=[p.to_metadata() for p in batch],
                embeddings=embeddings[start : start + _ADD_BATCH],
            )

    def passages(self, *, with_embeddings: bool = False, where: dict | None = None) -> tuple[list[Passage], list[list[float]]]:
        """All passages (optionally only some sources) in document order, with embeddings if asked."""
        collection = self.collection()
        include = ["documents", "metadatas"] + (["embeddings"] if with_embeddings else [])
        records: list[tuple[Passage, list[float] | None]] = []
        total = collection.count()
        for offset in range(0, max(total, 1), _ADD_BATCH):
            got = collection.get(include=include, where=where, limit=_ADD_BATCH, offset=offset)
            embeddings = got.get("embeddings") if with_embeddings else None
            for i, (pid, text, meta) in enumerate(zip(got["ids"], got["documents"], got["metadatas"])):
                vector = [float(x) for x in embeddings[i]] if embeddings is not None else None
                records.append((Passage.from_record(pid, text, meta), vector))
        records.sort(key=lambda r: (r[0].source, r[0].position))
        return [r[0] for r in records], [r[1] for r in records if r[1] is not None]

    def fetch(self, ids: list[str]) -> list[tuple[Passage, np.ndarray]]:
        """The passages with these ids and their stored vectors (float32), in no particular order."""
        if not ids:
            return []
        got = self.collection().get(ids=ids, include=["documents", "metadatas", "embeddings"])
        return [(Passage.from_record(pid, text, meta), np.asarray(vector, dtype=np.float32))
                for pid, text, meta, vector in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"])]

    def query(self, embedding: list[float], *, k: int) -> list[tuple[str, float]]:
        """(passage id, cosine similarity) of the ``k`` nearest passages."""
        result = self.collection().query(query_embeddings=[embedding], n_results=k, include=["distances"])
        return [(pid, 1.0 - float(d)) for pid, d in zip(result["ids"][0], result["distances"][0])]

    def close(self) -> None:
        self._collection = None
