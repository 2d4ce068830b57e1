"""What the knowledge base holds, for `status`, Slack's /kb-status and /kb-sources, and App Home."""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.currency import from_manifest, month_year, overdue
from ingest.store import KnowledgeStore, StoreEmpty


def knowledge_status(store: KnowledgeStore) -> dict[str, Any]:
    """Counts, dates and model of the live version (``version`` is None when nothing is indexed)."""
    info: dict[str, Any] = {"store": store.location, "versions_kept": len(store.versions())}
    try:
        manifest = store.live().manifest()
    except StoreEmpty:
        info.update(version=None, documents=0, passages=0, last_ingest=None, model=None, quarantined=[])
        return info
    info.update(
        version=manifest.version,
        documents=len(manifest.documents),
        passages=manifest.passages,
        last_ingest=manifest.created,
        model=f"{manifest.model} ({manifest.dimension} dimensions)",
        quarantined=manifest.quarantined,
    )
    return info


def list_sources(store: KnowledgeStore, *, filter_text: str = "") -> list[dict[str, Any]]:
    """Documents of the live version, newest first, optionally filtered by a word in title, source or type."""
    try:
        documents = store.live().manifest().documents
    except StoreEmpty:
        return []
    needle = filter_text.lower().strip()
    rows = [
        {"source": source, "title": meta.get("title", ""), "type": meta.get("doc_type", ""),
         "date": meta.get("date", ""), "url": meta.get("url", ""), "passages": meta.get("passages", 0),
         "authorities": meta.get("authorities", [])}
        for source, meta in documents.items()
    ]
    if needle:
        rows = [r for r in rows if needle in f"{r['source']} {r['title']} {r['type']} {' '.join(r['authorities'])}".lower()]
    return sorted(rows, key=lambda r: (r["date"] or "0000", r["source"]), reverse=True)


def overdue_sources(store: KnowledgeStore, *, today: date) -> list[dict[str, Any]]:
    """Documents of the live version whose next review date has passed, longest overdue first."""
    try:
        documents = store.live().manifest().documents
    except StoreEmpty:
        return []
    return [{"source": doc.source, "title": doc.title, "date": doc.date, "url": documents[doc.source].get("url", ""),
             "reviewed": doc.reviewed, "review_due": doc.review_due, "overdue_since": since,
             "last_reviewed": month_year(doc.reviewed)}
            for doc, since in overdue(from_manifest(documents).values(), today)]
