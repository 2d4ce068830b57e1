"""What kind of fact a question asks for, and whether a sentence states a fact of that kind.

The cues and fact patterns are data (``vocabulary/answer_types.json``); the
answer selector and the answerability model use them as signals, never as
the only reason to answer or to refuse.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "vocabulary" / "answer_types.json"
KINDS = ("frequency", "timescale", "number", "date", "name", "person", "judgement")


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[re.Pattern, list[re.Pattern]]]:
    data = json.loads(_DATA.read_text())
    table = {}
    for kind in KINDS:
        cues = sorted(data[kind]["cues"], key=len, reverse=True)
        cue = re.compile(r"(?<!\w)(" + "|".join(re.escape(c) for c in cues) + r")(?!\w)", re.I)
        facts = [re.compile(pattern, 0 if kind in ("person", "name") else re.I) for pattern in data[kind]["facts"]]
        table[kind] = (cue, facts)
    return table


def asked_for(question: str) -> str | None:
    """The kind of fact ``question`` asks for (the earliest cue in the question wins), or None."""
    found: list[tuple[int, int, str]] = []
    for rank, (kind, (cue, _)) in enumerate(_table().items()):
        match = cue.search(question)
        if match:
            found.append((match.start(), rank, kind))
    return min(found)[2] if found else None


def states(kind: str | None, text: str, *, asked: str = "") -> bool:
    """Does ``text`` state a fact of ``kind`` (a frequency, a timescale, a role...)? ``asked``: the question, for
    a name: one the question already used ("the DCS" for "name of the DCS") names nothing new."""
    if kind is None:
        return False
    _, facts = _table()[kind]
    if kind == "person":
        return any(p.search(text) or p.search(text.lower()) for p in facts)
    if kind == "name" and asked:
        used = {w.lower() for w in re.findall(r"[A-Za-z]+", asked)}
        return any(any(w.lower() not in used for w in re.findall(r"[A-Za-z]{2,}", m.group(0)))
                   for p in facts for m in p.finditer(text))
    return any(p.search(text) for p in facts)
