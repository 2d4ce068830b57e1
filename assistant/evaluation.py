"""Scoring answers against a question set (DESIGN.md: question sets and the gold-hit rule)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def contains_quote(passage: str, quote: str) -> bool:
    """True when ``passage`` holds 60% of ``quote``'s characters as one common run."""
    p, q = _norm(passage), _norm(quote)
    if not q:
        return False
    if q in p:
        return True
    match = SequenceMatcher(None, p, q, autojunk=False).find_longest_match(0, len(p), 0, len(q))
    return match.size >= 0.6 * len(q)


def hits_gold(source: str, text: str, gold: dict[str, str]) -> bool:
    return Path(source).name == Path(gold["file"]).name and contains_quote(text, gold["quote"])


def carries_fact(question: dict[str, Any], answer: str) -> bool:
    """Does the answer's text state the gold fact? The item's ``fact``/``facts`` phrases when it has them
    (every one, for a two-part question), else most of a gold quote, or a whole answer sentence taken from one."""
    facts = question.get("facts") or ([question["fact"]] if question.get("fact") else [])
    if facts:
        return all(contains_quote(answer, fact) for fact in facts)
    sentences = [s for s in re.split(r"\s*\[\d+\]\s*", answer) if len(s.split()) >= 5]
    return any(
        contains_quote(answer, gold["quote"]) or any(_norm(s).rstrip(".") in _norm(gold["quote"]) for s in sentences)
        for gold in question["gold"]
    )


def load_questions(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@dataclass
class Metrics:
    n: int
    answerable: int
    hit_at: dict[int, float]
    mrr10: float
    all_gold_at5: float
    correct_abstentions: float  # of unanswerable questions, share abstained
    false_abstentions: float  # of answerable questions, share abstained
    latency_p50: float
    latency_p95: float
    carries_fact: float = 0.0  # of answerable questions, share whose answer text states the gold fact
    median_words: float = 0.0  # of answers given
    outcomes: dict[str, int] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("questions (answerable)", f"{self.n} ({self.answerable})"),
            *[(f"hit@{k}", f"{v:.3f}") for k, v in self.hit_at.items()],
            ("MRR@10", f"{self.mrr10:.3f}"),
            ("all gold in top 5", f"{self.all_gold_at5:.3f}"),
            ("unanswerable abstained", f"{self.correct_abstentions:.3f}"),
            ("answerable wrongly abstained", f"{self.false_abstentions:.3f}"),
            ("answer carries the gold fact", f"{self.carries_fact:.3f}"),
            ("median answer words", f"{self.median_words:.0f}"),
            ("outcomes", " ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items()))),
            ("latency p50 (ms)", f"{self.latency_p50:.0f}"),
            ("latency p95 (ms)", f"{self.latency_p95:.0f}"),
        ]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def first_hit_rank(question: dict[str, Any], retrieved: list[dict[str, Any]]) -> int | None:
    for rank, item in enumerate(retrieved[:10], start=1):
        if any(hits_gold(item["source"], item["text"], gold) for gold in question["gold"]):
            return rank
    return None


def all_gold_within(question: dict[str, Any], retrieved: list[dict[str, Any]], k: int) -> bool:
    return all(
        any(hits_gold(item["source"], item["text"], gold) for item in retrieved[:k]) for gold in question["gold"]
    )


def score(questions: list[dict[str, Any]], results: list[dict[str, Any]]) -> Metrics:
    """Metrics over paired questions and result lines (same order)."""
    answerable = [(q, r) for q, r in zip(questions, results) if q.get("answerable", True)]
    unanswerable = [(q, r) for q, r in zip(questions, results) if not q.get("answerable", True)]
    ranks = [first_hit_rank(q, r["retrieved"]) for q, r in answerable]
    n = max(1, len(answerable))
    latencies = [float(r["latency_ms"]) for r in results]
    given = [len(re.sub(r"\[\d+\]", "", r["answer"]).split()) for r in results if not r["abstained"]]
    outcomes: dict[str, int] = {}
    for r in results:
        outcome = r.get("outcome") or ("not_found" if r["abstained"] else "answered")
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return Metrics(
        n=len(questions),
        answerable=len(answerable),
        hit_at={k: sum(1 for rank in ranks if rank and rank <= k) / n for k in (1, 3, 5, 10)},
        mrr10=sum(1 / rank for rank in ranks if rank) / n,
        all_gold_at5=sum(all_gold_within(q, r["retrieved"], 5) for q, r in answerable) / n,
        correct_abstentions=(sum(r["abstained"] for _, r in unanswerable) / len(unanswerable)) if unanswerable else 1.0,
        false_abstentions=sum(r["abstained"] for _, r in answerable) / n,
        latency_p50=percentile(latencies, 50),
        latency_p95=percentile(latencies, 95),
        carries_fact=sum(not r["abstained"] and carries_fact(q, r["answer"]) for q, r in answerable) / n,
        median_words=percentile([float(g) for g in given], 50),
        outcomes=outcomes,
    )
