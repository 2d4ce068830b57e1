"""The lexical side of an index version, built once when the version is built and memory-mapped by readers.

Files under ``<version>/lexical/``:

    bm25/          bm25s index of every passage's embedding text (score matrix memory-mapped by readers)
    ids.npy        the passage id of each BM25 row; rows are in (source, position) order
    lookup.npy     the same ids sorted, with ``rows.npy`` their rows: a passage's row without a dict of every id
    facts.json     tokens version, passage count, document frequencies of the passages' text (for
                   evidence.TermWeights), and each document's title, date, kind and councils

So a bot neither reads every passage nor rebuilds BM25 when a version goes live, and its memory holds the
vocabulary and document facts, not the passages. A version built before these files existed is indexed in
memory by its reader (:meth:`LexicalIndex.build`), and gets saved files at the next refresh.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from ingest.models import Passage
from ingest.tokens import TOKENS_VERSION, tokens

FOLDER = "lexical"
K1, B = 1.2, 0.75
Document = tuple[str, str, str, tuple[str, ...]]  # title, date, doc_type, authorities


def has_lexical(version_dir: Path) -> bool:
    """Does ``version_dir`` hold a saved lexical index this code can read?"""
    try:
        return json.loads((version_dir / FOLDER / "facts.json").read_text()).get("tokens") == TOKENS_VERSION
    except (OSError, ValueError):
        return False


class LexicalIndex:
    """BM25 over one version's passages, with the document frequencies and document facts readers need."""

    def __init__(self, bm25, ids: np.ndarray, lookup: np.ndarray, rows: np.ndarray, facts: dict) -> None:
        self.bm25 = bm25
        self.ids = ids
        self._lookup = lookup
        self._rows = rows
        self.total = int(facts["passages"])
        self.counts: dict[str, int] = facts["counts"]
        self.documents: dict[str, Document] = {d[0]: (d[1], d[2], d[3], tuple(d[4])) for d in facts["documents"]}
        self.newest_year: int | None = facts["newest_year"]
        self.authorities: list[str] = facts["authorities"]

    def __len__(self) -> int:
        return self.total

    # -- building ----------------------------------------------------------
    @classmethod
    def build(cls, passages: Iterable[Passage]) -> "LexicalIndex":
        """Index ``passages`` in memory (in (source, position) order, as readers always saw them)."""
        import bm25s

        ordered = sorted(passages, key=lambda p: (p.source, p.position))
        bm25 = None
        if ordered:
            bm25 = bm25s.BM25(k1=K1, b=B)
            bm25.index([tokens(p.embedding_text()) or ["_"] for p in ordered], show_progress=False)
        counts: Counter[str] = Counter()
        for passage in ordered:
            counts.update(set(tokens(passage.text)))
        years = [int(p.date[:4]) for p in ordered if p.date[:4].isdigit()]
        documents = {p.source: [p.source, p.title, p.date, p.doc_type, list(p.authorities)] for p in ordered}
        facts = {"tokens": TOKENS_VERSION, "passages": len(ordered), "counts": dict(counts),
                 "documents": list(documents.values()), "newest_year": max(years) if years else None,
                 "authorities": sorted({a for p in ordered for a in p.authorities})}
        ids = np.array([p.id for p in ordered], dtype="S") if ordered else np.zeros(0, dtype="S1")
        order = np.argsort(ids, kind="stable")
        return cls(bm25, ids, ids[order], order.astype(np.int64), facts)

    def save(self, version_dir: Path) -> None:
        """Write the index under ``version_dir/lexical`` (a version being built; never a published one)."""
        folder = version_dir / FOLDER
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        if self.bm25 is not None:
            self.bm25.save(str(folder / "bm25"), show_progress=False)
        np.save(folder / "ids.npy", self.ids)
        np.save(folder / "lookup.npy", self._lookup)
        np.save(folder / "rows.npy", self._rows)
        facts = {"tokens": TOKENS_VERSION, "passages": self.total, "counts": self.counts,
                 "documents": [[s, *d[:3], list(d[3])] for s, d in self.documents.items()],
                 "newest_year": self.newest_year, "authorities": self.authorities}
        # Written last: a folder without facts.json is not an index (has_lexical).
        (folder / "facts.json").write_text(json.dumps(facts, ensure_ascii=False))

    @classmethod
    def open(cls, version_dir: Path) -> "LexicalIndex | None":
        """The saved index of ``version_dir``, memory-mapped; None when it has none (or an outdated one)."""
        if not has_lexical(version_dir):
            return None
        import bm25s

        folder = version_dir / FOLDER
        facts = json.loads((folder / "facts.json").read_text())
        bm25 = None
        if facts["passages"]:
            bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True, load_corpus=False)
        load = lambda name: np.load(folder / name, mmap_mode="r")  # noqa: E731
        return cls(bm25, load("ids.npy"), load("lookup.npy"), load("rows.npy"), facts)

    # -- reading -----------------------------------------------------------
    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every row for these query tokens (zeros when none is known)."""
        if self.bm25 is None or not query_tokens:
            return np.zeros(self.total, dtype=np.float32)
        return np.asarray(self.bm25.get_scores(query_tokens), dtype=np.float32)

    def best(self, scores: np.ndarray, k: int) -> list[int]:
        """Rows of the ``k`` highest positive scores (a row BM25 gives nothing is no lexical candidate)."""
        if k <= 0 or not len(scores):
            return []
        top = np.argpartition(-scores, k - 1)[:k] if len(scores) > k else np.arange(len(scores))
        return [int(i) for i in top if scores[i] > 0]

    def passage_id(self, row: int) -> str:
        return self.ids[row].decode()

    def rows_of(self, passage_ids: Sequence[str]) -> dict[str, int]:
        """Rows of the given passage ids (ids the index does not hold are left out)."""
        if not passage_ids or not self.total:
            return {}
        width = self._lookup.dtype.itemsize
        wanted = [p for p in passage_ids if len(p.encode()) <= width]  # a longer id is not held (and would truncate)
        keys = np.array([p.encode() for p in wanted], dtype=self._lookup.dtype)
        at = np.minimum(np.searchsorted(self._lookup, keys), self.total - 1)
        return {pid: int(self._rows[i]) for pid, key, i in zip(wanted, keys, at) if self._lookup[i] == key}
