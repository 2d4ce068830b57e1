"""Start a new embedded version from the live one's Chroma folder, so a refresh pays for what changed.

The live version's folder is copied file by file (nobody writes a published folder: readers take private
copies and builders hold the write lock), then the passages of the documents that changed or left are
deleted from the copy. Chroma deletes lazily, so their old text can linger in the copy's files: the
manifest lists those documents (``Manifest.lingering``, inherited by every copy of the copy), and
``forget`` rebuilds such a version from its records, leaving no trace. Server mode has no file copy of a
collection: there the unchanged passages are read and written again (ingest/indexer.py).
"""

from __future__ import annotations

import shutil

from ingest.models import Passage
from ingest.versions import IndexVersion

_BATCH = 4000


def copy_forward(live: IndexVersion, version: IndexVersion, *, drop: list[str], also: dict[str, list[str]]) -> None:
    """Make ``version``'s (empty) Chroma folder a copy of ``live``'s, less the passages of ``drop``; the kept
    passages of the documents in ``also`` get that list of other names."""
    shutil.copytree(live.chroma_path, version.chroma_path)
    collection = version.collection()
    if also:
        got = collection.get(where=_sources(list(also)), include=["documents", "metadatas", "embeddings"])
        renamed = [Passage.from_record(pid, text, meta) for pid, text, meta in
                   zip(got["ids"], got["documents"], got["metadatas"])]
        for passage in renamed:
            passage.also = also[passage.source]
        vectors = [[float(x) for x in v] for v in got["embeddings"]]
        _delete(collection, got["ids"])
        if renamed:
            version.add(renamed, vectors)
    if drop:
        _delete(collection, collection.get(where=_sources(drop), include=[])["ids"])


def _sources(sources: list[str]) -> dict:
    return {"source": {"$in": sources}}


def _delete(collection, ids: list[str]) -> None:
    for start in range(0, len(ids), _BATCH):
        collection.delete(ids=ids[start:start + _BATCH])
