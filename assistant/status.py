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
        info.update(version=None, documents=0, passages=0, last_ingest=None, model=None, quarantined=[], flagged=[],
                    encodings={}, duplicates={})
        return info
    info.update(
        version=manifest.version,
        documents=len(manifest.documents),
        passages=manifest.passages,
        last_ingest=manifest.created,
        model=f"{manifest.model} ({manifest.dimension} dimensions)",
        quarantined=manifest.quarantined,
        flagged=flagged_documents(manifest.documents),
        encodings={source: meta["encoding"] for source, meta in sorted(manifest.documents.items())
                   if meta.get("encoding", "utf-8") not in ("utf-8", "utf-8-sig", "ascii")},
        duplicates={source: meta["also"] for source, meta in sorted(manifest.documents.items()) if meta.get("also")},
    )
    return info


def flagged_documents(documents: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Documents with sentences withheld as possible planted instructions: where, and which patterns (no text)."""
    rows = []
    for source, meta in sorted(documents.items()):
        withheld = meta.get("withheld") or []
        if withheld:
            rows.append({"source": source, "sentences": sum(w.get("sentences", 1) for w in withheld),
                         "patterns": sorted({p for w in withheld for p in w.get("patterns", [])}),
                         "sections": sorted({w.get("section") or "(no heading)" for w in withheld})})
    return rows


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
         "authorities": meta.get("authorities", []), "also": meta.get("also", []),
         "withheld": sum(w.get("sentences", 1) for w in meta.get("withheld") or [])}
        for source, meta in documents.items()
    ]
    if needle:
        rows = [r for r in rows if needle in f"{r['source']} {r['title']} {r['type']} {' '.join(r['authorities'])}".lower()]
    return sorted(rows, key=lambda r: (r["date"] or "0000", r["source"]), reverse=True)


def status_notes(info: dict[str, Any]) -> list[str]:
    """One line per file a manager may want to look at: quarantined, sentences withheld, encoding guessed, duplicates."""
    lines = [f"quarantined: {q['source']} — {q['reason']}" for q in info.get("quarantined", [])]
    lines += [f"check: {row['source']} — {row['sentences']} sentence(s) withheld as possible planted instructions "
              f"({', '.join(row['patterns'])}) under {'; '.join(row['sections'])}" for row in info.get("flagged", [])]
    lines += [f"encoding: {source} — read as {encoding}" + ("" if encoding.startswith("utf") else " (guessed)")
              for source, encoding in info.get("encodings", {}).items()]
    lines += [f"duplicate: {source} — also filed as {', '.join(names)}"
              for source, names in info.get("duplicates", {}).items()]
    return lines


def summary_notes(summary: Any) -> list[str]:
    """The same lines for a refresh's summary (ingest.indexer.SyncSummary)."""
    lines = [f"quarantined: {q['source']} — {q['reason']}"
             + (" (last good version kept)" if q["source"] in summary.kept_last_good else "")
             for q in summary.quarantined]
    lines += [f"duplicate: {d['source']} — same content as {d['same_as']}, stored once" for d in summary.duplicates]
    lines += [f"check: {row['source']} — {row['sentences']} sentence(s) withheld as possible planted instructions "
              f"({', '.join(row['patterns'])})" for row in summary.flagged]
    return lines


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
