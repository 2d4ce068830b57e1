"""Review dates of a document: when it was last reviewed and when its next review is due, when it says so.

Read from a header line (``Review:``, ``Last reviewed:``, ``Next review:``, ``Review date:``, ``Reviewed on:``)
or from a short line near the top or the end of the text ("Review dates: last reviewed April 2020; next
review due April 2022"). Narrative sentences ("plans are reviewed regularly") never count: a phrase must be
followed by a date, on a line of at most a couple of dozen words. "Review date" on its own means the next
review, as on a council policy's cover sheet. Dates keep the precision written: 'YYYY-MM-DD', 'YYYY-MM', 'YYYY'.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?:19|20)\d{{2}}"  # 1 April 2020
         rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,\s+(?:19|20)\d{{2}}"  # April 1, 2020
         rf"|{_MONTH},?\s+(?:19|20)\d{{2}}"  # April 2020
         r"|(?:19|20)\d{2}-\d{2}(?:-\d{2})?"  # 2020-04-01, 2020-04
         r"|\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d{2}"  # 01/04/2020 (day first, as in England)
         r"|\d{1,2}[/.](?:19|20)\d{2}"  # 04/2020
         r"|(?:19|20)\d{2})")  # 2020
_GAP = r"[\s:\-–—]*(?:(?:is|was|are|in|on|by|of|due|date|dated|scheduled for|planned for|:)[\s:\-–—]*)*"
_LAST = re.compile(rf"(?i)\b(?:last\s+reviewed|reviewed\s+on|date\s+(?:last\s+)?reviewed|last\s+review(?:\s+date)?"
                   rf"|date\s+of\s+(?:last\s+)?review|reviewed(?=\s*:)){_GAP}({_DATE})\b")
_NEXT = re.compile(rf"(?i)\b(?:next\s+review(?:\s+due)?|review\s+due|due\s+for\s+review|review\s+date){_GAP}({_DATE})\b")
_REVIEW_LINE = re.compile(rf"(?i)^\s*review(?:\s+dates?)?\s*:\s*(.*)$")
HEADER_KEYS = {"review", "review date", "review dates", "reviewed", "reviewed on", "last reviewed", "last review",
               "next review", "next review date", "next review due", "review due"}
_LAST_KEYS = {"reviewed", "reviewed on", "last reviewed", "last review"}
LINE_WORDS = 24
SCAN_TOP, SCAN_END = 40, 15


def review_dates(header: dict[str, str], body: str) -> tuple[str, str]:
    """(last reviewed, next review due), each '' when the document does not say."""
    reviewed = due = ""
    for key, value in header.items():
        if key not in HEADER_KEYS:
            continue
        got_last, got_next = _from_line(f"{key}: {value}")
        if key in _LAST_KEYS and not (got_last or got_next):
            got_last = parse_review_date(value)
        reviewed, due = reviewed or got_last, due or got_next
    lines = [line for line in body.split("\n") if line.strip()]
    for line in lines[:SCAN_TOP] + lines[-SCAN_END:]:
        if reviewed and due:
            break
        if len(line.split()) > LINE_WORDS:
            continue
        got_last, got_next = _from_line(line)
        reviewed, due = reviewed or got_last, due or got_next
    return reviewed, due


def _from_line(line: str) -> tuple[str, str]:
    """The dates one line states; a bare date after ``Review:`` or ``Review date:`` is the next review."""
    due_match = _NEXT.search(line)
    due = parse_review_date(due_match.group(1)) if due_match else ""
    rest = line[: due_match.start()] + line[due_match.end():] if due_match else line
    last_match = _LAST.search(rest)
    reviewed = parse_review_date(last_match.group(1)) if last_match else ""
    if not (due or reviewed) and (plain := _REVIEW_LINE.match(line)):
        due = parse_review_date(plain.group(1).strip()) if re.fullmatch(_DATE, plain.group(1).strip(), re.I) else ""
    return reviewed, due


def parse_review_date(text: str) -> str:
    """'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' for the first date in ``text``; '' when there is none (or it is invalid)."""
    text = text.strip().lower()
    if m := re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+((?:19|20)\d{2})\b", text):
        return _iso(int(m.group(3)), _MONTHS.get(m.group(2)), int(m.group(1)))
    if m := re.search(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,\s+((?:19|20)\d{2})\b", text):
        return _iso(int(m.group(3)), _MONTHS.get(m.group(1)), int(m.group(2)))
    if m := re.search(r"\b([a-z]{3,9})\.?,?\s+((?:19|20)\d{2})\b", text):
        return _iso(int(m.group(2)), _MONTHS.get(m.group(1)))
    if m := re.search(r"\b((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?\b", text):
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    if m := re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})\b", text):
        return _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := re.search(r"\b(\d{1,2})[/.]((?:19|20)\d{2})\b", text):
        return _iso(int(m.group(2)), int(m.group(1)))
    if m := re.search(r"\b((?:19|20)\d{2})\b", text):
        return m.group(1)
    return ""


def _iso(year: int, month: int | None, day: int | None = None) -> str:
    if month is None or not 1 <= month <= 12:
        return ""
    try:
        return date(year, month, day or 1).isoformat()[: 10 if day else 7]
    except ValueError:
        return ""
