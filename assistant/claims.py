"""What a sentence claims, in a form two texts can be compared by: numbers, durations, frequencies, dates,
names, judgements, and whether it is negated, permissive or bounded.

Both a model's sentence and the passage it cites go through :func:`facts`, so
"4" and "four", "fortnightly" and "every two weeks", "9 June 2011" and
"2011-06-09" meet. Nothing else is treated as equal: "monthly" is not "every
four weeks", "10 days" is not "10 working days", unless the text says both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.tokens import ONES as _UNITS, TENS as _TENS

_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10, "eleventh": 11, "twelfth": 12}
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_PERIOD = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year",
           "quarterly": "quarter", "hourly": "hour"}
_UNIT = r"(?:(?:working|calendar|school|clear) )?(?:minute|hour|day|week|month|quarter|year)"
JUDGEMENTS = ("requires improvement to be good", "requires improvement", "outstanding", "inadequate", "good")
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot|without|fails? to|failed to|"
                       r"lacks?|lacking|unable|insufficient(?:ly)?)\b|n't\b")
_NOT_NEGATION = re.compile(r"\b(?:no (?:later|more|less|fewer|sooner) than|not (?:later|more|less|fewer) than|"
                           r"not exceed(?:ing)?|not only)\b")
_PERMISSION = re.compile(r"\b(?:may|might|can|could|optional|optionally|discretion(?:ary)?|voluntary|at will|"
                         r"if (?:they|he|she|you) (?:wish|choose|prefer)|is not required|are not required)\b")
_OBLIGATION = re.compile(r"\b(?:must|shall|should|required|requires?|mandatory|compulsory|obliged|has to|have to|"
                         r"needs? to|expected to)\b")
_LOWER = re.compile(r"\b(?:at least|no less than|not less than|a minimum of|minimum|or more|no fewer than)\b")
_UPPER = re.compile(r"\b(?:at most|no more than|not more than|up to|a maximum of|maximum|within|no later than|"
                    r"not later than|or less|or fewer|not exceed(?:ing)?|by the end of)\b")
_STOP_CAPITALS = {"i", "a", "an", "the", "this", "that", "these", "those", "it", "its", "in", "on", "at", "for", "if",
                  "when", "where", "each", "every", "all", "any", "and", "or", "but", "they", "their", "there",
                  "he", "she", "we", "our", "you", "your", "yes", "no", "after", "before", "during", "within",
                  "until", "from", "to", "of", "by", "with", "as", "also", "however", "then", "both", "only",
                  "what", "which", "who", "how", "according", "under", "per", "once", "not"} | set(MONTHS)


@dataclass(frozen=True)
class Facts:
    """The comparable content of one text (all lower-case, canonical forms)."""

    numbers: frozenset[int]
    quantities: frozenset[str]  # "4 week", "45 working day"
    frequencies: frozenset[str]  # "every 2 week" (fortnightly), "every 1 month" (monthly)
    months: frozenset[str]
    names: frozenset[str]  # capitalised words inside a sentence: councils, bodies, people, acronyms
    judgements: frozenset[str]
    negated: bool
    permission: bool
    obligation: bool
    lower_bound: bool
    upper_bound: bool


def _number_words(text: str) -> str:
    """'forty-five' -> '45', 'four' -> '4', 'sixth' -> '6' (whole words only)."""
    def tens(m: re.Match[str]) -> str:
        return str(_TENS[m.group(1)] + (_UNITS[m.group(2)] if m.group(2) else 0))

    units = "|".join(k for k in _UNITS if _UNITS[k] < 10)
    text = re.sub(rf"\b({'|'.join(_TENS)})(?:[- ]({units}))?\b", tens, text)
    text = re.sub(rf"\b({'|'.join(_UNITS)})\b", lambda m: str(_UNITS[m.group(1)]), text)
    text = re.sub(rf"\b({'|'.join(_ORDINALS)})\b", lambda m: str(_ORDINALS[m.group(1)]), text)
    return re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", r"\1", text)


def normalise(text: str) -> str:
    """Lower case, one spelling for numbers, dates and periods ("fortnightly" -> "every 2 weeks")."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[‐‑‒–—]", "-", text)
    text = re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b",
                  lambda m: f"{int(m.group(3))} {MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
                  if 1 <= int(m.group(2)) <= 12 else m.group(0), text)
    text = _number_words(text)
    text = re.sub(r"\b(\d+)(?:[- ])?(day|week|month|year)ly\b", r"every \1 \2s", text)  # six-weekly
    text = re.sub(r"\b(?:once )?(?:a|every|each|per) fortnight\b|\bfortnightly\b|\bevery other week\b",
                  "every 2 weeks", text)
    text = re.sub(r"\bfortnights?\b", "2 weeks", text)
    text = re.sub(r"\b(?:once )?(?:a|every|each|per) (day|week|month|quarter|year)\b", r"every 1 \1", text)
    text = re.sub(rf"\b({'|'.join(_PERIOD)})\b", lambda m: f"every 1 {_PERIOD[m.group(1)]}", text)
    return re.sub(r"\s+", " ", text)


def _names(text: str) -> set[str]:
    """Capitalised words that do not start a sentence (or a line), lower-cased: proper names and acronyms."""
    found = set()
    for m in re.finditer(r"\b([A-Z][A-Za-z'-]*[A-Za-z])\b", text):
        before = text[: m.start()].rstrip()
        if not before or before[-1] in ".!?:;\n[(\"“":
            continue
        word = m.group(1).lower()
        if word not in _STOP_CAPITALS:
            found.add(word)
    return found


@lru_cache(maxsize=4096)
def facts(text: str) -> Facts:
    """The comparable content of ``text`` (a model's sentence, or a cited passage with its title)."""
    plain = normalise(text)
    judgements, rest = _judgements(plain)  # "requires improvement to be good" is one grade, not "good"
    rest = re.sub(r"\b\d{1,2} may\b|\bmay \d{4}\b", " ", rest)  # the month, not the verb
    quantities = {f"{n} {u}" for n, u in re.findall(rf"\b(\d+) ({_UNIT})s?\b", plain)}
    frequencies = {f"every {n} {u}" for n, u in re.findall(rf"\bevery (\d+) ({_UNIT})s?\b", plain)}
    return Facts(
        numbers=frozenset(int(n) for n in re.findall(r"\b\d+\b", plain)),
        quantities=frozenset(quantities),
        frequencies=frozenset(frequencies),
        months=frozenset(m for m in MONTHS if re.search(rf"\b{m}\b", plain) and (m != "may" or _dated_may(plain))),
        names=frozenset(_names(text)),
        judgements=frozenset(judgements),
        negated=bool(_NEGATION.search(_NOT_NEGATION.sub(" ", rest))),
        permission=bool(_PERMISSION.search(rest)),
        obligation=bool(_OBLIGATION.search(rest)),
        lower_bound=bool(_LOWER.search(rest)),
        upper_bound=bool(_UPPER.search(rest)),
    )


def _judgements(plain: str) -> tuple[set[str], str]:
    """Ofsted's grades in ``plain``, longest first, and the text with them taken out."""
    found = set()
    for grade in JUDGEMENTS:
        if re.search(rf"\b{grade}\b", plain):
            found.add(grade)
            plain = re.sub(rf"\b{grade}\b", " ", plain)
    return found, plain


def _dated_may(plain: str) -> bool:
    """'May' the month (next to a day or a year), not 'may' the verb."""
    return bool(re.search(r"\b\d{1,2} may\b|\bmay \d{4}\b", plain))


def names_in(text: str) -> set[str]:
    """Every word of ``text``, lower-cased, with and without a plural 's' (where a claim's names are looked for)."""
    words = set(re.findall(r"[a-z][a-z'-]*[a-z]|[a-z]", text.lower().replace("’", "'")))
    return words | {w[:-1] for w in words if w.endswith("s")} | {w[:-2] for w in words if w.endswith("'s")}


def unsupported_facts(claim: Facts, cited: Facts) -> list[str]:
    """What the claim states that the cited text does not: fixed words naming the kind, never the content."""
    missing = []
    if not claim.numbers <= cited.numbers:
        missing.append("number")
    if not claim.quantities <= cited.quantities:
        missing.append("duration")
    if not claim.frequencies <= cited.frequencies:
        missing.append("frequency")
    if not claim.months <= cited.months:
        missing.append("date")
    if not claim.judgements <= cited.judgements:
        missing.append("judgement")
    return missing


def unnamed(claim: Facts, cited_words: set[str]) -> list[str]:
    """The claim's names that are not words of the cited text (``names_in``), plural 's' aside."""
    return sorted(n for n in claim.names if n not in cited_words and n.rstrip("s") not in cited_words)


def contradicts(claim: Facts, sentence: Facts) -> list[str]:
    """How a claim departs from the one cited sentence it matches best: negation flipped, a permission, an
    obligation or a bound the sentence does not state (fixed words, never content)."""
    found = []
    if claim.negated != sentence.negated:
        found.append("negation")
    if claim.permission and not sentence.permission:
        found.append("permission")
    if claim.obligation and sentence.permission and not sentence.obligation:
        found.append("obligation")
    if claim.lower_bound and not sentence.lower_bound:
        found.append("lower-bound")
    if claim.upper_bound and not sentence.upper_bound:
        found.append("upper-bound")
    return found
