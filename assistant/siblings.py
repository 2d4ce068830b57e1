"""A neighbouring process is not the asked one: "coventry core assessment - how many working days" is not answered
by "The Initial Assessment … must be completed in no more than 7 working days".

The lexicon's processes and plans named in more than one word are grouped by their last word ("initial
assessment", "core assessment", "child and family assessment"; "initial child protection conference", "review
child protection conference"). A sentence answers for a sibling when it names one of the question's group that the
question does not, and leaves out a word of the question's own ("core"). A wider or narrower form ("child protection
conference" for "initial child protection conference") is no sibling: it may well apply. Roles are left out: their
names overlap in ways the lexicon does not say ("a registered social worker" answers "a qualified sw").

Where the sentence states a time or a count, what it is a time of is read in the clauses that state it: "For every
case that goes further than an Initial Assessment, the Core Assessment must be finished within 35 working days" is the
core assessment's time, not the initial one's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.figures import QUANTITY
from assistant.vocabulary.lexicon import entries

_KINDS = frozenset({"process", "plan"})


def _words(text: str) -> tuple[str, ...]:
    """Lower-case words, plurals folded ("assessments", "conferences"), possessives split off."""
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                 for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


@lru_cache(maxsize=1)
def _phrases() -> dict[str, frozenset[tuple[str, ...]]]:
    """Phrases of two or more words, by their first word."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for entry in entries():
        if entry.kind not in _KINDS:
            continue
        for phrase in (entry.term, *entry.expansions):
            words = _words(phrase)
            if len(words) >= 2:
                found.setdefault(words[0], set()).add(words)
    return {first: frozenset(group) for first, group in found.items()}


def _named(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    phrases = _phrases()
    return {p for i, w in enumerate(words) for p in phrases.get(w, ()) if words[i:i + len(p)] == p}


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return len(short) <= len(long) and long[len(long) - len(short):] == short


# A sentence's clauses: between commas, semicolons, colons and spaced dashes
_CLAUSE = re.compile(r"[,;:]|\s[-–]\s")


def _stating(sentence: str) -> str:
    """The clauses of ``sentence`` that state a time or a count, else the whole of it."""
    clauses = [c for c in _CLAUSE.split(sentence) if QUANTITY.search(c.lower())]
    return " ".join(clauses) if clauses else sentence


def sibling(question: str, sentence: str) -> bool:
    """Does ``sentence`` name a sibling of a process, plan or role the question names, and not the asked one (in the
    whole sentence, or in the clauses stating its time)?"""
    asked = _named(_words(question))
    if not asked:
        return False
    return any(_names_sibling(asked, _words(part)) for part in {sentence, _stating(sentence)})


def _names_sibling(asked: set[tuple[str, ...]], words: tuple[str, ...]) -> bool:
    present = set(words)
    for other in _named(words) - asked:
        for mine in asked:
            if (other[-1] == mine[-1] and not _within(mine, other) and not _within(other, mine)
                    and not set(mine) <= present):
                return True
    return False


def names_asked(question: str, sentence: str) -> bool:
    """Does ``sentence`` name a process or plan the question names, in full (or the question names none)? After the
    best sentence is found to be a sibling's, what leads instead must be about the asked one ("devon initial
    assessment how many days": not "If an independent specialist assessment has been commissioned, the timescale is
    42 working days")."""
    asked = _named(_words(question))
    present = set(_words(sentence))
    return not asked or any(set(mine) <= present for mine in asked)
