"""Figures a question states and whether the evidence holds them: quantities ("15 working days", "96%"), how often
("monthly", "every 6 weeks"), figures offered to choose from ("monthly or 6 weekly"), and another figure of the same
measure that answers a check ("our c&f assmts are 35 wd right?": "no, 45"). Read by ``answerability``."""

from __future__ import annotations

import re

from assistant.evidence import TermWeights
from assistant.framing import TIME_GONE_BY
from assistant.selection import Unit
from assistant.vocabulary import spelled_stems
from ingest.tokens import as_verbs, spelled_digits, tokens


_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
                 "nine": "9", "ten": "10", "twelve": "12", "fifteen": "15", "twenty": "20", "thirty": "30"}
_NUMBER = r"(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
_IN_UNITS = (r"\s*(working |calendar |clear )?"
             r"(minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|times|%|per ?cent)(?!\w)")
QUANTITY = re.compile(r"(?<![\w.-])" + _NUMBER + _IN_UNITS)  # of time or a count, lower-cased ("1.5 hrs", "96%")
# A range of one unit ("between 2 and 5 days", "4-6 wks", "10 to 15 wd"): a figure held in it answers it
_RANGE = re.compile(r"(?<![\w.-])(?:between\s+" + _NUMBER + r"\s*(?:and|to|-)|" + _NUMBER + r"\s*(?:-|to))\s*"
                    + _NUMBER + _IN_UNITS)
# Not a figure to check: an age ("a 4 month old", "17 yr olds", "baby 4 months") or time gone by ("10 days ago",
# "9 weeks since my last supervision")
_AGE_AFTER = re.compile(r"[\s-]*(?:olds?\b|" + TIME_GONE_BY + ")")
_AGE_BEFORE = re.compile(r"\b(?:baby|babies|infant|child|kid|boy|girl|son|daughter|aged)\s*$")
# ... with a child's name or initial between ("baby Mia 4/12", "baby K (6 wks)"), read before it is lower-cased
_NAMED_CHILD = re.compile(r"\b((?i:baby|infant|child|kid|boy|girl|son|daughter))\s+(?:[A-Z][a-z]{0,11}|[a-z])\s*\(?\s*"
                          r"(?=(?i:aged\s+)?\d)")
# Nor time to come in minutes ("mtg in 10 mins", "in with the DCS in 5 minutes"): how soon the asker must know
_SOON_BEFORE = re.compile(r"\bin\s+(?:about\s+|like\s+|a\s+few\s+)?$")
_MINUTES = frozenset({"minute", "minutes", "mins", "min"})
# Nor a kind of document named by how long it takes to read ("the devon one minute guide", "a 7 minute briefing")
_READ_AFTER = re.compile(r"[\s-]*(?:guides?|briefings?|reads?|summar(?:y|ies))\b")
_UNITS = {"mins": "minute", "min": "minute", "hrs": "hour", "hr": "hour", "wks": "week", "wk": "week", "yrs": "year",
          "yr": "year", "per cent": "%", "percent": "%"}


def _quantities(text: str) -> set[tuple[str, str]]:
    """(number, unit) pairs a text states: "35 working days" is ("35", "day"), "forty-five days" ("45", "day")."""
    return {(number, unit) for number, unit, _, _ in _stated(text)}


def _stated(text: str) -> list[tuple[str, str, str, str]]:
    """(number, unit, what comes before it, the range's low end or the number) for each quantity a text states, read
    lower-cased; a range is stated by its high end ("between 2 and 5 days": "5", "day", …, "2")."""
    text = spelled_digits(_NAMED_CHILD.sub(r"\1 ", text).lower())
    found = []
    for pattern in (_RANGE, QUANTITY):
        for m in pattern.finditer(text):
            low, number, unit = (m.group(1) or m.group(2), m.group(3), m.group(5)) if pattern is _RANGE \
                else (m.group(1), m.group(1), m.group(3))
            if not _AGE_AFTER.match(text, m.end()) and not _AGE_BEFORE.search(text, 0, m.start()) \
                    and not _READ_AFTER.match(text, m.end()) \
                    and not (unit in _MINUTES and _SOON_BEFORE.search(text, 0, m.start())):
                found.append((_NUMBER_WORDS.get(number, number), _UNITS.get(unit, unit.rstrip("s")),
                              text[max(0, m.start() - 20):m.start()], _NUMBER_WORDS.get(low, low)))
        if pattern is _RANGE:  # the high end of a range is no quantity of its own
            text = _RANGE.sub(lambda m: " " * len(m.group(0)), text)
    return found


# A quantity as a measure and its size in the measure's unit: time in days, a session's length in hours apart from it
# ("min 1.5 hrs" is no timescale), a count of times, a share.
_MEASURES = {"minute": ("hours", 1 / 60), "hour": ("hours", 1.0), "day": ("days", 1.0), "week": ("days", 7.0),
             "month": ("days", 30.0), "year": ("days", 365.0), "time": ("times", 1.0), "%": ("%", 1.0)}
_NEAR = 0.1  # two times, or two frequencies in days, within a tenth of each other are one: four-weekly is monthly
# A bound the asker puts on a figure ("attendance >= 95%?", "icpc <= 15wd after the strat", "was it under 50%"): a
# figure held on its side of the bound answers it, as "School attendance is good at 96%" answers ">= 95%"
_AT_MOST = re.compile(r"(?:<=?|=<|≤|\b(?:at\s+most|under|below|(?:less|fewer)\s+than|no\s+more\s+than))\s*~?\s*$")
_AT_LEAST = re.compile(r"(?:>=?|=>|≥|\b(?:at\s+least|over|above|(?:more|greater)\s+than|no\s+less\s+than))\s*~?\s*$")


def _measure(unit: str) -> str:
    return _MEASURES[unit][0] if unit in _MEASURES else unit


def _measures(text: str) -> list[tuple[str, float, str, float]]:
    """(measure, size, bound, low) for each quantity a text states; bound is "<=", ">=", "range" (from ``low`` to
    size) or "" (the figure itself)."""
    return [(_measure(unit), float(number) * _MEASURES[unit][1],
             "range" if low != number else "<=" if _AT_MOST.search(before) else ">=" if _AT_LEAST.search(before)
             else "", float(low) * _MEASURES[unit][1])
            for number, unit, before, low in _stated(text) if unit in _MEASURES]


def _holds(asked: tuple[str, float, str, float], held: list[tuple[str, float, str, float]]) -> bool:
    """Does a figure held answer the one asked: the same measure and the same size (a time within a tenth: four weeks
    is a month; three days are not three months; a share or a count exactly), on the asked side of its bound, or in
    its range?"""
    measure, size, bound, low = asked
    near = _NEAR if measure in ("days", "hours") else 0.0  # a share or a count is exact
    return any(m == measure and (s <= size * (1 + near) if bound == "<=" else s >= size * (1 - near) if bound == ">="
                                 else low * (1 - near) <= s <= size * (1 + near) if bound == "range"
                                 else abs(s - size) <= near * max(s, size)) for m, s, _, _ in held)


def contradicted(question: str, best: Unit | None, terms: list[str], weights: TermWeights) -> bool:
    """Does the best unit state another figure of the same measure for all the question is about? "our c&f assmts
    have to be done in 35 wd right?" is answered, "no", by "Every assessment is completed within 45 working days"
    (under the heading "Child and family assessments"): every key term the documents use, but the figure, is in it.
    "first core group within 10 wd of the icpc?" is not, by the ICPC's 15 working days: "core group" is not in it."""
    if best is None:
        return False
    asked, stated = _quantities(question), _quantities(best.text)
    # another figure of the same measure: "is it about 2 months" against "within 45 working days"; a session's length
    # in hours is not contradicted by how often sessions are ("min 1.5 hrs" against "every 4 weeks")
    if not any(_measure(unit) == _measure(u) and (number, unit) != (n, u)
               for number, unit in asked for n, u in stated) and not _other_frequency(question, best.text):
        return False
    figures = {t for number, unit in asked for t in as_verbs(tokens(f"{number} {unit}"))}
    figures |= {t for m in _FREQUENCY.finditer(question.lower()) for t in as_verbs(tokens(m.group(0)))}  # "6 weekly"
    # read with its shorthand spelled out ("… 2 days before for an ICPC" holds "initial child protection conference")
    held = spelled_stems(f"{best.section} {best.text}")
    return all(t in held for t in terms if t not in figures and weights.counts.get(t, 0) > 0)


# How often, as days: "every 6 weeks", "6 weekly", "monthly", "fortnightly" ("walsall sup is every 6 wks isnt it" is
# answered, "no", by "Every practitioner must have supervision at least monthly").
_PERIOD_DAYS = {"day": 1, "week": 7, "wk": 7, "fortnight": 14, "month": 30, "quarter": 91, "year": 365}
_ADVERB_DAYS = {"daily": 1, "weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 91, "annually": 365,
                "yearly": 365}
_FREQUENCY = re.compile(
    r"\bevery\s+(?:(\d+|" + "|".join(_NUMBER_WORDS) + r")\s*)?"
    r"(days?|weeks?|wks?|fortnights?|months?|quarters?|years?)\b"
    r"|(?<![\w-])(?:(\d+|" + "|".join(_NUMBER_WORDS) + r")[\s-]*)?(" + "|".join(_ADVERB_DAYS) + r")\b")


def _frequencies(text: str) -> set[int]:
    """How often a text says something happens, in days."""
    found = set()
    for m in _FREQUENCY.finditer(spelled_digits(text.lower())):
        number = m.group(1) or m.group(3)
        count = int(_NUMBER_WORDS.get(number, number)) if number else 1
        days = _PERIOD_DAYS[m.group(2).rstrip("s")] if m.group(2) else _ADVERB_DAYS[m.group(4)]
        found.add(count * days)
    return found


def _other_frequency(question: str, text: str) -> bool:
    """The question states how often, and the text states another frequency and not the question's (four-weekly
    and monthly are one)."""
    asked, stated = _frequencies(question), _frequencies(text)
    return bool(asked and stated) and not any(_same_frequency(a, s) for a in asked for s in stated)


def _frequency_missing(question: str, text: str, *, either: bool = False) -> bool:
    """The question states how often ("weekly visits", "6 weekly") and the text states no frequency near it; of
    frequencies offered to choose from (``either``: "monthly or 6 weekly"), none."""
    stated = _frequencies(text)
    missing = [not any(_same_frequency(a, s) for s in stated) for a in _frequencies(question)]
    return bool(missing) and (all(missing) if either else any(missing))


# Between two figures offered to choose from: "or", with at most a few words either side ("fortnightly sup or just the
# usual monthly", "every 4 weeks or every 6 weeks", "35 days or 45 days")
_EITHER_GAP = re.compile(r"[\s,]+(?:[\w'’]+\s+){0,3}?or\s+(?:[\w'’]+\s+){0,3}?", re.I)


def offers_either(question: str) -> bool:
    """Does the question offer two figures to choose from ("monthly or 6 weekly", "every 4/52 or every 6/52")?"""
    text = spelled_digits(question.lower())
    spans = sorted([m.span() for m in QUANTITY.finditer(text)] + [m.span() for m in _FREQUENCY.finditer(text)])
    return any(_EITHER_GAP.fullmatch(text, a[1], b[0]) is not None for a, b in zip(spans, spans[1:]) if a[1] <= b[0])


def _same_frequency(a: int, b: int) -> bool:
    return abs(a - b) <= _NEAR * max(a, b)


def states_figure(text: str) -> bool:
    """Does a question state a figure to check: a quantity ("15 working days", "96%") or how often ("monthly")?"""
    return bool(_numbers(text) or _frequencies(text))


def _numbers(text: str) -> set[str]:
    """Quantities a text states ("15 working days", "72 hrs", "four weeks"), as digits; a bare number (a year,
    a reference in a name) is not a quantity, nor is an age ("a 4 month old with a fractured arm")."""
    return {number for number, _ in _quantities(text)}


def figures_missing(question: str, evidence: str) -> bool:
    """Does the question state a figure ("15 working days", "monthly") the evidence does not hold? Of figures offered
    to choose from ("monthly or 6 weekly"), one held is enough. How often ("every 6 weeks") is checked as a frequency,
    not as a quantity ("monthly" is every 4 weeks); the question is read as typed, not lower-cased, so that a child's
    name before their age is seen ("baby Mia 4/12")."""
    asked = _measures(re.sub(_FREQUENCY.pattern, " ", question, flags=re.I))
    held = _measures(evidence)
    found = [_holds(figure, held) for figure in asked]
    either = offers_either(question)
    return (bool(asked) and not (any(found) if either else all(found))
            or _frequency_missing(question, evidence, either=either))
