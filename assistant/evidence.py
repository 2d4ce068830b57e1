"""How well a piece of text answers a question: IDF-weighted coverage of the question's key terms.

Key terms are the question's content words, less the words that only say
where to look (the council, the year, "Ofsted", "procedure"...): those pick
the document, they are not evidence of an answer inside it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable

from assistant.story import story_words
from ingest.tokens import as_verbs, tokens
from assistant.answer_types import PREFERRED_KINDS, cue_words
from assistant.vocabulary.lexicon import entries
from assistant.textspeak import TEXTING
from assistant.framing import unframed, without_asides
from assistant.understand import Query
from ingest.models import Passage

# Words that only ask (what was said, found, done, compared): they name no thing, so a question after a number, a
# name or a date that has nothing else is about the where-words it names (key_terms).
_ASKING_WORDS = (
    "find found say says said describe described identify identified according under what which how when who why "
    "mention mentions mentioned "  # "ofsted mentions it": where it is said, like "say"
    "happen happens occur occurs apply applies set sets did does do give given year years "
    # filler verbs: "take place", "get", "receive", "go" carry no subject of their own ("go over the data", "if the
    # kids go on plans": what is gone over or onto is; "went" and "gone" are read as "go")
    "take takes place get gets got receive receives received carry carried out make made came went gone go goes going "
    # now, as opposed to at the last inspection ("is darlo still RI", "whats r&c rated at the mo", "atm")
    "still currently mo atm "
    # prepositions the shared tokeniser keeps ("get a home visit write up onto the system")
    "onto upon "
    # a comparison's words ask to set two things side by side; what is compared is the subject
    "vs versus compare compared comparison difference differences different same both "
    # how people talk in Slack around a question ("anyone know if", "quick q", "sorry if this is a silly question",
    # "can someone remind me", "thanks"): none of it is what the question is about
    "hi hiya hello hey morning afternoon evening anyone anybody someone somebody know knows wondering wonder remind "
    "please pls plz thanks thank thx ta cheers sorry silly quick q qs question query ok okay actually exactly really "
    "basically re bc coz cuz else "
    # a yes/no check's tag ("… within 40 wd yeah", "… 6 weekly isnt it", "… innit")
    "yeah yep yup yea isnt innit "
    # "what is supervision like in leeds", "a minimum, like 1.5 hrs?": a description or an example is asked for
    "like "
    # how sure or how fully ("when was it last properly updated", "did ofsted say anything about"): no subject either
    "properly definitely literally honestly genuinely officially technically supposedly anything even bare "
    # ... or how far ("whats the absolute max"), and the asker's own ("one of mine"; "hers", "ours" are stopwords)
    "absolute absolutely mine "
    # texting asides ("tbh", "fyi", "for team meeting tmrw"); "a lot", "that lot", "the tees lot": how much or who
    "tbh tbf fyi btw imo lol tmrw tmr lot lots "
    # when the asker's own case happens ("were doing the strat tomorrow am", "visit this morning … will do tonight"):
    # no document says when a reader's day is, so none of these is what a question is about
    "tomorrow tomoz today tonight tonite yesterday yest "
    # north-east and everyday English around a question ("howay", "… pet", "owt on sup", "til 21"): "owt" and "summat"
    # are "anything" and "something", "til" is "until"
    "howay pet owt nowt summat til till morn wor yous youse "
    # what one is supposed to do, said without apostrophes or stressed ("whos meant to keep an eye on it", "am i
    # supposed to", "im", "ive", "how long've", "cos", "a proper catch up"), and things in general ("the helpline
    # thing", "2 things:", "sup stuff"): the question's subject is elsewhere
    "meant supposed im ive ve cos proper thing things stuff nothing "
    # a figure the question gives to look up ("which figure was the 96%", "whats the four in five stat about")
    "figure figures stat stats "
    # Yorkshire, Midlands and everyday English ("ey up", "me duck", "dunno", "gizza list", "what did ofsted reckon")
    "ey duck dunno gizza gimme reckon reckons mardy "
    # Scottish, Welsh and Brummie English ("och aye", "wee q", "ken", "gonnae", "tidy, quick one butt", "ta-ra"), what
    # one thinks ("i think its 10 wd") and what a text states ("what does the guidance state re …"): no subject either
    "och aye wee ken gonnae gonna wanna gotta canny tidy butt lush bostin tara ra think thinks thought "
    # young people's words around a question ("fr tho who chairs the strat", "lowkey", "istg", "icl"): batch 42
    "fr tho lowkey highkey istg icl ong deadass bruh fam bestie "
    "state states stated regarding pertaining pertain pertains "
    # a summary asked for ("summarise what ofsted said", "gist of", "eli5") and a file's type ("the pdf on transfers",
    # "the procedure (html)"): how the answer is wanted and where the asker looked, not what it is about
    "summarise summarize gist eli5 pdf docx doc html htm txt "
    # a figure asked for roughly ("ballpark how long", "yearly ish?", "give or take"): how close, not what about
    "roughly approx approximately ballpark ish estimate "
    # ... or exactly ("exact number of hours", "precisely which month", "to one decimal place"): how close, likewise
    "exact precise precisely decimal "
    # how an inspection went, in everyday words ("how bad was it", "did they do alright", "how did they fare", "did
    # leeds get a pasting"): a judgement asked for, not what was judged; and a yes/no check's tag ("… or nah")
    "bad alright fare fared faring pasting slated slating nah "
    + " ".join(sorted(TEXTING))  # texting acronyms: "iirc", "wrt strats", "tbc"
)
# Words that only say where to look (the source, the kind of text wanted), and the asking words.
_WHERE_WORDS = (
    "ofsted inspection inspections inspected inspector inspectors inspect letter procedure procedures "
    "policy policies guidance guide council councils authority authorities local children services service social care "
    # what kind of text is wanted (a rule), not what it is about: like "policy" and "procedure" above
    "requirement requirements required rule rules expectation expectations expected standard standards allow allowed "
    # which of them, when there were several: "the old UCRA inspections", "the previous inspection"
    "old former previous earlier "
    # ... or said relative to now ("their most recent report", "the last inspection", "the older letter")
    "recent latest last older oldest newest newer "
    # where in a document, in words no document uses of itself ("under the frequency bit of the notts policy", "the
    # appendix"): where to look, like the document's name ("this section", "this chapter" are the documents' own)
    "bit bits appendix appendices "
    # what a rule asks for, said of its writer ("do they want the icpc in 15 days"): like "expected"
    "want wants wanted "
    + _ASKING_WORDS
)
# "The report", "Ofsted's report", "the 2019 report" only say where to look; "icpc reports", "reports for a conference",
# "the reports for an icpc" and "the rcpc report" are what the question is about.
_DETERMINERS = ("the", "a", "an", "their", "our", "its", "this", "that", "which", "what", "whose")
_SOURCE_REPORT = re.compile(
    r"\b((?:" + "|".join(_DETERMINERS) + r"|latest|last|recent|previous|earlier|annual|ofsted|ofsted's|"
    r"ofsteds|inspection|inspectors|inspectors'|ilacs?|ucra|(?:19|20)\d\d))\s+reports?\b(?!\s+(?:for|to)\b)", re.I)
# In a question about a conference, "the reports" are the conference's ("before the icpc do the reports need to be
# in", "sending LA has to get its reports over before the conf", "is the report deadline the same for icpc and rcpc");
# an Ofsted, inspection or year's report still only says where to look ("in devons ofsted report were icpcs …").
_CONFERENCE = re.compile(r"\b(?:[ir]cpcs?|confs?|conferences?)\b", re.I)

# Words that say what kind of answer is wanted (a number, a time), not what it is about.
_ANSWER_TYPE_WORDS = (
    "timescale timescales timeframe time frame frequency frequent often regularly regular periodicity maximum minimum "
    "last lasts lasting duration length limit limits gap gaps longest shortest "
    "long quickly fast soon many much number numbers deadline date dates day days week weeks month months "
    "hour hours minute minutes "
    "year years"
)
# "the minutes", "strat minutes": a meeting's record, not a unit of time ("30 minutes", "how many minutes")
_MEETING_MINUTES = re.compile(r"\b(?:the|their|our|its|his|her|my|any|of|strat|strategy|confs?|conference|[ir]cpc|"
                              r"meeting|discussion|group|mtg)['’]?s?\s+minutes\b", re.I)
# ... after a count or a share ("what % of assessments were out of timescale", "how many children were seen within
# timescale"), only those of a count: the time words are what is counted
_COUNT_WORDS = "many much number maximum minimum limit limits"


class TermWeights:
    """Inverse document frequencies over the passages of one index version."""

    def __init__(self, passages: Iterable[Passage]) -> None:
        counts: Counter[str] = Counter()
        total = 0
        for passage in passages:
            total += 1
            counts.update(set(as_verbs(tokens(passage.text))))
        self.total = max(total, 1)
        self.counts: dict[str, int] = counts

    @classmethod
    def from_counts(cls, counts: dict[str, int], *, total: int) -> "TermWeights":
        """Weights from document frequencies saved with a version (ingest/lexical.py)."""
        weights = cls(())
        merged: Counter[str] = Counter()
        for term, count in counts.items():  # an irregular verb form counts as its verb ("seen" as "see")
            merged[as_verbs([term])[0]] += count
        weights.counts, weights.total = dict(merged), max(total, 1)
        return weights

    def idf(self, term: str) -> float:
        return math.log(1 + (self.total - self.counts.get(term, 0) + 0.5) / (self.counts.get(term, 0) + 0.5))


def key_terms(query: Query) -> list[str]:
    """Stemmed content terms of the question that evidence must contain. A question after a number, a name or a
    date with nothing else to say what it is about ("hartlepool 2024 how many inspectors") is about the things it
    names, though elsewhere they only say where to look."""
    # The name of a kind of inspection says where to look, unless it is all the question names ("what is a jtai").
    terms = _key_terms(query, set(tokens(_WHERE_WORDS)) | _inspection_names())
    story = story_words(query.text)
    if all(t in story for t in terms):  # nothing but the story's words ("for a training session on inspection history
        # - how long did the old UCRA inspections last"): the inspection's name is what the question is about
        terms = _key_terms(query, set(tokens(_WHERE_WORDS))) or terms
    if not terms and query.answer_type is not None:
        terms = _key_terms(query, set(tokens(_ASKING_WORDS)))
    return terms


@lru_cache(maxsize=1)
def _inspection_names() -> frozenset[str]:
    """Shorthand for a kind of inspection ("ucra", "ilacs", "jtai"): like "Ofsted", it names the source."""
    return frozenset(t for e in entries() if re.search(r"\binspection\b", e.expansion) for t in tokens(e.term))


def _key_terms(query: Query, drop: set[str]) -> list[str]:
    """The question's terms less ``drop`` (a set of its own, extended here), the council, the years and, after a
    quantity, the answer-type words."""
    if query.wants_quantity:
        drop.update(tokens(_COUNT_WORDS if query.answer_type == "number" else _ANSWER_TYPE_WORDS))
        if _MEETING_MINUTES.search(query.text):  # "how many days to get the icpc minutes out": what is timed
            drop.difference_update(tokens("minutes"))
    if query.answer_type in ("expansion", "name"):  # "what's it called", "what does OLA stand for": the asking
        drop.update(tokens(cue_words(query.answer_type)))
    elif query.answer_type in PREFERRED_KINDS:  # "what has to go in a case record": the record, not "go"
        drop.update(tokens(cue_words(query.answer_type, cues=False)))
    for authority in query.authorities:
        drop.update(tokens(authority))
    drop.update(tokens(" ".join(query.authority_mentions)))
    drop.update(str(year) for year in query.years)
    drop.update(tokens(" ".join(query.unsought)))
    drop.update(str(year)[2:] for year in query.years)  # "ofsted 22" names the year 2022
    seen: list[str] = []
    for term in as_verbs(tokens(_resolved(query, drop))):
        if term not in drop and term not in seen:
            seen.append(term)
    return seen


def _resolved(query: Query, drop: set[str]) -> str:
    """The question with its shorthand spelled out ("supervis" counts as "supervision"), less the
    terms that only say where to look ("Ofsted" stays a where-word, not its long name; "the 2019 report")."""
    # the word "report" where it names the source, blanked to its length so that the terms' spans still hold
    conference = bool(_CONFERENCE.search(query.spaced))
    text = _SOURCE_REPORT.sub(lambda m: m.group(0) if conference and m.group(1).lower() in _DETERMINERS else (
        m.group(1) + " " * (len(m.group(0)) - len(m.group(1)))), query.spaced)
    text = without_asides(unframed(text))
    parts, position = [], 0
    for match in query.terms:
        typed = set(tokens(match.text))  # empty for "h&p", "A&E": shorthand of single letters says no place
        where_only = bool(typed) and typed <= drop
        framing = not text[match.start:match.end].strip()  # inside how it is framed ("for our sup audit")
        parts += [text[position:match.start], "" if where_only or framing else match.sense]
        position = match.end
    return "".join(parts + [text[position:]])


def coverage(terms: list[str], text: str, weights: TermWeights) -> float:
    """Share of the key terms' weight that ``text`` contains (0..1)."""
    if not terms:
        return 0.0
    present = set(as_verbs(tokens(text)))
    total = sum(weights.idf(t) for t in terms)
    return sum(weights.idf(t) for t in terms if t in present) / total if total else 0.0


def answer_terms(query: Query, weights: TermWeights) -> list[str]:
    """The key terms an answer is judged on: those of :func:`key_terms` that are not :func:`unknown_names`."""
    names = unknown_names(query.text, weights)
    return [t for t in key_terms(query) if t not in names]


def unknown_names(question: str, weights: TermWeights) -> set[str]:
    """Stems of capitalised words past the first that the knowledge base never uses: a child's or a worker's name,
    a case reference. They are not what a question is about, so they count neither for nor against an answer."""
    stems: set[str] = set()
    for word in re.findall(r"(?<=\s)[A-Z][\w'’-]*", question):
        found = as_verbs(tokens(word))
        if found and all(weights.counts.get(t, 0) == 0 for t in found):
            stems.update(found)
    return stems
