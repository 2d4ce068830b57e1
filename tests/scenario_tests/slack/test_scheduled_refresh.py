"""A scheduled refresh fires inside a real `serve` process (a seconds-level schedule), publishes the new
documents' version, and the bot answers from it."""

from __future__ import annotations

from ingest.indexer import sync
from ingest.store import KnowledgeStore
from tests.support.bot_process import BotProcess
from tests.support.payloads import mention
from tests.support.slack_web_api import SlackDouble

VISITS = ("Title: Statutory visits (EXAMPLE)\nDate: 2025-01-01\nType: procedure\n---\n# Visits\n\n"
          "Children in care are visited at least every six weeks by their social worker, and seen alone.\n")
RETURN_HOME = ("Title: Return home interviews (EXAMPLE)\nDate: 2025-02-01\nType: procedure\n---\n"
               "# Return home interviews\n\nA return home interview is offered within 72 hours of a missing child "
               "coming home.\n")


def test_a_scheduled_refresh_fires_inside_serve(tmp_path, embedder):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "visits.md").write_text(VISITS)
    store = KnowledgeStore(tmp_path / "store")
    first = sync(store, [docs], embedder=embedder).version
    double = SlackDouble()
    try:
        with BotProcess(double, store.root, KB_SOURCES=str(docs), KB_REFRESH_SCHEDULE="*/2 * * * * *") as bot:
            bot.wait_output("scheduled refresh: */2 * * * * * (Europe/London)")
            assert bot.health()["version"] == first
            (docs / "new-policy.md").write_text(RETURN_HOME)
            # The positive signal: the live version moves, with no command and no request from anyone.
            body = bot.wait_health(lambda b: b.get("version") not in (None, first), timeout=90)
            assert body["version"] == store.live_name() and sorted(store.live().manifest().documents) == [
                "new-policy.md", "visits.md"]
            # The new version loads in the background while questions use the old one; on a busy machine that
            # takes a while. Once it answers from the new version, so does the bot.
            body = bot.wait_health(lambda b: b.get("answering") == b.get("version"), timeout=90)
            assert body["answering"] == store.live_name()
            event = mention("How soon is a return home interview offered?", channel="C0SCHEDUL")
            bot.bot.send_event(event)
            reply = double.wait_for("chat.postMessage", channel="C0SCHEDUL", thread_ts=event["ts"], timeout=60)
            assert "72 hours" in reply[0].args["text"]
    finally:
        double.close()
