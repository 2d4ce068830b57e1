"""Which sentences an answer is made of: the one it leads with (it states the kind of fact asked for, about the
same thing as the best), the close runners-up that follow it, and a partial's "nearest"."""

from __future__ import annotations

import re

from assistant.figures import QUANTITY
from assistant.evidence import TermWeights
from assistant.retriever import Hit
from assistant.selection import Unit, readable_words
from assistant.vocabulary import spelled_stems
from ingest.tokens import spelled_digits
from ingest.units import GRADED_ROW, LABELLED, closed

MAX_UNITS = 3
MAX_WORDS = 80  # the first unit always stands; supporting units only while the answer stays short
SUPPORT = 0.6  # a supporting unit must be rated at least this share of the first
RUNNER_UP = 0.5  # a unit stating the asked-for kind of fact may lead if rated at least this share of the best
NEAREST_LOOK = 3  # a partial's "nearest" is the best of this many units that has words to read


def lead(units: list[Unit], *, asked: bool, terms: list[str], weights: TermWeights, exact: bool = False,
         subject: list[str] | None = None, prefer: list[str] | None = None, way: str | None = None,
         named: bool = False, concepts: tuple[frozenset[str], ...] = ()) -> Unit | None:
    """The unit to answer with first: the best one, or, when the question asks for a kind of fact (a frequency,
    a number, a name...), the best close runner-up that states one and is about the same thing as the best (it
    holds the rarest of the question's key terms that the best holds, and most of their weight); None when no close
    unit does. ``exact``: a fact only the thing asked about can state (what "OLA" stands for) leads from wherever
    the selector rates it. ``named``: the question asks what something is called, which a sentence of the best
    unit's own passage may say by the name alone ("hartlepool front door whats it called": "The initial screening by
    the children's hub (CHub) workers …" follows the passage's sentence on the front door).
    ``subject``: what a question after a time asks the time of (:func:`time_subject`); the unit must state the
    time of that, not of what it is counted from. ``concepts``: the question's phrases, as stems (:func:`_times`)."""
    if not asked:
        return next((u for u in units if can_lead(u)), units[0])
    best = units[0]
    # "How often should I visit a child on a CP plan": the management-oversight frequency is a close runner-up
    # that states a frequency, but not of visits, which the best unit is about. "How long do I have to write up a
    # management decision": an assessment's 45 days are recorded too, but they are not about a decision.
    held = [t for t in terms if t in _held(best)]
    figures = frozenset(t for t in terms if t.replace(".", "", 1).isdigit())  # numbers the question states
    floor = 0.0 if exact else RUNNER_UP * best.probability
    candidates = [u for u in units if u.typed and u.probability >= floor
                  and (u is best or _about(u, held, weights) or (named and u.hit_index == best.hit_index))
                  and (not subject or _subject_of(u, subject, weights, figures, concepts))
                  and (not way or _runs(u, way)) and (not prefer or not _counts_from(u, prefer, weights, concepts))]
    if prefer:
        # "how long does a s47 have to be done in": the section 47 rule before the ICPC's, whose 15 days are counted
        # from the strategy discussion that started the enquiries
        return next((u for u in candidates if _subject_of(u, prefer, weights)), candidates[0] if candidates else None)
    return candidates[0] if candidates else None


# A time counted from something ("within 15 working days of the strategy discussion at which ..."): the phrase after
# the quantity names what it is counted from, not what must happen.
_COUNTED_FROM = re.compile(QUANTITY.pattern + r"\s+(?:of|after|from|following|before|since)\b[^,;.]*", re.I)


def uncounted(text: str) -> str:
    """``text`` less the phrases its times are counted from."""
    return _COUNTED_FROM.sub(" ", text)
# In a question, the phrase after "after", "from", "since"... up to its verb ("how long after the strategy discussion
# should the icpc be": "the strategy discussion").
# "within ___ wd of the icpc", "how many days of the strat" count from what follows "of" as "after" does (not a
# figure the message states: "icpc has to be within 15 wd of that, but whats the deadline for …").
_ASKED_FROM = re.compile(
    r"(?:\b(?:after|following|from|since|before|once)|(?:\b(?:how\s+many|what)|_+|\?+)\s*(?:working\s+|calendar\s+)?"
    r"(?:days?|wds?|weeks?|wks?|months?|mths?|hours?|hrs?)\s+of)\s+((?:(?!\b(?:should|must|is|are|do|does|did|has|have|"
    r"can|will|would|to|how|until|and|for|in|by)\b)[^,?\-–:])+)", re.I)
# ... and a condition that dates an event ("when would the icpc need to be held if the strat deciding on s47 was today",
# "when will the first review be if the icpc is on the 3rd"): that event is what the time is counted from
_DATED_IF = re.compile(r"\bif\s+((?:(?!\b(?:how|when|what|whats)\b)[^,?\-–:])+?\s(?:today|yesterday|tomorrow|tmrw|"
                       r"on\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?|on\s+(?:mon|tues|wednes|thurs|fri)day|"
                       r"last\s+(?:week|\w+day)|this\s+(?:morning|afternoon|week)))\b", re.I)
# A counted-from phrase that starts with the subject's pronoun ("once it lands with csc"), unlike "after that"
_SUBJECT_ITSELF = re.compile(r"(?:it|they)\b", re.I)
# Words that point back to something said before: what the time is counted from, or the story told before a question
POINTS_BACK = re.compile(r"\b(?:it|its|they|them|their|this|these|that|those|he|him|his|she|her)\b", re.I)
# Of those, the ones that can stand for a thing told in a story before the question ("… a referral came in … how
# quickly does it need a decision"). A word for people ("how long have they got to hold the conference", after a
# story of a family's move and the new authority accepting it) names who acts, not what the time is of.
POINTS_BACK_TO_STORY = re.compile(r"\b(?:it|its|this|these|that|those)\b", re.I)


# Which way a question's time runs from its event ("how long after the icpc", "how many days before the conference",
# "how many days notice"), and the way a unit's quantities run ("2 days before", "within 15 working days of").
_BEFORE = re.compile(r"\b(?:before|prior to|ahead of|in advance|notice)\b", re.I)
_AFTER = re.compile(r"\b(?:after|following|since)\b", re.I)
# "how long before someone decides", "before a manager has to decide", "before the icpc gets held": until it happens,
# not a time ahead of an event (as "before the icpc do reports go" is)
_UNTIL = re.compile(r"\bbefore\s+(?:(?:someone|somebody|anyone|anybody|they|we|you|he|she|i|it)\b"
                    r"|(?:a|an|the|my|our|their|your)\s+(?:[\w'’-]+\s+){1,3}?"
                    r"(?:(?:has|have|needs?|got)\s+to|gets?|decides?|makes?)\b)", re.I)
_RUNS_BEFORE = re.compile(QUANTITY.pattern + r"\s+(?:before|prior to|ahead of|in advance)\b")
_RUNS_AFTER = re.compile(QUANTITY.pattern + r"\s+(?:of|after|from|following|since)\b")


def asked_way(question: str, kind: str | None) -> str | None:
    """"before" or "after" when a question after a timescale says which way it runs from its event, else None."""
    if kind not in ("timescale", "when"):
        return None
    question = _UNTIL.sub(" ", question)
    before, after = bool(_BEFORE.search(question)), bool(_AFTER.search(question))
    return "before" if before and not after else "after" if after and not before else None


def _runs(unit: Unit, way: str) -> bool:
    """Does some time ``unit`` states run ``way`` from its event (or say no way at all)? "Reports … 2 days before
    for an ICPC" is no answer to how long after the ICPC the review is, nor "within 15 working days of the
    referral" to how many days' notice is given before a move."""
    text = unit.text.lower()
    ways = {name for name, runs in (("before", _RUNS_BEFORE), ("after", _RUNS_AFTER)) if runs.search(text)}
    return not ways or way in ways


def preferred_subject(question: str, kind: str | None, terms: list[str]) -> list[str] | None:
    """A timescale or "when" question that does not say what its time counts from: the close unit whose time is
    that of its key terms (:func:`_subject_of`) leads if there is one; none is refused for it."""
    if kind in ("timescale", "when") and time_subject(question, kind, terms) is None:
        return terms
    return None


def time_subject(question: str, kind: str | None, terms: list[str]) -> list[str] | None:
    """What a question after a time asks the time of, as key terms that the unit leading the answer must hold:
    for a timescale or a "when", the terms outside what the time is counted from, if the question says (else
    None: no check); for a frequency, all of them ("how often should students on placement get supervision" is
    not answered by how often social workers are supervised)."""
    if kind not in ("timescale", "frequency", "when"):
        return None
    return question_subject(question, terms) or (terms if kind == "frequency" else None)


# A lead-in before the question: up to its last dash, colon or ellipsis ("devon first rcpc - how long …", "devon...
# rcpc... how long after the icpc does it have to be")
_LEAD_IN = re.compile(r"^(.*)(?:\s+[-–:]\s|\s*(?:\.{2,}|…)\s*)")


def question_subject(question: str, terms: list[str]) -> list[str]:
    """The key terms of a question after a time that name what must happen, when the question also says what the
    time is counted from ("first core group after icpc timescale": the core group, not the ICPC); [] when it does
    not, or when the subject is what the time is counted from ("how long after the core assessment starts must it
    be done", with no lead-in naming another subject)."""
    found = sorted([*_ASKED_FROM.finditer(question), *_DATED_IF.finditer(question)], key=lambda m: m.start())
    if not found or any(_SUBJECT_ITSELF.match(m.group(1)) for m in found):
        return []  # "once it lands with csc": counted from the subject itself ("after that": from the story's event)
    anchors = " ".join(m.group(1) for m in found)
    counted = spelled_stems(anchors)
    subject = [t for t in terms if t not in counted]
    # "it" after the phrase points back to what the time is counted from, unless a lead-in before a dash named the
    # subject ("devon first rcpc - how long after the icpc does it have to be": the review conference)
    lead_in = _LEAD_IN.match(question[:found[0].start()])
    before = spelled_stems(lead_in.group(1)) if lead_in else set()
    if any(POINTS_BACK.search(question[m.end():]) for m in found) and not any(t in before for t in subject):
        return []
    return subject


def _times(concepts: tuple[frozenset[str], ...], asked: list[str], own: set[str], counted: set[str]) -> bool:
    """Does a unit time one of the question's phrases (two stems or more, all in ``asked``), held whole outside what
    its time is counted from (``own``) and not in it (``counted``)? "norfolk.. strat decides s47.. icpc has to be
    within how many days": "… an initial child protection conference to be convened no later than 15 working days
    after the strategy discussion at which the decision was made to start the Section 47 Enquiry" times the
    conference, though the enquiry it is counted from weighs more."""
    return any(len(c) > 1 and c <= set(asked) and c <= own and not c <= counted for c in concepts)


def _subject_of(unit: Unit, subject: list[str], weights: TermWeights, checked: frozenset[str] = frozenset(),
                concepts: tuple[frozenset[str], ...] = ()) -> bool:
    """Is the time ``unit`` states the time of what the question asks about? Outside the phrase its time is counted
    from, it holds more than half of the question's subject terms by number (one of two will do), or half by weight
    ("supervision sessions how often": "supervision … monthly" will do; "An initial child protection conference is
    held within 15 working days of the strategy discussion" is no answer to when the first core group meets after
    the conference; "every social worker … monthly" holds two of "unqualified support workers get supervision"). A
    term no passage uses ("corp") is no part of what any unit could hold. ``checked``: the numbers the question
    states."""
    subject = [t for t in subject if weights.counts.get(t, 0) > 0] or subject
    # a figure the question checks, where the unit states it, is held with its unit ("its 15 wd for a transfer in conf
    # isnt it": "… within 15 working days of …"), though the phrase the unit's time is counted from is read apart
    stated = [m.group(0) for m in QUANTITY.finditer(spelled_digits(unit.text.lower())) if m.group(1) in checked]
    own = spelled_stems(f"{unit.section} {uncounted(unit.text)} {' '.join(stated)}")
    held = [t for t in subject if t in own]
    found = _COUNTED_FROM.search(unit.text)
    return (2 * len(held) > len(subject) or (len(subject) == 2 and len(held) == 1)
            or _times(concepts, subject, own, spelled_stems(found.group(0)) if found else set())
            or 2 * sum(map(weights.idf, held)) >= sum(map(weights.idf, subject)))


def _counts_from(unit: Unit, terms: list[str], weights: TermWeights,
                 concepts: tuple[frozenset[str], ...] = ()) -> bool:
    """Is the time ``unit`` states counted from what the question asks the time of? "how many days has the receiving
    LA got to accept the referral" is not answered by "A … conference … will take place within 15 working days of the
    receiving authority accepting the referral": the question's terms are held, by weight, more in the phrase the
    time is counted from than in the rest of the unit."""
    found = _COUNTED_FROM.search(unit.text)
    if found is None:
        return False
    inside = spelled_stems(found.group(0))
    outside = spelled_stems(f"{unit.section} {unit.text[:found.start()]} {unit.text[found.end():]}")
    only_inside = sum(weights.idf(t) for t in terms if t in inside and t not in outside)
    return only_inside > sum(weights.idf(t) for t in terms if t in outside) and not _times(concepts, terms, outside,
                                                                                             inside)


def _about(unit: Unit, terms: list[str], weights: TermWeights) -> bool:
    """Is ``unit`` about what ``terms`` name: it holds the rarest of them and most of their weight?"""
    if not terms:
        return True
    own = _held(unit)
    rarest = max(terms, key=weights.idf)
    return rarest in own and 2 * sum(weights.idf(t) for t in terms if t in own) >= sum(weights.idf(t) for t in terms)


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
    return spelled_stems(f"{unit.section} {unit.text}")



def _reads_as_text(unit: Unit) -> bool:
    """Has words to read, not only names, numbers and addresses ("Freshford House Redcliffe Way Bristol BS1 6NL
    T 0300 ... enquiries@ofsted.gov.uk"): at least three lower-case words of three letters or more."""
    return readable_words(unit.text) >= 3


def nearest_unit(units: list[Unit], *, names: bool = False, hits: list[Hit] | None = None) -> Unit:
    """What a partial offers as "the nearest they say": the best of the closest few units that has words to read
    (one holding a key term before one that holds none); failing that, the best readable unit at all; never a
    greeting, a name line or an address if it can be helped.
    ``names``: the question asks for a person's name, so a name line that states one ("Matthew Brazier Her
    Majesty's Inspector") is the nearest thing the documents say. Given the ``hits``, a unit from another council's
    document than the one the question names is offered only if none from that council holds a key term."""
    readable = [u for u in units if _reads_as_text(u) or (names and u.typed)]
    close = [u for u in readable if u in units[:NEAREST_LOOK]]
    # one that shares a key term with the question first: "how often are darlington sws supposed to get supervision"
    # is nearer "For some workers, supervision does not take place as frequently as it should" than a weekly
    # gardening club, however the selector rates a stated frequency
    nearest = ([u for u in close if u.coverage > 0] or close or readable or units)[0]
    if hits is not None and _other_council(hits[nearest.hit_index]):
        # a question that names a council is offered its council's nearest sentence that holds a key term before
        # another council's ("how soon must case notes be written up cambridgeshire": Cambridgeshire's procedure,
        # not the Rotherham evidence)
        return next((u for u in readable if u.coverage > 0 and not _other_council(hits[u.hit_index])), nearest)
    return nearest


def of_council_asked(units: list[Unit], hits: list[Hit]) -> list[Unit]:
    """The units an answer may lead from: for a question about one council, its documents' and those of no council,
    when the best of them is rated close to the best of all (another council's near-copy of a rule is not preferred
    to the council's own: "norfolk - when does a strat HAVE to be a proper meeting" is Norfolk's list, not Tees's
    "best practice is … face to face"); else all, so that another council's rule is offered only as the nearest."""
    theirs = [u for u in units if not _other_council(hits[u.hit_index])]
    return theirs if theirs and units and theirs[0].probability >= RUNNER_UP * units[0].probability else units


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
