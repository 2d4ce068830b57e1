"""The composition root: one refresher for every caller, carrying the findings model and preloading the assistant."""

from __future__ import annotations

import json
import sqlite3

from assistant.runtime import Runtime
from assistant.slack.services import Services
from config.settings import load_settings
from ingest.findings.storage import FILENAME
from ingest.loaders import load_file
from ingest.metadata import build_document
from ingest.splitter import split_document
from ingest.schedule import refresh_job
from tests.support import findings_docs as docs
from tests.support.chat import FakeChat

SENTENCE = "Children receive a timely response at the front door."


def test_parts_are_made_once_and_shared(tmp_path, embedder):
    runtime = Runtime(load_settings(store_dir=tmp_path / "store"), embedder=embedder)
    assert runtime.chat_model is None  # llm_provider = "none"
    assert runtime.assistant.store is runtime.store and runtime.assistant.embedder is embedder
    assert runtime.assistant.answerer is None and runtime.assistant.findings is not None
    assert runtime.refresher.store is runtime.store and runtime.refresher.embedder is embedder
    assert runtime.refresher.findings_model is None
    assert runtime.refresher is runtime.refresher


def test_scheduled_and_slack_refreshes_use_the_one_refresher_with_the_findings_model(tmp_path, docs_dir, embedder):
    (docs_dir / "report-2019.txt").write_text(docs.REPORT_2019, encoding="utf-8")
    path = docs_dir / "report-2019.txt"
    raw, hints = load_file(path)
    passages = split_document(build_document(source=path.name, path=path, raw=raw, hints=hints,
                                             data=path.read_bytes()))
    n = next(n for n, p in enumerate(passages, start=1) if SENTENCE in p.text)
    chat = FakeChat(json.dumps([{"kind": "strength", "passage": n, "quote": SENTENCE}]))
    settings = load_settings(store_dir=tmp_path / "store", sources=[docs_dir])
    runtime = Runtime(settings, embedder=embedder, chat_model=chat)
    assert runtime.assistant.answerer.model is chat and runtime.refresher.findings_model.model is chat
    services = Services.create(runtime)
    try:
        assert services.refresher is runtime.refresher and services.assistant is runtime.assistant
    finally:
        services.close()

    summary = refresh_job(runtime.refresher)()  # what the schedule runs
    assert summary is not None and summary.added == ["report-2019.txt"]
    assert len(chat.seen) == 1  # the findings model was asked about the inspection report
    with sqlite3.connect(runtime.store.live().path / FILENAME) as db:
        origins = [row[0] for row in db.execute("SELECT origin FROM findings")]
    assert origins.count("model") == 1 and "rules" in origins


def test_a_refresh_makes_the_running_assistant_preload_the_new_version(tmp_path, docs_dir, embedder):
    (docs_dir / "visits.md").write_text("Title: Statutory visits (EXAMPLE)\nDate: 2025-01-01\nType: procedure\n---\n"
                                        "# Visits\n\nChildren in care are visited at least every six weeks.\n")
    runtime = Runtime(load_settings(store_dir=tmp_path / "store", sources=[docs_dir]), embedder=embedder)
    first = runtime.refresher.run()
    runtime.assistant.warm()
    assert runtime.assistant.retriever.version.name == first.version
    (docs_dir / "rhi.md").write_text("Title: Return home interviews (EXAMPLE)\nDate: 2025-02-01\nType: procedure\n"
                                     "---\n# Return home interviews\n\nOffered within 72 hours of a child coming home.\n")
    second = runtime.refresher.run()
    assert second.version != first.version
    # Loaded by the refresh itself: the assistant's current retriever is already on the new version.
    assert runtime.assistant._retriever is not None and runtime.assistant._retriever.version.name == second.version
    runtime.assistant.close()


def test_a_process_that_is_not_answering_loads_no_assistant_on_refresh(tmp_path, docs_dir, embedder):
    (docs_dir / "visits.md").write_text("Title: Visits\nType: procedure\n---\n# Visits\n\nVisits happen every six weeks.\n")
    runtime = Runtime(load_settings(store_dir=tmp_path / "store", sources=[docs_dir]), embedder=embedder)
    assert runtime.refresher.run().changed
    assert "assistant" not in runtime.__dict__
