"""Questions typed as a quiz, read as the question they stand for ("icpc has to be within ___ wd of the strat",
"protected sup time has to be a) fortnightly b) at least monthly c) 6 weekly", "who chairs/attends the strat").

Three habits, each read back to words the rest of the reading already understands:

- a blank to fill ("___", "…", "..." where a word is missing): "how many" before a unit ("within ___ wd"), "what age"
  after an age ("introduced to their PA at age __"), otherwise "what";
- options to choose from, marked "a) b) c)", "(a) (b)" or "(1) (2) (3)" (a marked list of short options, two or more):
  the options joined by "or", as "is it fortnightly or monthly" is typed ("1) known since 2019 2) dv 3) new baby - …"
  sets a case out in numbered lines: no options);
- two words, or two figures with their units, joined by a slash ("in/at", "sw/health", "strat/meeting", "2 wd/5 wd"):
  the two joined by "or". Shorthand written with a slash ("s/w", "n/a", "c/o", "y/n"), "and/or", figures ("4/52",
  "24/7") and addresses stay as typed.
"""

from __future__ import annotations

import re

_UNITS = (r"(?:working\s+|calendar\s+|clear\s+)?(?:wds?|days?|weeks?|wks?|months?|mths?|hours?|hrs?|years?|yrs?|"
          r"minutes?|mins?|times|sessions?|visits?|%|per\s*cent|percent)\b")
_BLANK = r"(?:_{2,}|\.{3,}|…)"
_BLANK_AGE = re.compile(r"\b(at\s+(?:the\s+)?age(?:\s+of)?|aged)\s+" + _BLANK, re.I)
_BLANK_COUNT = re.compile(_BLANK + r"(?=\s*" + _UNITS + ")", re.I)
# a blank between words or ending the message before its question mark ("emails the form to ...?"); "..." that
# trails off after a whole question ("how often is sup..."), or joins two thoughts, stays
_BLANK_ANY = re.compile(r"(?:(?<=\s)|^)_{2,}(?=[\s?.!,]|$)|(?<=\s)(?:\.{3,}|…)(?=\s*\?)", re.I)
_MARK = r"(?:\(?[a-dA-D]\)|\([1-5]\))"
_OPTION = re.compile(r"(?:(?<=\s)|^)" + _MARK + r"\s+")
_SLASH = re.compile(r"(?<![\w/.:@-])([a-zA-Z][a-zA-Z'’-]+)/([a-zA-Z][a-zA-Z'’-]+)(?![\w/.:@-])")
_FIGURES = re.compile(r"(?<![\w/.])(\d+\s*[a-z]+)/(\d+\s*[a-z]+)\b", re.I)  # "2 wd/5 wd", "6wks/8wks"
_KEEP = frozenset({"and/or", "or/and", "he/she", "his/her", "him/her", "s/he", "y/n", "n/a", "yes/no"})
_MOST_WORDS = 6  # an option is short ("at least monthly", "the allocated sw"); a case's numbered line is longer


def _options(message: str) -> str:
    marks = list(_OPTION.finditer(message))
    if len(marks) < 2:
        return message
    for first, second in zip(marks, marks[1:]):
        if len(message[first.end():second.start()].split()) > _MOST_WORDS:
            return message
    tail = re.split(r"[?\n]|\s-\s", message[marks[-1].end():], maxsplit=1)[0]
    if len(tail.split()) > _MOST_WORDS:
        return message
    out, at = [], 0
    for n, mark in enumerate(marks):
        before = message[at:mark.start()]
        if n:
            before = re.sub(r"[\s,;]*(?:\bor\b)?[\s,;]*$", "", before) + " or "
        out.append(before)
        at = mark.end()
    return "".join(out) + message[at:]


def _slash(match: re.Match) -> str:
    whole = match.group(0)
    return whole if whole.lower() in _KEEP else f"{match.group(1)} or {match.group(2)}"


def quizzed(message: str) -> str:
    """``message`` with its blanks, options and slashes read as words (module docstring)."""
    message = _BLANK_AGE.sub(lambda m: "at what age" if m.group(1).lower().startswith("at") else "what age", message)
    message = _BLANK_COUNT.sub("how many", message)
    message = _BLANK_ANY.sub("what", message)
    return _FIGURES.sub(r"\1 or \2", _SLASH.sub(_slash, _options(message)))
