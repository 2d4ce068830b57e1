"""Answer units: the sentences and list items of a passage that can stand alone in an answer.

Ingest embeds each unit (with its section heading) and the assistant quotes
units verbatim, so both sides cut a passage the same way, here.
"""

from __future__ import annotations

import re

from ingest.splitter import split_sentences

# Bump when ingest/splitter.py or this module cut text differently: versions cut another way are re-split
# and re-embedded at the next refresh (tests/test_splitter_completeness.py pins the output to this value).
CUTTING_VERSION = "2026-11-29.3"
LIST_WORDS = 70  # a lead-in and its list read as one unit up to this length
_ITEM = re.compile(r"^- ")
_PARAGRAPH_NUMBER = re.compile(r"^\d+(\.\d+)*\.?\s+(?=[A-Z])")
_CLOSED = re.compile(r"[.!?)\]\"'”;]$")


def _sentences(line: str) -> list[str]:
    return [_PARAGRAPH_NUMBER.sub("", s) for s in split_sentences(line)]


def closed(sentence: str) -> bool:
    """Ends like a sentence; a heading run into the text or a sign-off line does not (a signal, not a filter)."""
    return bool(_CLOSED.search(sentence))


def _join_list(lead_in: str, items: list[str]) -> str:
    body = "; ".join(item.rstrip(";.,") for item in items)
    return f"{lead_in} {body}."


def answer_units(text: str) -> list[str]:
    """Units of ``text`` in reading order; a short lead-in ending in ':' is joined with its list items."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    units: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        items: list[str] = []
        j = i + 1
        while j < len(lines) and _ITEM.match(lines[j]):
            items.append(_ITEM.sub("", lines[j]))
            j += 1
        if _ITEM.match(line):
            units.extend(s for s in _sentences(_ITEM.sub("", line)) if len(s.split()) >= 2)
            i += 1
            continue
        sentences = _sentences(line)
        lead_in = sentences[-1] if sentences and sentences[-1].endswith(":") else None
        units.extend(s for s in (sentences[:-1] if lead_in else sentences) if len(s.split()) >= 2)
        if lead_in and items:
            joined = _join_list(lead_in, items)
            if len(joined.split()) <= LIST_WORDS:
                units.append(joined)
            else:
                units.extend(s for item in items for s in _sentences(item) if len(s.split()) >= 2)
            i = j
            continue
        if lead_in:
            units.append(lead_in)  # a lead-in whose list is in the next passage still says something
        i += 1
    return units
