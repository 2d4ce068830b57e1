"""A neighbouring process is not the asked one: "coventry core assessment - how many working days" is not answered
by "The Initial Assessment … must be completed in no more than 7 working days".

The lexicon's processes and plans named in more than one word are grouped by their last word ("initial
assessment", "core assessment", "child and family assessment"; "initial child protection conference", "review
child protection conference"). A sentence answers for a sibling when it names one of the question's group that the
question does not, and leaves out a word of the question's own ("core"). A wider or narrower form ("child protection
conference" for "initial child protection conference") is no sibling: it may well apply. Roles are left out: their
names overlap in ways the lexicon does not say ("a registered social worker" answers "a qualified sw").
"""

from __future__ import annotations

import re
from functools import lru_cache

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


def sibling(question: str, sentence: str) -> bool:
    """Does ``sentence`` name a sibling of a process, plan or role the question names, and not the asked one?"""
    asked = _named(_words(question))
    if not asked:
        return False
    words = _words(sentence)
    present = set(words)
    for other in _named(words) - asked:
        for mine in asked:
            if (other[-1] == mine[-1] and not _within(mine, other) and not _within(other, mine)
                    and not set(mine) <= present):
                return True
    return False
