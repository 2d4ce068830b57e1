"""The managers' digest by DM on a seconds-level cron, against the Web API double: every manager (configured
ids and the user group's members) gets new and changed documents and the new inspection findings, cited."""

from __future__ import annotations

import pytest
from tests.support.slack_web_api import SlackDouble
from tests.support.findings_docs import LETTER_2010
from tests.support.currency_docs import write_currency_docs

from assistant.clock import system_clock
from assistant.slack.digest import start_from_settings
from assistant.slack.webapi import make_client
from config.settings import SettingsError, load_settings
from ingest.indexer import sync
from ingest.store import KnowledgeStore


@pytest.fixture
def double():
    d = SlackDouble()
    yield d
    d.close()


def test_the_scheduled_digest_reaches_every_manager(tmp_path, embedder, double):
    store = KnowledgeStore(tmp_path / "store")
    docs = write_currency_docs(tmp_path / "docs")
    (docs / "gateshead-2010.txt").write_text(LETTER_2010)
    sync(store, [docs], embedder=embedder)
    double.usergroup_members = ["U0GROUPM1", "U0MANAGER"]
    settings = load_settings(store_dir=tmp_path / "store", managers=["U0MANAGER"], manager_usergroup="S0MANAGERS",
                             digest_schedule="*/2 * * * * *")
    client = make_client("xoxb-test", base_url=double.api_url)
    scheduler = start_from_settings(settings, client, store, clock=system_clock)
    try:
        first = double.wait_for("chat.postMessage", channel="D0MANAGER", timeout=30)[0].args
        group = double.wait_for("chat.postMessage", channel="D0GROUPM1", timeout=30)[0].args
    finally:
        scheduler.shutdown(wait=True)
    assert {c.args["users"] for c in double.of("conversations.open")} >= {"U0MANAGER", "U0GROUPM1"}
    assert first["text"] == group["text"]
    blocks = first["blocks"]
    assert blocks[0]["type"] == "header" and blocks[0]["text"]["text"] == "Weekly knowledge base digest"
    text = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    assert "5 new documents, 0 changed, 5 new inspection findings" in text
    for title in ("Action on receipt of referrals", "Statutory visits to children in care"):
        assert title in text
    assert "1 document is overdue for review" in text
    assert "area for development: “Supervision is infrequent and is not recorded on case files.” [" in text
    sources = text[text.index("*Sources*"):]
    assert "[1] Unannounced inspection of contact, referral and assessment arrangements within Gateshead" in sources


def test_a_bad_digest_schedule_is_refused_by_name(tmp_path):
    settings = load_settings(store_dir=tmp_path / "store", digest_schedule="every friday")
    with pytest.raises(SettingsError, match="digest_schedule"):
        start_from_settings(settings, make_client("xoxb-test", base_url="http://127.0.0.1:9/api/"),
                            KnowledgeStore(tmp_path / "store"), clock=system_clock)
    assert start_from_settings(load_settings(store_dir=tmp_path / "s"), None, None, clock=system_clock) is None
