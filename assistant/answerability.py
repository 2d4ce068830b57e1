"""Do the documents answer the question? Signals that generalise, combined by a fitted model.

Two models read the same signals: ``answerability`` (is the asked-for fact
there?) and ``topic`` (is the subject there at all?). Together they give the
three outcomes: answered, partial ("the documents don't say X; the nearest
they say ..."), not found. Both are fitted and their thresholds chosen for a
stated precision by ``benchmarks/fit_models.py``: topic on the tuning questions,
answerability on every set written to choose on (never the test part or the
report-only batches); docs/retrieval.md shows the calibration.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from assistant.answer_types import PREFERRED_KINDS
from assistant.asks import own_clause
from assistant.boosted import load_model
from assistant.events import asks_anchor, event_terms, event_text
from assistant.evidence import TermWeights, coverage
from assistant.figures import contradicted, figures_missing
from assistant.story import question_part, story_senses, story_words
from assistant.legislation import holds_phrase, phrase_words
from assistant.logistic import Logistic
from assistant.retriever import Hit
from assistant.selection import Unit
from ingest.findings.judgements import inspection_dates
from ingest.tokens import as_verbs, tokens
from assistant.understand import Query
from assistant.years import names_inspection
from assistant.vocabulary import find_terms, spell_out, spelled_stems

ANSWERABILITY = "answerability"
TOPIC = "topic"
TYPED_UNITS = 6  # a fact of the asked-for kind must be among the best few units


def answer_features(query: Query, hits: list[Hit], units: list[Unit], terms: list[str],
                    weights: TermWeights) -> dict[str, float]:
    """Question-level signals (names must match the fitted models'). In a message that tells a story before its
    question, the story's words count for the best unit where it holds them and never against it (``story_words``):
    the coverages are read on the question's own words and the story words the best unit holds. A clause asking
    another kind of fact is answered apart (``more_asks.second_asks``), so its words count neither for nor against
    the answer to the first ("norfolk transfer in conf timescale and who do i send the form to")."""
    story = story_words(query.text)
    own = own_clause(query.text, query.answer_type)
    others = spelled_stems(query.text) - spelled_stems(own)
    if (story or others) and units:
        held = story & set(as_verbs(tokens(f"{units[0].section} {units[0].text}")))
        judged = [t for t in terms if (t not in story or t in held) and t not in others] or terms
        if judged != terms:
            units = [replace(u, coverage=coverage(judged, f"{u.section} {u.text}", weights)) for u in units]
            hits = [replace(h, coverage=coverage(judged, h.passage.text, weights)) for h in hits]
            terms = judged
    best = units[0] if units else None
    top = hits[:3]
    total = sum(weights.idf(t) for t in terms) or 1.0
    unknown = sum(weights.idf(t) for t in terms if weights.counts.get(t, 0) == 0) / total
    by_dense = sorted(hits[:10], key=lambda h: -h.dense)[:3]
    by_lexical = sorted(hits[:10], key=lambda h: -h.lexical)[:3]
    # A definition ("what is a jtai") and contents ("what must a record say") were no kinds of fact when the models
    # were fitted: they stay unasked to them; only the lead sentence must spell the shorthand out (compose), and a
    # sentence that says what something includes leads if one is close (leading.lead)
    asked = query.answer_type not in (None, "definition", *PREFERRED_KINDS)
    typed = [u for u in units[:TYPED_UNITS] if u.typed]
    held = set(as_verbs(tokens(" ".join(f"{h.passage.title} {h.passage.section} {h.passage.text}" for h in top))))
    missing = sum(weights.idf(t) for t in terms if t not in held) / total
    # A fact about the council the question names is looked for in its documents and in those of no council
    scoped = [h for h in top if not h.steer_parts.get("council_other")]
    asked_years = [y for y in query.years if y not in query.editions]  # "working together 2018" is no inspection's
    asked_years = first_asked(query.text, asked_years)
    # The answer would come from another council's document although the question names a council.
    lead = hits[best.hit_index] if best is not None and best.hit_index < len(hits) else (hits[0] if hits else None)
    years_held = held_years(asked_years, scoped, best.text if best is not None else "", query.since,
                            inspection=query.wants_inspection and lead is not None and reports(lead))
    other_council = bool(lead is not None and lead.steer_parts.get("council_other"))
    asked_text = query.plain or query.text  # "every 10 wd": "every 10 working days"
    evidence = " ".join(h.passage.text for h in scoped)
    numbers_missing = figures_missing(asked_text, evidence) and not contradicted(asked_text, best, terms, weights)
    timed = query.answer_type == "timescale" and bool(typed) and not asks_anchor(asked_text)
    # the story told before the question ("stockton accepted the referral this morning. how long have they got to hold
    # the conference") says what has happened, often the point the time runs from: only the question's own terms
    told = story_senses(query.text) if timed else frozenset()
    events = event_terms(own_clause(asked_text, query.answer_type), [t for t in terms if t not in told] or terms) \
        if timed else []
    return {
        "best_unit": best.probability if best else 0.0,
        "best_unit_cosine": max((u.cosine for u in units), default=0.0),
        "best_unit_coverage": best.coverage if best else 0.0,
        "top_passage": hits[0].score if hits else 0.0,
        "top_dense": max((h.dense for h in hits), default=0.0),
        "coverage": max((h.coverage for h in top), default=0.0),
        "lexical_raw": math.log1p(max((h.lexical_raw for h in hits), default=0.0)),
        "agreement": len({id(h) for h in by_dense} & {id(h) for h in by_lexical}) / 3.0,
        "unknown_terms": unknown,
        "key_terms": math.log1p(len(terms)),
        "asked": float(asked),
        "typed_support": max((_support(u, best, query, terms, weights) for u in typed), default=0.0) if asked else 0.0,
        "typed_missing": float(asked and not typed),
        "missing_terms": missing,
        "years_held": float(years_held),
        "numbers_missing": float(numbers_missing),
        "other_council": float(other_council),
        # For a question asking a kind of fact, how close the best sentence and passage are counts apart from the
        # same for one asking none: a close sentence of another kind answers "what did ofsted say", not "how long"
        "asked_best_unit": float(asked) * (best.probability if best else 0.0),
        "asked_top_passage": float(asked) * (hits[0].score if hits else 0.0),
        "phrases_missing": phrases_missing(query, best),
        # Whether a sentence stating the asked-for kind of fact is the answer or only near it: how close the closest
        # such sentence is in meaning and to the selector, how many of the best few state one, and whether the first
        # sits in the best sentence's own passage (since the twenty-ninth session: a stated fact about the asked
        # subject, not a nearby one)
        "typed_cosine": max((u.cosine for u in typed), default=0.0) if asked else 0.0,
        "typed_best_unit": max((u.probability for u in typed), default=0.0) if asked else 0.0,
        "typed_share": len(typed) / TYPED_UNITS if asked else 0.0,
        "typed_in_best_passage": float(asked and bool(typed) and best is not None
                                       and typed[0].hit_index == best.hit_index),
        # the best sentence's meaning match and key-term coverage together: each alone is weak where the other fails
        "best_unit_match": best.coverage * best.cosine if best else 0.0,
        # Length-free readings of the same evidence (thirty-sixth session): the best BM25 score per unit of the key
        # terms' weight (the raw score grows with the question's length: a one-term question scores low however well
        # it is answered), and how much of the best sentence, and of the closest sentence stating the asked-for kind
        # (less the anchors of its times: what it times), the question speaks of
        "lexical_norm": max((h.lexical_raw for h in hits), default=0.0) / total,
        "typed_reverse": _spoken_of(typed[0].text, query, terms, weights, event_text if timed else str)
        if asked and typed else 0.0,
        "best_reverse": _spoken_of(best.text, query, terms, weights) if best else 0.0,
        # For a question asking how soon an event must happen: how much of that event the closest sentence stating a
        # time holds in what it times, less its anchors ("devon rcpc has to be held within ___ wd of the icpc" against
        # the ICPC's "no more than 15 working days after the Strategy Discussion" holds no review); -1 for none asked
        "typed_event_coverage": max(_spelled_coverage(u, events, weights, event_text) for u in typed)
        if timed else -1.0,
        # For a question asking how soon an event must happen: how much of that event the sentences stating a time
        # hold only as the point their time runs from ("5 days before for an RCPC" does not time the RCPC; ``events``)
        "event_anchored": (max(_spelled_coverage(u, events, weights) for u in typed)
                           - max(_spelled_coverage(u, events, weights, event_text) for u in typed)) if timed else 0.0,
    }


def _spoken_of(text: str, query: Query, terms: list[str], weights: TermWeights, read=str) -> float:
    """Share of the weight of a sentence's own terms (of its text as ``read``) that the question holds, its shorthand
    and key terms spelled out: "The Initial Assessment … must be completed in no more than 7 working days" is little
    spoken of by "how many wd do we get to complete the core assmt once the IA says one is needed"."""
    asked = query.plain or query.text
    return coverage(sorted(set(as_verbs(tokens(read(text))))),
                    f"{asked} {spell_out(asked, find_terms(asked))} {' '.join(terms)}", weights)


def _support(unit: Unit, best: Unit | None, query: Query, terms: list[str], weights: TermWeights) -> float:
    """How far a unit stating the asked-for kind of fact is about the question: its key-term coverage, read with its
    heading and its shorthand spelled out ("UCRA inspections were brief … lasting two days" holds "unannounced"); for
    a question asking what something is called, a name stated in the best unit's own passage counts as about it, as
    it may lead the answer there (``leading.lead``, ``named``): "whats hartlepools front door called" is answered by
    "The initial screening by the children's hub (CHub) workers …", which follows the passage's sentence on the
    front door."""
    if query.answer_type == "name" and best is not None and unit.hit_index == best.hit_index:
        return max(unit.coverage, best.coverage)
    return max(unit.coverage, _spelled_coverage(unit, terms, weights))


def _spelled_coverage(unit: Unit, terms: list[str], weights: TermWeights, read=str) -> float:
    """Key-term coverage of a unit's heading and its text as ``read`` (``event_text``: less the anchors of the times
    it states), shorthand spelled out."""
    text = f"{unit.section} {read(unit.text)}"
    return coverage(terms, f"{text} {spell_out(text, find_terms(text))}", weights)


# Lexicon kinds whose senses name one concept in several words ("case file": case record; "cic": child in care);
# legislation's senses explain as well as name ("s47": section 47 child protection enquiries), and names are places.
_CONCEPT_KINDS = frozenset({"abbreviation", "clipped", "process", "body", "role", "plan", "phrasing", "finding"})


def concepts(query: Query) -> tuple[frozenset[str], ...]:
    """The stems of each concept the question names in shorthand or a lexicon phrase, spelled out."""
    return tuple(frozenset(spelled_stems(m.sense)) for m in query.terms if m.kind in _CONCEPT_KINDS)


def phrases_missing(query: Query, best: Unit | None) -> float:
    """Share of the concepts the question names in shorthand that the best unit holds in their words but not as the
    phrase ("how often do we audit case files" against "audit a sample of supervision files … case decisions are
    recorded on children's records": each word is there, the case record is not)."""
    phrases = {phrase_words(as_verbs(tokens(m.sense))) for m in query.terms if m.kind in _CONCEPT_KINDS}
    phrases = [p for p in phrases if " " in p]  # of two words or more
    if best is None or not phrases:
        return 0.0
    texts = [phrase_words(as_verbs(tokens(best.section))), phrase_words(as_verbs(tokens(best.text)))]
    return sum(not any(holds_phrase(t, p) for t in texts) for p in phrases) / len(phrases)


def of_year(date: str, doc_type: str, year: int, title: str = "") -> bool:
    """Can a document dated ``date`` be the one a question about ``year`` means? An inspection report is dated
    when it is published, weeks after the inspection: the 2019 report may be of a December 2018 inspection, never of
    one in 2020 ("ofsted unannounced visit 2012" is not the letter of June 2011), nor of one in 2022 when its
    ``title`` gives the inspection dates in 2023 ("boro ofsted 2022" is not the report of a March 2023 inspection).
    Other documents: a year either way."""
    if not date[:4].isdigit():
        return False
    gap = int(date[:4]) - year
    if not doc_type.startswith("inspection"):
        return abs(gap) <= 1
    inspected = re.findall(r"\b(?:19|20)\d\d\b", inspection_dates(title, "")) if title else []
    return gap == 0 or str(year) in inspected if inspected else gap in (0, 1)


def first_asked(text: str, years: list[int]) -> list[int]:
    """The year a message asks about: the first its question names (else the first the message names), with any
    written with it as a span or a choice ("2009/10", "2009 or 2010"). A later year is what it is compared with or
    a story's: "what grades did stockton get in their 2016 ofsted? want to compare w 2019" is not answered by the 2019
    report, "stockton 2019 had kids in family arrangements - did redcar 2022 have a similar problem" asks of 2022."""
    part = question_part(text)
    where = part if any(_named_at(part, y) < len(part) for y in years) else text
    first = min(years, key=lambda y: _named_at(where, y), default=None)
    at = _named_at(where, first) if first is not None else 0
    joined = r"\S+\s*(?:/|-|–|to|or|and|&)\s*$"
    return [y for y in years if y == first or re.match(joined, where[at:_named_at(where, y)])]


def _named_at(text: str, year: int) -> int:
    """Where ``text`` first names ``year`` ("2016", "16" as in "22/23"), or its end."""
    named = re.search(rf"\b(?:{year}|{year % 100:02d})\b", text)
    return named.start() if named else len(text)


def reports(hit: Hit) -> bool:
    """Is ``hit`` from an inspection's report or letter (not from a framework for inspections)?"""
    return hit.passage.doc_type.startswith("inspection") and not hit.passage.doc_type.endswith("framework")


def held_years(years: list[int], top: list[Hit], best: str, since: list[int] | tuple[int, ...] = (), *,
               inspection: bool = True) -> bool:
    """Does the evidence speak of a year the question names? Yes when a top document is of that year (or, for a
    baseline, "since 2019", of a later one), or when the best sentence names it ("Since the last inspection in 2019,
    when ... were judged inadequate" says what the 2019 inspection found); a year mentioned in passing elsewhere is
    not enough ("redcar ofsted 2020 inspection"), nor a best sentence naming it for no inspection ("challenged by a
    council-wide cyberattack in February 2020" for "what did ofsted find when they inspected redcar in 2020"), when
    the question is about an ``inspection`` and the best sentence is an inspection report's."""
    # by publication year, not the title's inspection dates: as a signal, a year a year off is often a claim the
    # report corrects ("stockton's ilacs was march 2022 wasnt it"; with the dates, five such were refused, batch 66)
    dated = any(of_year(h.passage.date, h.passage.doc_type, y) or y in since
                and h.passage.date[:4].isdigit() and int(h.passage.date[:4]) > y for h in top for y in years)
    named = (not inspection or names_inspection(best)) and any(re.search(rf"\b{y}\b", best) for y in years)
    return not years or dated or named


@dataclass
class Verdict:
    outcome: str  # answered | partial | not_found
    answerable: float
    topic: float


class Judge:
    """Applies the two fitted models; ``threshold`` overrides the fitted answerability threshold."""

    def __init__(self, *, threshold: float | None = None) -> None:
        self.answerable = load_model(ANSWERABILITY)  # as fitted: the logistic model and boosted trees, blended
        self.topic = Logistic.load(TOPIC)
        self.threshold = self.answerable.threshold if threshold is None else threshold

    def __call__(self, features: dict[str, float]) -> Verdict:
        p = self.answerable.probability(features)
        t = self.topic.probability(features)
        if t < self.topic.threshold:
            return Verdict("not_found", p, t)  # the subject is not in the documents, whatever words they share
        return Verdict("answered" if p >= self.threshold else "partial", p, t)

