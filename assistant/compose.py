"""The default answer, with no language model: the sentences that state what was asked, each cited.

Every sentence of an answer is copied from a retrieved passage and carries
that passage's number; nothing is paraphrased, so nothing can be invented.
Three outcomes (docs/retrieval.md): an answer whose first sentence is the
unit the selector rates best; "the documents don't say X; the nearest they
say ..." (partial, counted as an abstention); or not found, naming the
documents checked.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from assistant.answer_types import EXACT_KINDS
from assistant.answerability import Judge, answer_features
from assistant.answers import Answer, Citation, abstain, citation_for, nearest_titles
from assistant.evidence import TermWeights, key_terms, unknown_names
from assistant.retriever import Hit
from assistant.selection import Unit, readable_words, score_units
from assistant.vocabulary import find_terms, is_term, spell_out
from ingest.tokens import as_verbs, tokens
from ingest.units import GRADED_ROW, LABELLED, closed
from assistant.understand import Query
from ingest.authorities import find_authorities

MAX_UNITS = 3
MAX_WORDS = 80  # the first unit always stands; supporting units only while the answer stays short
SUPPORT = 0.6  # a supporting unit must be rated at least this share of the first
RUNNER_UP = 0.5  # a unit stating the asked-for kind of fact may lead if rated at least this share of the best
NEAREST_LOOK = 3  # a partial's "nearest" is the best of this many units that has words to read


_STRANDED = {"about", "for", "on", "with", "of", "to", "from", "in", "at", "by", "like", "after", "before"}


# "when should the case summary be refreshed", "what does OLA stand for": a question word, then an auxiliary before its
# subject. As a clause that needs the verb moved ("when the case summary should be refreshed"), so it is quoted instead.
_AUXILIARY = re.compile(
    r"^(?:how\s+\w+|\w+)\s+(do|does|did|should|must|can|could|will|would|shall|may|might|has|have|had)\b", re.I)


def asked_clause(question: str, *, known: Callable[[str], bool] = lambda word: True) -> str:
    """The question as an indirect clause for "The documents don't say ...": 'what the caseload limit is'.

    Words the knowledge base never uses (a child's name, a case number) are left out as '…', so a reply
    never repeats them.
    """
    words = [w if known(w) else "…" for w in re.sub(r"[\s?.!]+$", "", question.strip()).split()]
    text = re.sub(r"…(\s+…)+", "…", " ".join(words))
    if text[:2].isalpha() and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    inverted = re.match(r"^(what|which|who|where|how \w+)\s+(is|are|was|were)\s+(.+)$", text, re.I)
    if inverted and len(inverted.group(3).split()) <= 12:
        # A stranded preposition stays last: "what was the 2011 inspection about" reads "what the 2011 inspection
        # was about".
        subject, _, last = inverted.group(3).rpartition(" ")
        if subject and last.lower() in _STRANDED:
            return f"{inverted.group(1)} {subject} {inverted.group(2)} {last}"
        return f"{inverted.group(1)} {inverted.group(3)} {inverted.group(2)}"
    if re.match(r"^(what|which|who|whom|whose|when|where|why|how)\b", text, re.I) and not _AUXILIARY.match(text):
        return text
    return f'what you asked ("{text}")'


def known_to(weights: TermWeights) -> Callable[[str], bool]:
    """False for a name-like word (capitalised past the first word, or holding a digit) with any part the knowledge
    base never uses; ordinary words are repeated whether or not the documents use them."""
    def known(word: str) -> bool:
        bare = word.strip("?.,;:!()")
        if re.fullmatch(r"['’(]?(19|20)\d\d", bare) or is_term(bare) or find_authorities(bare):
            return True  # a year ("in 2019?"), practitioners' shorthand ("IA", "RHIs") or a council names no child
        if re.fullmatch(r"\d{1,3}(%|hrs?|h|days?|wks?|st|nd|rd|th)?", bare, re.I):
            return True  # a quantity ("within 24 hours", "72hrs", "50%"); a case number is longer
        name_like = word[:1].isupper() or any(c.isdigit() for c in word)
        # Every part must be known: "Child-Name-4b1e" holds "child" and "name", and is still a name.
        return not name_like or all(weights.counts.get(t, 0) > 0 for t in tokens(word))
    return known


def _sentence(unit: Unit) -> str:
    text = unit.text.rstrip()
    return text if re.search(r"[.!?]$", text) else text + "."


def _cite(chosen: list[Unit], hits: list[Hit]) -> tuple[list[str], list[Citation]]:
    numbers: dict[int, int] = {}
    parts = []
    for unit in chosen:
        n = numbers.setdefault(unit.hit_index, len(numbers) + 1)
        parts.append(f"{_sentence(unit)} [{n}]")
    citations = [citation_for(n, hits[index]) for index, n in sorted(numbers.items(), key=lambda kv: kv[1])]
    return parts, citations


def lead(units: list[Unit], *, asked: bool, terms: list[str], weights: TermWeights, exact: bool = False) -> Unit | None:
    """The unit to answer with first: the best one, or, when the question asks for a kind of fact (a frequency,
    a number, a name...), the best close runner-up that states one and is about the same thing as the best (it
    holds the rarest of the question's key terms that the best holds, and most of their weight); None when no close
    unit does. ``exact``: a
    fact only the thing asked about can state (what "OLA" stands for) leads from wherever the selector rates it."""
    if not asked:
        return next((u for u in units if can_lead(u)), units[0])
    best = units[0]
    # "How often should I visit a child on a CP plan": the management-oversight frequency is a close runner-up
    # that states a frequency, but not of visits, which the best unit is about. "How long do I have to write up a
    # management decision": an assessment's 45 days are recorded too, but they are not about a decision.
    held = [t for t in terms if t in _held(best)]
    anchor = max(held, key=weights.idf, default=None)
    weight = sum(weights.idf(t) for t in held)

    def about_the_same(unit: Unit) -> bool:
        own = _held(unit)
        return anchor is None or (anchor in own and 2 * sum(weights.idf(t) for t in held if t in own) >= weight)

    floor = 0.0 if exact else RUNNER_UP * best.probability
    return next((u for u in units if u.typed and u.probability >= floor and (u is best or about_the_same(u))), None)


def can_lead(unit: Unit) -> bool:
    """Can this unit stand as a sentence of an answer? A sentence, a labelled field, a judgement table's row or a
    fact of the kind asked can; a bare name, date or title line ("Stockton-on-Tees Borough Council", "June 2011",
    "Transfer in conferences") cannot, nor can a question the document asks its reader ("Interested in our work?")."""
    text = unit.text.strip()
    if text.endswith("?"):
        return False
    return (unit.typed or bool(LABELLED.match(text) or GRADED_ROW.search(text)) or _reads_as_text(unit)
            or closed(text))


def _held(unit: Unit) -> set[str]:
    """The stemmed terms a unit holds, read with its heading and with its shorthand spelled out ("UCRA")."""
    text = f"{unit.section} {unit.text}"
    return set(as_verbs(tokens(text))) | set(as_verbs(tokens(spell_out(text, find_terms(text)))))


def _reads_as_text(unit: Unit) -> bool:
    """Has words to read, not only names, numbers and addresses ("Freshford House Redcliffe Way Bristol BS1 6NL
    T 0300 ... enquiries@ofsted.gov.uk"): at least three lower-case words of three letters or more."""
    return readable_words(unit.text) >= 3


def nearest_unit(units: list[Unit]) -> Unit:
    """What a partial offers as "the nearest they say": the best of the closest few units that has words to read;
    failing that, the best readable unit at all; never a greeting, a name line or an address if it can be helped."""
    readable = [u for u in units if _reads_as_text(u)]
    close = [u for u in readable if u in units[:NEAREST_LOOK]]
    return (close or readable or units)[0]


def _other_council(hit: Hit) -> bool:
    """The question names a council and ``hit`` comes from another council's document."""
    return bool(hit.steer_parts.get("council_other"))


def _year_far(hit: Hit) -> bool:
    """The question names a year and ``hit``'s document is dated more than a year from it."""
    return bool(hit.steer_parts.get("year_far"))


def choose(units: list[Unit], first: Unit, hits: list[Hit] | None = None) -> list[Unit]:
    """``first`` (it states the fact asked for), then close runners-up while the answer stays short. Given the
    ``hits`` they cite, none from another council's document when the question names a council ("gloucestershire
    supervision frequency for team managers" is not followed by Walsall's "Every practitioner must have supervision
    at least monthly"), nor, when ``first`` is of the year asked about, from a document dated years away ("IRO
    challenge stockton 2019" is not followed by the 2023 report's sentence)."""
    def elsewhere(unit: Unit) -> bool:
        if hits is None:
            return False
        hit = hits[unit.hit_index]
        return _other_council(hit) or (_year_far(hit) and not _year_far(hits[first.hit_index]))

    chosen = [first]
    words = first.words
    for unit in (u for u in units if u is not first and can_lead(u) and not elsewhere(u)):
        if len(chosen) == MAX_UNITS or unit.probability < SUPPORT * first.probability:
            break
        if words + unit.words > MAX_WORDS:
            continue
        chosen.append(unit)
        words += unit.words
    # The first sentence stays first; the others follow in reading order.
    return [first] + sorted(chosen[1:], key=lambda u: (u.hit_index, u.order))


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


def compose(query: Query, hits: list[Hit], *, weights: TermWeights, judge: Judge | None = None,
            search: Callable[[Query], list[Hit]] | None = None) -> Answer:
    """An extractive, cited answer from ``hits``; or partial; or not found with the nearest documents."""
    if not hits:
        return abstain(query, hits, reason="no-documents", message="The knowledge base has no documents yet.")
    judge = judge or Judge()
    names = unknown_names(query.text, weights)
    terms = [t for t in key_terms(query) if t not in names]
    units = score_units(query, hits, terms, weights)
    verdict = judge(answer_features(query, hits, units, terms, weights))
    if not units or verdict.outcome == "not_found":
        return abstain(query, hits, reason="weak-evidence")
    first = lead(units, asked=query.answer_type is not None, terms=terms, weights=weights,
                 exact=query.answer_type in EXACT_KINDS)
    # A question about one council is not answered from another council's document: that is the nearest, no more.
    elsewhere = first is not None and _other_council(hits[first.hit_index])
    if verdict.outcome == "partial" or first is None or elsewhere:
        # Partial: the documents are on the subject but do not state what was asked (for a question after a
        # frequency, a number, a name..., no close candidate states one, so no answer could lead with it).
        nearest = nearest_unit(units)
        parts, citations = _cite([nearest], hits)
        # Another council's rule is named as theirs, so it is never read as the council asked about.
        quoted = hits[nearest.hit_index]
        where = ""
        if _other_council(quoted):
            councils = " and ".join(quoted.passage.authorities)
            where = f" is in another council's document ({councils}: {citations[0].title})"
        text = (f"The documents don't say {asked_clause(query.text, known=known_to(weights))}. "
                f"The nearest they say{where}: {parts[0]}")
        return Answer(question=query.text, answer=text, citations=citations, hits=hits,
                      checked=nearest_titles(hits), reason="other-council" if elsewhere else "fact-not-stated",
                      outcome="partial")
    chosen = choose(units, first, hits)
    added, extra = from_each(query, hits, chosen, terms, weights, search)  # nothing unless it is a comparison
    parts, citations = _cite(chosen + added, hits + extra)
    return Answer(question=query.text, answer=" ".join(parts), citations=citations, hits=hits, outcome="answered")
