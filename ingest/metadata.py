"""Document metadata: read a header when there is one, infer what we can when not.

Header form (the shared corpus), at the very top of the text::

    Title: ...
    Source: <url>
    Publisher: ...
    Date: YYYY-MM-DD | YYYY | n.d.
    Type: inspection-letter | procedure | statutory-guidance | inspection-framework
    Review: last reviewed April 2020; next review due April 2022      (optional; see ingest/review.py)
    ---

Markdown front matter (``---`` / ``key: value`` / ``---``) is read the same way.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date as Date
from pathlib import Path

from ingest.authorities import find_authorities
from ingest.models import Document
from ingest.review import HEADER_KEYS as REVIEW_KEYS, review_dates

_HEADER_KEYS = {"title", "source", "url", "publisher", "date", "type", "note", "authority"} | REVIEW_KEYS
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+((?:19|20)\d{2})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\s+(\d{1,2})(?:st|nd|rd|th)?,\s+((?:19|20)\d{2})\b")
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
DOC_TYPES = ("inspection-letter", "procedure", "statutory-guidance", "inspection-framework", "document")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split a metadata header from the body; ``({}, text)`` when there is none."""
    lines = text.lstrip("\ufeff").split("\n")
    start = 1 if lines and lines[0].strip() == "---" else 0
    header: dict[str, str] = {}
    for index in range(start, min(len(lines), start + 30)):
        line = lines[index].strip()
        if line == "---":
            if header:
                return header, "\n".join(lines[index + 1 :])
            return {}, text
        match = re.match(r"([A-Za-z][A-Za-z ]{0,20}):\s*(.*)$", line)
        if not match or match.group(1).strip().lower() not in _HEADER_KEYS:
            return {}, text
        header[match.group(1).strip().lower()] = match.group(2).strip().strip('"')
    return {}, text


def parse_date(value: str) -> str:
    """'YYYY-MM-DD', 'YYYY' or '' from a date written in any of the usual ways."""
    value = value.strip()
    if not value or value.lower() in {"n.d.", "nd", "undated", "unknown"}:
        return ""
    if match := _ISO.search(value):
        return _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := _DAY_MONTH_YEAR.search(value):
        month = _MONTHS.get(match.group(2).lower())
        if month:
            return _valid(int(match.group(3)), month, int(match.group(1)))
    if match := _MONTH_DAY_YEAR.search(value):
        month = _MONTHS.get(match.group(1).lower())
        if month:
            return _valid(int(match.group(3)), month, int(match.group(2)))
    if match := re.fullmatch(r"((?:19|20)\d{2})", value):
        return match.group(1)
    return ""


def _valid(year: int, month: int, day: int) -> str:
    try:
        return Date(year, month, day).isoformat()
    except ValueError:
        return ""


def infer_date(body: str) -> str:
    """A letter's or document's own date: a date line near the top, else the first full date."""
    head = [line.strip() for line in body.split("\n")[:60] if line.strip()]
    for line in head:
        # A line that is only a date, as at the top of a letter.
        if len(line) <= 30 and (found := parse_date(line)) and len(found) == 10:
            return found
    for line in head:
        if re.match(r"(?i)(date|dated|published|issued|last updated|review(ed)? date)\b", line):
            if found := parse_date(line):
                return found
    return ""


def infer_title(body: str, hints: dict[str, str], path: Path) -> str:
    if hints.get("title"):
        return hints["title"].strip()
    for line in body.split("\n")[:40]:
        line = line.strip()
        if match := re.match(r"#{1,3}\s+(.+)", line):
            return match.group(1).strip()
    lines = [line.strip() for line in body.split("\n")[:60] if line.strip()]
    for index, line in enumerate(lines[:-1]):
        if re.match(r"(?i)dear\b", line) and len(lines[index + 1].split()) <= 30:
            return lines[index + 1].rstrip(".")  # a letter's subject line
    for line in body.split("\n")[:40]:
        line = line.strip()
        if 3 <= len(line.split()) <= 25 and not parse_date(line) and not re.search(r"[@]|^dear\b", line, re.I):
            return line.rstrip(".")
    return path.stem.replace("-", " ").replace("_", " ").strip().capitalize()


def infer_type(title: str, body: str, publisher: str) -> str:
    head = f"{title}\n{publisher}\n{body[:3000]}".lower()
    if "ofsted" in head and re.search(r"inspection (of|letter)|inspectors|unannounced inspection|judgement", head):
        return "inspection-letter"
    if re.search(r"working together to safeguard children|statutory guidance", f"{title} {publisher}".lower()):
        return "statutory-guidance"
    if re.search(r"procedure|policy|guidance|protocol|practice standard|guide\b", head):
        return "procedure"
    return "document"


def _addressee(body: str) -> list[str]:
    """The council a letter is addressed to: named on an address line such as 'X Borough Council'."""
    head = body.split("\n")[:40]
    for line in head:
        if re.match(r"(?i)dear\b", line.strip()):
            break
        if re.search(r"(?i)\b(council|borough|county|city of|metropolitan|local authority)\b", line):
            if found := find_authorities(line):
                return found[:1]
    return []


def build_document(*, source: str, path: Path, raw: str, hints: dict[str, str], data: bytes) -> Document:
    """A :class:`Document` from loaded text, reading a header or inferring metadata."""
    header, body = split_header(raw)
    title = header.get("title") or infer_title(body, hints, path)
    publisher = header.get("publisher", "")
    date = parse_date(header["date"]) if "date" in header else infer_date(body)
    doc_type = header.get("type", "").strip().lower()
    if doc_type not in DOC_TYPES:
        doc_type = infer_type(title, body, publisher)
    url = header.get("source") or header.get("url") or ""
    if not url.startswith(("http://", "https://")):
        url = re.search(r"https?://\S+", url).group(0) if re.search(r"https?://\S+", url) else ""
    # Authorities from what names the document: header, title, and a letter's addressee block.
    named_in = " ".join([header.get("authority", ""), title, publisher])
    authorities = find_authorities(named_in)
    if not authorities and doc_type == "inspection-letter":
        authorities = _addressee(body)
    reviewed, review_due = review_dates(header, body)
    return Document(
        source=source,
        text=body.strip("\n"),
        title=title,
        date=date,
        doc_type=doc_type,
        publisher=publisher,
        url=url,
        authorities=authorities,
        content_hash=content_hash(data),
        reviewed=reviewed,
        review_due=review_due,
    )
