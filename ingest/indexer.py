"""Bring the index in step with document folders: add, update, remove, never re-embed the unchanged.

A run scans the sources, compares content hashes with the live version's
manifest, builds a complete new version beside it (copying unchanged
passages with their embeddings), checks it, and publishes it in one step.
Unreadable files are quarantined with a reason; a document that was indexed
before and has become unreadable keeps its last good passages.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from ingest.embedder import Embedder
from ingest.findings.storage import is_current, write_version_findings
from ingest.loaders import LoadError, load_file
from ingest.manifest_entry import document_entry, needs_review_dates, with_review_dates
from ingest.metadata import build_document, content_hash
from ingest.models import Document, Passage
from ingest.splitter import split_document
from ingest.store import IndexVersion, KnowledgeStore, Manifest, StoreEmpty

log = logging.getLogger(__name__)
EMBED_BATCH = 64
SMOKE_DOCUMENTS = 3
SMOKE_K = 10
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
    embedded: int = 0
    passages: int = 0
    documents: int = 0
    seconds: float = 0.0
    changed: bool = False

    def to_json(self) -> dict:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        return data


@dataclass
class _Found:
    source: str
    path: Path


def scan(sources: Iterable[Path]) -> list[_Found]:
    """Every candidate file under the source folders (or the files themselves), sorted."""
    sources = [Path(s) for s in sources]
    found: dict[str, _Found] = {}
    for root in sources:
        if root.is_file():
            found[root.name] = _Found(root.name, root)
            continue
        if not root.is_dir():
            raise FileNotFoundError(f"document folder not found: {root}")
        prefix = f"{root.name}/" if len(sources) > 1 else ""
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if any(part.startswith((".", "~$")) for part in relative.parts) or not path.is_file():
                continue
            if path.name.lower() in {"readme.md", "license", "sources.md"}:
                continue
            found[prefix + relative.as_posix()] = _Found(prefix + relative.as_posix(), path)
    return [found[key] for key in sorted(found)]


def sync(
    store: KnowledgeStore,
    sources: Iterable[Path],
    *,
    embedder: Embedder,
    progress: Progress | None = None,
    keep_versions: int = 2,
    force: bool = False,
    findings_model=None,
) -> SyncSummary:
    """Make the live index mirror ``sources``; returns what changed. Holds the store's write lock."""
    started = time.perf_counter()
    with store.write_lock():
        summary = _sync_locked(store, list(sources), embedder=embedder, progress=progress, force=force,
                               findings_model=findings_model)
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
    store: KnowledgeStore, sources: list[Path], *, embedder: Embedder, progress: Progress | None, force: bool,
    findings_model=None,
) -> SyncSummary:
    try:
        live: IndexVersion | None = store.live()
        old = live.manifest()
    except StoreEmpty:
        live, old = None, None
    reuse = old is not None and old.model == embedder.name and old.dimension == embedder.dimension and not force
    old_docs = old.documents if old else {}

    summary = SyncSummary(version=old.version if old else None)
    fresh: list[Passage] = []
    fresh_docs: list = []  # (Document, passages) of documents loaded this run, for their findings
    documents: dict[str, dict] = {}
    keep_sources: list[str] = []
    upgraded = False

    for item in scan(sources):
        try:
            data = item.path.read_bytes()
        except OSError as exc:
            _quarantine(summary, item.source, f"cannot read file ({exc.strerror})", old_docs, documents, keep_sources)
            continue
        digest = content_hash(data)
        previous = old_docs.get(item.source)
        if reuse and previous and previous["hash"] == digest:
            summary.unchanged.append(item.source)
            documents[item.source] = previous
            if needs_review_dates(previous):  # an index written before review dates were read
                documents[item.source] = with_review_dates(previous, item.path)
                upgraded = True
            keep_sources.append(item.source)
            continue
        try:
            raw, hints = load_file(item.path)
            document = build_document(source=item.source, path=item.path, raw=raw, hints=hints, data=data)
            passages = split_document(document)
            if not passages:
                raise LoadError("no passages could be cut from the text")
        except LoadError as exc:
            _quarantine(summary, item.source, str(exc), old_docs if reuse else {}, documents, keep_sources)
            continue
        (summary.updated if previous else summary.added).append(item.source)
        fresh.extend(passages)
        fresh_docs.append((document, passages))
        documents[item.source] = document_entry(document, passages=len(passages), previous=previous)

    summary.removed = sorted(set(old_docs) - set(documents))
    old_quarantine = old.quarantined if old else []
    summary.changed = (
        old is None
        or not reuse
        or bool(summary.added or summary.updated or summary.removed)
        or upgraded
        or summary.quarantined != old_quarantine
        or not is_current(live.path)  # findings missing or written by older rules
    )
    if not summary.changed:
        summary.documents = len(documents)
        summary.passages = old.passages if old else 0
        return summary

    version = store.new_version()
    try:
        copied, copied_vectors = ([], [])
        if live is not None and keep_sources and reuse:
            copied, copied_vectors = live.passages(with_embeddings=True, where={"source": {"$in": keep_sources}})
        vectors = _embed(embedder, fresh, progress)
        summary.embedded = len(fresh)
        all_passages = copied + fresh
        version.collection(create=True)
        if all_passages:
            version.add(all_passages, copied_vectors + vectors)
        manifest = Manifest(
            version=version.name,
            created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            model=embedder.name,
            dimension=embedder.dimension,
            documents=documents,
            quarantined=summary.quarantined,
            passages=len(all_passages),
        )
        write_version_findings(version.path, fresh_docs, keep=keep_sources, previous_dir=live.path if live else None,
                               reload=reloader(sources), model=findings_model)
        check_version(version, manifest, dimension=embedder.dimension)
        manifest.save(version.manifest_path)
        store.seal(version)
        store.publish(version)
    except BaseException:
        store.discard(version)
        raise
    summary.version = version.name
    summary.documents = len(documents)
    summary.passages = manifest.passages
    return summary


def reloader(sources: Iterable[Path]) -> Callable[[str], tuple[Document, list[Passage]] | None]:
    """Load one indexed document again from the source folders (None when it can no longer be read): the
    findings of a kept document written by older rules are extracted again from its file."""
    sources = list(sources)
    paths: dict[str, Path] = {}

    def reload(source: str) -> tuple[Document, list[Passage]] | None:
        if not paths:  # scanned only when a document actually has to be read again
            paths.update({item.source: item.path for item in scan(sources)})
        path = paths.get(source)
        if path is None:
            return None
        try:
            data = path.read_bytes()
            raw, hints = load_file(path)
        except (OSError, LoadError):
            log.info("findings reload skipped source_id=%s", source)
            return None
        document = build_document(source=source, path=path, raw=raw, hints=hints, data=data)
        return document, split_document(document)

    return reload


def _quarantine(summary, source, reason, old_docs, documents, keep_sources) -> None:
    summary.quarantined.append({"source": source, "reason": reason})
    if source in old_docs:
        # The last good version stays searchable; the summary says so.
        documents[source] = dict(old_docs[source], stale=True)
        keep_sources.append(source)
        summary.kept_last_good.append(source)


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


def check_version(version: IndexVersion, manifest: Manifest, *, dimension: int) -> None:
    """Refuse to publish a version whose contents do not match its manifest or cannot be searched."""
    if manifest.passages == 0:
        return
    collection = version.collection()
    count = collection.count()
    if count != manifest.passages:
        raise RuntimeError(f"index check failed: {count} passages stored, {manifest.passages} expected")
    sample = collection.get(limit=1, include=["embeddings"])
    if len(sample["embeddings"][0]) != dimension:
        raise RuntimeError("index check failed: embedding dimension does not match the model")
    smoke_query(version, manifest)


def smoke_query(version: IndexVersion, manifest: Manifest, *, documents: int = SMOKE_DOCUMENTS) -> None:
    """A few documents, spread over the manifest, must be found by a query with one of their passages' vectors."""
    sources = sorted(source for source, meta in manifest.documents.items() if meta.get("passages"))
    if not sources:
        return
    step = max(1, len(sources) // documents)
    collection = version.collection()
    for source in sources[::step][:documents]:
        got = collection.get(where={"source": source}, limit=1, include=["embeddings"])
        if not got["ids"]:
            raise RuntimeError(f"index check failed: no passages stored for document {source!r}")
        found = version.query([float(x) for x in got["embeddings"][0]], k=SMOKE_K)
        if got["ids"][0] not in {pid for pid, _ in found}:
            raise RuntimeError(f"index check failed: a query for document {source!r} does not find it")
