"""Embeddings of every passage's answer units, saved beside an index version and memory-mapped by readers.

``unit_vectors.npy`` holds one float16 row per unit (the unit with its section
heading, as :func:`unit_text` builds it); ``unit_index.json`` maps a passage id
to its rows; ``unit_keys.npy`` holds each row's :func:`ingest.units.unit_key`,
from which readers find the units printed alike in many documents
(``ingest.boilerplate``). Readers touch only the rows of the passages they
score, so a bot's memory does not grow with the knowledge base.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from ingest import npy
from ingest.boilerplate import boilerplate_rows
from ingest.models import Passage
from ingest.units import answer_units, unit_headings, unit_key

VECTORS = "unit_vectors.npy"
INDEX = "unit_index.json"
KEYS = "unit_keys.npy"
_BATCH = 128


def unit_text(section: str, unit: str) -> str:
    """What the model sees for a unit: its section heading says what the sentence is about."""
    return f"{section}. {unit}" if section else unit


def unit_texts(passage: Passage) -> list[str]:
    """What the model sees for each unit of ``passage``, each read with its own heading (``unit_headings``)."""
    units = answer_units(passage.text)
    return [unit_text(heading, unit) for heading, unit in zip(unit_headings(passage.section, units), units)]


def has_unit_vectors(folder: Path) -> bool:
    """Does ``folder`` hold unit vectors and their keys? (A version from before the keys is built again at the next
    refresh, reusing its vectors.)"""
    return (folder / INDEX).is_file() and (folder / VECTORS).is_file() and (folder / KEYS).is_file()


def unit_keys(passage: Passage) -> np.ndarray:
    return np.array([unit_key(unit) for unit in answer_units(passage.text)], dtype=np.int64)


class UnitVectors:
    """Read side: the unit embeddings of one version (memory-mapped)."""

    def __init__(self, folder: Path) -> None:
        self.index: dict[str, list[int]] = json.loads((folder / INDEX).read_text())
        self.matrix = npy.load(folder / VECTORS, mmap_mode="r")
        # A version from before the keys has none (so no boilerplate is marked) until the next refresh.
        self.keys = npy.load(folder / KEYS, mmap_mode="r") if (folder / KEYS).is_file() else None
        self.boilerplate = np.zeros(0, dtype=np.int64)  # sorted rows printed alike in many documents (mark_boilerplate)

    @classmethod
    def open(cls, folder: Path) -> "UnitVectors | None":
        return cls(folder) if (folder / INDEX).is_file() and (folder / VECTORS).is_file() else None

    def get(self, passage_id: str) -> np.ndarray | None:
        """The passage's unit vectors as float32 rows, in unit order, or None if it has none."""
        span = self.index.get(passage_id)
        if not span or not span[1]:
            return None
        start, count = span
        return np.asarray(self.matrix[start : start + count], dtype=np.float32)

    def mark_boilerplate(self, passage_ids: Iterable[str], documents: Iterable[int]) -> int:
        """Find the units printed alike in many documents, given each passage's document; returns how many."""
        if self.keys is None:
            return 0
        row_documents = np.full(len(self.keys), -1, dtype=np.int64)
        for pid, document in zip(passage_ids, documents):
            span = self.index.get(pid)
            if span:
                row_documents[span[0] : span[0] + span[1]] = document
        self.boilerplate = boilerplate_rows(np.asarray(self.keys), row_documents)
        return len(self.boilerplate)

    def boilerplate_in(self, passage_id: str) -> frozenset[int]:
        """Positions of ``passage_id``'s units that are boilerplate."""
        span = self.index.get(passage_id)
        if not span or not len(self.boilerplate):
            return frozenset()
        start, count = span
        lo, hi = np.searchsorted(self.boilerplate, [start, start + count])
        return frozenset(int(row) - start for row in self.boilerplate[lo:hi])


def write_unit_vectors(
    folder: Path,
    passages: Sequence[Passage],
    *,
    embed: Callable[[list[str]], list[list[float]]],
    dimension: int,
    previous: Path | None = None,
) -> int:
    """Save unit vectors for ``passages`` in ``folder``, reusing rows from ``previous``; returns units embedded."""
    reuse = UnitVectors.open(previous) if previous is not None else None
    rows: list[np.ndarray] = []
    index: dict[str, list[int]] = {}
    todo: list[tuple[str, list[str]]] = []
    keys: dict[str, np.ndarray] = {}
    start = 0
    for passage in passages:
        keys[passage.id] = unit_keys(passage)
        old = reuse.get(passage.id) if reuse is not None else None
        if old is not None:
            rows.append(old.astype(np.float16))
            index[passage.id] = [start, len(old)]
            start += len(old)
        else:
            todo.append((passage.id, unit_texts(passage)))
    texts = [text for _, units in todo for text in units]
    vectors = _embed_all(embed, texts)
    offset = 0
    for pid, units in todo:
        block = vectors[offset : offset + len(units)]
        offset += len(units)
        rows.append(block.astype(np.float16))
        index[pid] = [start, len(units)]
        start += len(units)
    matrix = np.concatenate(rows) if rows else np.zeros((0, dimension), dtype=np.float16)
    _save(folder, matrix.reshape(-1, dimension), index, _keys_in_order(index, keys))
    return len(texts)


def _keys_in_order(index: dict[str, list[int]], keys: dict[str, np.ndarray]) -> np.ndarray:
    """Each row's key, given each passage's keys and the rows ``index`` gives it."""
    out = np.zeros(sum(span[1] for span in index.values()), dtype=np.int64)
    for pid, (start, count) in index.items():
        out[start : start + count] = keys[pid]
    return out


def carry_unit_vectors(
    folder: Path,
    previous: Path,
    keep_ids: Sequence[str],
    fresh: Sequence[Passage],
    *,
    embed: Callable[[list[str]], list[list[float]]],
    dimension: int,
) -> int:
    """Like :func:`write_unit_vectors` for a version that keeps ``keep_ids``'s passages from ``previous`` (their
    rows copied in blocks, never one by one) and adds ``fresh``; returns units embedded."""
    old = UnitVectors.open(previous)
    index: dict[str, list[int]] = {}
    take: list[np.ndarray] = []
    start = 0
    for pid in keep_ids:
        span = old.index.get(pid) if old is not None else None
        if span and span[1]:
            take.append(np.arange(span[0], span[0] + span[1]))
            index[pid] = [start, span[1]]
            start += span[1]
    todo = [(p.id, unit_texts(p)) for p in fresh]
    texts = [text for _, units in todo for text in units]
    vectors = _embed_all(embed, texts)
    rows = np.concatenate(take) if take else np.zeros(0, dtype=np.int64)
    keys = np.concatenate([np.asarray(old.keys[rows]) if old is not None and old.keys is not None
                           else np.zeros(len(rows), dtype=np.int64),
                           *(unit_keys(p) for p in fresh)]).astype(np.int64)
    tmp = folder / (VECTORS + ".tmp.npy")
    out = np.lib.format.open_memmap(tmp, mode="w+", dtype=np.float16, shape=(start + len(texts), dimension))
    for begin in range(0, len(rows), 65536):
        chunk = rows[begin:begin + 65536]
        out[begin:begin + len(chunk)] = old.matrix[chunk]
    for pid, units in todo:
        index[pid] = [start, len(units)]
        start += len(units)
    if len(texts):
        out[len(rows):] = vectors.astype(np.float16)
    out.flush()
    del out, old
    os.replace(tmp, folder / VECTORS)
    _save_keys(folder, keys)
    (folder / (INDEX + ".tmp")).write_text(json.dumps(index))
    os.replace(folder / (INDEX + ".tmp"), folder / INDEX)
    return len(texts)


def keep_only(folder: Path, passage_ids: Iterable[str]) -> None:
    """Rewrite ``folder``'s unit vectors holding only ``passage_ids`` (used when a document is forgotten)."""
    current = UnitVectors.open(folder)
    if current is None:
        return
    rows, keys, index, start = [], [], {}, 0
    for pid in passage_ids:
        block = current.get(pid)
        if block is None:
            continue
        rows.append(block.astype(np.float16))
        begin = current.index[pid][0]
        keys.append(np.asarray(current.keys[begin : begin + len(block)]) if current.keys is not None
                    else np.zeros(len(block), dtype=np.int64))
        index[pid] = [start, len(block)]
        start += len(block)
    dimension = current.matrix.shape[1]
    del current  # release the memory maps before the files are replaced
    _save(folder, np.concatenate(rows) if rows else np.zeros((0, dimension), dtype=np.float16), index,
          np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64))


def _embed_all(embed: Callable[[list[str]], list[list[float]]], texts: list[str]) -> np.ndarray:
    """Embed shortest first, so each batch pads little; rows come back in the texts' order, as float16
    (how they are saved), filled batch by batch: a million units take 0.8 GB, not a list of Python floats."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float16)
    order = np.array(sorted(range(len(texts)), key=lambda i: len(texts[i])))
    out: np.ndarray | None = None
    for begin in range(0, len(order), _BATCH):
        batch = order[begin : begin + _BATCH]
        block = np.asarray(embed([texts[i] for i in batch]), dtype=np.float32)
        if out is None:
            out = np.empty((len(texts), block.shape[1]), dtype=np.float16)
        out[batch] = block
    return out


def _save(folder: Path, matrix: np.ndarray, index: dict[str, list[int]], keys: np.ndarray) -> None:
    tmp = folder / (VECTORS + ".tmp.npy")
    np.save(tmp, matrix)
    os.replace(tmp, folder / VECTORS)
    _save_keys(folder, keys)
    (folder / (INDEX + ".tmp")).write_text(json.dumps(index))
    os.replace(folder / (INDEX + ".tmp"), folder / INDEX)


def _save_keys(folder: Path, keys: np.ndarray) -> None:
    tmp = folder / (KEYS + ".tmp.npy")
    np.save(tmp, keys.astype(np.int64))
    os.replace(tmp, folder / KEYS)
