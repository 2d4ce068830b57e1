"""Start a new embedded version from the live one's Chroma folder, so a refresh pays for what changed.

The live version's folder is copied file by file (nobody writes a published folder: readers take private
copies and builders hold the write lock), then the passages of the documents that changed or left are
deleted from the copy. Chroma deletes lazily, so their old text can linger in the copy's files: the
manifest lists those documents (``Manifest.lingering``, inherited by every copy of the copy), and
``forget`` rebuilds such a version from its records, leaving no trace. Server mode has no file copy of a
collection: there every version shares one collection and a new version closes and adds only the records that
changed (:func:`carry_ranges`, ingest/ranges.py).
"""

from __future__ import annotations

import shutil

from ingest import ranges
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


def carry_ranges(live: IndexVersion, version: IndexVersion, *, drop: list[str], also: dict[str, list[str]]) -> set[str]:
    """Server mode: make ``version`` (numbered next in the shared collection) hold ``live``'s records less the
    passages of ``drop``, the kept passages of ``also``'s documents with those names. Only what differs is
    written: records ``version`` does not hold are closed at its number, the others it needs are added as its
    own. ``live`` is the newest version unless a rollback went back to an older one. Returns the passage ids
    whose records were added again (their ``v_from`` is now ``version``'s number)."""
    collection = version.collection(create=True)
    n, old = version.number, live.number
    include = ["documents", "metadatas", "embeddings"]
    close: set[str] = set()
    readd: list[tuple[Passage, list[float]]] = []
    if old != n - 1:  # after a rollback: the newest records are not live's
        close.update(ranges.open_records(collection, where={"v_from": {"$gt": old}})["ids"])
        got = collection.get(where={"v_to": {"$ne": ranges.OPEN}}, include=include)  # closed records: few
        for meta, text, vector in zip(got["metadatas"], got["documents"], got["embeddings"]):
            if ranges.holds(meta, old) and meta["source"] not in drop:
                readd.append((_renamed(Passage.from_record(str(meta["pid"]), text, meta), also), vector))
    changed = sorted(set(drop) | set(also))
    if changed:
        got = ranges.open_records(collection, where=_sources(changed), include=include)
        for rid, meta, text, vector in zip(got["ids"], got["metadatas"], got["documents"], got["embeddings"]):
            close.add(rid)
            if meta["source"] in also and ranges.holds(meta, old):
                readd.append((_renamed(Passage.from_record(str(meta["pid"]), text, meta), also), vector))
    ranges.close(collection, sorted(close), n)
    if readd:
        version.add([p for p, _ in readd], [[float(x) for x in v] for _, v in readd])
    return {p.id for p, _ in readd}


def _renamed(passage: Passage, also: dict[str, list[str]]) -> Passage:
    passage.also = also.get(passage.source, passage.also)
    return passage
