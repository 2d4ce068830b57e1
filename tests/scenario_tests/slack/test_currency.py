"""Is this procedure current, in Slack over HTTP: cited sources say "review overdue since" and "superseded by",
and `/kb-sources overdue` lists overdue documents to managers only."""

from __future__ import annotations

from datetime import date

import pytest
from slack_sdk.models.blocks import Block
from tests.support.payloads import mention
from tests.support.slack_bot import start_bot
from tests.support.slack_web_api import SlackDouble
from tests.support.currency_docs import write_currency_docs

from assistant.clock import fixed_clock
from assistant.pipeline import Assistant
from ingest.indexer import sync
from ingest.store import KnowledgeStore

TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def running(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("currency")
    store = KnowledgeStore(root / "store")
    sync(store, [write_currency_docs(root / "docs")], embedder=embedder)
    assistant = Assistant(store, embedder=embedder, clock=fixed_clock(TODAY))
    double = SlackDouble()
    r = start_bot(double, assistant, root / "state")
    yield r, double
    r.stop()
    double.close()
    assistant.close()


def sources_section(blocks: list[dict]) -> str:
    for block in Block.parse_all(blocks):
        block.validate_json()
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    return "\n".join(texts[texts.index("*Sources*") + 1:])


def test_a_cited_procedure_says_its_review_is_overdue(running):
    r, double = running
    event = mention("How quickly must a manager decide what happens to a referral?", channel="C0CURRENT")
    assert r.bot.send_event(event)[0] == 200
    reply = double.wait_for("chat.postMessage", channel="C0CURRENT", thread_ts=event["ts"])[0].args
    sources = sources_section(reply["blocks"])
    assert "Action on receipt of referrals" in sources
    assert "— 2020 — :warning: _review overdue since April 2022_" in sources
    assert "review overdue since April 2022" in reply["text"]  # the text fallback says it too


def test_an_old_inspection_cited_for_a_now_question_names_the_report_that_superseded_it(running):
    r, double = running
    event = mention("What does Ofsted say now about private fostering in Stockton?", channel="C0CURRENT")
    r.bot.send_event(event)
    reply = double.wait_for("chat.postMessage", channel="C0CURRENT", thread_ts=event["ts"])[0].args
    sources = sources_section(reply["blocks"])
    assert ("— 1 July 2019 — :warning: _superseded by Inspection of Stockton-on-Tees local authority children's "
            "services 2023 (9 May 2023)_") in sources


def test_kb_sources_overdue_lists_overdue_documents_for_managers(running):
    r, double = running
    _, _, _, hook = r.bot.command("/kb-sources", "overdue", user="U0MANAGER")
    reply = double.wait_for("hook:" + hook.rsplit("/", 1)[1])[0].args
    assert reply["response_type"] == "ephemeral"
    text = reply["text"]
    assert text.startswith("*1 document overdue for review*")
    assert ("• Action on receipt of referrals — review overdue since April 2022, last reviewed April 2020 "
            "(`referrals.txt`)") in text
    assert "visits.txt" not in text  # next review January 2099
    _, _, _, hook = r.bot.command("/kb-sources", "overdue", user="U0WORKER9")
    assert "only for team managers" in double.wait_for("hook:" + hook.rsplit("/", 1)[1])[0].args["text"]
    audit = {(a["user_id"], a["command"], a["allowed"], a["outcome"]) for a in r.services.records.rows("audit")}
    assert {("U0MANAGER", "/kb-sources", 1, "ok"), ("U0WORKER9", "/kb-sources", 0, "refused")} <= audit
