"""A document's entry in a version's manifest: its metadata, review dates and content-hash history.

``history`` lists ``{"hash", "indexed_at"}``, oldest first, one item per distinct content, so the weekly
digest can tell a new document from a changed one after older versions are pruned. Entries written before
these fields existed are read as having one history item (their hash and ``indexed_at``); their review dates
are read again from the file once (:func:`with_review_dates`), without re-embedding anything.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ingest.models import Document

HISTORY_KEPT = 20


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def history(entry: dict[str, Any]) -> list[dict[str, str]]:
    """The entry's content history, oldest first (older entries: their one known state)."""
    if entry.get("history"):
        return list(entry["history"])
    return [{"hash": entry.get("hash", ""), "indexed_at": entry.get("indexed_at", "")}]


def document_entry(document: Document, *, passages: int, previous: dict[str, Any] | None,
                   indexed_at: str | None = None) -> dict[str, Any]:
    """The manifest entry for a document loaded this run; ``previous`` is its entry in the live version."""
    at = indexed_at or now_utc()
    past = history(previous) if previous else []
    if not past or past[-1]["hash"] != document.content_hash:  # a forced re-index is not a change
        past.append({"hash": document.content_hash, "indexed_at": at})
    return {
        "hash": document.content_hash,
        "title": document.title,
        "date": document.date,
        "doc_type": document.doc_type,
        "publisher": document.publisher,
        "url": document.url,
        "authorities": document.authorities,
        "passages": passages,
        "indexed_at": at,
        "reviewed": document.reviewed,
        "review_due": document.review_due,
        "history": past[-HISTORY_KEPT:],
    }


def needs_review_dates(entry: dict[str, Any]) -> bool:
    """True for an entry written before review dates were read."""
    return "review_due" not in entry


def with_review_dates(entry: dict[str, Any], path: Path) -> dict[str, Any]:
    """``entry`` with the review dates its file states ('' when it cannot be read now)."""
    from ingest.loaders import LoadError, load_file
    from ingest.metadata import split_header
    from ingest.review import review_dates

    try:
        raw, _ = load_file(path)
    except (OSError, LoadError):
        return dict(entry, reviewed="", review_due="")
    header, body = split_header(raw)
    reviewed, due = review_dates(header, body)
    return dict(entry, reviewed=reviewed, review_due=due)
