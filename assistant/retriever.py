"""Hybrid retrieval: Chroma (dense) and BM25 (bm25s) over the same passages, fused, then steered.

Both retrievers propose candidates (Chroma's nearest neighbours, the saved
BM25 index's best); only the candidates' text, metadata and vectors are read
from Chroma. Every candidate gets both scores (its stored vector against the
question's, its BM25 score scaled by the best BM25 score for the question),
and a weighted sum ranks them. The authority, year and kind of source named in the question
then steer the ranking; they never filter, so comparisons still work.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

import numpy as np

from assistant.answer_types import LEAD_ONLY_KINDS, states
from assistant.evidence import TermWeights, coverage, key_terms
from assistant.logistic import Logistic
from assistant.understand import Query
from ingest.authorities import related
from ingest.embedder import Embedder
from ingest.lexical import LexicalIndex
from ingest.models import Passage
from ingest.store import IndexVersion
from ingest.tokens import tokens
from ingest.unit_vectors import UnitVectors, unit_texts
from ingest.units import answer_units, unit_headings

log = logging.getLogger(__name__)
DENSE_WEIGHT = 0.6
CANDIDATES = 40
RERANK_DEPTH = 20
RANKER = "ranker"
KIND_PRIOR = 0.25


@dataclass
class Hit:
    passage: Passage
    score: float  # fused and steered, then the ranker's probability that the passage answers
    dense: float  # cosine similarity to the question
    lexical: float  # BM25 score scaled by the best BM25 score for this question
    coverage: float = 0.0  # share of the question's key terms in the passage text
    steer: float = 1.0  # how much the council, year and kind of source named in the question favour it
    steer_parts: dict[str, float] = field(default_factory=dict)  # the same, part by part
    fused: float = 0.0  # the first-stage score (dense + lexical, steered)
    lexical_raw: float = 0.0  # the unscaled BM25 score
    units: list[str] = field(default_factory=list)  # answer units (ingest.units), scored in the second stage
    unit_cosines: list[float] = field(default_factory=list)  # each unit (with its heading) against the question
    unit_coverages: list[float] = field(default_factory=list)  # the question's key terms each unit (with heading) holds
    unit_headings: list[str] = field(default_factory=list)  # the heading each unit is read with (ingest.units)
    boilerplate: frozenset[int] = frozenset()  # positions of units printed alike in many documents (ingest.boilerplate)

    @property
    def best_unit(self) -> float:
        return max(self.unit_cosines, default=0.0)


class Retriever:
    """Searches one published index version; build it once and keep it (it holds the BM25 index)."""

    def __init__(self, version: IndexVersion, *, embedder: Embedder) -> None:
        self.version = version
        self.embedder = embedder
        lexical = LexicalIndex.open(version.path)
        if lexical is None:
            # A version built before lexical indexes were saved: index it in memory (the next refresh saves one).
            log.info("no saved lexical index for version=%s; indexing it in memory", version.name)
            lexical = LexicalIndex.build(version.passages()[0])
        self.lexical = lexical
        self.newest_year = lexical.newest_year
        self.authorities = lexical.authorities
        # One row per document: what the abstention rules need to know without searching.
        self.documents = lexical.documents
        self.weights = TermWeights.from_counts(lexical.counts, total=lexical.total)
        self.unit_vectors = UnitVectors.open(version.path)
        if self.unit_vectors is not None:
            self.unit_vectors.mark_boilerplate(map(bytes.decode, lexical.ids), lexical.row_documents)
        self.ranker = Logistic.load(RANKER)

    def __len__(self) -> int:
        return len(self.lexical)

    def warm(self) -> None:
        """Touch Chroma's index and the lexical files now, so the first question is not slower than the rest."""
        if len(self):
            self.version.query([1.0] + [0.0] * (self.embedder.dimension - 1), k=1)
            self.lexical.scores(["warm"])

    def search(self, query: Query, *, k: int = 10, query_vector: list[float] | None = None) -> list[Hit]:
        if not len(self):
            return []
        # The model reads the question with its shorthand spelled out in place; BM25 gets every expansion.
        vector = np.asarray(query_vector or self.embedder.embed_batch([query.plain or query.text])[0], dtype=np.float32)
        lexical_all = self.lexical.scores(tokens(query.expanded))
        # Candidates from Chroma's nearest neighbours and from BM25's best; text, metadata and vectors for them only.
        dense_ids = [pid for pid, _ in self.version.query(vector.tolist(), k=min(CANDIDATES, len(self)))]
        rows = self.lexical.rows_of(dense_ids)
        for row in self.lexical.best(lexical_all, CANDIDATES):
            rows.setdefault(self.lexical.passage_id(row), row)
        top_lexical = float(lexical_all.max(initial=0.0)) or 1.0
        hits = []
        for passage, stored in self.version.fetch(list(rows)):
            raw = float(lexical_all[rows[passage.id]])
            dense = float(stored @ vector)
            lexical = raw / top_lexical
            parts = self.steer_parts(query, passage)
            steer = self._steer(parts)
            fused = (DENSE_WEIGHT * dense + (1 - DENSE_WEIGHT) * lexical) * steer
            hits.append(Hit(passage, fused, dense, lexical, steer=steer, steer_parts=parts, fused=fused,
                            lexical_raw=raw))
        hits.sort(key=lambda h: (-h.score, h.passage.source, h.passage.position))
        # Second stage: the best candidates are read unit by unit and ranked by the fitted ranker.
        head = hits[:RERANK_DEPTH]
        terms = key_terms(query)
        for hit in head:
            self.read_units(hit, vector)
            hit.coverage = coverage(terms, hit.passage.text, self.weights)
            hit.unit_coverages = [coverage(terms, f"{heading} {u}", self.weights)
                                  for heading, u in zip(hit.unit_headings, hit.units)]
        best_dense = max((h.dense for h in head), default=0.0)
        best_unit = max((h.best_unit for h in head), default=0.0)
        for hit in head:
            probability = self.ranker.probability(rank_features(query, hit, best_dense=best_dense, best_unit=best_unit))
            # A question that names the kind of source (Ofsted, a procedure) is answered from that kind: in the
            # tuning questions, 66 of 66 inspection questions had their answer in an inspection document.
            hit.score = probability * (KIND_PRIOR if hit.steer_parts["kind_other"] else 1.0)
        head.sort(key=lambda h: (-h.score, h.passage.source, h.passage.position))
        return (head + hits[RERANK_DEPTH:])[:k]

    def read_units(self, hit: Hit, vector: np.ndarray) -> None:
        """Cut ``hit``'s passage into answer units and score each against the question vector."""
        passage = hit.passage
        hit.units = answer_units(passage.text)
        hit.unit_headings = unit_headings(passage.section, hit.units)
        hit.boilerplate = self.unit_vectors.boilerplate_in(passage.id) if self.unit_vectors is not None else frozenset()
        if not hit.units:
            hit.unit_cosines = []
            return
        rows = self.unit_vectors.get(passage.id) if self.unit_vectors is not None else None
        if rows is None or len(rows) != len(hit.units):
            # Not expected (the manifest's cutting version forces a re-split): embed them now, slower, same result.
            log.warning("unit vectors missing or stale for a passage; embedding at query time")
            texts = unit_texts(passage)
            rows = np.asarray(self.embedder.embed_batch(texts), dtype=np.float32).reshape(len(texts), -1)
        hit.unit_cosines = [float(x) for x in (rows @ vector)]

    @staticmethod
    def _steer(parts: dict[str, float]) -> float:
        """First-stage steering (multiplicative, never a filter, so comparisons still find both councils)."""
        factor = 1.25 ** parts["council_match"] * 0.75 ** parts["council_other"]
        factor *= 1.2 ** parts["year_match"] * 0.85 ** parts["year_far"]
        factor *= 1.1 ** parts["kind_match"] * 0.9 ** parts["kind_other"]
        return factor * math.exp(0.4 * parts["recency"])

    def steer_parts(self, query: Query, passage: Passage) -> dict[str, float]:
        """How the council, year, kind of source and recency named in the question bear on ``passage``."""
        doc_year = int(passage.date[:4]) if passage.date[:4].isdigit() else None
        named = set(query.authorities)
        match = bool(named & set(passage.authorities))
        # Where the documents hold nothing of the council or area the question names, one of a council within that
        # area (or of the area of that council) is no other council's: "the tees lot" over a Stockton-on-Tees letter
        near = bool(named) and not match and named.isdisjoint(self.authorities) and any(
            related(a, b) for a in named for b in passage.authorities)
        # A year named as a baseline ("improved since 2019") is matched by the documents after it, which say what changed
        gaps = [max(y - doc_year, 0) if y in query.since else abs(doc_year - y) for y in query.years] if doc_year else []
        far = bool(gaps) and min(gaps) > 1
        if query.wants_inspection:
            kind = 1.0 if passage.doc_type.startswith("inspection") else -1.0
        elif query.wants_procedure:
            kind = 0.5 if passage.doc_type in {"procedure", "statutory-guidance"} else 0.0
        else:
            kind = 0.0
        recent = query.wants_latest and doc_year is not None and self.newest_year
        return {
            "council_match": float(bool(named) and match),
            "council_other": float(bool(named) and not match and not near and bool(passage.authorities)),
            "year_match": float(doc_year is not None and any(doc_year > y if y in query.since else doc_year == y
                                                             for y in query.years)),
            "year_far": float(far),
            "kind_match": max(kind, 0.0),
            "kind_other": max(-kind, 0.0),
            "recency": -0.1 * (self.newest_year - doc_year) if recent else 0.0,
        }

def rank_features(query: Query, hit: Hit, *, best_dense: float, best_unit: float) -> dict[str, float]:
    """What the ranker sees of one candidate passage (names must match the fitted model's)."""
    return {
        "fused": hit.fused,
        "dense": hit.dense,
        "lexical": hit.lexical,
        "coverage": hit.coverage,
        "best_unit": hit.best_unit,
        "dense_gap": hit.dense - best_dense,
        "unit_gap": hit.best_unit - best_unit,
        "typed": float(query.answer_type not in LEAD_ONLY_KINDS
                       and any(states(query.answer_type, u, asked=f"{query.text} {query.plain}") for u in hit.units)),
        "best_unit_coverage": max(hit.unit_coverages, default=0.0),
        "cosine_x_coverage": max((c * v for c, v in zip(hit.unit_cosines, hit.unit_coverages)), default=0.0),
        "lexical_raw": math.log1p(hit.lexical_raw),
        **hit.steer_parts,
    }
