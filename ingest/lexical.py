"""The lexical side of an index version, built once when the version is built and memory-mapped by readers.

Files under ``<version>/lexical/``:

    bm25/                 bm25s index of every passage's embedding text (score matrix memory-mapped by readers)
    ids.npy, docs.npy     each BM25 row's passage id and document; rows are in (source, position) order
    lookup.npy, rows.npy  the ids sorted, with their rows: a passage's row without a dict of every id
    vocab.json, body*.npy, text*.npy   each row's tokens (of its embedding text, and the distinct ones of its text)
                          as vocabulary ids, so the next version tokenises only the passages that changed
    facts.json            tokens version, passage count, document frequencies of the passages' text (for
                          evidence.TermWeights), and each document's title, date, kind and councils

So a bot neither reads every passage nor rebuilds BM25 when a version goes live, and its memory holds the
vocabulary and document facts, not the passages. A version built before these files existed is indexed in
memory by its reader (:meth:`LexicalIndex.build`), and gets saved files at the next refresh.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from ingest import npy
from ingest.models import Passage
from ingest.tokens import TOKENS_VERSION, tokens

FOLDER = "lexical"
FORMAT = 2  # 2: token-id streams saved for the next version (1, without them, is indexed again at the next refresh)
K1, B = 1.2, 0.75
Document = tuple[str, str, str, tuple[str, ...]]  # title, date, doc_type, authorities


def has_lexical(version_dir: Path) -> bool:
    """Does ``version_dir`` hold a saved lexical index this code can read?"""
    try:
        facts = json.loads((version_dir / FOLDER / "facts.json").read_text())
        return facts.get("tokens") == TOKENS_VERSION and facts.get("format") == FORMAT
    except (OSError, ValueError):
        return False


class _Rows:
    """Rows being assembled for a new index: ids, documents and token-id streams, in order."""

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = vocab
        self.ids: list[str] = []
        self.sources: list[str] = []
        self.body: list[np.ndarray] = []
        self.text: list[np.ndarray] = []

    def ids_of(self, words: Iterable[str]) -> np.ndarray:
        vocab = self.vocab
        return np.array([vocab.setdefault(w, len(vocab)) for w in words], dtype=np.int32)

    def add(self, passage: Passage) -> None:
        self.ids.append(passage.id)
        self.sources.append(passage.source)
        self.body.append(self.ids_of(tokens(passage.embedding_text()) or ["_"]))
        self.text.append(np.unique(self.ids_of(tokens(passage.text))))


class LexicalIndex:
    """BM25 over one version's passages, with the document frequencies and document facts readers need."""

    def __init__(self, bm25, ids: np.ndarray, lookup: np.ndarray, rows: np.ndarray, facts: dict,
                 *, row_documents: np.ndarray, streams: dict | None = None) -> None:
        self.bm25 = bm25
        self.ids = ids
        self.row_documents = row_documents  # each row's document, as a number (rows follow sources)
        self._lookup = lookup
        self._rows = rows
        self._streams = streams or {}  # what a saved index needs beyond what readers read
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
        return cls.build_ordered(sorted(passages, key=lambda p: (p.source, p.position)))

    @classmethod
    def build_ordered(cls, ordered: Iterable[Passage]) -> "LexicalIndex":
        """Index passages given in (source, position) order, reading them once (they may be a stream)."""
        rows, documents = _Rows({}), {}
        for passage in ordered:
            rows.add(passage)
            _add_facts(documents, passage)
        return cls._assemble(rows, documents)

    @classmethod
    def update(cls, previous_dir: Path, *, keep: Iterable[str], fresh: Sequence[Passage]) -> "LexicalIndex":
        """The index of ``previous_dir``'s version with only the documents ``keep``, plus ``fresh`` passages
        (of other documents): kept passages are not tokenised again. The vocabulary only grows (forget builds
        afresh)."""
        folder = previous_dir / FOLDER
        facts = json.loads((folder / "facts.json").read_text())
        old_docs = facts["documents"]
        load = lambda name: npy.load(folder / name, mmap_mode="r")  # noqa: E731
        ids, docs = load("ids.npy"), np.asarray(load("docs.npy"))
        body, body_at, text, text_at = load("body.npy"), load("body_at.npy"), load("text.npy"), load("text_at.npy")
        rows = _Rows(json.loads((folder / "vocab.json").read_text()))
        keep = set(keep)
        fresh_by_source: dict[str, list[Passage]] = {}
        for passage in fresh:
            fresh_by_source.setdefault(passage.source, []).append(passage)
        old_index = {d[0]: i for i, d in enumerate(old_docs)}
        starts = np.searchsorted(docs, np.arange(len(old_docs) + 1))  # docs.npy is sorted: rows follow sources
        documents = {}
        for source in sorted((keep & set(old_index)) | set(fresh_by_source)):
            if source in fresh_by_source:
                block = sorted(fresh_by_source[source], key=lambda p: p.position)
                for passage in block:
                    rows.add(passage)
                    _add_facts(documents, passage)
                continue
            index = old_index[source]
            documents[source] = old_docs[index]
            for row in range(int(starts[index]), int(starts[index + 1])):
                rows.ids.append(ids[row].decode())
                rows.sources.append(source)
                rows.body.append(np.asarray(body[body_at[row]:body_at[row + 1]]))
                rows.text.append(np.asarray(text[text_at[row]:text_at[row + 1]]))
        return cls._assemble(rows, documents)

    @classmethod
    def _assemble(cls, rows: _Rows, documents: dict[str, list]) -> "LexicalIndex":
        import bm25s

        bm25 = None
        if rows.ids:
            bm25 = bm25s.BM25(k1=K1, b=B)
            bm25.index(([b.tolist() for b in rows.body], dict(rows.vocab)), show_progress=False)
        words = sorted(rows.vocab, key=rows.vocab.__getitem__)
        flat_text = np.concatenate(rows.text) if rows.text else np.zeros(0, dtype=np.int32)
        frequencies = np.bincount(flat_text, minlength=len(words))
        years = [d[6] for d in documents.values() if d[6] is not None]
        facts = {"tokens": TOKENS_VERSION, "format": FORMAT, "passages": len(rows.ids),
                 "counts": {words[i]: int(c) for i, c in enumerate(frequencies) if c},
                 "documents": list(documents.values()), "newest_year": max(years) if years else None,
                 "authorities": sorted({a for d in documents.values() for a in d[5]})}
        ids = np.array(rows.ids, dtype="S") if rows.ids else np.zeros(0, dtype="S1")
        order = np.argsort(ids, kind="stable")
        position = {source: i for i, source in enumerate(documents)}
        streams = {"documents": list(documents.values()), "vocab": rows.vocab, "docs": np.array([position[s] for s in rows.sources], dtype=np.int32),
                   "body": rows.body, "text": rows.text}
        return cls(bm25, ids, ids[order], order.astype(np.int64), facts, row_documents=streams["docs"],
                   streams=streams)

    def save(self, version_dir: Path) -> None:
        """Write the index under ``version_dir/lexical`` (a version being built; never a published one)."""
        folder = version_dir / FOLDER
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        if self.bm25 is not None:
            self.bm25.save(str(folder / "bm25"), show_progress=False)
        for name, array in (("ids", self.ids), ("lookup", self._lookup), ("rows", self._rows),
                            ("docs", self._streams["docs"])):
            np.save(folder / f"{name}.npy", array)
        for name in ("body", "text"):
            parts = self._streams[name]
            np.save(folder / f"{name}.npy", np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32))
            np.save(folder / f"{name}_at.npy", np.concatenate([[0], np.cumsum([len(p) for p in parts])]).astype(np.int64))
        (folder / "vocab.json").write_text(json.dumps(self._streams["vocab"], ensure_ascii=False))
        facts = {"tokens": TOKENS_VERSION, "format": FORMAT, "passages": self.total, "counts": self.counts,
                 "documents": self._streams["documents"],
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
            with npy.READING:  # bm25s reads its arrays with np.load
                bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True, load_corpus=False)
        load = lambda name: npy.load(folder / name, mmap_mode="r")  # noqa: E731
        return cls(bm25, load("ids.npy"), load("lookup.npy"), load("rows.npy"), facts,
                   row_documents=load("docs.npy"))

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



def _add_facts(facts: dict[str, list], p: Passage) -> None:
    """Per document: source, then title, date, kind and councils as its last passage gives them (what readers
    always used), the councils any of its passages names, and the newest year any of them is dated."""
    year = int(p.date[:4]) if p.date[:4].isdigit() else None
    entry = facts.get(p.source)
    union = sorted(set(entry[5] if entry else ()) | set(p.authorities))
    newest = max((y for y in (entry[6] if entry else None, year) if y is not None), default=None)
    facts[p.source] = [p.source, p.title, p.date, p.doc_type, list(p.authorities), union, newest]
