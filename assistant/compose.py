"""The default answer, with no language model: the most relevant sentences, each cited, or "not found".

Every sentence of an answer is copied from a retrieved passage and carries
that passage's number; nothing is paraphrased, so nothing can be invented.
The evidence check that decides between answering and abstaining is
explained, with its calibration, in docs/retrieval.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Answer types live in assistant/answers.py; these names stay importable from here for older callers.
from assistant.answers import (  # noqa: F401
    NOT_FOUND, Answer, Citation, abstain, citation_for, human_date, nearest_titles,
)
from assistant.evidence import TermWeights, answers_quantity, coverage, has_quantity, key_terms
from assistant.retriever import Hit
from assistant.understand import Query
from ingest.splitter import split_sentences

ANSWER_PASSAGES = 3  # sentences are drawn from the best few passages only
MAX_SENTENCES = 3
MAX_WORDS = 110
LONG_SENTENCE = 80
QUANTITY_COVERAGE = 0.25
DENSE_FLOOR = 0.32  # below this cosine, no passage is about the question, whatever words it shares


@dataclass
class _Candidate:
    hit_index: int
    order: int
    text: str
    score: float
    context: str = ""


def _units(text: str) -> list[str]:
    """Sentences and bullet items that can stand alone in an answer, paragraph numbers removed."""
    units: list[str] = []
    for line in text.split("\n"):
        line = re.sub(r"^- ", "", line.strip())
        for sentence in split_sentences(line) if line else []:
            sentence = re.sub(r"^\d+(\.\d+)*\.?\s+(?=[A-Z])", "", sentence)
            if sentence.endswith(":"):
                continue  # a lead-in to a list says nothing on its own
            if not re.search(r"[.!?)\]\"'”]$", sentence) and len(sentence.split()) <= 16:
                continue  # a heading run into the text
            units.append(sentence)
    return units


def evidence_score(query: Query, hits: list[Hit]) -> float:
    """How strongly the best passages support an answer (0..1), as the abstention rule sees it."""
    if not hits:
        return 0.0
    # The retriever's rerank has already measured each top passage's key-term coverage.
    best = max(h.coverage for h in hits[:ANSWER_PASSAGES]) if key_terms(query) else 0.5
    return 0.5 * best + 0.5 * hits[0].dense


def compose(query: Query, hits: list[Hit], *, weights: TermWeights, threshold: float) -> Answer:
    """An extractive, cited answer from ``hits``, or an abstention with the nearest documents."""
    if not hits:
        return abstain(query, hits, reason="no-documents", message="The knowledge base has no documents yet.")
    strength = evidence_score(query, hits)
    if strength < threshold or max(h.dense for h in hits) < DENSE_FLOOR:
        return abstain(query, hits, reason="weak-evidence")

    terms = key_terms(query)
    top = hits[0].score or 1.0
    candidates: list[_Candidate] = []
    for index, hit in enumerate(hits[:ANSWER_PASSAGES]):
        for order, sentence in enumerate(_units(hit.passage.text)):
            length = len(sentence.split())
            if length < 4:
                continue
            # The section heading scopes its sentences ("Child and family assessments" -> "within 45 days").
            score = coverage(terms, f"{hit.passage.section} {sentence}", weights) + 0.35 * hit.score / top
            if length > LONG_SENTENCE:
                score -= 0.3  # a run-on block (a table flattened into text) reads badly as an answer
            if query.wants_quantity and has_quantity(sentence):
                score += 0.15
            candidates.append(_Candidate(index, order, sentence, score, hit.passage.section))
    if not candidates:
        return abstain(query, hits, reason="weak-evidence")
    candidates.sort(key=lambda c: -c.score)
    if query.wants_quantity and not query.wants_inspection:
        # A question after a number or a time needs a sentence that gives one about its subject.
        if not any(answers_quantity(query, c.text, terms, weights, floor=QUANTITY_COVERAGE, context=c.context)
                   for c in candidates):
            return abstain(query, hits, reason="no-quantity")

    chosen = [candidates[0]]
    for candidate in candidates[1:]:
        if len(chosen) == MAX_SENTENCES:
            break
        if candidate.score < 0.7 * chosen[0].score:
            break
        if sum(len(c.text.split()) for c in chosen) + len(candidate.text.split()) > MAX_WORDS:
            continue
        chosen.append(candidate)
    # Read in document order within each passage, best passage first.
    chosen.sort(key=lambda c: (c.hit_index, c.order))

    numbers: dict[int, int] = {}
    parts: list[str] = []
    for candidate in chosen:
        n = numbers.setdefault(candidate.hit_index, len(numbers) + 1)
        sentence = candidate.text.rstrip()
        if not re.search(r"[.!?]$", sentence):
            sentence += "."
        parts.append(f"{sentence} [{n}]")
    citations = [citation_for(n, hits[index]) for index, n in sorted(numbers.items(), key=lambda kv: kv[1])]
    return Answer(question=query.text, abstained=False, answer=" ".join(parts), citations=citations, hits=hits)
