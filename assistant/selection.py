"""Which sentences answer the question: every answer unit of the best passages, scored by a fitted model.

A unit is scored on its meaning (the embedding model's cosine between the
question and the unit read with its section heading), the question's key
terms it covers once the lexicon has resolved them, whether it states a fact
of the kind asked for (a frequency, a timescale, a role...), and how the
ranker rated its passage. Word overlap is one signal among these, not the rule.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.answer_types import PREFERRED_KINDS, RATED_KINDS, states
from assistant.evidence import TermWeights, coverage
from assistant.logistic import Logistic
from assistant.retriever import Hit
from assistant.understand import Query
from ingest.splitter import omits
from ingest.units import LABELLED, closed

SELECTOR = "selector"
ANSWER_PASSAGES = 4  # units are drawn from the best few passages only
LONG_UNIT = 80  # words: a run-on block (a table flattened into text) reads badly as an answer


@dataclass
class Unit:
    hit_index: int
    order: int
    text: str
    section: str
    cosine: float
    coverage: float  # of the question's key terms, in the unit read with its heading
    plain_coverage: float  # the same in the unit's own words
    typed: bool
    probability: float = 0.0

    @property
    def words(self) -> int:
        return len(self.text.split())


def _heading(text: str) -> bool:
    """A title-cased line without an ending ("What a Strategy Discussion is For") names a topic; it answers nothing."""
    words = text.split()
    # A name line ("Jane Doe Her Majesty's Inspector", "Lead inspector: Louise Hollick") has no function words.
    if closed(text) or len(words) > 10 or not _FUNCTION_WORDS & {w.lower() for w in words}:
        return False
    if len(text.partition(":")[2].split()) > 4:
        return False  # "Head of Service: the head of service approves ..." is a labelled statement
    return sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def readable_words(text: str) -> int:
    """Lower-case words of three letters or more: what a line has to read beyond names, numbers and addresses."""
    return sum(bool(re.fullmatch(r"[a-z]{3,}[,;:.]?", w)) for w in text.split())


_CONTACT = re.compile(r"@|https?://|www\.|\b0\d{3,4} ?\d{3} ?\d{3,4}\b|\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b")


def _contact_block(text: str) -> bool:
    """An address or contact line with little else ("Freshford House Redcliffe Way Bristol BS1 6NL T 0300 1231231
    enquiries@ofsted.gov.uk", "T: 0300 123 1231 Textphone: ... © Crown copyright 2022"): it answers nothing, though
    its numbers look like facts. A sentence that gives an address as part of what to do stays a candidate."""
    return bool(_CONTACT.search(text)) and readable_words(text) < 5


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower().replace("’", "'")).strip()


def _title_line(text: str, title: str) -> bool:
    """The document's title printed on its first page ("Inspection of Leeds local authority children’s services"):
    the citation already names it, and as an answer's sentence it says nothing (its "local authority" would read as
    the "who" a question asks for)."""
    if LABELLED.match(text):
        return False  # "Inspection dates: 21 February to 4 March 2022" states the dates, though the title holds them
    line = _fold(text)
    return len(line.split()) >= 3 and f" {line} " in f" {_fold(title)} "


_FUNCTION_WORDS = {"a", "an", "the", "of", "for", "is", "are", "to", "and", "in", "on", "with", "be", "should", "when"}


def unit_features(unit: Unit, hit: Hit, *, best_cosine: float, best_coverage: float, asked: bool) -> dict[str, float]:
    """What the selector sees of one unit (names must match the fitted model's)."""
    return {
        "cosine": unit.cosine,
        "cosine_gap": unit.cosine - best_cosine,
        "coverage": unit.coverage,
        "plain_coverage": unit.plain_coverage,
        "coverage_gap": unit.coverage - best_coverage,
        "cosine_x_coverage": unit.cosine * unit.coverage,
        "typed_x_coverage": float(unit.typed) * unit.coverage,
        "dense": hit.dense,
        "relative_order": unit.order / max(1, len(hit.units)),
        "typed": float(unit.typed),
        "asked_untyped": float(asked and not unit.typed),
        "passage": hit.score,
        "passage_rank": 1.0 / (1 + unit.hit_index),
        "log_words": math.log(1 + unit.words),
        "long": float(unit.words > LONG_UNIT),
        "first": float(unit.order == 0),
        "closed": float(closed(unit.text)),
    }


# A sentence that opens on a pronoun ("It was first published in November 2017", "They are chaired by …") is about
# what the sentence before it names ("This document is our ILACS framework"): read with it for the question's terms.
# "This" and "these" only as pronouns ("This is …", not "This letter summarises …").
_PRONOUN = re.compile(r"^\W*(?:\d+[.)]\s+)?(?:it|its|they|their|he|she|his|her|(?:this|these)(?=\s+(?:is|was|are|"
                      r"were|has|have|had|will|would|should|must|means?|includes?)\b))\b", re.I)


# A list sentence: a lead-in, a colon, then items parted by semicolons
_LIST = re.compile(r"^([^:]{12,}):\s+(.+)$", re.S)


def _states_in_item(kind: str | None, text: str, asked: str, terms: list[str], weights: TermWeights) -> bool:
    """Does a unit state the asked-for kind of fact about what the question asks? A list sentence states it only in
    its lead-in or in the items that hold most of the question's key terms: "Situations … include: an emergency
    intervention …; Senior Managers give permission to look for a placement; …; a decision to move a child's placement
    without going through Placement Panel" names no one who signs off that move. Items holding none keep it whole."""
    if not states(kind, text, asked=asked):
        return False
    listed = _LIST.match(text)
    items = [item for item in re.split(r";\s+", listed.group(2)) if item.strip()] if listed else []
    covers = [coverage(terms, item, weights) for item in items]
    if len(items) < 2 or max(covers) == 0:
        return True
    asked_items = [item for item, covered in zip(items, covers) if covered == max(covers)]
    return states(kind, " ".join([listed.group(1), *asked_items]), asked=asked)


def referent(units: list[str], index: int) -> str:
    """The unit before ``units[index]`` in its passage when that unit opens on a pronoun, else nothing."""
    return units[index - 1] if index > 0 and _PRONOUN.match(units[index]) else ""


def score_units(query: Query, hits: list[Hit], terms: list[str], weights: TermWeights, *,
                model: Logistic | None = None) -> list[Unit]:
    """Every unit of the best passages with the selector's probability that it answers, best first."""
    model = model or Logistic.load(SELECTOR)
    # contents ("what must a record say") and reasons came after the selector was fitted: they are rated as asking
    # nothing; a place ("where on CASS does it go") is rated as a kind asked (RATED_KINDS)
    kind = None if query.answer_type in PREFERRED_KINDS - RATED_KINDS else query.answer_type
    units: list[Unit] = []
    seen: set[str] = set()
    for index, hit in enumerate(hits[:ANSWER_PASSAGES]):
        for order, (text, heading, cosine, covered) in enumerate(
                zip(hit.units, hit.unit_headings, hit.unit_cosines, hit.unit_coverages)):
            key = " ".join(text.lower().split())
            # The same sentence in two passages (a duplicate file) is one candidate; a heading, a contact line, the
            # title line and a publisher's text printed in many documents (ingest.boilerplate) are none.
            if (key in seen or order in hit.boilerplate or _heading(text) or _contact_block(text)
                    or _title_line(text, hit.passage.title)):
                continue
            seen.add(key)
            if before := referent(hit.units, order):  # "It was first published …": read with what "it" is
                covered = max(covered, coverage(terms, f"{heading} {before} {text}", weights))
            units.append(Unit(index, order, text, heading, cosine, covered, coverage(terms, text, weights),
                              # an editor's note that the content is left out answers "not here" to any kind of fact
                              _states_in_item(kind, text, f"{query.text} {query.plain}", terms, weights)
                              or omits(text)))
    best = max((u.cosine for u in units), default=0.0)
    best_coverage = max((u.coverage for u in units), default=0.0)
    asked = kind is not None
    for unit in units:
        features = unit_features(unit, hits[unit.hit_index], best_cosine=best, best_coverage=best_coverage, asked=asked)
        unit.probability = model.probability(features)
    units.sort(key=lambda u: (-u.probability, u.hit_index, u.order))
    return units
