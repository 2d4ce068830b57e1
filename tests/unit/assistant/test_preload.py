"""A new version is loaded in the background: questions keep the loaded version until it is ready, and a
replica's watcher preloads a version another process published."""

from __future__ import annotations

import shutil
import time

from assistant.pipeline import Assistant
from assistant.watch import watch_live
from ingest.indexer import sync
from ingest.store import KnowledgeStore
from tests.conftest import KNOWLEDGE
from tests.support.refresh_docs import TOPICS, write_doc


def _publish_another(docs, store, embedder, name: str) -> str:
    write_doc(docs, name, *TOPICS["visits.md"])
    return sync(store, [docs], embedder=embedder).version


def test_questions_keep_the_loaded_version_while_the_next_one_preloads(tmp_path, embedder):
    docs = tmp_path / "docs"
    shutil.copytree(KNOWLEDGE, docs)
    store = KnowledgeStore(tmp_path / "store")
    sync(store, [docs], embedder=embedder)
    assistant = Assistant(store, embedder=embedder)
    try:
        assistant.warm()
        first = assistant.retriever.version.name
        second = _publish_another(docs, store, embedder, "visits-copy.md")
        with assistant._preloading:  # a preload in progress
            assert assistant.retriever.version.name == first
        assert assistant.preload() is True
        assert assistant.retriever.version.name == second == store.live_name()
        assert assistant.preload() is False  # nothing new
        assert assistant.ask("How often are children in care visited?").hits
    finally:
        assistant.close()


def test_a_replica_watcher_preloads_what_another_process_published(tmp_path, embedder):
    docs = tmp_path / "docs"
    shutil.copytree(KNOWLEDGE, docs)
    store = KnowledgeStore(tmp_path / "store")
    sync(store, [docs], embedder=embedder)
    replica = Assistant(KnowledgeStore(store.root), embedder=embedder)
    stop = watch_live(replica, interval=0.05)
    try:
        replica.warm()
        published = _publish_another(docs, store, embedder, "visits-copy.md")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            loaded = replica._retriever
            if loaded is not None and loaded.version.name == published:
                break
            time.sleep(0.05)
        assert replica._retriever.version.name == published, "the watcher preloads the published version"
    finally:
        stop.set()
        replica.close()
