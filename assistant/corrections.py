"""A message that corrects itself is read as corrected.

Practitioners fix a slip in the message itself: "how long for a core assmt in cov - sorry, initial assmt", "walsall
sup freq for nqsw... *all sws", a second line "*strategy discussion", "what did ofsted grade mbro in 2019 - edit:
meant redcar not mbro". What is asked is the corrected question; the slip is not a key term of it. A phone's
speech-to-text spells shorthand out letter by letter ("n q s ws doing their a s y e"): it is read as the shorthand.
A word typed twice in a row ("the the icpc", "who who chairs", "how often do do they") is read once.
"""

from __future__ import annotations

import re

from assistant.vocabulary import find_terms
from ingest.authorities import name_spans

# "edit: meant redcar not mbro", "edit: calderdale not cambs"
_EDIT = re.compile(r"[\s,;:.–-]*\bedit\s*:?\s*(?:i\s+)?(?:meant?\s+|mean\s+)?(?P<new>[^\n.?!]+?)\s+not\s+"
                   r"(?P<old>[\w&'-]+(?:\s+[\w&'-]+)?)\s*[.!]*\s*$", re.I)
# "… - sorry, initial assmt", "… month 4 - sorry month 3, she started…", "… - sorry, i mean the first review conf";
# not "sorry to bother", "sorry if this is obvious", "(sorry if dumb q)", "long one sorry"
_SORRY = re.compile(r"\s*[-–,.]*\s*\bsorry\b(?!\s*,?\s*(?:if|to|for|again|about|but|in|im|i'm|i\s+know|this)\b)"
                    r"\s*,?\s*(?:i\s+)?(?:mean|meant)?\s*,?\s*(?P<new>[^\n,.;?!()–-]*[^\s\n,.;?!()–-])", re.I)
# "… for the old core assessment now, i mean the c&f assessment": a few words meant, ending the message (batch 42)
_I_MEAN = re.compile(r"\s*[-–,]+\s*\bi\s+mean\b\s*,?\s*(?P<new>(?:[\w&'/-]+\s+){0,4}[\w&'/-]+)\s*[?.!]*\s*$", re.I)
# "…nqsw... *all sws", "\n*strategy discussion", "*nqsws i mean": a star before the right word, none after it
_STAR = re.compile(r"(?:\s*\n|\s*(?:\.{2,}|…)|\s)\s*\*(?=\w)(?P<new>[^*\n(]*?)\s*(?:\bi\s+mean\b)?\s*"
                   r"(?P<rest>[,.;(][^*\n]*)?$", re.I)
# single letters in a row, the last may carry a plural's "s" ("i c p c", "n q s ws")
_LETTERS = re.compile(r"(?<![\w'&/-])[a-z](?: [a-z]){0,6} [a-z]s?(?![\w'&/-])", re.I)
_STOP = frozenset("the a an of in for to at on is it and or our my their this that".split())
_WORD = re.compile(r"[\w&'/-]+")
# a word typed twice in a row; "that that", "had had" and "is is" may be meant ("what it is is")
_STUTTER = re.compile(r"\b(?!(?:that|had|is|ha|haha|bye|no|very)\b)([a-z]{2,})(?:\s+\1)+\b", re.I)


# Council names, towns and words for Ofsted's findings are not shorthand a slip could be corrected to
_NOT_SHORTHAND = ("nickname", "town", "finding")

def _alike(one: str, other: str) -> bool:
    """The same word, or one the clipped form of the other ("strat", "strategy")."""
    one, other = one.lower(), other.lower()
    return one == other or (min(len(one), len(other)) >= 4 and (one.startswith(other) or other.startswith(one)))


def _replaced(before: str, new: str) -> str:
    """``before`` with the words ``new`` corrects replaced by ``new``: aligned on a word they share ("core assmt" ->
    "initial assmt"), else the last word of the same ending ("updating" -> "reviewing", "icpc" -> "rcpc"), else the
    last council where ``new`` names one, else the last shorthand ("nqsw" -> "all sws"); with none, ``new`` is
    added."""
    words = list(_WORD.finditer(before))
    fresh = _WORD.findall(new)
    for i in range(len(words) - 1, -1, -1):
        for j, word in enumerate(fresh):
            if word.lower() not in _STOP and _alike(words[i].group(0), word):
                first = max(0, i - j)
                last = min(len(words) - 1, i + len(fresh) - j - 1)
                return f"{before[:words[first].start()]}{new}{before[words[last].end():]}"
    if len(fresh) == 1 and len(fresh[0]) >= 4:
        for word in reversed(words):
            if word.group(0).lower()[-3:] == fresh[0].lower()[-3:] and word.group(0).lower() not in _STOP:
                return f"{before[:word.start()]}{new}{before[word.end():]}"
    councils, named = name_spans(before), name_spans(new)
    if councils and named:  # "in sunderland - sorry, south tyneside"
        return f"{before[:councils[-1][0]]}{new}{before[councils[-1][1]:]}"
    shorthand = [m for m in find_terms(before) if m.kind not in _NOT_SHORTHAND]
    if shorthand:
        last = shorthand[-1]
        return f"{before[:last.start]}{new}{before[last.end:]}"
    return f"{before} {new}"


def corrected(message: str) -> str:
    """``message`` as its writer corrected it, or as typed where it corrects nothing."""
    message = _STUTTER.sub(r"\1", message)
    edit = _EDIT.search(message)
    if edit is not None and edit.start() > 0:
        before, old = message[:edit.start()], edit.group("old")
        slips = list(re.finditer(rf"\b{re.escape(old)}\b", before, re.I))
        if slips:
            return f"{before[:slips[-1].start()]}{edit.group('new')}{before[slips[-1].end():]}"
        return f"{before} {edit.group('new')}"
    star = _STAR.search(message)
    if star is not None and star.start() > 0 and star.group("new").strip():
        return f"{_replaced(message[:star.start()], star.group('new').strip())}{star.group('rest') or ''}"
    sorry = _SORRY.search(message)
    if sorry is not None and len(message[:sorry.start()].split()) >= 3:
        return _replaced(message[:sorry.start()], sorry.group("new")) + message[sorry.end():]
    meant = _I_MEAN.search(message)
    if meant is not None and len(message[:meant.start()].split()) >= 3:
        return _STUTTER.sub(r"\1", _replaced(message[:meant.start()], meant.group("new")))  # "the the icpc"
    return message


def _shorthand(letters: str) -> str | None:
    """The shorthand ``letters`` spell, when the lexicon holds it ("a s y e": "asye"); a leading "a" or "i" may be the
    word ("is there a c p plan": "a cp")."""
    for start in (0, 2) if letters[:1].lower() in "ai" else (0,):
        joined = letters[start:].replace(" ", "")
        if len(joined) >= 2 and any(m.start == 0 and m.end == len(joined) and m.kind not in _NOT_SHORTHAND
                                    for m in find_terms(joined)):
            return letters[:start] + joined
    return None


def spelled_letters(message: str) -> str:
    """``message`` with shorthand dictated letter by letter written as typed ("i c p c" is "icpc")."""
    return _LETTERS.sub(lambda m: _shorthand(m.group(0)) or m.group(0), message)
