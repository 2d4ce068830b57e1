"""Finding lexicon terms in a question, as practitioners type them, and spelling them out.

A term counts with a plural or possessive ending (NQSWs, IRO's, IROs'), in any
case unless its entry says otherwise, with dots between the letters of a short
abbreviation (C.P.), with spaces or hyphens between the words of a phrase
(strat-disc), and a section of an Act in every usual form (s47, s.47, s 47,
sec 47, section 47). It never counts inside a word ("pa" in "pay").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.vocabulary.lexicon import UNEXPANDED_KINDS, Entry, entries
from ingest.authorities import name_spans
from ingest.tokens import as_verbs, tokens

_BEFORE = r"(?<![A-Za-z0-9])"
_AFTER = r"(?![A-Za-z0-9])"
_ENDING = r"(?:['’]?[sS]['’]?)?"  # plural and possessive: CPPs, IRO's, IROs', IROS
_SECTION = re.compile(r"[sS](\d+)")


@dataclass(frozen=True)
class TermMatch:
    term: str  # the lexicon entry's term
    text: str  # as written in the question
    start: int
    end: int
    expansion: str  # the sense used
    expansions: tuple[str, ...]  # every expansion the entry lists
    kind: str

    @property
    def sense(self) -> str:
        """What the question means here, in words the documents use."""
        return self.text if self.kind in UNEXPANDED_KINDS else self.expansion


def _word(word: str) -> str:
    if re.fullmatch(r"[A-Za-z]{2,4}", word):
        return f"(?:{word}|{'.'.join(word)}.?)".replace(".", r"\.")  # C.P., I.R.O.
    escaped = re.escape(word).replace(r"\&", r"\s?&\s?").replace(r"\+", r"\s?\+\s?")
    return escaped.replace("'", "['’]?")


def _source(entry: Entry) -> str:
    section = _SECTION.fullmatch(entry.term)
    if section:
        return rf"(?i:s|sec|sect|section)\.?\s?{section.group(1)}"
    return r"[\s-]+".join(_word(word) for word in re.split(r"[\s-]+", entry.term))


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, Entry]]:
    """One alternation of every entry, longest term first, so that at each place the longest term wins;
    grouped by first letter so that a place is tried only against the terms that could start there."""
    # Council names are matched by the gazetteer, with its own rules.
    vocabulary = sorted((e for e in entries() if not e.gazetteer), key=lambda e: (-len(e.term), e.case != "upper"))
    groups = {f"t{i}": entry for i, entry in enumerate(vocabulary)}
    by_letter: dict[str, list[str]] = {}
    for name, entry in groups.items():
        flag = "-i" if entry.case == "upper" else "i"
        by_letter.setdefault(entry.term[0].lower(), []).append(f"(?P<{name}>(?{flag}:{_source(entry)}){_ENDING})")
    alternation = "|".join(
        f"(?=[{re.escape(letter)}{re.escape(letter.upper())}])(?:{'|'.join(options)})"
        for letter, options in by_letter.items()
    )
    return re.compile(_BEFORE + f"(?:{alternation})" + _AFTER), groups


def _norm(text: str) -> str:
    return re.sub(r"[\s.'’-]+", " ", text.lower()).strip()


def _candidates(text: str) -> list[tuple[int, int, Entry]]:
    pattern, groups = _pattern()
    found = []
    for match in pattern.finditer(text):
        entry = groups[match.lastgroup or ""]
        if entry.case == "lower" and match.group(0).isupper():
            continue  # "HR" is not an hour
        found.append((match.start(), match.end(), entry))
    by_name = {entry.term: entry for entry in entries() if entry.gazetteer}
    for start, end, name in name_spans(text):
        if name.name in by_name:
            found.append((start, end, by_name[name.name]))
    return found


def find_terms(text: str) -> list[TermMatch]:
    """The lexicon terms in ``text``, left to right; where matches overlap the longest wins,
    then the one written exactly as its term."""
    ranked = sorted(
        _candidates(text),
        key=lambda c: (c[0], c[0] - c[1], _norm(text[c[0]:c[1]]) != _norm(c[2].term)),
    )
    matches: list[TermMatch] = []
    for start, end, entry in ranked:
        if matches and start < matches[-1].end:
            continue
        sense = _sense(entry, f"{text[:start]} {text[end:]}")
        matches.append(TermMatch(entry.term, text[start:end], start, end, sense, entry.expansions, entry.kind))
    return matches


def _words(text: str) -> list[str]:
    return [w for w in (re.sub(r"(?:ren|s)$", "", w) for w in re.findall(r"[a-z]+", text.lower())) if w]


def _sense(entry: Entry, text: str) -> str:
    """The entry's first sense, or, where that is another phrase for it (not what its letters stand for) and the rest
    of the text writes that phrase out too, what its letters stand for: "is 'children in care' the same as lac" sets
    the two apart (lac: looked after children); "the core assessment … once the CA is done" does not."""
    if len(entry.expansions) == 1 or not set(_words(entry.expansion)) <= set(_words(text)):
        return entry.expansion
    letters = re.sub(r"[^a-z]", "", entry.term.lower())
    spells = [e for e in entry.expansions if "".join(w[0] for w in _words(e)) == letters]
    return spells[0] if spells and entry.expansion not in spells else entry.expansion


def spell_out(text: str, matches: list[TermMatch]) -> str:
    """``text`` with each matched term replaced in place by the sense it stands for."""
    parts, position = [], 0
    for match in matches:
        parts += [text[position:match.start], match.sense]
        position = match.end
    return "".join(parts + [text[position:]])


def expand(question: str) -> tuple[str, list[TermMatch]]:
    """The question with every expansion of its terms appended (for retrieval), and the terms found."""
    matches = find_terms(question)
    return with_expansions(question, matches), matches


def with_expansions(question: str, matches: list[TermMatch]) -> str:
    """``question`` with the expansions of ``matches`` (terms found in it) appended."""
    spelled = list(dict.fromkeys(
        e for m in matches if m.kind not in UNEXPANDED_KINDS for e in m.expansions if e.lower() != m.text.lower()
    ))
    return f"{question} ({'; '.join(spelled)})" if spelled else question


def is_term(word: str) -> bool:
    """Is ``word``, as a whole, a lexicon term (in any of its accepted forms)?"""
    return any(m.start == 0 and m.end == len(word) for m in find_terms(word))


def spelled_stems(text: str, *, kinds: frozenset[str] | None = None) -> set[str]:
    """Stems of ``text`` and of what its lexicon terms stand for ("ICPC" holds "initial child protection
    conference"); ``kinds``: only terms of those lexicon kinds are spelled out."""
    matches = [m for m in find_terms(text) if kinds is None or m.kind in kinds]
    return set(as_verbs(tokens(f"{text} {spell_out(text, matches)}")))
