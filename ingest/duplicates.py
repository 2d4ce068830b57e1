"""Identical files under several names ("Copy of X.docx") are stored once, under the most original-looking name.

The other names travel with the stored copy (``Passage.also`` and the
manifest's ``also``), so a citation lists every name the content is filed under.
"""

from __future__ import annotations

import re
from typing import Iterable, TypeVar

T = TypeVar("T")

_COPY = re.compile(r"(^|/)(copy( \(\d+\))? of |copie de )|( - copy| copy| \(\d+\))(\.[^./]*)?$", re.I)


def looks_like_copy(source: str) -> bool:
    """Does the name say it is a copy ('Copy of X', 'X - Copy', 'X (2)')?"""
    return bool(_COPY.search(source))


def canonical_key(source: str) -> tuple[bool, int, str]:
    """Sort key: original-looking names first, then shorter, then alphabetical."""
    return looks_like_copy(source), len(source), source


def group(items: Iterable[tuple[T, str, str]]) -> list[tuple[T, str, list[str]]]:
    """``(item, source, digest)`` triples to ``(item, digest, other names)`` for one item per digest, in source order."""
    by_digest: dict[str, list[tuple[T, str]]] = {}
    for item, source, digest in items:
        by_digest.setdefault(digest, []).append((item, source))
    kept: list[tuple[str, T, str, list[str]]] = []
    for digest, members in by_digest.items():
        members.sort(key=lambda member: canonical_key(member[1]))
        (item, source), others = members[0], [name for _, name in members[1:]]
        kept.append((source, item, digest, sorted(others)))
    return [(item, digest, others) for _, item, digest, others in sorted(kept, key=lambda k: k[0])]
