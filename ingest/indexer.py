"""Bring the index in step with document folders: add, update, remove, never re-embed the unchanged.

A run scans the sources, compares content hashes with the live version's
manifest, builds a complete new version beside it (unchanged passages
keep their embeddings; embedded, the live Chroma folder is copied and what
changed deleted from the copy; on a server, only the changed records are closed and added in the
shared collection: ingest/carry.py), checks it, and publishes it in one step
(the lifecycle in ingest/lifecycle.py).
Unreadable files are quarantined with a reason; a document that was indexed
before and has become unreadable keeps its last good passages.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from ingest import ranges
from ingest.carry import carry_ranges, copy_forward
from ingest.collect import collect, read_one
from ingest.embedder import Embedder
from ingest.findings.storage import is_current, write_version_findings
from ingest.lexical import LexicalIndex, has_lexical
from ingest.lifecycle import build_version
from ingest.unit_vectors import carry_unit_vectors, has_unit_vectors, write_unit_vectors
from ingest.units import CUTTING_VERSION
from ingest.limits import ReadLimits
from ingest.models import Document, Passage
from ingest.store import KnowledgeStore, StoreEmpty
from ingest.versions import IndexVersion, Manifest

if TYPE_CHECKING:
    from ingest.findings.model import ModelFindings

log = logging.getLogger(__name__)
EMBED_BATCH = 64
COMPACT_AFTER = 200  # documents deleted in place (Manifest.lingering) before a refresh rebuilds from the records
Progress = Callable[[int, int], None]


@dataclass
class SyncSummary:
    version: str | None
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    quarantined: list[dict[str, str]] = field(default_factory=list)
    kept_last_good: list[str] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)  # {"source", "same_as"}: stored once
    flagged: list[dict] = field(default_factory=list)  # {"source", "sentences", "patterns"}: sentences withheld
    embedded: int = 0
    units_embedded: int = 0  # answer units (sentences with their headings) embedded for new passages
    passages: int = 0
    documents: int = 0
    seconds: float = 0.0
    changed: bool = False

    def to_json(self) -> dict:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        return data


def sync(
    store: KnowledgeStore,
    sources: Iterable[Path],
    *,
    embedder: Embedder,
    progress: Progress | None = None,
    keep_versions: int = 2,
    findings_model: ModelFindings | None = None,
    limits: ReadLimits | None = None,
) -> SyncSummary:
    """Make the live index mirror ``sources``; returns what changed. Holds the store's write lock."""
    started = time.perf_counter()
    with store.write_lock():
        summary = _sync_locked(store, list(sources), embedder=embedder, progress=progress,
                               findings_model=findings_model, limits=limits)
        if summary.changed:
            store.prune(keep=keep_versions)
    summary.seconds = time.perf_counter() - started
    log.info(
        "sync done version=%s added=%d updated=%d removed=%d unchanged=%d quarantined=%d embedded=%d seconds=%.2f",
        summary.version, len(summary.added), len(summary.updated), len(summary.removed),
        len(summary.unchanged), len(summary.quarantined), summary.embedded, summary.seconds,
    )
    return summary


def _sync_locked(
    store: KnowledgeStore, sources: list[Path], *, embedder: Embedder, progress: Progress | None,
    findings_model: ModelFindings | None = None, limits: ReadLimits | None = None,
) -> SyncSummary:
    try:
        live: IndexVersion | None = store.live()
        old = live.manifest()
    except StoreEmpty:
        live, old = None, None
    reuse = (old is not None and old.model == embedder.name and old.dimension == embedder.dimension
             and old.cutting == CUTTING_VERSION)  # passages cut another way are cut again
    old_docs = old.documents if old else {}

    summary = SyncSummary(version=old.version if old else None)
    gathered = collect(sources, old=old_docs, reuse=reuse, limits=limits or ReadLimits())
    for name in ("added", "updated", "unchanged", "quarantined", "kept_last_good", "duplicates", "flagged"):
        setattr(summary, name, getattr(gathered, name))
    fresh: list[Passage] = [p for _, passages in gathered.fresh for p in passages]
    fresh_docs = gathered.fresh  # (Document, passages) of documents loaded this run, for their findings
    documents, keep_sources = gathered.documents, gathered.keep

    summary.removed = sorted(set(old_docs) - set(documents))
    old_quarantine = old.quarantined if old else []
    summary.changed = (
        old is None
        or not reuse
        or bool(summary.added or summary.updated or summary.removed)
        or summary.quarantined != old_quarantine
        or any(meta.get("also") != old_docs.get(source, {}).get("also") for source, meta in documents.items())
        or not is_current(live.path)  # findings missing or written by older rules
        or not has_unit_vectors(live.path)  # a version from before answer units were embedded
        or not has_lexical(live.path)  # a version from before its lexical index was saved beside it
    )
    if not summary.changed:
        summary.documents = len(documents)
        summary.passages = old.passages if old else 0
        return summary

    # With the live version's lexical index: embedded, start from a copy of its files and apply the changes (once
    # many documents' deleted text lingers in the copied files, build afresh, which leaves none); on a server,
    # write only the changes into the shared collection (a version from before it is copied into it once).
    incremental = (live is not None and reuse and has_lexical(live.path) and has_unit_vectors(live.path)
                   and (live.starts is not None if store.server_mode else len(old.lingering) < COMPACT_AFTER))
    with build_version(store) as draft:
        version = draft.version
        lingering: list[str] = []
        vectors = _embed(embedder, fresh, progress)
        summary.embedded = len(fresh)
        if incremental:
            kept = set(keep_sources)
            drop = sorted(source for source in old_docs if source not in kept)
            renamed = {s: gathered.also[s] for s in keep_sources
                       if s in gathered.also and documents.get(s, {}).get("also") != old_docs[s].get("also")}
            if store.server_mode:
                added_again = carry_ranges(live, version, drop=drop, also=renamed)
            else:
                copy_forward(live, version, drop=drop, also=renamed)
                lingering = sorted(set(old.lingering) | set(drop) | set(renamed))
            with version.writer() as write:  # Chroma stores while the lexical index and unit vectors are made
                if fresh:
                    write(fresh, vectors)
                lexical = LexicalIndex.update(live.path, keep=keep_sources, fresh=fresh)
                fresh_ids = {p.id for p in fresh}
                summary.units_embedded = carry_unit_vectors(
                    version.path, live.path, [pid for pid in map(bytes.decode, lexical.ids) if pid not in fresh_ids],
                    fresh, embed=embedder.embed_batch, dimension=embedder.dimension)
        else:
            copied, copied_vectors = ([], [])
            if live is not None and keep_sources and reuse:
                copied, copied_vectors = live.passages(with_embeddings=True, where={"source": {"$in": keep_sources}})
                for passage in copied:
                    passage.also = gathered.also.get(passage.source, passage.also)
            all_passages = copied + fresh
            collection = version.collection(create=True)
            if version.number:  # the shared collection: the newest version's records are not this one's
                ranges.close(collection, ranges.open_records(collection)["ids"], version.number)
            with version.writer() as write:
                if all_passages:
                    write(all_passages, copied_vectors + vectors)
                lexical = LexicalIndex.build(all_passages)
                summary.units_embedded = write_unit_vectors(
                    version.path, all_passages, embed=embedder.embed_batch, dimension=embedder.dimension,
                    previous=live.path if live is not None and reuse else None)
        lexical.save(version.path)
        if version.number:  # each passage's record: carried ones keep theirs, the rest are this version's own
            carried = live.starts.as_dict() if incremental else {}
            renew = {p.id for p in fresh} | added_again if incremental else None
            ranges.Starts.of({pid: version.number if renew is None or pid in renew else carried[pid]
                              for pid in map(bytes.decode, lexical.ids)}).save(version.path)
        write_version_findings(version.path, fresh_docs, keep=keep_sources, previous_dir=live.path if live else None,
                               reload=reloader(sources, limits=limits or ReadLimits()), model=findings_model)
        draft.manifest = Manifest(
            version=version.name,
            created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            model=embedder.name,
            dimension=embedder.dimension,
            documents=documents,
            quarantined=summary.quarantined,
            passages=len(lexical),
            cutting=CUTTING_VERSION,
            lingering=lingering,
        )
    summary.version = version.name
    summary.documents = len(documents)
    summary.passages = draft.manifest.passages
    return summary


def reloader(sources: Iterable[Path], *, limits: ReadLimits) -> Callable[[str], tuple[Document, list[Passage]] | None]:
    """Load one indexed document again from the source folders (None when it can no longer be read): the
    findings of a kept document written by older rules are extracted again from its file, through the same
    boundary, limits and parse worker as any ingest."""
    sources = list(sources)

    def reload(source: str) -> tuple[Document, list[Passage]] | None:
        loaded = read_one(sources, source, limits=limits)
        if loaded is None:
            log.info("findings reload skipped source_id=%s", source)
        return loaded

    return reload


def _embed(embedder: Embedder, passages: list[Passage], progress: Progress | None) -> list[list[float]]:
    """Vectors for ``passages`` in their order; embedded shortest first so each batch pads little."""
    texts = [p.embedding_text() for p in passages]
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    vectors: list[list[float]] = [[] for _ in texts]
    for start in range(0, len(order), EMBED_BATCH):
        batch = order[start : start + EMBED_BATCH]
        for index, vector in zip(batch, embedder.embed_batch([texts[i] for i in batch])):
            vectors[index] = vector
        if progress:
            progress(min(start + EMBED_BATCH, len(passages)), len(passages))
    return vectors
