"""Gather one run's documents: scan inside the boundary, check limits, store duplicates once, parse in the worker.

Nothing here parses in the calling process: it only stats files and hashes
them; every load, split and screening happens in ``ingest.parse_pool``'s
worker, under its time and memory budget. Every file left out is named with a
one-line reason. Files the boundary refuses (links out, loops, lock and hidden
files) are never read and never keep an earlier version; a file that fails a
limit or cannot be parsed keeps its last good passages, as before.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ingest import duplicates
from ingest.boundary import Boundary, Found, hash_found, scan
from ingest.limits import LimitExceeded, ReadLimits, check_size
from ingest.loaders import LoadError, check_type
from ingest.manifest_entry import document_entry, needs_review_dates
from ingest.models import Document, Passage
from ingest.parse_pool import Parsed, ParsePool

log = logging.getLogger(__name__)
SCREEN_VERSION = 1  # raise when screening changes: documents indexed under older rules are read again


@dataclass
class Collected:
    fresh: list[tuple[Document, list[Passage]]] = field(default_factory=list)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # manifest entries
    keep: list[str] = field(default_factory=list)  # sources whose stored passages carry over
    also: dict[str, list[str]] = field(default_factory=dict)  # source -> other names of the same content
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    quarantined: list[dict[str, str]] = field(default_factory=list)
    kept_last_good: list[str] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)  # {"source", "same_as"}
    flagged: list[dict[str, Any]] = field(default_factory=list)  # {"source", "sentences", "patterns"}


def collect(sources: Iterable[Path], *, old: dict[str, dict[str, Any]], reuse: bool, limits: ReadLimits) -> Collected:
    """What the sources hold now, compared with ``old`` (the live manifest's documents; reused when ``reuse``)."""
    out = Collected()
    scanned = scan(sources, boundary=Boundary(refuse_symlinks=limits.refuse_symlinks))
    out.quarantined.extend(scanned.skipped)  # never read, so nothing of theirs is kept
    hashed: list[tuple[Found, str, str]] = []
    for item in scanned.found:
        try:
            check_type(item.source)
            check_size(item.size, limits)
            hashed.append((item, item.source, hash_found(item)))
        except (LoadError, LimitExceeded) as exc:
            _quarantine(out, item.source, reason=str(exc), old=old if reuse else {})
        except OSError as exc:
            _quarantine(out, item.source, reason=f"cannot read file ({exc.strerror or type(exc).__name__})", old=old)
    with ParsePool(limits) as pool:
        for item, digest, also in duplicates.group(hashed):
            out.duplicates += [{"source": name, "same_as": item.source} for name in also]
            previous = old.get(item.source)
            if (reuse and previous and previous["hash"] == digest and previous.get("screened") == SCREEN_VERSION
                    and not needs_review_dates(previous)):
                out.unchanged.append(item.source)
                out.documents[item.source] = _with_also(previous, also)
                out.keep.append(item.source)
            else:
                try:
                    parsed = pool.parse(item)
                except (LoadError, LimitExceeded) as exc:
                    _quarantine(out, item.source, reason=str(exc), old=old if reuse else {})
                    continue
                (out.updated if previous else out.added).append(item.source)
                _add(out, parsed, digest=digest, also=also, previous=previous)
            out.also[item.source] = also
            if out.documents[item.source].get("withheld"):
                withheld = out.documents[item.source]["withheld"]
                out.flagged.append({"source": item.source, "sentences": sum(w["sentences"] for w in withheld),
                                    "patterns": sorted({p for w in withheld for p in w["patterns"]})})
        if pool.started:
            log.info("parse worker peak_mb=%.0f workers=%d", pool.peak_worker_kb / 1024, pool.started)
    out.quarantined.sort(key=lambda item: item["source"])
    return out


def read_one(sources: Iterable[Path], source: str, *, limits: ReadLimits) -> tuple[Document, list[Passage]] | None:
    """One document read again from the sources, through the same boundary and budget (None if it cannot be)."""
    scanned = scan(sources, boundary=Boundary(refuse_symlinks=limits.refuse_symlinks))
    item = next((f for f in scanned.found if f.source == source), None)
    if item is None:
        return None
    try:
        check_size(item.size, limits)
        with ParsePool(limits) as pool:
            parsed = pool.parse(item)
    except (LoadError, LimitExceeded):
        return None
    return parsed.document, parsed.passages


def _add(out: Collected, parsed: Parsed, *, digest: str, also: list[str], previous: dict[str, Any] | None) -> None:
    document, passages = parsed.document, parsed.passages
    for passage in passages:
        passage.also = list(also)
    out.fresh.append((document, passages))
    # Metadata, review dates and the content history the digest reads (ingest/manifest_entry.py).
    entry = document_entry(document, digest=digest, passages=len(passages), previous=previous)
    entry["screened"] = SCREEN_VERSION
    if document.encoding:
        entry["encoding"] = document.encoding
    if parsed.withheld:
        entry["withheld"] = parsed.withheld
    out.documents[document.source] = _with_also(entry, also)


def _with_also(entry: dict[str, Any], also: list[str]) -> dict[str, Any]:
    entry = {key: value for key, value in entry.items() if key != "also"}
    if also:
        entry["also"] = list(also)
    return entry


def _quarantine(out: Collected, source: str, *, reason: str, old: dict[str, dict[str, Any]]) -> None:
    out.quarantined.append({"source": source, "reason": reason})
    if source in old:
        # The last good version stays searchable; the summary says so.
        out.documents[source] = dict(old[source], stale=True)
        out.keep.append(source)
        out.kept_last_good.append(source)
