"""Answer units: the sentences and list items of a passage that can stand alone in an answer.

Ingest embeds each unit (with its section heading) and the assistant quotes
units verbatim, so both sides cut a passage the same way, here.
"""

from __future__ import annotations

import hashlib
import re

from ingest.splitter import split_sentences

# Bump when ingest/splitter.py or this module cut text differently: versions cut another way are re-split
# and re-embedded at the next refresh (tests/unit/ingest/test_splitting.py pins the output to this value).
CUTTING_VERSION = "2026-12-01.1"
LIST_WORDS = 70  # a lead-in and its list read as one unit up to this length
_ITEM = re.compile(r"^- ")
_PARAGRAPH_NUMBER = re.compile(r"^\d+(\.\d+)*\.?\s+(?=[A-Z])")
_CLOSED = re.compile(r"[.!?)\]\"'”;]$")


def _sentences(line: str) -> list[str]:
    return [part for s in split_sentences(line) for part in _fields(_PARAGRAPH_NUMBER.sub("", s))]


# A report's cover, flattened from its PDF into one run without a full stop: "Inspection of X ... Inspection
# dates: 6 to 17 March 2023 Lead inspector: Joanna Warburton, His Majesty's Inspector Judgement Grade The impact
# of leaders ... Requires improvement to be good The experiences and progress of ... Good Overall effectiveness
# Good Children in need of help ... do not yet receive good enough services." Each labelled field and each row of
# the judgement table is a unit of its own, so an answer quotes the row asked about, not the whole cover.
_LABEL = re.compile(r"[a-z0-9’'),](\s+)(?:[A-Z][a-z]+)(?: [a-z]+){0,2}: [A-Z0-9]")
# Ofsted's four-point scale: a row of a judgement table ends with a grade, and the next row or line starts after it.
GRADES = r"(?:Outstanding|Good|Requires improvement to be good|Inadequate)"
_GRADE_END = re.compile(rf"\b{GRADES}(\s+)[A-Z]")
GRADED_ROW = re.compile(rf"\b{GRADES}\.?$")  # a row of a judgement table: what was judged, then the grade
# The judgement table's header ("Judgement Grade") is cut from its first row: it labels every row, as a section
# heading labels its sentences (``unit_headings``), and no row is quoted with it.
_TABLE_HEAD = re.compile(r"(?:^|[a-z’'](\s+))Judgements? Grades?\b(\s+)")  # run into the text or opening the line
_TABLE_HEADER = re.compile(r"^Judgements? Grades?$")
LABELLED = re.compile(r"^[A-Z][\w’' ]{1,30}: \S")  # "Lead inspector: ...", "Inspection dates: ...", "Copy: ..."
FIELD_RUN = 40  # words: only a run this long before its first full stop is read as a flattened cover


def _fields(sentence: str) -> list[str]:
    """A flattened cover or table run cut at its labelled fields and judgement rows; any other sentence whole."""
    run = sentence.split(". ")[0]
    if len(run.split()) < FIELD_RUN:
        return [sentence]
    cuts = sorted({m.start(1) for pattern in (_LABEL, _GRADE_END, _TABLE_HEAD) for m in pattern.finditer(run)
                   if m.start(1) > 0} | {m.start(2) for m in _TABLE_HEAD.finditer(run)})
    if not cuts:
        return [sentence]
    bounds = [0, *cuts, len(sentence)]
    return [part for a, b in zip(bounds, bounds[1:]) if (part := sentence[a:b].strip())]


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


def unit_headings(section: str, units: list[str]) -> list[str]:
    """The heading each unit is read with (by the embedding model and for key-term coverage): the passage's section
    heading, and for a row of a judgement table, the table's header too ("Judgement Grade": "mbro care leavers
    grade" is about the care leavers row, not only about the row the header was printed beside)."""
    headings, header = [], ""
    for unit in units:
        row = bool(GRADED_ROW.search(unit))
        if _TABLE_HEADER.match(unit):
            header = unit
        elif not row:
            header = ""  # the table has ended
        headings.append(" ".join(part for part in (section, header) if part) if row else section)
    return headings



def unit_key(unit: str) -> int:
    """A unit's text as a 63-bit number, to find units printed alike in many documents (``ingest.boilerplate``);
    0 for a unit that states a fact of its own document however many print it alike: a judgement table's row
    ("Overall effectiveness Good"), its header, or a labelled field ("Lead inspector: …")."""
    if GRADED_ROW.search(unit) or _TABLE_HEADER.match(unit) or LABELLED.match(unit):
        return 0
    folded = " ".join(unit.lower().replace("’", "'").split())
    return int.from_bytes(hashlib.blake2b(folded.encode(), digest_size=8).digest(), "little") >> 1 or 1
