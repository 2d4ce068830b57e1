"""The refresh job (ingest.indexer.sync): add, change, remove, no-op, quarantine, rollback, one writer.

Every test runs against the embedded store and a real `chroma run` server.
"""

from __future__ import annotations

import threading

import pytest

from tests.support.refresh_docs import TOPICS, stored_sources, stored_texts, write_corpus, write_doc
from ingest.indexer import sync
from ingest.rollback import NothingToRollBack, rollback
from ingest.store import StoreBusy


def test_add_change_remove_noop(make_kb, docs_dir, tmp_path, embedder):
    store = make_kb(tmp_path / "store")
    write_corpus(docs_dir, ["supervision.md", "strategy.md"])

    first = sync(store, [docs_dir], embedder=embedder)
    assert sorted(first.added) == ["strategy.md", "supervision.md"] and first.changed
    assert first.embedded == first.passages > 0

    # Nothing changed: no new version, nothing embedded.
    noop = sync(store, [docs_dir], embedder=embedder)
    assert not noop.changed and noop.version == first.version and noop.embedded == 0
    assert sorted(noop.unchanged) == ["strategy.md", "supervision.md"]
    assert store.versions() == [first.version]

    # A new document is added; the others are copied, not re-embedded.
    write_doc(docs_dir, "visits.md", *TOPICS["visits.md"])
    added = sync(store, [docs_dir], embedder=embedder)
    counts = stored_sources(store)
    assert added.added == ["visits.md"] and added.embedded == counts["visits.md"]
    assert sorted(added.unchanged) == ["strategy.md", "supervision.md"]

    # A changed document is re-embedded alone.
    write_doc(docs_dir, "strategy.md", *TOPICS["strategy.md"], extra="The Kestrel protocol applies out of hours.")
    changed = sync(store, [docs_dir], embedder=embedder)
    counts = stored_sources(store)
    assert changed.updated == ["strategy.md"] and changed.embedded == counts["strategy.md"]
    assert "Kestrel protocol" in stored_texts(store)
    assert store.live().manifest().documents["strategy.md"]["passages"] == counts["strategy.md"]

    # A deleted document leaves the live version.
    (docs_dir / "supervision.md").unlink()
    removed = sync(store, [docs_dir], embedder=embedder)
    assert removed.removed == ["supervision.md"] and removed.embedded == 0
    assert "supervision.md" not in stored_sources(store)
    assert "supervision.md" not in store.live().manifest().documents
    # Live and previous are kept; older versions are pruned.
    assert len(store.versions()) == 2 and removed.version in store.versions()


def test_bad_documents_never_stop_a_refresh(make_kb, docs_dir, tmp_path, embedder):
    store = make_kb(tmp_path / "store")
    write_corpus(docs_dir, ["supervision.md", "visits.md"])
    sync(store, [docs_dir], embedder=embedder)

    (docs_dir / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (docs_dir / "visits.md").write_bytes(b"\xff\xfe\x00 not utf-8 \xc3\x28")  # was good, now unreadable
    write_doc(docs_dir, "strategy.md", *TOPICS["strategy.md"])
    summary = sync(store, [docs_dir], embedder=embedder)

    reasons = {q["source"]: q["reason"] for q in summary.quarantined}
    assert set(reasons) == {"broken.pdf", "visits.md"} and all(reasons.values())
    assert summary.added == ["strategy.md"] and summary.kept_last_good == ["visits.md"]
    counts = stored_sources(store)
    assert counts.get("visits.md", 0) > 0, "the last good version of an unreadable document stays searchable"
    assert store.live().manifest().documents["visits.md"].get("stale") is True


def test_rollback_switches_to_previous_and_back(make_kb, docs_dir, tmp_path, embedder):
    store = make_kb(tmp_path / "store")
    write_corpus(docs_dir, ["supervision.md"])
    first = sync(store, [docs_dir], embedder=embedder)
    with pytest.raises(NothingToRollBack):
        rollback(store)
    write_doc(docs_dir, "supervision.md", *TOPICS["supervision.md"], extra="Group supervision meets monthly.")
    second = sync(store, [docs_dir], embedder=embedder)

    assert rollback(store) == (second.version, first.version)
    assert store.live_name() == first.version and "Group supervision" not in stored_texts(store)
    assert rollback(store) == (first.version, second.version)  # a second rollback undoes the first
    assert "Group supervision" in stored_texts(store)

    # After a rollback, the next refresh builds on the rolled-back version and prune keeps it as previous.
    rollback(store)
    third = sync(store, [docs_dir], embedder=embedder)
    assert third.updated == ["supervision.md"] and third.version not in {first.version, second.version}
    assert set(store.versions()) == {first.version, third.version}


def test_one_writer_at_a_time(make_kb, docs_dir, tmp_path, embedder):
    store = make_kb(tmp_path / "store")
    write_corpus(docs_dir, ["supervision.md"])
    results: list[object] = []
    inside = threading.Event()
    release = threading.Event()

    def slow_progress(done: int, total: int) -> None:
        inside.set()
        release.wait(30)

    writer = threading.Thread(target=lambda: results.append(
        sync(store, [docs_dir], embedder=embedder, progress=slow_progress)))
    writer.start()
    try:
        assert inside.wait(60)
        with pytest.raises(StoreBusy, match="another refresh"):
            sync(make_kb(tmp_path / "store"), [docs_dir], embedder=embedder)
        with pytest.raises(StoreBusy):
            rollback(store)
    finally:
        release.set()
        writer.join(60)
    assert results and results[0].added == ["supervision.md"]
    assert not sync(store, [docs_dir], embedder=embedder).changed  # the lock is free again


def test_a_version_failing_its_checks_is_never_published(docs_dir, tmp_path, embedder, monkeypatch):
    from ingest.store import IndexVersion, KnowledgeStore

    store = KnowledgeStore(tmp_path / "store")
    write_corpus(docs_dir, ["visits.md"])
    before = sync(store, [docs_dir], embedder=embedder)
    write_doc(docs_dir, "strategy.md", *TOPICS["strategy.md"])
    original_add = IndexVersion.add
    monkeypatch.setattr(IndexVersion, "add", lambda self, passages, vectors: original_add(self, passages[1:], vectors[1:]))
    with pytest.raises(RuntimeError, match="index check failed"):
        sync(store, [docs_dir], embedder=embedder)
    assert store.live_name() == before.version and store.versions() == [before.version]
    assert [p.name for p in store.versions_dir.iterdir()] == [before.version], "the failed build is discarded"


def test_versions_kept_other_than_two_from_the_environment(tmp_path, docs_dir, embedder, monkeypatch):
    """KB_VERSIONS_KEPT=3 through the composition root: the live version and the two most recently live before it."""
    from assistant.runtime import Runtime
    from assistant.status import knowledge_status
    from config.settings import SettingsError, load_settings

    monkeypatch.setenv("KB_VERSIONS_KEPT", "3")
    settings = load_settings(store_dir=tmp_path / "store", sources=[docs_dir])
    assert settings.versions_kept == 3
    refresher = Runtime(settings, embedder=embedder, chat_model=None).refresher
    store = refresher.store
    write_corpus(docs_dir, ["visits.md"])
    built = []
    for n in range(5):
        write_doc(docs_dir, "visits.md", *TOPICS["visits.md"], extra=f"Revision {n} of the visiting standard.")
        built.append(refresher.run().version)
        assert store.versions() == built[-3:]  # oldest pruned first, never more than three
    assert store.live_name() == built[-1] and store.previous_names() == [built[-2], built[-3]]
    assert knowledge_status(store)["versions_kept"] == 3
    monkeypatch.setenv("KB_VERSIONS_KEPT", "1")  # the previous version is always kept, so rollback works
    with pytest.raises(SettingsError, match="versions_kept"):
        load_settings(store_dir=tmp_path / "store")
