"""The scheduled refresh runs the real refresh job on a cron schedule; bad schedules fail clearly."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest

from config.settings import SettingsError, load_settings
from tests.support.refresh_docs import write_corpus
from ingest.refresh import Refresher
from ingest.schedule import parse_schedule, refresh_job, start_from_settings, start_schedule
from ingest.store import KnowledgeStore


def test_cron_expressions():
    trigger = parse_schedule("30 6 * * mon-fri")
    monday = datetime(2026, 11, 30, 7, 0, tzinfo=timezone.utc)
    assert trigger.get_next_fire_time(None, monday).isoformat().startswith("2026-12-01T06:30")
    assert parse_schedule("*/10 * * * * *") is not None
    for bad in ("every day", "61 * * * *", "* * * *"):
        with pytest.raises(SettingsError, match="refresh_schedule"):
            parse_schedule(bad)


def test_scheduled_refresh_runs_the_refresh_job(docs_dir, tmp_path, embedder):
    store = KnowledgeStore(tmp_path / "store")
    write_corpus(docs_dir, ["visits.md"])
    done = threading.Event()
    summaries = []
    refresher = Refresher(store, embedder=embedder, sources=[docs_dir])
    refresher.on_publish(lambda s: (summaries.append(s), done.set()))
    scheduler = start_schedule("* * * * * *", refresh_job(refresher))  # every second
    try:
        assert done.wait(60), "the scheduled refresh never ran"
    finally:
        scheduler.shutdown(wait=True)
    assert summaries[0].added == ["visits.md"] and store.live_name() == summaries[0].version


def test_busy_store_skips_the_scheduled_run(docs_dir, tmp_path, embedder):
    store = KnowledgeStore(tmp_path / "store")
    write_corpus(docs_dir, ["visits.md"])
    with store.write_lock():
        assert refresh_job(Refresher(store, embedder=embedder, sources=[docs_dir]))() is None
    assert store.live_name() is None


def test_no_schedule_no_scheduler(tmp_path, embedder):
    settings = load_settings(store_dir=tmp_path / "store")
    assert settings.refresh_schedule is None
    refresher = Refresher(KnowledgeStore(tmp_path / "store"), embedder=embedder, sources=settings.sources)
    assert start_from_settings(settings, refresher) is None
