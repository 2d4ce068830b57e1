"""The practitioner lexicon: shorthand, abbreviations and nicknames, read from data files.

``lexicon.csv`` beside this module holds the practitioners' vocabulary (term,
expansion(s) separated by ``|`` with the children's-services sense first, kind,
case rule, source ids, note). Council nicknames and misspellings live in the
authority gazetteer (``ingest/authority_names.csv``, with the towns and suburbs inside each council the documents
cover: "thornaby" is Stockton-on-Tees) so that ingest can use them
without importing this package; they are read from there and join the lexicon
with the canonical council name as their expansion. Every source id is listed in
``SOURCES.md`` beside this module.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.authorities import authority_names

LEXICON_FILE = Path(__file__).with_name("lexicon.csv")
SOURCES_FILE = Path(__file__).with_name("SOURCES.md")

KINDS = frozenset(
    {"abbreviation", "clipped", "body", "process", "plan", "role", "legislation", "nickname", "misspelling", "name",
     "phrasing", "finding", "town"}
)
# A practitioner's words for what an inspection found ("worried about", "went well"): read only in a
# question about an inspection, since "im worried about a child" is not asking for Ofsted's criticisms.
INSPECTION_KINDS = frozenset({"finding"})
# A body whose name is said and written as a word ("Ofsted", "Cafcass"): documents use the name
# itself, so it is recognised but never spelled out in a question.
UNEXPANDED_KINDS = frozenset({"name"})
# any: every case variant counts; upper: only as written in capitals (the term is
# also an ordinary word: "PA", "LA", "SO"); lower: only when not typed in capitals
# ("hr" is an hour, "HR" is human resources); title: capitalised (council nicknames).
CASES = frozenset({"any", "upper", "lower", "title"})


@dataclass(frozen=True)
class Entry:
    term: str  # as practitioners type it
    expansions: tuple[str, ...]  # the children's-services sense first
    kind: str
    case: str
    sources: tuple[str, ...]  # ids in SOURCES.md
    note: str = ""
    gazetteer: bool = False  # a council nickname, matched by the authority gazetteer

    @property
    def expansion(self) -> str:
        return self.expansions[0]


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """Every lexicon entry: the practitioners' vocabulary, then the council nicknames."""
    with LEXICON_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    vocabulary = [
        Entry(
            term=row["term"].strip(),
            expansions=tuple(part.strip() for part in row["expansion"].split("|") if part.strip()),
            kind=row["kind"].strip(),
            case=row["case"].strip(),
            sources=tuple(row["source"].split()),
            note=(row.get("note") or "").strip(),
        )
        for row in rows
    ]
    nicknames = [
        Entry(term=name.name, expansions=(name.authority,), kind=name.kind, case=name.case, sources=name.sources,
              gazetteer=True)
        for name in authority_names()
        if name.kind != "official"
    ]
    return tuple(vocabulary + nicknames)


@lru_cache(maxsize=1)
def by_term() -> dict[str, Entry]:
    """Entries keyed by their term in lower case (gazetteer names by name)."""
    return {entry.term.lower(): entry for entry in entries()}
