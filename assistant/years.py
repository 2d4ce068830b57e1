"""The years a question names: written in full or short, as a season, a month or a financial or academic year,
and the full dates that tell when the asker's case happened rather than which year's documents to read."""

from __future__ import annotations

import re

from ingest.tokens import ONES, TENS

INSPECTION = re.compile(r"\b(ofsted|inspect\w*|judge?ments?|inspectors?)\b", re.I)

# A year written short after the kind of source or with an apostrophe ("ofsted 22", "ilacs '19"), not a count.
_SHORT_YEAR = re.compile(
    r"(?:\b(?:ofsted|inspection|ilacs|ucra|report|letter|judgement)\s+'?|(?<![\w'])')(\d{2})\b"
    r"(?!\s*(?:working |calendar |clear )?(?:days?|weeks?|months?|hours?|hrs?|years?|yrs?|%|per ?cent)\b)", re.I)
# An inspection named by its season or month and a year written short ("the summer of 22", "feb 22", "spring '24"):
# a month only where the question is about an inspection ("stockton march 23 - care leavers judgement"), else "march
# 23" may be a day.
_SEASON_YEAR = re.compile(r"\b(?:spring|summer|autumn|winter)\s+(?:of\s+)?'?(\d{2})\b(?!\s*(?:st|nd|rd|th)\b)", re.I)
MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MONTH_YEAR = re.compile(r"\b" + MONTHS + r"\.?\s+(?:of\s+)?'?(\d{2})\b"
                         r"(?!\s*(?:st|nd|rd|th|working|calendar|days?|weeks?|months?|hours?|hrs?|wd)\b)", re.I)
# A day's full date ("mon 6th jan 2025", "5 March 2025", "06/01/2025"): its year is when something happened
_DAY_DATE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTHS + r"\.?,?\s+((?:19|20)\d{2})\b"
                       r"|\b" + MONTHS + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b"
                       r"|\b\d{1,2}[/.-]\d{1,2}[/.-]((?:19|20)\d{2})\b", re.I)
# A financial or academic year ("FY20/21", "in 22/23", "the 2019-20 academic year", "FY23"): both years it spans;
# not ages, times or counts ("16/17 year olds", "10-11am", "14/15 wd").
_SPAN = re.compile(r"(?<![/.-])\b(?:fy\s?)?((?:19|20)?\d{2})\s?[/-]\s?(\d{2})\b(?![/.-]\d)"
                   r"(?!\s*(?:years?|yrs?|y/?o|am|pm|wd|days?|weeks?)\b)|\bfy\s?'?(\d{2})\b", re.I)
# A date of birth ("born 2008", "dob 03/2019", "d.o.b. 12.05.2016"): when a child was born, never a year asked about
_BORN = re.compile(r"\b(?:born(?:\s+in)?|dob|d\.o\.b\.?|date\s+of\s+birth)\s*:?\s*"
                   r"(?:[\d./-]{0,6}?[./-])?((?:19|20)\d{2})\b", re.I)
# A year written in words, as said aloud or dictated ("twenty fifteen", "twenty twenty-two", "two thousand and
# eleven", "nineteen ninety-nine", "twenty oh five"): its digits. Not a count before a unit ("twenty fifteen-minute
# slots") and not "twenty" with a number under ten after it ("twenty one days" is 21 days).
_TENS_WORDS = "|".join(TENS)
_UNDER_TEN = "|".join(w for w in ONES if ONES[w] < 10)
_TEEN_WORDS = "|".join(w for w in ONES if ONES[w] >= 10)
_TWO_DIGITS = rf"(?:{_TENS_WORDS})(?:[\s-]+(?:{_UNDER_TEN}))?|{_TEEN_WORDS}"
_NOT_A_UNIT = (r"(?![\s-]+(?:minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|wd|wds|times|kids|"
               r"children)\b)")
_WORDED_YEAR = re.compile(
    rf"\b(?:two[\s-]+thousand(?:[\s-]+and)?[\s-]+(?P<thousand>{_TWO_DIGITS}|{_UNDER_TEN})"
    rf"|(?P<century>nineteen|twenty)[\s-]+(?:(?P<late>{_TWO_DIGITS})|(?:oh|o|nought)[\s-]+(?P<early>{_UNDER_TEN})))"
    rf"\b{_NOT_A_UNIT}", re.I)


def _number(words: str) -> int:
    parts = re.split(r"[\s-]+", words.lower())
    return sum(TENS.get(p, 0) + ONES.get(p, 0) for p in parts)


def _year(match: re.Match) -> str:
    if match.group("thousand"):
        return str(2000 + _number(match.group("thousand")))
    base = 1900 if match.group("century").lower() == "nineteen" else 2000
    return str(base + _number(match.group("late") or match.group("early")))


def in_digits(text: str) -> str:
    """``text`` with every year written in words in digits ("what did ofsted rate leeds in two thousand and fifteen"
    names 2015)."""
    return _WORDED_YEAR.sub(_year, text)


# Besides the words of INSPECTION, what else names an inspection ("the feb 22 ilacs", "the may 11 visit", "grade").
_DATED = re.compile(r"\b(?:ilacs|ucra|visit|grade[ds]?|rated|report|letter)\b", re.I)


def names_inspection(text: str) -> bool:
    """Does ``text`` speak of an inspection ("Since the last inspection in 2019", "the May 2016 report")?"""
    return bool(INSPECTION.search(text) or _DATED.search(text))


def baselines(question: str, years: list[int]) -> list[int]:
    """The years named as where change is measured from ("improved since the 2019 ofsted", "since '19")."""
    return [y for y in years
            if re.search(rf"\bsince (?:the |their |its |our )?(?:last )?'?(?:{y}|{y % 100:02d})\b", question, re.I)]


def short_years(question: str) -> set[int]:
    """The years a question writes in two digits: after the kind of source ("ofsted 22"), with an apostrophe
    ("ilacs '19"), after a season ("summer of 22") or, in a question about an inspection, a month ("feb 22")."""
    found = _SHORT_YEAR.findall(question) + _SEASON_YEAR.findall(question)
    if names_inspection(question):
        found += _MONTH_YEAR.findall(question)
    return {2000 + int(y) for y in found}


def year_spans(question: str) -> set[int]:
    """Both calendar years of a financial or academic year ("FY20/21", "22/23", "2019-20"; "FY23" ends in 2023)."""
    years: set[int] = set()
    for first, second, ending in _SPAN.findall(question):
        if ending:
            years |= {1999 + int(ending), 2000 + int(ending)}
        elif (len(first) == 4 or 5 <= int(first) <= 40) and int(second) == (int(first) + 1) % 100:
            start = int(first) if len(first) == 4 else 2000 + int(first)
            years |= {start, start + 1}
    return years


def named_years(question: str) -> list[int]:
    """The years ``question`` asks about, oldest first."""
    born = {int(year) for year in _BORN.findall(question)}
    written = {int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", question)}
    years = sorted((written | short_years(question) | year_spans(question)) - born)
    if not names_inspection(question):
        # "referral came in mon 6th jan 2025": when the asker's case happened, not a year asked about
        happened = {int(year) for m in _DAY_DATE.finditer(question) for year in m.groups() if year}
        years = [y for y in years if y not in happened]
    return years
