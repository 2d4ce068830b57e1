"""Questions that ask more than one thing: a comparison, answered from each council or inspection year it names
(from_each), and two questions in one, each answered or said plainly not to be in the documents (second_asks)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from assistant.answer_types import states
from assistant.answerability import Judge, answer_features
from assistant.asks import other_asks
from assistant.evidence import TermWeights, key_terms
from assistant.leading import _about, _held, _other_council, can_lead
from assistant.retriever import Hit
from assistant.selection import Unit, score_units
from assistant.understand import Query, understand
from ingest.tokens import tokens


def named_parts(query: Query) -> list[tuple[Query, Callable[[Hit], bool]]]:
    """What a comparison names, each as the question asked of it alone and a test of whether a passage is its:
    the councils of a question naming two or more ("hartlepool vs middlesbrough"); the inspections of a council in
    the years of a question naming two or more ("stockton supervision 2011 vs 2019"). Years without a council are
    not inspections compared ("assessment timescale under Working Together 2013/2018" names two editions), and a
    question naming one of each compares nothing."""
    parts: list[tuple[Query, Callable[[Hit], bool]]] = []
    if len(query.authorities) > 1:
        parts += [(replace(query, authorities=[council]), lambda hit, c=council: c in hit.passage.authorities)
                  for council in query.authorities]
    if len(query.years) > 1 and query.authorities:
        councils = set(query.authorities)

        def inspected(year: int) -> Callable[[Hit], bool]:
            return lambda hit: (hit.passage.doc_type.startswith("inspection") and hit.passage.date[:4] == str(year)
                                and bool(councils & set(hit.passage.authorities)))

        parts += [(replace(query, years=[year]), inspected(year)) for year in query.years]
    return parts


def from_each(query: Query, hits: list[Hit], chosen: list[Unit], terms: list[str], weights: TermWeights,
              search: Callable[[Query], list[Hit]] | None) -> tuple[list[Unit], list[Hit]]:
    """A comparison ("supervision quality hartlepool vs middlesbrough", "care leavers health histories stockton 2019
    and 2023 - same issue both times?") is answered from each council or year it names. For each that no chosen
    unit comes from, the documents are searched again for it alone (``search``; without it, the hits at hand), and
    the selector's best unit from its documents that can stand as a sentence and holds a key term of the question is
    added, with the passage it cites (appended after ``hits``). Nothing is added for a year no document is from."""
    added: list[Unit] = []
    extra: list[Hit] = []

    def cited(unit: Unit) -> Hit:
        return (hits + extra)[unit.hit_index]

    for alone, belongs in named_parts(query):
        if any(belongs(cited(u)) for u in chosen + added):
            continue
        found = search(alone) if search is not None else hits
        units = score_units(alone, found, terms, weights)
        # A sentence holding none of the question's key terms is about something else, however it is rated
        # ("stockton front door 2019 and 2023": not "For several years, Stockton has had a high number of children
        # in care"); then that council or year gets nothing rather than a sentence beside the point.
        # Two reports can print the same judgement row ("Overall effectiveness Requires improvement to be good"):
        # then it is said once and cited to both ("… [1, 3]", assistant/repeats.py), which answers "stockton 2019
        # vs 2023 overall" as asked; passing it over for the next sentence answered 2023 with something else.
        best = next((u for u in units if belongs(found[u.hit_index]) and can_lead(u) and u.coverage > 0), None)
        if best is None:
            continue
        if found is hits:
            added.append(best)
            continue
        extra.append(found[best.hit_index])
        added.append(replace(best, hit_index=len(hits) + len(extra) - 1))
    return added, extra


def second_asks(query: Query, units: list[Unit], said: list[Unit], terms: list[str], weights: TermWeights,
                hits: list[Hit], search: Callable[[Query], list[Hit]] | None = None, judge: Judge | None = None
                ) -> tuple[list[Unit], list[Hit], list[str]]:
    """Two questions in one ("icpc timescale and who chairs it"): the answer leads with the first; for each other
    kind of fact asked, a sentence already said that states one is enough; else the best unit that states one about
    the same thing (what the first sentence is about: "it" is the icpc, not a strategy discussion that "is chaired
    by a team manager"), holding the clause's own key terms, is added, from the passages at hand or from a search
    for that clause alone (``search``; its passage is appended after ``hits``); else, when no passage holds such a
    sentence at all and the answerability model finds the clause alone unanswered, the reply says plainly that the
    documents don't say it."""
    also: list[Unit] = []
    extra: list[Hit] = []
    unsaid: list[str] = []
    first_terms = [t for t in terms if t in _held(said[0])]
    for kind, clause in other_asks(query.text, query.answer_type):
        if any(states(kind, u.text, asked=clause) for u in said + also):
            continue
        own = [t for t in key_terms(understand(clause)) if t not in _PRONOUNS]

        def answers(unit: Unit, found: list[Hit]) -> bool:
            return (unit not in said and unit not in also and can_lead(unit) and not _other_council(found[unit.hit_index])
                    and states(kind, unit.text, asked=clause) and _about(unit, first_terms, weights)
                    and set(own) <= _held(unit))

        candidates = [u for u in units if answers(u, hits)]
        found = hits
        alone = understand(f"{clause} {query.text.replace(clause, ' ')}")
        if not candidates and search is not None:
            found = search(alone)
            candidates = [u for u in score_units(alone, found, terms, weights) if answers(u, found)]
        best = next((u for u in candidates if not _LEANS.match(u.text)), None)
        if best is None:
            # Said not to be in the documents only when nothing holds it, not even a sentence that leans on another
            # ("It ... is chaired by ..."), and the answerability model, asked the clause alone, agrees.
            if not candidates and judge is not None:
                alone_terms = key_terms(alone)
                verdict = judge(answer_features(alone, found, score_units(alone, found, alone_terms, weights),
                                                alone_terms, weights))
                if verdict.outcome != "answered":
                    unsaid.append(clause)
            continue
        if found is not hits:
            extra.append(found[best.hit_index])
            best = replace(best, hit_index=len(hits) + len(extra) - 1)
        also.append(best)
    return also, extra, unsaid


_PRONOUNS = frozenset(tokens("it them they this that these those he she him her its their"))
# A sentence opening with a pronoun leans on the one before it in its document ("It involves ... and is chaired by a
# team manager"): said alone after another document's sentence, what "it" is cannot be told.
_LEANS = re.compile(r"(?:it|its|they|their|this|these|those|he|she|such)\b", re.I)
