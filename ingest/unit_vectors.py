"""Embeddings of every passage's answer units, saved beside an index version and memory-mapped by readers.

``unit_vectors.npy`` holds one float16 row per unit (the unit with its section
heading, as :func:`unit_text` builds it); ``unit_index.json`` maps a passage id
to its rows. Readers touch only the rows of the passages they score, so a
bot's memory does not grow with the knowledge base.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from ingest.models import Passage
from ingest.units import answer_units, unit_headings

VECTORS = "unit_vectors.npy"
INDEX = "unit_index.json"
_BATCH = 128


def unit_text(section: str, unit: str) -> str:
    """What the model sees for a unit: its section heading says what the sentence is about."""
    return f"{section}. {unit}" if section else unit


def unit_texts(passage: Passage) -> list[str]:
    """What the model sees for each unit of ``passage``, each read with its own heading (``unit_headings``)."""
    units = answer_units(passage.text)
    return [unit_text(heading, unit) for heading, unit in zip(unit_headings(passage.section, units), units)]


def has_unit_vectors(folder: Path) -> bool:
    return (folder / INDEX).is_file() and (folder / VECTORS).is_file()


class UnitVectors:
    """Read side: the unit embeddings of one version (memory-mapped)."""

    def __init__(self, folder: Path) -> None:
        self.index: dict[str, list[int]] = json.loads((folder / INDEX).read_text())
        self.matrix = np.load(folder / VECTORS, mmap_mode="r")

    @classmethod
    def open(cls, folder: Path) -> "UnitVectors | None":
        return cls(folder) if has_unit_vectors(folder) else None

    def get(self, passage_id: str) -> np.ndarray | None:
        """The passage's unit vectors as float32 rows, in unit order, or None if it has none."""
        span = self.index.get(passage_id)
        if not span or not span[1]:
            return None
        start, count = span
        return np.asarray(self.matrix[start : start + count], dtype=np.float32)


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
    start = 0
    for passage in passages:
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
    _save(folder, matrix.reshape(-1, dimension), index)
    return len(texts)


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
    (folder / (INDEX + ".tmp")).write_text(json.dumps(index))
    os.replace(folder / (INDEX + ".tmp"), folder / INDEX)
    return len(texts)


def keep_only(folder: Path, passage_ids: Iterable[str]) -> None:
    """Rewrite ``folder``'s unit vectors holding only ``passage_ids`` (used when a document is forgotten)."""
    current = UnitVectors.open(folder)
    if current is None:
        return
    rows, index, start = [], {}, 0
    for pid in passage_ids:
        block = current.get(pid)
        if block is None:
            continue
        rows.append(block.astype(np.float16))
        index[pid] = [start, len(block)]
        start += len(block)
    dimension = current.matrix.shape[1]
    del current  # release the memory map before the file is replaced
    _save(folder, np.concatenate(rows) if rows else np.zeros((0, dimension), dtype=np.float16), index)


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


def _save(folder: Path, matrix: np.ndarray, index: dict[str, list[int]]) -> None:
    tmp = folder / (VECTORS + ".tmp.npy")
    np.save(tmp, matrix)
    os.replace(tmp, folder / VECTORS)
    (folder / (INDEX + ".tmp")).write_text(json.dumps(index))
    os.replace(folder / (INDEX + ".tmp"), folder / INDEX)
