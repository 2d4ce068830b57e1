"""Server mode: every version of a store in one shared Chroma collection, each record tagged with a version range.

Chroma 1.5.9 cannot fork a collection on a single node, so a refresh that made a new collection per version had
to read and write every unchanged record. Here a record is one passage as a run of versions holds it: id
``<passage id>@<first version number>``, metadata ``v_from`` (the first version holding it) and ``v_to`` (the
first that does not; :data:`OPEN` while the newest version holds it). Version ``n`` holds the records with
``v_from <= n < v_to``. A refresh to version ``n`` closes the changed and removed documents' records
(``v_to = n``) and adds the new ones; nothing unchanged is read or written (ingest/indexer.py). Readers filter
by range in Python (:func:`holds`) on the records Chroma returns, because a ``where`` on the range makes Chroma
scan every record's metadata for each question (about 90 ms at 20,000 records, measured).

Pruning deletes the records no kept version holds, and a build that never finished is undone the same way
(:func:`sweep`). ``forget`` copies every other record into a new shared collection and deletes the old one
(:func:`copy_without`): records deleted from a live collection stay in the server's write-ahead log until its
vector index next persists, where `chroma vacuum` cannot purge them (measured); a deleted collection's log goes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import numpy as np

from ingest import npy

OPEN = 2**31 - 1  # v_to of a record the newest version still holds
BATCH = 4000
RETIRED = "RETIRED"  # in a store's root: shared collections to delete once they are not the one in use


def record_id(passage_id: str, number: int) -> str:
    return f"{passage_id}@{number}"


def holds(meta: dict[str, Any], number: int) -> bool:
    """Does version ``number`` hold the record with this metadata?"""
    return int(meta["v_from"]) <= number < int(meta["v_to"])


def range_where(number: int) -> dict:
    """Chroma's filter for the records version ``number`` holds (slow on large collections: a last resort)."""
    return {"$and": [{"v_from": {"$lte": number}}, {"v_to": {"$gt": number}}]}


def close(collection, ids: list[str], number: int) -> None:
    """End these records' range before version ``number`` (their metadata is otherwise unchanged)."""
    _update(collection, ids, number)


def _update(collection, ids: list[str], v_to: int) -> None:
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        collection.update(ids=batch, metadatas=[{"v_to": v_to}] * len(batch))


def delete(collection, ids: list[str]) -> None:
    for start in range(0, len(ids), BATCH):
        collection.delete(ids=ids[start:start + BATCH])


def sweep(collection, *, kept: Iterable[int]) -> tuple[int, int]:
    """Delete the records no kept version holds; undo a build that never finished (records added above the
    newest kept version are deleted, records it closed are opened again). Returns (deleted, reopened)."""
    kept = sorted(set(kept))
    head = kept[-1] if kept else 0
    got = collection.get(where={"$or": [{"v_to": {"$ne": OPEN}}, {"v_from": {"$gt": head}}]}, include=["metadatas"])
    dead, reopen = [], []
    for rid, meta in zip(got["ids"], got["metadatas"]):
        low, high = int(meta["v_from"]), int(meta["v_to"])
        if low > head:
            dead.append(rid)  # added by a build that was never published
        elif head < high < OPEN:
            reopen.append(rid)  # closed by a build that was never published
        elif not any(low <= n < high for n in kept):
            dead.append(rid)
    delete(collection, dead)
    _update(collection, reopen, OPEN)
    return len(dead), len(reopen)


def open_records(collection, *, where: dict | None = None, include: list[str] | None = None) -> dict:
    """The records the newest version holds (optionally only those matching ``where``)."""
    clause = {"v_to": OPEN} if where is None else {"$and": [where, {"v_to": OPEN}]}
    return collection.get(where=clause, include=include or [])


def copy_without(old, new, *, source: str) -> int:
    """Copy every record of collection ``old`` (id, text, ranges, vector) into ``new``, except ``source``'s;
    returns how many were left out."""
    left_out = 0
    for offset in range(0, old.count(), BATCH):
        got = old.get(limit=BATCH, offset=offset, include=["documents", "metadatas", "embeddings"])
        keep = [i for i, meta in enumerate(got["metadatas"]) if meta["source"] != source]
        left_out += len(got["ids"]) - len(keep)
        if keep:
            new.add(ids=[got["ids"][i] for i in keep], documents=[got["documents"][i] for i in keep],
                    metadatas=[got["metadatas"][i] for i in keep], embeddings=[got["embeddings"][i] for i in keep])
    return left_out


STARTS = "record_starts.npz"  # beside a shared version's manifest: each passage id's record (its v_from)


class Starts:
    """Which record of each passage a version holds (its ``v_from``), so readers ask Chroma for records by id
    (a ``where`` on the passage id scans metadata: about 4× slower at 300,000 records, measured) and keep a
    neighbour only if it is the version's own record, without asking for metadata."""

    def __init__(self, pids: np.ndarray, starts: np.ndarray) -> None:
        self.pids, self.starts = pids, starts  # sorted by passage id

    @classmethod
    def open(cls, folder: Path) -> "Starts | None":
        try:
            with npy.READING, np.load(folder / STARTS) as data:  # the arrays' headers are read here (ingest/npy.py)
                return cls(data["pids"], data["starts"])
        except FileNotFoundError:
            return None

    def save(self, folder: Path) -> None:
        np.savez(folder / STARTS, pids=self.pids, starts=self.starts)

    @classmethod
    def of(cls, starts: dict[str, int]) -> "Starts":
        pids = np.array(sorted(starts), dtype="S") if starts else np.zeros(0, dtype="S1")
        return cls(pids, np.array([starts[p.decode()] for p in pids], dtype=np.int32))

    def get(self, pid: str) -> int | None:
        key = pid.encode()
        at = int(np.searchsorted(self.pids, key))
        return int(self.starts[at]) if at < len(self.pids) and self.pids[at] == key else None

    def as_dict(self) -> dict[str, int]:
        return {p.decode(): int(s) for p, s in zip(self.pids, self.starts)}


def retire(root: Path, name: str) -> None:
    """Note in ``root`` that shared collection ``name`` is to be deleted by :func:`drop_retired` unless it is
    then the one in use. ``forget`` retires its new copy before making it (a copy cut short by a crash is
    deleted) and the old collection once it has switched (a crash before the drop leaves no forgotten text)."""
    path = root / RETIRED
    names = path.read_text().split() if path.is_file() else []
    tmp = root / f"{RETIRED}.tmp"
    tmp.write_text("".join(f"{n}\n" for n in names if n != name) + f"{name}\n")
    tmp.replace(path)


def drop_retired(root: Path, client, *, current) -> None:
    """Delete the retired shared collections except ``current()`` (the one in use), then forget the list."""
    path = root / RETIRED
    if not path.is_file():
        return
    in_use = current()
    for name in path.read_text().split():
        if name != in_use:
            try:
                client.delete_collection(name)
            except Exception:  # already gone, or never created
                pass
    path.unlink()  # the one in use, if listed, is retired again when something replaces it
