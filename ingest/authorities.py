"""English local authorities with children's services, and the names people use for them.

One vocabulary serves both sides: ingest tags each document with the
authorities it concerns, and question understanding finds the ones a
question names, so "mbro" in Slack meets "Middlesbrough" in a report.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# The names live in authority_names.csv beside this module: one row per way of
# writing an authority (its official name, parts and spellings of it, and the
# nicknames practitioners type, and the towns and suburbs inside the councils the documents cover ("thornaby" is
# Stockton-on-Tees), each with the id of its source in assistant/vocabulary/SOURCES.md). Columns: authority, name,
# kind (official | nickname | misspelling | town), case (any | title | upper), source.
NAMES_FILE = Path(__file__).with_name("authority_names.csv")
# A partnership area and the authorities it takes in (authority_areas.csv: area, member, source): the Tees
# procedures are Hartlepool's, Middlesbrough's, Redcar and Cleveland's and Stockton-on-Tees'.
AREAS_FILE = Path(__file__).with_name("authority_areas.csv")

# Names inside other names must not match on their own ("Tees" in
# "Stockton-on-Tees", "Sussex" in "East Sussex" is fine: same partnership).
_NOT_AFTER = r"(?<![\w-])"
# A possessive typed without its apostrophe ("calderdales recording system", "stocktons care leavers") still names the
# council; "Leeds's" is matched as "Leeds" followed by "'s".
_NOT_BEFORE = r"(?:s)?(?![\w-])"


@dataclass(frozen=True)
class AuthorityName:
    authority: str  # canonical name
    name: str  # as written in the file
    kind: str  # official | nickname | misspelling | town
    case: str  # any | title (names that are also everyday words: "Reading", "Boro") | upper ("SBC")
    sources: tuple[str, ...]


@lru_cache(maxsize=1)
def authority_names() -> tuple[AuthorityName, ...]:
    """Every row of the gazetteer, in file order."""
    with NAMES_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            AuthorityName(row["authority"], row["name"], row["kind"], row["case"], tuple(row["source"].split()))
            for row in csv.DictReader(handle)
        )


def _regex(name: AuthorityName) -> str:
    text = {"title": name.name.title(), "upper": name.name.upper()}.get(name.case, name.name)
    body = re.sub(r"(?:\\ |\\-)+", r"[\\s-]+", re.escape(text))  # "pan sussex" = "pan-sussex"
    # a county typed in two words ("nottingham shire", "lincoln-shire"): the county, never the city of its first word
    body = re.sub(r"(?<=\w)shire$", r"[\\s-]?shire", body) if name.case == "any" else body
    if name.case == "title":  # an everyday word ("bury", "reading") typed in lower case names the place it owns
        return f"(?-i:{body})|(?i:{re.escape(name.name)}(?=['’]s(?!\\w)))"  # "what does bury's policy say"
    return f"(?{'i' if name.case == 'any' else '-i'}:{body})"


CLIPPED_SHARE = 0.7  # "middlesbro": a one-word official name typed short, keeping at least this share of it
CLIPPED_LETTERS = 8  # ... and at least this many letters ("darling" is a word; "nottingham" is not Nottinghamshire)


def clipped_names() -> tuple[AuthorityName, ...]:
    """One-word official names cut short as people type them ("middlesbro", "hartlepo"): every prefix that keeps
    most of the name, unless it is another row's name."""
    rows = authority_names()
    taken = {row.name.lower() for row in rows}
    return tuple(
        AuthorityName(row.authority, row.name[:length].lower(), "clipped", "any", ())
        for row in rows if row.kind == "official" and row.case == "any" and row.name.isalpha()
        for length in range(max(CLIPPED_LETTERS, math.ceil(len(row.name) * CLIPPED_SHARE - 1e-9)), len(row.name))
        if row.name[:length].lower() not in taken)


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, AuthorityName]]:
    """One alternation of every name, longest first (so the longest name wins where names overlap),
    grouped by first letter so that each place is tried only against names that could start there."""
    rows = sorted(authority_names() + clipped_names(), key=lambda name: -len(name.name))
    groups = {f"n{i}": name for i, name in enumerate(rows)}
    by_letter: dict[str, list[str]] = {}
    for key, name in groups.items():
        by_letter.setdefault(name.name[0].lower(), []).append(f"(?P<{key}>{_regex(name)})")
    alternation = "|".join(
        f"(?=[{re.escape(letter)}{re.escape(letter.upper())}])(?:{'|'.join(options)})"
        for letter, options in by_letter.items()
    )
    return re.compile(_NOT_AFTER + f"(?:{alternation})" + _NOT_BEFORE), groups


def name_spans(text: str) -> list[tuple[int, int, AuthorityName]]:
    """Where ``text`` names an authority: (start, end, the name row), left to right, the longest name
    winning where names overlap."""
    pattern, groups = _pattern()
    return [(m.start(), m.end(), groups[m.lastgroup or ""]) for m in pattern.finditer(text)]


def find_authorities(text: str) -> list[str]:
    """Canonical names of the authorities named in ``text``, in order of first mention."""
    return list(dict.fromkeys(name.authority for _, _, name in name_spans(text)))


def mentions(text: str) -> list[str]:
    """The words in ``text`` that name an authority, as written."""
    return [text[start:end] for start, end, _ in name_spans(text)]


@lru_cache(maxsize=1)
def _areas() -> dict[str, frozenset[str]]:
    with AREAS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {area: frozenset(r["member"] for r in rows if r["area"] == area) for area in {r["area"] for r in rows}}


# A council's name mistyped ("calderdle", "wallsall", "nottinghamshre"): a word of this many letters or more is read as
# the one council whose single-word name is an edit away (two for a name of TYPO_LONG letters or more: "glouster").
TYPO_LETTERS = 6
TYPO_LONG = 10


def _deletions(word: str, depth: int) -> set[str]:
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _distance(a: str, b: str) -> int:
    """Edits (a letter left out, added or changed, or two neighbouring letters swapped) between ``a`` and ``b``."""
    rows = [list(range(len(b) + 1))] + [[i] + [0] * len(b) for i in range(1, len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


def _allowed(name: str) -> int:
    return 2 if len(name) >= TYPO_LONG else 1


@lru_cache(maxsize=1)
def _typo_index() -> dict[str, frozenset[AuthorityName]]:
    """Every single-word name matched in any case (not "Reading" or "Boro", everyday words matched only with their
    capital), by the strings left when up to its allowed number of letters are deleted: a typed word meets the names
    it may be a slip for there."""
    index: dict[str, set[AuthorityName]] = {}
    for row in authority_names():
        if row.case == "any" and row.name.isalpha() and len(row.name) >= TYPO_LETTERS:
            for key in _deletions(row.name.lower(), _allowed(row.name)):
                index.setdefault(key, set()).add(row)
    return {key: frozenset(rows) for key, rows in index.items()}


def mistyped(word: str) -> AuthorityName | None:
    """The one authority's name ``word`` is a slip for, or None (too short, a name already, near none or several)."""
    lower = word.lower()
    if len(lower) < TYPO_LETTERS or not lower.isalpha():
        return None
    index = _typo_index()
    near = {row for key in _deletions(lower, 2) for row in index.get(key, ())}
    close = sorted(((_distance(lower, row.name.lower()), row) for row in near),
                   key=lambda pair: (pair[0], pair[1].name))
    close = [(edits, row) for edits, row in close if edits <= _allowed(row.name)]
    if not close or close[0][0] == 0 or len({row.authority for _, row in close}) > 1:
        return None
    return close[0][1]


def related(one: str, other: str) -> bool:
    """Is one authority the other, or an area that takes the other in (either way round)? A question about "the Tees
    lot" is about a Stockton-on-Tees document too, and a Stockton question about a Tees procedure."""
    areas = _areas()
    return one == other or other in areas.get(one, ()) or one in areas.get(other, ())
