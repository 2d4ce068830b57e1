"""`python bot.py refresh | rollback | forget` as an operator runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.support.refresh_docs import TOPICS, write_corpus, write_doc
from ingest.indexer import sync
from ingest.store import KnowledgeStore
from tests.conftest import ROOT

SUMMARY_KEYS = {"version", "added", "updated", "removed", "unchanged", "quarantined", "seconds"}


def bot(*args: str, store: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KB_STORE_DIR": str(store), "HF_HUB_OFFLINE": "1"}
    env.pop("CHROMA_HOST", None)
    return subprocess.run([sys.executable, str(ROOT / "bot.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_refresh_json_noop_rollback_forget(docs_dir, tmp_path, embedder):
    store = tmp_path / "store"
    write_corpus(docs_dir, ["supervision.md", "visits.md"])
    (docs_dir / "notes.xyz").write_text("not a document type we read")
    first = bot("refresh", "--source", str(docs_dir), "--json", store=store)
    assert first.returncode == 0, first.stderr[-2000:]
    summary = json.loads(first.stdout)
    assert SUMMARY_KEYS <= set(summary)
    assert sorted(summary["added"]) == ["supervision.md", "visits.md"]
    assert summary["quarantined"] == [{"source": "notes.xyz", "reason": summary["quarantined"][0]["reason"]}]

    started = time.perf_counter()
    again = bot("refresh", "--source", str(docs_dir), "--json", store=store)
    assert json.loads(again.stdout)["version"] == summary["version"] and not json.loads(again.stdout)["changed"]
    assert time.perf_counter() - started < 10, "a no-op refresh must not load the embedding model"

    nothing = bot("rollback", store=store)
    assert nothing.returncode == 2 and "nothing to roll back" in nothing.stderr

    write_doc(docs_dir, "visits.md", *TOPICS["visits.md"], extra="Visits to disabled children follow the same rule.")
    changed = sync(KnowledgeStore(store), [docs_dir], embedder=embedder)  # in-process: one model load is enough
    assert changed.updated == ["visits.md"] and changed.embedded >= 1

    back = bot("rollback", store=store)
    assert back.returncode == 0 and summary["version"] in back.stderr
    assert KnowledgeStore(store).live_name() == summary["version"]

    erased = bot("forget", "visits.md", "--json", store=store)
    assert erased.returncode == 0, erased.stderr[-2000:]
    assert json.loads(erased.stdout)["passages_removed"] >= 2
    assert not any(b"disabled children" in p.read_bytes() for p in store.rglob("*") if p.is_file())
    assert bot("forget", "visits.md", store=store).returncode == 2


def test_second_refresh_exits_at_once_with_a_clear_message(docs_dir, tmp_path):
    store = tmp_path / "store"
    write_corpus(docs_dir, ["visits.md"])
    with KnowledgeStore(store).write_lock():
        started = time.perf_counter()
        busy = bot("refresh", "--source", str(docs_dir), store=store)
        elapsed = time.perf_counter() - started
    assert busy.returncode == 3 and "another refresh" in busy.stderr
    assert elapsed < 15, "a second refresh must not wait for the first"
