"""Refresh safety: questions during a version swap, kill -9 at any moment, then a clean refresh.

Against the embedded store and a real `chroma run` server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import traceback
import time
from pathlib import Path

import pytest

from tests.support.refresh_docs import TOPICS, write_corpus, write_doc
from assistant.pipeline import Assistant
from ingest.indexer import sync
from ingest.store import IndexVersion
from tests.conftest import ROOT

QUESTION = "How often are children in care visited by their social worker?"


def test_questions_during_refreshes_never_fail_or_come_back_empty(make_kb, docs_dir, tmp_path, embedder):
    store = make_kb(tmp_path / "store")
    write_corpus(docs_dir)
    sync(store, [docs_dir], embedder=embedder)
    # One reader shares the refresh's store object (as /kb-refresh inside `serve` does); one has its own.
    readers = [Assistant(store, embedder=embedder),
               Assistant(make_kb(tmp_path / "store"), embedder=embedder)]
    errors: list[str] = []
    empty: list[str] = []
    seen: set[str] = set()
    asked = [0]
    stop = threading.Event()

    def ask_in_a_loop(assistant: Assistant) -> None:
        while not stop.is_set():
            try:
                answer = assistant.ask(QUESTION)
                seen.add(assistant.retriever.version.name)
                asked[0] += 1
                if not answer.hits or answer.hits[0].passage.source != "visits.md":
                    empty.append(answer.hits[0].passage.source if answer.hits else "no hits")
            except Exception as exc:  # noqa: BLE001 - the test reports any failure
                errors.append(traceback.format_exc()[-1500:])

    threads = [threading.Thread(target=ask_in_a_loop, args=(reader,)) for reader in readers]
    for thread in threads:
        thread.start()
    published = []
    try:
        for revision in range(4):
            write_doc(docs_dir, "strategy.md", *TOPICS["strategy.md"], extra=f"Revision {revision} of the protocol.")
            published.append(sync(store, [docs_dir], embedder=embedder).version)
            time.sleep(0.3)
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)
    assert not errors, errors[:3]
    assert not empty, empty[:3]
    assert asked[0] > 10 and len(seen) >= 3, (asked[0], seen)
    assert store.live_name() == published[-1]


CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from ingest import indexer
    from ingest.embedder import MiniLMEmbedder
    from ingest.store import IndexVersion, KnowledgeStore

    root, docs, point, marker, host, port = sys.argv[1:]

    def stop_here(*_args):
        Path(marker).write_text(point)
        time.sleep(600)

    progress = stop_here if point == "embedding" else None
    if point == "adding":
        original_add = IndexVersion.add
        def half_then_stop(self, passages, embeddings):
            original_add(self, passages[: len(passages) // 2], embeddings[: len(passages) // 2])
            stop_here()
        IndexVersion.add = half_then_stop
    if point == "publishing":
        KnowledgeStore.publish = lambda self, version: stop_here()
    indexer.EMBED_BATCH = 4
    store = KnowledgeStore(root, chroma_host=host or None, chroma_port=int(port))
    indexer.sync(store, [Path(docs)], embedder=MiniLMEmbedder(), progress=progress)
""")


# Three moments: while embedding (version folder only), half-way through writing passages (a half-filled
# Chroma folder or server collection), and with a complete version about to be published.
@pytest.mark.parametrize(("kb_mode", "point"), [("embedded", "embedding"), ("server", "adding"),
                                                ("embedded", "publishing")])
def test_kill_9_mid_refresh_leaves_live_serving_and_next_refresh_completes(
    point, kb_mode, make_kb, docs_dir, tmp_path, embedder
):
    store = make_kb(tmp_path / "store")
    write_corpus(docs_dir, ["visits.md"])
    before = sync(store, [docs_dir], embedder=embedder)
    for n in range(6):
        write_doc(docs_dir, f"extra-{n}.md", f"Practice note {n}", f"Practice note number {n} covers recording "
                  f"standard {n}. Managers check the chronology and the plan within {n + 2} working days.")

    script = tmp_path / "child.py"
    script.write_text(CHILD.format(root=str(ROOT)))
    marker = tmp_path / "stopped-here"
    args = [sys.executable, str(script), str(store.root), str(docs_dir), point, str(marker),
            store.chroma_host or "", str(store.chroma_port)]
    child = subprocess.Popen(args, env={**os.environ, "HF_HUB_OFFLINE": "1"}, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), f"the refresh never reached {point}: {child.stderr.read().decode()[-2000:]}"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL

    leftovers = [name for name in os.listdir(store.versions_dir) if name != before.version]
    assert len(leftovers) == 1, "the killed refresh left its unfinished version behind"
    if kb_mode == "server" and point == "adding":  # half its records are in the versions' shared collection
        shared = store.shared_collection(store.shared_name())
        assert shared.count() > store.live().count() == before.passages
    # The live version still serves.
    assert store.live_name() == before.version
    answer = Assistant(make_kb(store.root), embedder=embedder).ask(QUESTION)
    assert answer.hits and answer.hits[0].passage.source == "visits.md"

    # The next refresh takes the lock (flock died with the process), completes and cleans up.
    after = sync(make_kb(store.root), [docs_dir], embedder=embedder)
    assert after.changed and len(after.added) == 6 and after.unchanged == ["visits.md"]
    assert store.live_name() == after.version
    assert sorted(os.listdir(store.versions_dir)) == sorted([before.version, after.version])
    if kb_mode == "server":  # the killed build's records were removed before the next one was numbered
        assert store.live().number == IndexVersion(store, before.version).number + 1
        assert shared.count() == store.live().count() == after.passages
