"""Mentions and links inside documents never reach Slack live: the exact payloads the bot sends to the Web API
double (over real HTTP) carry them escaped, in verbatim mrkdwn, with document URLs as plain text."""

from __future__ import annotations

import re
from typing import Any, Iterator

import pytest

from assistant.pipeline import Assistant
from ingest.indexer import sync
from ingest.store import KnowledgeStore
from tests.support.hostile_files import PLANTED_PROCEDURE
from tests.support.payloads import mention
from tests.support.slack_bot import start_bot, wait_until
from tests.support.slack_web_api import SlackDouble

LIVE = re.compile(r"<[!@#]|<https?:|<mailto:")  # anything Slack would turn into a mention, a channel or a link
HOSTILE = """Title: Strategy Discussion Procedure
Source: https://evil.example/header-link
Publisher: Riverside Borough Council
Type: procedure
---
# Timing

A strategy discussion is held within one working day of the referral <!channel> <!here> <!everyone> <@U0VICTIM1> <#C0SECRET1> <!subteam^S0ADMINS|admins> <http://evil.example/login|Click to confirm> and https://evil.example/phish @here.

The discussion is chaired by a team manager who records the decision on the child's file.
"""
QUESTION = "When is a strategy discussion held?"


@pytest.fixture(scope="module")
def running(double, embedder, tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs")
    (docs / "strategy.md").write_text(HOSTILE)
    (docs / "<!channel> notice.md").write_text("# Notice\n\nThe duty rota is published every Friday by the "
                                               "business support team for the following week.\n")
    (docs / "<!here> budget.xlsx").write_bytes(b"PK\x03\x04 not a document we read")
    (docs / "home-visits-procedure.md").write_text(PLANTED_PROCEDURE)
    (docs / "Copy of strategy.md").write_text(HOSTILE)
    store = KnowledgeStore(tmp_path_factory.mktemp("store"))
    sync(store, [docs], embedder=embedder)
    assistant = Assistant(store, embedder=embedder)
    r = start_bot(double, assistant, tmp_path_factory.mktemp("state"))
    yield r
    r.stop()
    assistant.close()


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def mrkdwn_objects(blocks: list[dict]) -> list[dict]:
    found = []
    for block in blocks:
        for obj in [block.get("text")] + list(block.get("elements", [])) + list(block.get("fields", [])):
            if isinstance(obj, dict) and obj.get("type") == "mrkdwn":
                found.append(obj)
    return found


def check_inert(args: dict) -> None:
    """No live mention or link anywhere; verbatim mrkdwn; the plain-text fallback has no URL Slack could link."""
    for text in strings(args):
        assert not LIVE.search(text), text
    for obj in mrkdwn_objects(args.get("blocks") or []):
        assert obj.get("verbatim") is True, obj
    assert "https://evil" not in args["text"] and "http://evil" not in args["text"]
    assert not re.search(r"(?<!\u2060)@here", args["text"])
    assert args.get("unfurl_links") in (None, False, "false", "0")


def hook_reply(double: SlackDouble, hook: str) -> dict:
    hook_id = hook.rsplit("/", 1)[1]
    assert wait_until(lambda: len(double.of_unlocked(f"hook:{hook_id}")) >= 1, timeout=20)
    return double.of(f"hook:{hook_id}")[0].args


def test_an_answer_quoting_mentions_and_links_posts_them_inert(running, double):
    running.bot.send_event(mention(QUESTION, channel="C0HOSTILE"))
    args = double.wait_for("chat.postMessage", channel="C0HOSTILE")[0].args
    check_inert(args)
    shown = "\n".join(strings(args["blocks"]))
    assert "within one working day" in shown
    for token in ("&lt;!channel&gt;", "&lt;!here&gt;", "&lt;!everyone&gt;", "&lt;@U0VICTIM1&gt;", "&lt;#C0SECRET1&gt;",
                  "&lt;!subteam^S0ADMINS|admins&gt;", "&lt;http://evil.example/login|Click to confirm&gt;"):
        assert token in shown, token
    assert "https://evil.example/phish" in shown  # plain text inside verbatim mrkdwn: not a link
    assert "https[:]//evil[.]example/phish" in args["text"] and "&lt;!channel&gt;" in args["text"]
    assert "also filed as `Copy of strategy.md`" in shown

    value = next(e["value"] for b in args["blocks"] if b["type"] == "actions" for e in b["elements"]
                 if e["action_id"] == "show_passages")
    _, _, _, hook = running.bot.click("show_passages", value, channel="C0HOSTILE")
    passages = hook_reply(double, hook)
    check_inert(passages)
    shown = "\n".join(strings(passages["blocks"]))
    assert "&lt;!channel&gt;" in shown and "https://evil.example/header-link" in shown  # the header URL, as text
    assert "<https://evil.example/header-link" not in shown


def test_manager_lists_name_hostile_files_inert_and_show_documents_to_check(running, double):
    _, _, _, hook = running.bot.command("/kb-sources", "", user="U0MANAGER")
    sources = hook_reply(double, hook)
    check_inert(sources)
    text = "\n".join(strings(sources["blocks"]))
    assert "`&lt;!channel&gt; notice.md`" in text
    assert "Check these documents" in text and "`home-visits-procedure.md` — 3 withheld" in text
    assert "https://evil.example/header-link" in text and "https[:]//evil[.]example/header-link" in sources["text"]

    _, _, _, hook = running.bot.command("/kb-status", "", user="U0MANAGER")
    status = hook_reply(double, hook)
    check_inert(status)
    text = "\n".join(strings(status["blocks"]))
    assert "`&lt;!here&gt; budget.xlsx` — unsupported file type" in text and "home-visits-procedure.md" in text
