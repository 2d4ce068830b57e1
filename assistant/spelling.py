"""Misspelt words read as the knowledge base's own words ("supervison" -> "supervision", "assesment").

A word is respelt only when the knowledge base never uses it (after stemming, so
plurals and tenses are already known), it is not a common English word (the
embedding model's own vocabulary: "stopping" and "insurance" are words, not
slips, even where no document uses them), and exactly one word the knowledge base
does use is a single edit away (a letter missed, added, changed or two letters
swapped; of two such words, one the knowledge base uses far more often). A word
that is a function word with two letters swapped ("teh", "agian") is read as it.
Capitalised words past the first are left alone: they are names, and a
child's name must never be "corrected" into a word the documents use. The
respelling is a lexicon term of kind "spelling", so retrieval, the key terms and
the embedded question all read the word the practitioner meant. Two words typed
apart are read as the one word the knowledge base writes ("cyber attack" as
"cyberattack", "case loads" as "caseloads") when it uses that word more than the
rarer of the two apart; function words never join ("in form" is not "inform").
A word run together from two it uses is read apart ("casenotes" as "case notes"). An acronym typed with its letters
swapped ("NSQW", "ILCAS", "UCAR") is read as the one lexicon acronym of four letters or more with the same letters.
An American spelling ("behavior", "neighboring", "organization", "center", "judgment") is read as the British one the
knowledge base uses. A word spelt as it sounds ("sooperveeshun", "konfrence") is read as the one word the knowledge
base uses that is said the same, of common English words and the lexicon's.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from string import ascii_lowercase
from typing import Mapping

from ingest.tokens import STOPWORDS, stem_words, tokens
from assistant.sounds import MIN_SOUNDS, sound
from assistant.understand import Query
from assistant.vocabulary import TermMatch, find_terms, spell_out
from assistant.vocabulary.lexicon import entries
from ingest.embedder import model_words

MIN_LENGTH = 5  # shorter words have too many neighbours one edit away ...
MIN_MISSED = 4  # ... except a letter left out: "vist" is "visit", "chid" is "child" ("freq" is not "free")
MIN_DOCUMENTS = 2  # the word meant must be used in at least this many passages
DOMINANT = 3  # of two words one edit away, the one meant is used at least this many times as often


def _swaps(word: str) -> set[str]:
    """``word`` with two neighbouring letters swapped, every way."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}


def _one_edit(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    inserts = {a + c + b for a, b in splits for c in ascii_lowercase}
    if len(word) < MIN_LENGTH:
        return inserts  # a short word is read only as one with a letter left out
    deletes = {a + b[1:] for a, b in splits if b}
    changes = {a + c + b[1:] for a, b in splits if b for c in ascii_lowercase}
    return (deletes | _swaps(word) | changes | inserts) - {word}


def _doublings(word: str) -> list[str]:
    """``word`` with one or two of its letters typed once instead of twice, or twice instead of once ("refferal" is
    "referral", "commisioned" is "commissioned"): the slip a single edit does not reach when it is made twice."""
    def once(text: str) -> set[str]:
        undoubled = {text[:i] + text[i + 1:] for i in range(len(text) - 1) if text[i] == text[i + 1]}
        doubled = {text[:i + 1] + text[i] + text[i + 1:] for i in range(len(text))
                   if text[i].isalpha() and text[i] not in "aeiouy" and text[i:i + 2] != text[i] * 2
                   and (i == 0 or text[i - 1] != text[i])}
        return undoubled | doubled
    first = sorted(once(word) - {word})
    return first + sorted({v for w in first for v in once(w)} - set(first) - {word})  # one slip before two


# American spellings and their British forms, as rules of spelling, not a list of words: "behavior", "neighboring",
# "organization", "analyze", "center", "license", "judgment", "catalog", "program", "pediatric"
_AMERICAN = [(re.compile(a), b) for a, b in (
    (r"([a-z]{2})or(s|ed|ing|ly|hood|hoods|able|ite|ites|ful)?$", r"\1our\2"),
    (r"([a-z]{3})iz(e|es|ed|ing|ation|ations)$", r"\1is\2"), (r"([a-z]{2})yz(e|es|ed|ing)$", r"\1ys\2"),
    (r"([a-z]{3}[^aeiou])er(s)?$", r"\1re\2"), (r"([a-z]{2})ense(s)?$", r"\1ence\2"),
    (r"dgment(s)?$", r"dgement\1"), (r"([a-z]{3})og(s)?$", r"\1ogue\2"), (r"([a-z]{3})gram(s)?$", r"\1gramme\2"),
    (r"^pedi", "paedi"))]


def british(word: str, counts: Mapping[str, int]) -> str | None:
    """``word``'s British spelling, where ``word`` is American and the knowledge base uses the British one only."""
    for pattern, replacement in _AMERICAN:
        other = pattern.sub(replacement, word)
        if other != word and (stems := tokens(other)) and all(counts.get(s, 0) for s in stems):
            return other
    return None


def meant(word: str, counts: Mapping[str, int]) -> str | None:
    """The one knowledge-base word ``word`` is a slip for, or its British spelling, or None (known already, a name,
    or ambiguous)."""
    lower = word.lower()
    if lower in STOPWORDS:
        return None
    stems = tokens(lower)
    if not stems or any(counts.get(s, 0) for s in stems):
        return None
    if lower in model_words():
        return british(lower, counts)
    # Two letters of a function word swapped ("teh", "agian", "waht"): read as it, so it is no key term to find.
    slipped = _swaps(lower) & STOPWORDS
    if len(lower) >= 3 and len(slipped) == 1:
        return slipped.pop()
    if len(lower) < MIN_MISSED:
        return None
    # A letter typed once for twice or twice for once is the commonest slip: it is tried first
    by_stem = (_known(_doublings(lower), lower, counts) if len(lower) >= MIN_LENGTH else {}) or _known(
        sorted(_one_edit(lower), key=lambda c: (-len(c), c)), lower, counts)
    # Two readings: the one the knowledge base uses far more often ("supervision" over "supervisor"), else none.
    ranked = sorted(by_stem, key=lambda stem: -counts[stem])
    if len(ranked) > 1 and counts[ranked[0]] < DOMINANT * counts[ranked[1]]:
        return None
    return by_stem[ranked[0]] if ranked else split(lower, counts) or sounded(lower, counts)


def _known(candidates: list[str], lower: str, counts: Mapping[str, int]) -> dict[str, str]:
    """Of ``candidates`` (spellings of the typed ``lower``, likeliest first: of two with the same stem, the slip is
    more often a letter left out, "assesment" is "assessment", not "assessent"), those the knowledge base uses, by
    stem (the likeliest of each stem)."""
    by_stem: dict[str, str] = {}
    for candidate, stem in zip(candidates, stem_words(candidates)):
        used = counts.get(stem, 0)
        # a word used once counts when the slip only left a letter out of a common English word ("vist" for "visit"
        # in a small knowledge base; not "login" as "logic")
        once = used and len(candidate) == len(lower) + 1 and candidate in model_words()
        if (used >= MIN_DOCUMENTS or once) and candidate not in STOPWORDS:
            by_stem.setdefault(stem, candidate)
    return by_stem


def split(word: str, counts: Mapping[str, int]) -> str | None:
    """Two knowledge-base words run together ("casenotes" for "case notes"): of the ways to cut ``word`` into two
    words of three letters or more, each used in two passages or more and neither a function word, the one whose
    rarer half is used most."""
    cuts = []
    for i in range(3, len(word) - 2):
        first, second = word[:i], word[i:]
        if first in STOPWORDS or second in STOPWORDS:
            continue
        used = [counts.get(stem, 0) for part in (first, second) for stem in tokens(part) or [""]]
        if min(used) >= MIN_DOCUMENTS:
            cuts.append((min(used), f"{first} {second}"))
    return max(cuts)[1] if cuts else None


@lru_cache(maxsize=1)
def sound_index() -> dict[str, frozenset[str]]:
    """The words it may stand for, by how each is said (built once; the long-running bot builds it when it warms)."""
    words = set(model_words()) | {w for e in entries() for x in e.expansions for w in re.findall(r"[a-z]+", x.lower())}
    found: dict[str, set[str]] = {}
    for word in words:
        if len(word) >= MIN_LENGTH and word not in STOPWORDS:
            found.setdefault(sound(word), set()).add(word)
    return {key: frozenset(group) for key, group in found.items()}


_ENDINGS = re.compile(r"(?:er|est|ly|ed|ing|es|s|ier|iest|ily|ied|ies)$")


def _inflected(word: str) -> bool:
    """Is ``word`` an English word with an ending the model's vocabulary leaves out ("stricter", "quickest")?"""
    stem = _ENDINGS.sub("", word)
    return stem != word and any(w in model_words() for w in (stem, stem + "e", stem + "y", stem[:-1]))


def sounded(word: str, counts: Mapping[str, int]) -> str | None:
    """The one knowledge-base word ``word`` sounds like, of the words it may stand for (of two, one the knowledge
    base uses far more often), or None."""
    key = sound(word)
    if len(word) < MIN_LENGTH or len(key) < MIN_SOUNDS or _inflected(word):
        return None
    by_stem: dict[str, str] = {}
    for candidate in sorted(sound_index().get(key, ())):
        stems = tokens(candidate)
        if len(stems) == 1 and counts.get(stems[0], 0) >= MIN_DOCUMENTS:
            by_stem.setdefault(stems[0], candidate)
    ranked = sorted(by_stem, key=lambda stem: -counts[stem])
    if not ranked or len(ranked) > 1 and counts[ranked[0]] < DOMINANT * counts[ranked[1]]:
        return None
    return by_stem[ranked[0]]


_PAIR = re.compile(r"(?<![\w-])([a-z]{3,})[ -](?=([a-z]{3,})(?![\w-]))")  # every pair of neighbours, overlapping


def joined(first: str, second: str, counts: Mapping[str, int]) -> str | None:
    """The one word two typed words stand for ("cyber attack" for "cyberattack", "case load" for "caseload"), when
    the knowledge base uses it and uses it more than the rarer of the two words apart ("child care" stays two words
    where "child" is everywhere); function words never join ("in form" is not "inform")."""
    if first in STOPWORDS or second in STOPWORDS:
        return None
    word = first + second
    stems = tokens(word)
    if len(stems) != 1 or counts.get(stems[0], 0) < MIN_DOCUMENTS:
        return None
    apart = min(counts.get(stem, 0) for part in (first, second) for stem in tokens(part) or [part])
    return word if counts[stems[0]] >= DOMINANT * apart else None


MIN_ACRONYM = 4  # shorter acronyms share their letters with too many others ("PCI", "CPI")


@lru_cache(maxsize=1)
def _acronyms() -> dict[str, dict[str, str]]:
    """The lexicon's acronyms of ``MIN_ACRONYM`` letters or more (terms typed in capitals), by their letters sorted:
    letters -> each meaning they have -> an acronym with that meaning."""
    found: dict[str, dict[str, str]] = {}
    for entry in entries():
        if entry.term.isalpha() and entry.term.isupper() and len(entry.term) >= MIN_ACRONYM:
            found.setdefault("".join(sorted(entry.term.lower())), {}).setdefault(entry.expansion.lower(), entry.term)
    return found


def swapped_acronym(word: str, counts: Mapping[str, int]) -> TermMatch | None:
    """The lexicon acronym ``word`` is typed for with its letters swapped ("NSQW": NQSW), when it is no English word,
    no word the knowledge base uses and its letters are those of acronyms of one meaning only; else None."""
    lower = word.lower()
    if len(lower) < MIN_ACRONYM or not lower.isalpha() or lower in model_words() or any(
            counts.get(s, 0) for s in tokens(lower)):
        return None
    meanings = _acronyms().get("".join(sorted(lower)), {})
    if len(meanings) != 1:
        return None
    (term,) = meanings.values()
    match = next((m for m in find_terms(term) if m.start == 0 and m.end == len(term)), None)
    return replace(match, text=word) if match is not None else None


def respell(query: Query, counts: Mapping[str, int]) -> Query:
    """``query`` with its misspelt words read as the words meant (``counts``: passages per stemmed term)."""
    spaced = query.spaced  # the text the terms' spans index
    taken = [(m.start, m.end) for m in query.terms]
    found: list[TermMatch] = []
    for match in re.finditer(r"[A-Za-z]+", spaced):
        word, start, end = match.group(), match.start(), match.end()
        if any(s < end and start < e for s, e in taken):
            continue
        if acronym := swapped_acronym(word, counts):
            found.append(replace(acronym, start=start, end=end))
            continue
        if start > 0 and word[0].isupper() or word.isupper():
            continue  # a name or an acronym
        right = meant(word, counts)
        if right:
            found.append(TermMatch(word, word, start, end, right, (right,), "spelling"))
    for match in _PAIR.finditer(spaced):
        start, end = match.start(), match.end() + len(match.group(2))
        if not any(s < end and start < e for s, e in taken + [(m.start, m.end) for m in found]):
            right = joined(match.group(1), match.group(2), counts)
            if right:
                text = spaced[start:end]
                found.append(TermMatch(text, text, start, end, right, (right,), "spelling"))
    if not found:
        return query
    terms = sorted([*query.terms, *found], key=lambda m: m.start)
    before = spell_out(spaced, query.terms)
    # A follow-up's plain text carries the earlier question after its own: respell only its own part.
    plain = query.plain.replace(before, spell_out(spaced, terms), 1) if query.plain.startswith(before) else query.plain
    # Two words joined are searched as the one word only: apart, "frame work" finds every "time frame".
    expanded = query.expanded
    joins = [m for m in found if re.search(r"[ -]", m.text)]
    for m in joins:
        expanded = expanded.replace(m.text, m.expansion, 1)
    extra = "; ".join(m.expansion for m in found if m not in joins)
    return replace(query, terms=terms, plain=plain, expanded=f"{expanded} ({extra})" if extra else expanded)
