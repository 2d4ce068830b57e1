"""Inspection facts stated in a report's own words: judgements, inspection type and inspection dates.

Judgements come from the judgement table at the top of an ILACS report
("Judgement Grade <area> <grade> ... Overall effectiveness <grade>") and from
section headings ("The experiences and progress of care leavers: good");
the table wins where both are stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GRADE_CAPS = r"(Requires improvement to be good|Requires improvement|Inadequate|Good|Outstanding)"
_TABLE = re.compile(r"\bJudgements?\s+Grades?\b\s*")
_TABLE_ROW = re.compile(r"((?:The|Overall) [a-z][a-z ,’'-]*?)\s+" + _GRADE_CAPS + r"\b\s*")
_HEADING = re.compile(
    r"^((?:the )?(?:impact of leaders|experiences and progress of|overall effectiveness)[^:]{0,120}?)\s*[:\-–—]\s*"
    r"(requires improvement to be good|requires improvement|inadequate|good|outstanding)\.?$",
    re.I,
)
_AREA_KEYS = [
    ("overall effectiveness", r"overall effectiveness"),
    ("impact of leaders", r"impact of leaders"),
    ("children in care and care leavers", r"children in care and care leavers|looked after and care leavers"),
    ("help and protection", r"help and protection"),
    ("children in care", r"children in care|looked after"),
    ("care leavers", r"care leavers"),
]


@dataclass
class Judgement:
    area: str  # the report's wording, e.g. "The experiences and progress of care leavers"
    key: str  # a short stable name: overall effectiveness | impact of leaders | help and protection | ...
    grade: str  # lower case: requires improvement (to be good), inadequate, good or outstanding
    line: str  # the words the grade was read from, to find the passage that states it


def area_key(area: str) -> str:
    for key, pattern in _AREA_KEYS:
        if re.search(pattern, area, re.I):
            return key
    return re.sub(r"\s+", " ", area.strip().lower())


def table_judgements(text: str) -> list[Judgement]:
    """Judgements from a 'Judgement Grade ...' table near the top of the text."""
    match = _TABLE.search(text[:6000])
    if not match:
        return []
    found: list[Judgement] = []
    pos = match.end()
    while row := _TABLE_ROW.match(text, pos):
        area, grade = row.group(1).strip(), row.group(2).lower()
        found.append(Judgement(area=area, key=area_key(area), grade=grade, line=match.group(0).strip()))
        pos = row.end()
        if area.lower().startswith("overall effectiveness"):
            break
    table = re.sub(r"\s+", " ", text[match.start() : pos]).strip()
    for judgement in found:
        judgement.line = table  # the table as printed: what the citation must contain
    return found


def heading_judgement(line: str) -> Judgement | None:
    """A judgement stated as a section heading, or None."""
    line = line.strip().lstrip("#").strip()
    match = _HEADING.match(line) if len(line) < 220 else None
    if not match:
        return None
    area = match.group(1).strip()
    area = area[0].upper() + area[1:]
    return Judgement(area=area, key=area_key(area), grade=match.group(2).lower(), line=line)


_TYPES = [
    ("ILACS short inspection", r"short inspection"),
    ("ILACS", r"\bILACS\b|inspecting local authority children[’']s services|inspection of (?:\w+ )*local authority "
              r"children[’']s services|inspection of children[’']s social care services"),
    ("focused visit", r"focused visit"),
    ("monitoring visit", r"monitoring visit"),
    ("joint targeted area inspection", r"joint targeted area inspection|\bJTAI\b"),
    ("unannounced inspection of contact, referral and assessment", r"unannounced inspection of contact, referral"),
    ("single inspection framework", r"services for children in need of help and protection, children looked after"),
]


def inspection_type(title: str, text: str) -> str:
    head = f"{title}\n{text[:2500]}"
    for name, pattern in _TYPES:
        if re.search(pattern, head, re.I):
            return name
    return "inspection"


_DATES = [
    re.compile(r"Inspection dates?:?\s+(.+?)(?=\s+Lead inspector|\s+Judgement|\n|$)", re.I),
    re.compile(r"\bconducted on ((?:\d{1,2}(?:st|nd|rd|th)? )?(?:\d{1,2}(?:st|nd|rd|th)?|and|to|\s|[A-Z][a-z]+)+? \d{4})"),
    re.compile(r"\binspection (?:took place|was carried out) (?:on|from|between) ([^.]{4,60}?\d{4})", re.I),
]


def inspection_dates(title: str, text: str) -> str:
    """The dates of the inspection as the document writes them ('20 May 2019 to 24 May 2019'), or ''."""
    for pattern in _DATES:
        for where in (text[:4000], title):
            if match := pattern.search(where):
                return re.sub(r"\s+", " ", match.group(1)).strip(" .,")
    return ""


_PREVIOUS_INSPECTION = [
    re.compile(r"\b(?:previous|last) inspection\b[^.]{0,160}?\bon (\d{1,2}(?:st|nd|rd|th)?(?: and \d{1,2}(?:st|nd|rd|th)?)? "
               r"[A-Z][a-z]+ \d{4})"),
    re.compile(r"\b(?i:since|at) the (?:last|previous) (?:[A-Z]+ )?(?:judgement |full )?inspection"
               r"(?: of [A-Z][\w ]{0,40}?)?,? in ((?:[A-Z][a-z]+ )?\d{4})"),
]


def previous_inspection(text: str) -> str:
    """When the document says the previous inspection was ('5 and 6 January 2010', '2016'), or ''."""
    for pattern in _PREVIOUS_INSPECTION:
        if match := pattern.search(text[:8000]):
            return match.group(1)
    return ""
