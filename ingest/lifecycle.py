"""One version lifecycle, used by refresh, forget and rollback: build -> check -> save -> seal -> publish, or discard.

A version is written inside :func:`build_version`; when the block ends, the
version is checked against its manifest (counts, dimension, a smoke query per
sampled document), its manifest saved (which makes it a complete version),
its files sealed (closed and scrubbed), and published if asked. Any failure,
inside the block or in those steps, discards it, so a half-built version is
never left behind and never published. :func:`republish` checks a kept
version and makes it live again (rollback).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from ingest.lexical import LexicalIndex
from ingest.store import KnowledgeStore
from ingest.versions import IndexVersion, Manifest

SMOKE_DOCUMENTS = 3
SMOKE_K = 10
SMOKE_K_WIDE = 100  # HNSW is approximate: in a large index an exact vector can fall just outside the first 10


class VersionCheckFailed(RuntimeError):
    """A version's contents do not match its manifest, or it cannot be searched."""


@dataclass
class Draft:
    """A version being built: fill ``version``, then set ``manifest`` before the block ends."""

    version: IndexVersion
    manifest: Manifest | None = None


@contextmanager
def build_version(store: KnowledgeStore, *, publish: bool = True, number: int | None = None) -> Iterator[Draft]:
    """A new version to fill; checked, saved, sealed and (``publish``) published when the block ends.
    ``number``: its place in the server's shared collection when not the next (``forget`` keeps a version's)."""
    draft = Draft(store.new_version(number=number))
    try:
        yield draft
        if draft.manifest is None:
            raise VersionCheckFailed("a built version needs a manifest")
        draft.manifest.version = draft.version.name
        draft.manifest.number = draft.version.number
        check_version(draft.version, draft.manifest)
        draft.manifest.save(draft.version.manifest_path)
        store.seal(draft.version)
        if publish:
            store.publish(draft.version)
    except BaseException:
        store.discard(draft.version)
        raise


def republish(store: KnowledgeStore, version: IndexVersion) -> None:
    """Check a kept, complete version and make it live (its files are not written)."""
    check_version(version, version.manifest())
    store.release(version)
    store.publish(version)


def check_version(version: IndexVersion, manifest: Manifest) -> None:
    """Raise :class:`VersionCheckFailed` unless the version holds what its manifest says and can be searched."""
    if manifest.passages == 0:
        return
    count = version.count()
    if count != manifest.passages:
        raise VersionCheckFailed(f"index check failed: {count} passages stored, {manifest.passages} expected")
    lexical = LexicalIndex.open(version.path)
    if lexical is not None and len(lexical) != manifest.passages:
        raise VersionCheckFailed(f"index check failed: {len(lexical)} passages in the lexical index, {manifest.passages} expected")
    sample = version.first()
    if sample is None or len(sample[1]) != manifest.dimension:
        raise VersionCheckFailed("index check failed: embedding dimension does not match the model")
    smoke_query(version, manifest)


def smoke_query(version: IndexVersion, manifest: Manifest, *, documents: int = SMOKE_DOCUMENTS) -> None:
    """A few documents, spread over the manifest, must be found by a query with one of their passages' vectors."""
    sources = sorted(source for source, meta in manifest.documents.items() if meta.get("passages"))
    if not sources:
        return
    step = max(1, len(sources) // documents)
    for source in sources[::step][:documents]:
        got = version.first({"source": source})
        if got is None:
            raise VersionCheckFailed(f"index check failed: no passages stored for document {source!r}")
        pid, vector = got[0], [float(x) for x in got[1]]
        found = {found_id for found_id, _ in version.query(vector, k=SMOKE_K)}
        if pid not in found:
            found = {found_id for found_id, _ in version.query(vector, k=min(SMOKE_K_WIDE, manifest.passages))}
        if pid not in found:
            raise VersionCheckFailed(f"index check failed: a query for document {source!r} does not find it")
