"""A document's entry in a version's manifest: its metadata, review dates and content-hash history.

``history`` lists ``{"hash", "indexed_at"}``, oldest first, one item per distinct content, so the weekly
digest can tell a new document from a changed one after older versions are pruned. Entries written before
these fields existed are read as having one history item (their hash and ``indexed_at``); their documents
are read again at the next refresh (as after any change of the reading rules), which fills in review dates.
"""

from __future__ import annotations

from datetime import datetime, timezone
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


def document_entry(document: Document, *, digest: str, passages: int, previous: dict[str, Any] | None,
                   indexed_at: str | None = None) -> dict[str, Any]:
    """The manifest entry for a document read this run (``digest``: its content hash); ``previous`` is its
    entry in the live version."""
    at = indexed_at or now_utc()
    past = history(previous) if previous else []
    if not past or past[-1]["hash"] != digest:  # reading it again under new rules is not a change
        past.append({"hash": digest, "indexed_at": at})
    return {
        "hash": digest,
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
