"""Is each sentence of a model's answer supported by the passages it cites?

A sentence is compared with the cited passages' answer units (``ingest.units``:
the sentences and list items a passage is cut into) and pairs of adjacent units,
with the packaged embedding model, its shorthand spelled out first. It is
supported when (1) every number, duration, frequency, date and judgement it
states is in one of them (or its passage's title, section and date), after
:mod:`assistant.claims` normalises both sides, and its names are in the cited
passages; (2) the closest such unit is close enough in meaning (cosine at least
:data:`THRESHOLD`, calibrated on the question bank's tuning part: see
docs/support-check.md); (3) a council it names is the council of that unit's
passage; (4) it does not flip that unit's negation, nor add a permission, an
obligation or a bound it does not state. Reasons are fixed words, never content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from assistant.answers import human_date
from assistant.claims import contradicts, facts, names_in, unnamed, unsupported_facts
from assistant.vocabulary.matching import find_terms, spell_out
from ingest.authorities import find_authorities
from ingest.embedder import Embedder
from ingest.models import Passage
from ingest.units import answer_units

# Cosine from which a claim's best-matching cited unit supports it: Youden's J is highest here for the meaning
# check, and the whole check's J is flat from 0.75 to here (benchmarks/support_calibration.py on
# benchmarks/bank/*-tune.jsonl; docs/support-check.md).
THRESHOLD = 0.80
CITATION = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


@dataclass
class Verdict:
    """One sentence of a model's answer and whether its citations bear it out."""

    sentence: str
    cited: list[int]
    similarity: float = 0.0
    reasons: list[str] = field(default_factory=list)  # fixed words: number, frequency, name, negation, meaning...

    @property
    def supported(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class Candidate:
    """Something a claim may rest on: one unit of a cited passage, or two adjacent ones read together."""

    n: int  # the passage's number in the prompt
    text: str
    single: bool


def sentences_of(text: str) -> list[str]:
    """A model answer's sentences, each with its [n] markers."""
    return [s for s in re.split(r"(?<=[.!?\]])\s+(?=[A-Z])", text.strip()) if s.strip()]


def citations_in(sentence: str) -> list[int]:
    return [int(n) for group in CITATION.findall(sentence) for n in re.split(r"\s*,\s*", group)]


def claim_of(sentence: str) -> str:
    """The sentence as a claim: citation markers removed."""
    return re.sub(r"\s+([.!?,;])", r"\1", CITATION.sub("", sentence)).strip()


def claim_text(claim: str) -> str:
    """What the model embeds for a claim: its shorthand spelled out, as the retriever reads a question."""
    return spell_out(claim, find_terms(claim))


def candidates(n: int, passage: Passage) -> list[Candidate]:
    """The passage's units, the opening steps of a unit that lists steps in sequence ("weekly for six weeks,
    then fortnightly ..."), and adjacent units read together."""
    units = answer_units(passage.text) or [passage.text]
    steps = [Candidate(n, unit[: m.start()].rstrip(" ,;") + ".", False) for unit in units
             for m in re.finditer(r";\s|,\s+then\s", unit)]
    return [Candidate(n, u, True) for u in units] + steps + [
        Candidate(n, f"{a} {b}", False) for a, b in zip(units, units[1:])]


def label(passage: Passage) -> str:
    """The words the model was shown with a passage besides its text: title, section, date."""
    return ". ".join(x for x in (passage.title, passage.section, passage.date, human_date(passage.date)) if x)


@lru_cache(maxsize=1)
def _acronyms() -> dict[str, tuple[str, ...]]:
    """Practitioners' abbreviations and their expansions (a model may write "NQSW" for the text's words)."""
    from assistant.vocabulary.lexicon import entries

    return {e.term.lower(): e.expansions for e in entries() if not e.gazetteer}


class SupportChecker:
    """Checks a model answer's sentences against the passages they cite, with the assistant's embedding model."""

    def __init__(self, embedder: Embedder, *, threshold: float = THRESHOLD) -> None:
        self.embedder = embedder
        self.threshold = threshold

    def check(self, sentences: list[str], shown: list[Passage]) -> list[Verdict]:
        """A verdict per sentence; ``shown[n - 1]`` is the passage numbered [n] in the prompt."""
        verdicts = [Verdict(sentence=s, cited=citations_in(s)) for s in sentences]
        wanted = sorted({n for v in verdicts for n in v.cited if 1 <= n <= len(shown)})
        pool = [c for n in wanted for c in candidates(n, shown[n - 1])]
        texts = [claim_text(claim_of(v.sentence)) for v in verdicts] + [c.text for c in pool]
        vectors = np.asarray(self.embedder.embed_batch(texts), dtype=np.float32)
        claims, rows = vectors[: len(verdicts)], vectors[len(verdicts):]
        for i, verdict in enumerate(verdicts):
            if not verdict.cited or any(not 1 <= n <= len(shown) for n in verdict.cited):
                verdict.reasons.append("citation")
                continue
            mine = [j for j, c in enumerate(pool) if c.n in verdict.cited]
            scored = [(pool[j], shown[pool[j].n - 1], float(rows[j] @ claims[i])) for j in mine]
            verdict.similarity, verdict.reasons = self.judge(claim_of(verdict.sentence), scored,
                                                             cited=[shown[n - 1] for n in verdict.cited])
        return verdicts

    def judge(self, claim: str, scored: list[tuple[Candidate, Passage, float]], *,
              cited: list[Passage]) -> tuple[float, list[str]]:
        """(similarity, reasons) for ``claim`` given its candidates with their passages and cosines: it rests on
        the closest candidate that states all its facts (or, if none does, the closest), which must be close
        enough in meaning, of the council it names, and of the same stance."""
        claimed = facts(claim)
        missing = {id(c): unsupported_facts(claimed, facts(f"{label(p)}.\n{c.text}")) for c, p, _ in scored}
        holding = [x for x in scored if not missing[id(x[0])]]
        candidate, passage, similarity = max(holding or scored, key=lambda x: x[2])
        reasons = list(missing[id(candidate)])
        everything = "\n".join(f"{label(p)}.\n{p.text}" for p in cited)
        if not all(self._spelled_out(name, everything) for name in unnamed(claimed, names_in(everything))):
            reasons.append("name")
        # A council's rule is the council's: the passage the claim rests on must be that council's own.
        held = set(passage.authorities) | set(find_authorities(f"{label(passage)}\n{passage.text}"))
        if not set(find_authorities(claim)) <= held:
            reasons.append("council")
        if similarity < self.threshold:
            reasons.append("meaning")
        return similarity, reasons + contradicts(claimed, facts(candidate.text))

    @staticmethod
    def _spelled_out(name: str, text: str) -> bool:
        """``name`` is an abbreviation whose expansion the text holds (the model wrote "NQSW" for its words)."""
        expansions = _acronyms().get(name) or _acronyms().get(name.rstrip("s")) or ()
        plain = " ".join(text.lower().split())
        return any(e.lower() in plain for e in expansions)
