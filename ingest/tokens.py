"""Tokenising shared by BM25 (built at ingest, read by the assistant), sentence scoring and evidence checks."""

from __future__ import annotations

import re
from functools import lru_cache

# Saved lexical indexes (ingest/lexical.py) record this: change it whenever tokens() would split text differently.
TOKENS_VERSION = 7  # 2: "working from home" is one term; 3: "forty five days" is "45 days", "one" a stopword,
#   "1.5" one token; 4: "35wd" is "35 wd", "24hrs" "24 hrs"; 5: "WT2010" is "WT 2010"; 6: "6/52" is "6 weeks";
#   7: "fourty five days" is "45 days"

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves also may might must
    shall according say said says tell told find found describe described us per within whether one""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


# Phrases whose words mean something else apart ("looked after" is not "looked").
_PHRASES = [
    (re.compile(r"\blooked[\s-]+after\b"), "lookedafter"),
    # Remote working is not a home visit: "home" and "work" apart match every visit and working day.
    (re.compile(r"\b(work(ing)?[\s-]+(from|at)[\s-]+home|home[\s-]?working|wfh)\b"), "homeworking"),
    # One-to-one supervision, however written ("1:1", "one to one"): alone, "one" is a pronoun ("quick one", "the
    # 2024 one") and a stopword, and a number before a unit is its digit ("one working day" is "1 working day").
    (re.compile(r"\b(?:one|1)(?:[\s-]*(?:to|2)[\s-]*|\s*:\s*)(?:one|1)\b"), "onetoone"),
]


# A number spelled out before a unit of time or a count of times is its digits, in documents and questions alike:
# "fifteen working days" is "15 working days", "every six weeks" is "every 6 weeks", "forty-five days" is "45 days".
ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}  # "fourty": as often typed
_DIGIT_WORDS = "|".join(w for w in ONES if ONES[w] < 10)  # "forty-five": forty and a digit's word
_SPELLED = re.compile(
    r"\b(?:(" + "|".join(TENS) + r")(?:[\s-]+(" + _DIGIT_WORDS + r"))?|(" + "|".join(ONES) + r"))"
    r"(?=[\s-]+(?:(?:working|calendar|clear|school)\s+)?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|"
    r"years?|yrs?|times|weekly|monthly|daily|yearly|wd|wds)\b)")


# A number typed against its unit ("within 3wd", "24hrs", "6wks") is the number and the unit.
_GLUED = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)(wds?|hrs?|hours?|days?|wks?|weeks?|mths?|months?|yrs?|years?|mins?|minutes?)\b", re.I)


# A year typed against the name before it ("WT2010", "ilacs2019"): the name and the year. Letters after digits or a
# year inside a longer run of digits ("SI2010123") are left alone.
_GLUED_YEAR = re.compile(r"(?<![\w.])([A-Za-z]{2,})((?:19|20)\d\d)\b")


# Time written as health and care records write it (a number over 7, 52 or 12: "seen 2/7 ago", "sup 4/52ly", "qualified
# 6/12 ago"; Swan Medical Group's and the Gateshead Information Network's abbreviation lists, vocabulary/SOURCES.md)
# is the number of days, weeks or months. Not a date ("on 6/12", "reviewed 3/7/2020") and not "24/7".
_CLINICAL = re.compile(r"(?<![\w/.])(\d{1,2})/(7|12|52)(ly)?(?![\w/]|[.,]\d)", re.I)
_CLINICAL_UNITS = {"7": ("days", "daily"), "12": ("months", "monthly"), "52": ("weeks", "weekly")}
# A part of a year as an office writes how often ("board meets 1/4ly", "1/2ly review"): quarterly, half-yearly.
_PART_OF_YEAR = re.compile(r"(?<![\w/.])1/([24])ly\b", re.I)
_PARTS_OF_YEAR = {"4": "quarterly", "2": "half-yearly"}
_ON_A_DAY = re.compile(r"\b(?:on|by|from|since|until|til|till|dated|the|of)\s*$", re.I)


def _clinical(match: re.Match) -> str:
    number, over, often = match.groups()
    if (number, over) == ("24", "7") or _ON_A_DAY.search(match.string, 0, match.start()):
        return match.group(0)
    return f"{number} {_CLINICAL_UNITS[over][1 if often else 0]}"


def unglued(text: str) -> str:
    """``text`` with every number typed against its unit written apart from it ("35wd" is "35 wd"), every year
    typed against the name before it ("WT2010" is "WT 2010") and time written over 7, 52 or 12 in words ("6/52" is
    "6 weeks", "4/52ly" is "4 weekly"), and a part of a year as how often ("1/4ly" is "quarterly")."""
    text = _PART_OF_YEAR.sub(lambda m: _PARTS_OF_YEAR[m.group(1)], text)
    return _CLINICAL.sub(_clinical, _GLUED_YEAR.sub(r"\1 \2", _GLUED.sub(r"\1 \2", text)))


def spelled_digits(text: str) -> str:
    """``text`` (lower case) with every number spelled out before a unit written in digits."""
    return _SPELLED.sub(_digits, text)


def _digits(match: re.Match) -> str:
    if match.group(3):
        return str(ONES[match.group(3)])
    return str(TENS[match.group(1)] + (ONES[match.group(2)] if match.group(2) else 0))


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"'s\b", "", unglued(text.lower()))
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    return spelled_digits(text)


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed content words (digits kept: '45', '47', '2011')."""
    return list(_tokens(text))


# A question reads the same passages' and sentences' words many times over (coverage, selection, answerability):
# about a third of a warm ask's time went on reading them again (the bank's corpus-test questions, warm, on 2 cores:
# p50 112 -> 74 ms, p95 172 -> 120 ms with this cache)
@lru_cache(maxsize=16384)
def _tokens(text: str) -> tuple[str, ...]:
    words = [w for w in re.findall(r"\d+\.\d+|[a-z0-9]+", normalise(text))  # "1.5 hrs": one number
             if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return tuple(_stemmer().stemWords(words))


def stem_words(words: list[str]) -> list[str]:
    """The stems of ``words``, as :func:`tokens` stems them."""
    return _stemmer().stemWords(words)


# Irregular verb forms the stemmer leaves apart from their verb ("seen" is not "see"): "how soon must the child be
# seen" asks about "the social worker sees the child within five working days". Applied where the question's key
# terms are looked for in a passage or a sentence (assistant/evidence.py), not to BM25, whose index is built with
# tokens() as they are. Forms that are other words too stay out: "left", "led" ("lead professional"), "found"
# ("founded"), "held" (a meeting held is not "holding cases").
_IRREGULAR = {
    "see": "seen saw", "meet": "met", "keep": "kept", "write": "written wrote", "give": "given gave",
    "take": "taken took", "send": "sent", "bring": "brought", "think": "thought", "choose": "chosen chose",
    "speak": "spoken spoke", "know": "known knew", "show": "shown", "begin": "begun began", "pay": "paid",
    "hear": "heard", "understand": "understood", "teach": "taught", "seek": "sought", "catch": "caught",
    "grow": "grew grown", "draw": "drew drawn", "break": "broke broken", "forget": "forgot forgotten",
    "spend": "spent", "build": "built", "lose": "lost", "feel": "felt", "sit": "sat", "fall": "fell fallen",
    "run": "ran", "make": "made", "undertake": "undertook undertaken",
}
# A prefixed verb's forms are its own ("rewritten" is "rewrite", "overseen" "oversee", "retaken" "retake").
_PREFIXES = ("re", "over", "under", "with", "mis", "out")
# Nouns made from a verb that the stemmer leaves apart from it ("decision" is "decis", "decides" is "decid"): "who
# decides on contacts" asks about "a decision on every contact is made by a manager". Only where the noun names the
# verb's act; "placement", "leaver" and "application" ("the procedure applies") are other words.
_NOUNS = {
    "decide": "decision decisions", "conclude": "conclusion conclusions", "intervene": "intervention interventions",
    "close": "closure closures", "notify": "notification notifications",
}


# Verbs practitioners use for the same act as the documents' ("who did the inspectors talk to": "inspectors spoke
# to a range of staff"), and the inspectorate for its act ("when were ofsted in hpool": "Inspection dates: …").
_SAME_ACT = {"speak": "talk talked talks talking", "inspect": "ofsted ofsteds"}


@lru_cache(maxsize=1)
def _verb_of() -> dict[str, str]:
    forms_of = {**_IRREGULAR, **_NOUNS}
    forms_of.update({f"{prefix}{verb}": " ".join(f"{prefix}{form}" for form in forms.split())
                     for prefix in _PREFIXES for verb, forms in _IRREGULAR.items() if f"{prefix}{verb}" not in forms_of})
    for verb, forms in _SAME_ACT.items():
        forms_of[verb] = f"{forms_of.get(verb, '')} {forms}".strip()
    return {form: verb for verb, forms in zip(stem_words(list(forms_of)), forms_of.values())
            for form in stem_words(forms.split())}


def as_verbs(stems: list[str]) -> list[str]:
    """``stems`` (from :func:`tokens`) with each irregular verb form, and each noun of the verb's act, as the verb's
    stem ("seen" as "see", "decision" as "decide")."""
    verb_of = _verb_of()
    return [verb_of.get(s, s) for s in stems]
