"""Hybrid retrieval: Chroma (dense) and BM25 (bm25s) over the same passages, fused, then steered.

Both retrievers propose candidates; every candidate gets both scores (the
dense one from the in-memory embedding matrix, the BM25 one from the full
score vector), each scaled to [0, 1] by its maximum, and a weighted sum
ranks them. The authority, year and kind of source named in the question
then steer the ranking; they never filter, so comparisons still work.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from assistant.evidence import TermWeights, answers_quantity, coverage, key_terms
from assistant.text import tokens
from assistant.understand import Query
from ingest.embedder import Embedder
from ingest.models import Passage
from ingest.splitter import split_sentences
from ingest.store import IndexVersion

DENSE_WEIGHT = 0.6
CANDIDATES = 40
RERANK_DEPTH = 20
COVERAGE_WEIGHT = 0.3
QUANTITY_BONUS = 0.1


@dataclass
class Hit:
    passage: Passage
    score: float  # fused and steered, for ranking
    dense: float  # cosine similarity to the question
    lexical: float  # BM25 score scaled by the best BM25 score for this question
    coverage: float = 0.0  # share of the question's key terms in the passage text


class Retriever:
    """Searches one published index version; build it once and keep it (it holds the BM25 index)."""

    def __init__(self, version: IndexVersion, *, embedder: Embedder) -> None:
        import bm25s

        self.version = version
        self.embedder = embedder
        self.passages, vectors = version.passages(with_embeddings=True)
        self.by_id = {p.id: i for i, p in enumerate(self.passages)}
        dim = embedder.dimension
        self.matrix = np.asarray(vectors, dtype=np.float32).reshape(len(self.passages), dim)
        self.bm25 = None
        if self.passages:
            self.bm25 = bm25s.BM25(k1=1.2, b=0.75)
            corpus = [tokens(p.embedding_text()) or ["_"] for p in self.passages]
            self.bm25.index(corpus, show_progress=False)
        years = {p.source: int(p.date[:4]) for p in self.passages if p.date[:4].isdigit()}
        self.newest_year = max(years.values()) if years else None
        self.authorities = sorted({a for p in self.passages for a in p.authorities})
        # One row per document: what the abstention rules need to know without searching.
        self.documents = {p.source: (p.title, p.date, p.doc_type, tuple(p.authorities)) for p in self.passages}
        self.weights = TermWeights(self.passages)

    def __len__(self) -> int:
        return len(self.passages)

    def search(self, query: Query, *, k: int = 10, query_vector: list[float] | None = None) -> list[Hit]:
        if not self.passages:
            return []
        vector = np.asarray(query_vector or self.embedder.embed_batch([query.expanded])[0], dtype=np.float32)
        dense_all = self.matrix @ vector
        lexical_all = np.zeros(len(self.passages), dtype=np.float32)
        query_tokens = tokens(query.expanded)
        if query_tokens and self.bm25 is not None:
            lexical_all = np.asarray(self.bm25.get_scores(query_tokens), dtype=np.float32)
        # Candidates from Chroma's nearest neighbours and from BM25's best.
        candidates = {self.by_id[pid] for pid, _ in self.version.query(vector.tolist(), k=min(CANDIDATES, len(self)))
                      if pid in self.by_id}
        candidates.update(np.argsort(-lexical_all)[:CANDIDATES].tolist())
        top_lexical = float(lexical_all.max()) or 1.0
        hits = []
        for index in candidates:
            passage = self.passages[index]
            dense = float(dense_all[index])
            lexical = float(lexical_all[index]) / top_lexical
            score = DENSE_WEIGHT * dense + (1 - DENSE_WEIGHT) * lexical
            hits.append(Hit(passage, score * self._steer(query, passage), dense, lexical))
        hits.sort(key=lambda h: (-h.score, h.passage.source, h.passage.position))
        # Second stage: within the best candidates, favour passages whose own text
        # holds the question's key terms (the title is shared by a whole document).
        terms = key_terms(query)
        head = hits[:RERANK_DEPTH]
        for hit in head:
            hit.coverage = coverage(terms, hit.passage.text, self.weights)
            hit.score += COVERAGE_WEIGHT * hit.coverage * self._steer(query, hit.passage)
            if query.wants_quantity and not query.wants_inspection and any(
                answers_quantity(query, s, terms, self.weights, floor=0.25, context=hit.passage.section)
                for s in split_sentences(hit.passage.text)
            ):
                hit.score += QUANTITY_BONUS  # it states a number or time about the question's subject
        head.sort(key=lambda h: (-h.score, h.passage.source, h.passage.position))
        return (head + hits[RERANK_DEPTH:])[:k]

    def _steer(self, query: Query, passage: Passage) -> float:
        factor = 1.0
        doc_year = int(passage.date[:4]) if passage.date[:4].isdigit() else None
        if query.authorities:
            named = set(query.authorities)
            if named & set(passage.authorities):
                factor *= 1.25
            elif passage.authorities:
                factor *= 0.75  # another council's document
        if query.years and doc_year is not None:
            if doc_year in query.years:
                factor *= 1.2
            elif min(abs(doc_year - y) for y in query.years) > 1:
                factor *= 0.85
        if query.wants_inspection:
            factor *= 1.1 if passage.doc_type.startswith("inspection") else 0.9
        elif query.wants_procedure:
            factor *= 1.05 if passage.doc_type in {"procedure", "statutory-guidance"} else 1.0
        if query.wants_latest and doc_year is not None and self.newest_year:
            factor *= math.exp(-0.04 * (self.newest_year - doc_year))
        return factor
