"""Is this document current? Review dates that have passed, and inspection reports a later one supersedes.

Works from a version's manifest entries (ingest/manifest_entry.py), so it needs no search. The date
"today" is always handed in (assistant/clock.py), so the same answer reads the same in a test whatever day
it runs. A review is overdue once the whole period it was due in has passed: "next review due April 2022"
is overdue from 1 May 2022, "2022" from 1 January 2023.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from assistant.answers import Answer, Citation

INSPECTION = "inspection-letter"


@dataclass(frozen=True)
class DocumentDates:
    """What the manifest says about one document's dates."""

    source: str
    title: str
    date: str
    doc_type: str
    authorities: tuple[str, ...]
    reviewed: str = ""
    review_due: str = ""


def from_manifest(documents: dict[str, dict[str, Any]]) -> dict[str, DocumentDates]:
    """``DocumentDates`` for every document of a manifest, by source."""
    return {
        source: DocumentDates(source=source, title=str(meta.get("title", "")), date=str(meta.get("date", "")),
                              doc_type=str(meta.get("doc_type", "")), authorities=tuple(meta.get("authorities") or ()),
                              reviewed=str(meta.get("reviewed", "")), review_due=str(meta.get("review_due", "")))
        for source, meta in documents.items()
    }


def month_year(value: str) -> str:
    """'2022-04' or '2022-04-30' -> 'April 2022'; '2022' stays; '' or nonsense -> ''."""
    parts = value.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return ""
    if len(parts) == 1:
        return parts[0]
    try:
        return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    except (ValueError, IndexError):
        return ""


def _period_end(value: str) -> date | None:
    """The last day of the period a 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' value names."""
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return date(parts[0], 12, 31)
        if len(parts) == 2:
            return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return date(parts[0], parts[1], parts[2])
    except (ValueError, TypeError):
        return None


def overdue_since(review_due: str, today: date) -> str:
    """'April 2022' when the review due then has not happened by ``today``; '' when not overdue or unknown."""
    end = _period_end(review_due) if review_due else None
    return month_year(review_due) if end is not None and today > end else ""


def _sortable(value: str) -> str:
    return (value + "-99-99")[:10] if value else ""


def superseded_by(source: str, documents: dict[str, DocumentDates]) -> DocumentDates | None:
    """The latest inspection of the same council held after the inspection document ``source``; else None."""
    doc = documents.get(source)
    if doc is None or doc.doc_type != INSPECTION or not doc.authorities or not doc.date:
        return None
    later = [d for d in documents.values()
             if d.source != source and d.doc_type == INSPECTION and set(d.authorities) & set(doc.authorities)
             and _sortable(d.date) > _sortable(doc.date)]
    return max(later, key=lambda d: (_sortable(d.date), d.source)) if later else None


def annotate(answer: Answer, *, documents: dict[str, DocumentDates], today: date, wants_latest: bool) -> Answer:
    """Add review dates, "overdue since" and (for a now/current/latest question) supersession to the citations."""
    for citation in answer.citations:
        annotate_citation(citation, documents=documents, today=today, wants_latest=wants_latest)
    return answer


def annotate_citation(citation: Citation, *, documents: dict[str, DocumentDates], today: date,
                      wants_latest: bool) -> None:
    doc = documents.get(citation.source)
    if doc is None:
        return
    citation.reviewed, citation.review_due = doc.reviewed, doc.review_due
    citation.review_overdue_since = overdue_since(doc.review_due, today)
    newer = superseded_by(doc.source, documents) if wants_latest else None
    citation.superseded_by = {"source": newer.source, "title": newer.title, "date": newer.date} if newer else None


def overdue(documents: Iterable[DocumentDates], today: date) -> list[tuple[DocumentDates, str]]:
    """Documents whose next review has passed, longest overdue first, each with its "since" month."""
    found = [(doc, since) for doc in documents if (since := overdue_since(doc.review_due, today))]
    return sorted(found, key=lambda pair: (_sortable(pair[0].review_due), pair[0].source))
