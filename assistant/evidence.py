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
from assistant.understand import MONTHS, Query
from ingest.models import Passage

# Words that only ask (what was said, found, done, compared): they name no thing, so a question after a number, a
# name or a date that has nothing else is about the where-words it names (key_terms).
_ASKING_WORDS = (
    "find found say says said describe described identify identified according under what which how when who why "
    "happen happens occur occurs apply applies set sets did does do give given year years "
    # filler verbs: "take place", "get", "receive" carry no subject of their own
    "take takes place get gets got receive receives received carry carried out make made came went gone "
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
    "meant supposed im ive ve cos proper thing things stuff "
    # a figure the question gives to look up ("which figure was the 96%", "whats the four in five stat about")
    "figure figures stat stats "
    # Yorkshire, Midlands and everyday English ("ey up", "me duck", "dunno", "gizza list", "what did ofsted reckon")
    "ey duck dunno gizza gimme reckon reckons mardy "
    # Scottish, Welsh and Brummie English ("och aye", "wee q", "ken", "gonnae", "tidy, quick one butt", "ta-ra"), what
    # one thinks ("i think its 10 wd") and what a text states ("what does the guidance state re …"): no subject either
    "och aye wee ken gonnae gonna wanna gotta canny tidy butt lush bostin tara ra think thinks thought "
    "state states stated regarding "
    # a summary asked for ("summarise what ofsted said", "gist of", "eli5") and a file's type ("the pdf on transfers",
    # "the procedure (html)"): how the answer is wanted and where the asker looked, not what it is about
    "summarise summarize gist eli5 pdf docx doc html htm txt "
    # a figure asked for roughly ("ballpark how long", "yearly ish?", "give or take"): how close, not what about
    "roughly approx approximately ballpark ish estimate "
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
    + _ASKING_WORDS
)
# "The report", "Ofsted's report", "the 2019 report" only say where to look; "icpc reports", "reports for a conference",
# "the reports for an icpc" and "the rcpc report" are what the question is about.
_DETERMINERS = ("the", "a", "an", "their", "our", "its", "this", "that", "which", "what", "whose")
_SOURCE_REPORT = re.compile(
    r"\b((?:" + "|".join(_DETERMINERS) + r"|latest|last|recent|previous|earlier|annual|ofsted|ofsted's|"
    r"ofsteds|inspection|inspectors|inspectors'|ilacs|ucra|(?:19|20)\d\d))\s+reports?\b(?!\s+(?:for|to)\b)", re.I)
# In a question about a conference, "the reports" are the conference's ("before the icpc do the reports need to be
# in", "sending LA has to get its reports over before the conf", "is the report deadline the same for icpc and rcpc");
# an Ofsted, inspection or year's report still only says where to look ("in devons ofsted report were icpcs …").
_CONFERENCE = re.compile(r"\b(?:[ir]cpcs?|confs?|conferences?)\b", re.I)

# How a question is framed, not what it is about: a yes/no check ("is it true …", "… is that right", "… 3 months
# right?"), who it is asked for ("my team keep asking", "for team meeting tmrw", "can u confirm for the team"),
# "back in 2011" and a sign-off ("thanks in advance", "anyone got it to hand"). Blanked to their length, as the
# source's "report" is.
_FORMS = (r"one[\s-]+word(?:\s+answer)?|short\s+answer|just\s+the\s+(?:number|figure|grade|date|name|answer)"
          r"|in\s+(?:a|one)\s+(?:sentence|line)")
_FRAMING = re.compile(
    r"\b(?:is|isnt|isn't|was|wasnt|wasn't)\s+(?:it|that|this)\s+(?:true|right|correct|so)\b"
    r"|\b(?:am\s+i|are\s+we)\s+right\b"
    # a check of the asker's own case against the rule ("last sup was 7 wks ago, are we in breach", "is that a breach
    # of our recording timescale", "are we outside our timescale", "is that ok or do i need to escalate"): the rule's
    # subject is what the question is about
    r"|\b(?:are\s+we|am\s+i|is\s+(?:that|this|it))\s+(?:now\s+|still\s+)?(?:in\s+breach|a\s+breach|breaching|late|"
    r"overdue|out\s+of|outside|compliant|non[\s-]?compliant|fine|ok|okay|acceptable)(?:\s+of)?\b"
    r"|\b(?:do|should|would)\s+(?:i|we)\s+(?:need\s+to\s+|have\s+to\s+)?escalate(?:\s+(?:it|this|that))?\s*(?=[?.!]|$)"
    r"|\b(?:right|true|correct)\s*\?+"
    # the same tag ending the message without its question mark ("… 10 wd from when the new la accepts it right")
    r"|\b(?:right|correct)\s*[.!]*\s*$"
    r"|\b(?:my|our|the)\s+team\s+(?:keeps?|are|is|have\s+been|has\s+been)\s+(?:asking|wondering|unsure|confused)\b"
    r"|\bfor\s+(?:the\s+|my\s+|our\s+)?team(?:\s+(?:meeting|mtg|briefing|huddle))?"
    r"(?:\s+(?:tmrw|tmr|tomorrow|today|later))?\b(?!\s+around)"
    r"|\bcan\s+(?:u|you|someone|anyone)\s+confirm\b"
    # a question passed on from someone else ("my student asked how long …", "a new starter wants to know who …")
    r"|\b(?:my|our|a)\s+(?:new\s+)?(?:student|trainee|starter|mgr|manager|tm|colleague|sw|team)s?\s+"
    r"(?:asked|asks|is\s+asking|was\s+asking|keeps\s+asking|wants\s+to\s+know|wanted\s+to\s+know)(?:\s+me)?\b"
    # a greeting ("hiya hope ur well, quick one"): how the asker opens, nothing the question is about
    r"|\bhope\s+(?:ur|your|you'?re|you\s+are|u\s*r|u|you|all'?s|all\s+is|every(?:one|body)'?s?)\s+(?:well|ok|okay|good|"
    r"keeping\s+well|having\s+a\s+good\s+(?:day|week))\b"
    # how sure the asker is ("pretty sure its 10 wd"), and a formal email's framing ("Please could you advise on",
    # "Kindly confirm", "Further to our discussion earlier,")
    r"|\b(?:pretty|fairly|quite|not|i'?m|am)\s+sure\b"
    r"|\b(?:(?:please\s+)?(?:could|would|can)\s+(?:you|u)\s+(?:please\s+)?|please\s+|kindly\s+)(?:kindly\s+)?"
    r"(?:confirm|advise|clarify|let\s+me\s+know)(?:\s+(?:on|re|regarding|as\s+to))?\b"
    r"|\bfurther\s+to\s+(?:our|my|the|your)\s+(?:[\w-]+\s+)?(?:conversation|discussion|call|chat|meeting|e-?mail|"
    r"message|query)(?:\s+(?:earlier|today|yesterday|this\s+morning|last\s+week))?\b"
    r"|\bback(?=\s+(?:in|then)\b)"
    r"|\b(?:thanks|thank\s+you|thx|ta|cheers)(?:\s+(?:so|very|v)\s+much)?\s+(?:in\s+advance|again)\b"
    r"|\b(?:got|have)\s+(?:it|this|that|them)\s+to\s+hand\b"
    # what the answer is wanted for ("need a quote on", "what can i cite for", "need a line for", "for our workforce
    # report", "for an audit"); "the quarterly audit" may be what is asked about, so "the" is not read as framing, nor
    # is "after" a time ("after the sentence"), only "im after a quote"
    r"|\b(?:need|want|looking\s+for|i'?m\s+after)\s+(?:a|an|some|the)\s+(?:exact\s+|actual\s+)?(?:quote|line|sentence|"
    r"wording|ref(?:erence)?)s?\b"
    r"|\bwhat\s+(?:can|could|should)\s+i\s+(?:cite|quote)\b"
    r"|\bfor\s+(?:our|my|a|an)\s+(?:[\w-]+\s+){0,2}?(?:report|audit|panel|presentation|briefing|paper|bid|return)"
    r"(?:\s+(?:report|response))?\b"
    # a quiz, a portfolio or a training session the answer is for ("doing a quiz for new starters - q7:", "for my ASYE
    # portfolio,", "for a training session on inspection history -"): where the answer will go, not what it is about
    r"|\b(?:for|doing|making|writing|prepping|preparing|putting\s+together)\s+(?:(?:a|an|my|our|the)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:quiz|portfolio|slides?|deck|induction|assignment|essay|(?:training|teaching)\s+session)"
    r"(?:\s+for\s+(?:the\s+|my\s+|our\s+)?(?:new\s+starters?|students?|team|asyes?|nqsws?))?"
    r"(?:\s+on\s+(?:[\w-]+\s+){0,2}?(?:history|basics))?(?:\s*[:-]+\s*q\s?\d+\s*:?)?"
    # the form of answer wanted ("yes or no:", "one word:", "just the number -", "tl;dr", "in a sentence -"), where the
    # message opens with it or a colon or dash follows it ("one word or a full sentence in the summary" asks of words)
    r"|\b(?:yes\s+or\s+no|y/n|tl;\s?dr)\b(?:\s*[:-]+)?"
    # a list or a plain telling asked for ("bullet points pls:", "explain like im new:", "gizza quick list of")
    r"|\bbullet(?:\s+points?|s)\b(?:\s+(?:pls|please|plz))?(?:\s*[:-]+)?"
    r"|\bexplain\s+(?:it\s+)?like\s+(?:i'?m|i\s+am)\s+(?:new|five|5)\b(?:\s*[:-]+)?"
    r"|\b(?:give\s+(?:me|us)|gizza|gimme)\s+(?:a\s+)?(?:quick\s+)?(?:list|summary|rundown|gist)(?:\s+of)?\b"
    r"|(?:^\s*(?:" + _FORMS + r")\b(?:\s*[:-]+)?|\b(?:" + _FORMS + r")\s*[:-]+)", re.I)
# Time gone by, after a span ("7 wks ago", "9 weeks since my last sup"): the asker's case, never a rule's figure
TIME_GONE_BY = r"(?:ago|since\s+(?:my|our|the|their|his|her|its)\s+last)\b"
# Asides that say how the asker's case stands, never what the question is about. When it happened ("strat was mon 3rd",
# "made 1st march", "til the 8th", "4.50pm thurs") or the season of an inspection ("the summer of 22"); a month stays:
# reports give their inspection's dates ("6 to 17 March 2023"). Weekday words that are also other words ("sat", "sun",
# "wed", "mon") count only before a day's number or am/pm.
_WEEKDAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues?|weds|thurs?|fri)"
_UNIT = (r"(?:\s*(?:working\s+|calendar\s+|clear\s+)?(?:days?|daily|weeks?|weekly|months?|monthly|wks?|wds?|"
         r"hrs?|hours?|mins?|minutes?|years?|yrs?|yearly|times))?")
_ASIDES = re.compile(
    r"\b(?:(?:next|this|last|on)\s+)?(?:" + _WEEKDAYS + r"|(?:mon|wed|sat|sun)(?=\s+(?:\d|am\b|pm\b)))\b"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
    r"(?:\s+(?:am|pm|morning|afternoon|evening|night))?"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTHS + r"\b|\b" + MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)\b"
    r"|\b(?:spring|summer|autumn|winter)\s+(?:of\s+)?(?:'?\d{2}|(?:19|20)\d{2})\b"
    r"|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)\b"
    # figures offered to choose from ("til 21 or 25", "is it 15 or 10 wd", "2/7 or 1/7"): one at most is the answer,
    # so neither is what the question is about
    r"|(?<![\w./])\d+(?:[./]\d+)?" + _UNIT + r"\s+or\s+\d+(?:[./]\d+)?" + _UNIT + r"\b"
    # that something arrived ("once a referral comes in", "came through from a gp", "the referral landed"): the documents
    # say "received" or "arrives", and the thing that arrived is the subject
    r"|\b(?:come|comes|came|coming)\s+(?:in|through)\b|\blanded\b"
    # how long ago something happened ("last sup was 7 wks ago", "9 weeks since my last sup", "a fortnight ago"): the
    # asker's case, not the rule
    r"|\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|couple\s+of)\s*(?:working\s+)?"
    r"(?:days?|wds?|weeks?|wks?|months?|mths?|years?|yrs?|hours?|hrs?)\s+" + TIME_GONE_BY
    + r"|\ba\s+fortnight\s+ago\b", re.I)

# Words that say what kind of answer is wanted (a number, a time), not what it is about.
_ANSWER_TYPE_WORDS = (
    "timescale timescales timeframe time frame frequency frequent often regularly regular maximum minimum "
    "last lasts lasting duration length limit limits gap gaps longest shortest "
    "long quickly fast soon many much deadline date dates day days week weeks month months hour hours minute minutes "
    "year years"
)


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
        drop.update(tokens(_ANSWER_TYPE_WORDS))
    if query.answer_type in ("expansion", "name"):  # "what's it called", "what does OLA stand for": the asking
        drop.update(tokens(cue_words(query.answer_type)))
    elif query.answer_type in PREFERRED_KINDS:  # "what has to go in a case record": the record, not "go"
        drop.update(tokens(cue_words(query.answer_type, cues=False)))
    for authority in query.authorities:
        drop.update(tokens(authority))
    drop.update(tokens(" ".join(query.authority_mentions)))
    drop.update(str(year) for year in query.years)
    drop.update(str(year)[2:] for year in query.years)  # "ofsted 22" names the year 2022
    seen: list[str] = []
    for term in as_verbs(tokens(_resolved(query, drop))):
        if term not in drop and term not in seen:
            seen.append(term)
    return seen


def unframed(text: str) -> str:
    """``text`` with how it is framed blanked to its length (:data:`_FRAMING`: "is it true", "thanks in advance")."""
    return _FRAMING.sub(lambda m: " " * len(m.group(0)), text)


def _resolved(query: Query, drop: set[str]) -> str:
    """The question with its shorthand spelled out ("supervis" counts as "supervision"), less the
    terms that only say where to look ("Ofsted" stays a where-word, not its long name; "the 2019 report")."""
    # the word "report" where it names the source, blanked to its length so that the terms' spans still hold
    conference = bool(_CONFERENCE.search(query.spaced))
    text = _SOURCE_REPORT.sub(lambda m: m.group(0) if conference and m.group(1).lower() in _DETERMINERS else (
        m.group(1) + " " * (len(m.group(0)) - len(m.group(1)))), query.spaced)
    text = _ASIDES.sub(lambda m: " " * len(m.group(0)), unframed(text))
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
