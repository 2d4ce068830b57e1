"""Approved answers over real HTTP: a manager approves from an answer's ⋯ menu or with /kb-approve (a modal,
checked on submission), a later question meaning the same gets it first, a changed document retires it and the
managers are told once; /kb-approved lists and removes; `bot.py approved --json` lists them too."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from slack_sdk.models.views import View
from tests.support.payloads import mention, message
from tests.support.slack_bot import start_bot, wait_until
from tests.support.slack_web_api import SlackDouble
from tests.support.slack_payloads import choose, click, elements, form_values, submit, texts

from assistant.answers import human_date
from assistant.pipeline import Assistant
from ingest.indexer import sync
from ingest.store import KnowledgeStore

ROOT = __import__("pathlib").Path(__file__).resolve().parents[3]
QUESTION = "How often do social workers get supervision?"
SAME_MEANING = "How often should social workers have supervision?"
DIFFERENT = "What should a management oversight record include?"
MANAGER = "U0MANAGER"


@pytest.fixture(scope="module")
def kb(tmp_path_factory, embedder):
    """A store of a copy of knowledge/ that the tests may change, in the bot's store folder."""
    root = tmp_path_factory.mktemp("approved")
    docs = root / "docs"
    shutil.copytree(ROOT / "knowledge", docs)
    store = KnowledgeStore(root / "store")
    sync(store, [docs], embedder=embedder)
    assistant = Assistant(store, embedder=embedder)
    assistant.warm()
    return root, docs, assistant


@pytest.fixture(scope="module")
def running(double, kb):
    root, docs, assistant = kb
    r = start_bot(double, assistant, root / "store", sources=[docs])
    yield r
    r.stop()


def hook(double: SlackDouble, url: str, *, count: int = 1) -> dict:
    hook_id = url.rsplit("/", 1)[1]
    assert wait_until(lambda: len(double.of(f"hook:{hook_id}")) >= count, timeout=20)
    return double.of(f"hook:{hook_id}")[count - 1].args


def ask(running, double, text: str, *, channel: str, user: str = "U0WORKER1") -> dict:
    event = mention(text, channel=channel, user=user)
    running.bot.send_event(event)
    return double.wait_for("chat.postMessage", channel=channel, thread_ts=event["ts"])[0].args


def valid_view(view: dict) -> None:
    View(**view).validate_json()


def test_a_manager_approves_from_the_menu_and_a_question_meaning_the_same_gets_it_first(running, double):
    answer = ask(running, double, QUESTION, channel="C0APPROVE1")
    menu = elements(answer["blocks"])["answer_menu"]

    _, _, _, refused = click(running.bot, choose(menu, "approve"), user="U0NOTAMGR", channel="C0APPROVE1",
                             message={"ts": "1760000000.000501"})
    assert "only for team managers" in hook(double, refused)["text"]
    assert not double.of("views.open")

    click(running.bot, choose(menu, "approve"), user=MANAGER, channel="C0APPROVE1",
          message={"ts": "1760000000.000501"})
    view = double.wait_for("views.open")[0].args["view"]
    valid_view(view)
    assert QUESTION not in json.dumps(view)  # the form shows passages and wording, never the question
    ticks = next(b for b in view["blocks"] if b.get("block_id") == "passages")["element"]
    assert ticks["initial_options"] and len(ticks["options"]) >= len(ticks["initial_options"])
    wording_box = next(b for b in view["blocks"] if b.get("block_id") == "wording")["element"]
    assert "[1]" not in wording_box["initial_value"]

    # Not quoted word for word: refused in the modal, nothing stored
    status, body = submit(running.bot, view, form_values(title="Supervision frequency", ticked=[0],
                                                         wording="Social workers are supervised every week."),
                          user=MANAGER)
    assert status == 200
    refusal = json.loads(body)
    assert refusal["response_action"] == "errors" and "word for word" in refusal["errors"]["wording"]
    status, body = submit(running.bot, view, form_values(title=" ", ticked=[], wording="x"), user=MANAGER)
    errors = json.loads(body)["errors"]
    assert "title" in errors and "passages" in errors
    assert running.services.approved.records.all() == []

    # Quoted from the first ticked passage: accepted, stored, the manager told
    wording = "Social workers receive formal one-to-one supervision at least every four weeks (monthly)."
    status, body = submit(running.bot, view, form_values(title="Supervision frequency for social workers",
                                                         ticked=[0], wording=wording), user=MANAGER)
    assert status == 200 and not body
    told = double.wait_for("chat.postMessage", channel=MANAGER)[0].args
    assert "Approved: *Supervision frequency for social workers*" in told["text"]
    [item] = running.services.approved.records.all()
    assert item.wording == wording + " [1]" and item.approved_by == MANAGER and item.state == "active"
    assert [c.source for c in item.citations] == ["example-supervision-policy.md"]

    # A later question that means the same: the approved answer first, the retrieved answer still below
    later = ask(running, double, SAME_MEANING, channel="C0APPROVE2", user="U0WORKER2")
    shown = texts(later["blocks"])
    marker = f"Approved by a manager on {human_date(item.approved_on)}"
    assert shown.startswith(f"✅ *{marker}* · Supervision frequency for social workers")
    assert shown.index(wording) < shown.index("What the documents say")
    retrieved = running.seam.inner.ask(SAME_MEANING)
    below = shown.index("What the documents say")
    assert retrieved.answer.split(" [")[0][:60].replace("&", "&amp;") in shown[below:]
    assert later["text"].startswith(marker)

    # A different question does not get it
    other = ask(running, double, DIFFERENT, channel="C0APPROVE3")
    assert "Approved by a manager" not in texts(other["blocks"])


def test_kb_approve_opens_the_form_at_once_and_fills_it_when_the_answer_is_ready(running, double):
    _, _, _, url = running.bot.command("/kb-approve", "How often are team managers supervised?", user=MANAGER)
    opened = double.wait_for("views.open", count=2)[-1].args
    assert "Looking that up" in texts(opened["view"]["blocks"])
    updated = double.wait_for("views.update")[0].args
    view = updated["view"]
    valid_view(view)
    assert updated["view_id"]  # the form replaces the "looking that up" view
    passages = next(b for b in view["blocks"] if b.get("block_id") == "passages")["element"]["options"]
    quoted = next(b["text"]["text"] for b in view["blocks"] if b["type"] == "section" and "[1]" in b["text"]["text"])
    sentence = "Team managers and assistant team managers are supervised by their service manager at least every"
    assert sentence in quoted.replace("\n>", " ").replace(">", "")
    status, body = submit(running.bot, view, form_values(title="Team managers' supervision", ticked=[0],
                                                         wording=sentence + " four weeks."), user=MANAGER)
    assert status == 200 and not body, body
    assert wait_until(lambda: len(running.services.approved.records.all()) == 2)
    assert passages
    _, _, _, url = running.bot.command("/kb-approve", "", user=MANAGER)
    assert "Type the question" in hook(double, url)["text"]


def test_a_changed_document_retires_the_answer_and_managers_are_told_once(running, double, kb):
    _, docs, _ = kb
    approved = running.services.approved
    assert any(i.state == "active" for i in approved.records.all())
    policy = docs / "example-supervision-policy.md"
    policy.write_text(policy.read_text() + "\n\nSupervision agreements are reviewed every year.\n")
    _, _, _, url = running.bot.command("/kb-refresh", "", user=MANAGER)
    assert "Knowledge base updated" in hook(double, url, count=2)["text"]

    notices = double.wait_for("chat.postMessage", channel=MANAGER, count=4)  # two approval DMs + two notices
    stale = [c.args["text"] for c in notices if "no longer shown" in c.args["text"]]
    assert len(stale) == 2 and all("`example-supervision-policy.md` changed" in t for t in stale)
    assert wait_until(lambda: all(i.state == "stale" and i.notified_at for i in approved.records.all()))

    later = ask(running, double, SAME_MEANING, channel="C0APPROVE4")
    assert "Approved by a manager" not in texts(later["blocks"])
    # Told once: nothing is waiting, and the record refuses a second "told"
    assert approved.awaiting_notice() == []
    assert not approved.records.mark_notified(approved.records.all()[0].id)

    # /kb-approved lists them, stale ones marked; Remove removes
    _, _, _, url = running.bot.command("/kb-approved", "", user=MANAGER)
    listing = hook(double, url)
    assert "stale" in texts(listing["blocks"]) and "Team managers' supervision" in texts(listing["blocks"])
    remove = next(b["accessory"] for b in listing["blocks"] if "Team managers" in b.get("text", {}).get("text", ""))
    _, _, _, url = click(running.bot, remove, user=MANAGER, channel="C0APPROVE5", ephemeral=True)
    after = hook(double, url)
    assert after["replace_original"] is True and "Removed." in texts(after["blocks"])
    assert len(approved.records.all()) == 1
    _, _, _, url = running.bot.command("/kb-approved", "", user="U0NOTAMGR")
    assert "only for team managers" in hook(double, url)["text"]


def test_the_command_line_lists_approved_answers(running, kb):
    root, _, _ = kb
    env = {**os.environ, "KB_STORE_DIR": str(root / "store"), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "bot.py", "approved", "--json"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    listed = json.loads(done.stdout)
    assert [i["title"] for i in listed] == ["Supervision frequency for social workers"]
    assert listed[0]["state"] == "stale" and listed[0]["citations"][0]["source"] == "example-supervision-policy.md"
    plain = subprocess.run([sys.executable, "bot.py", "approved"], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=120)
    assert plain.returncode == 0 and "Supervision frequency for social workers" in plain.stdout
    assert "stale" in plain.stdout


def test_a_dm_answer_offers_the_menu_too(running, double):
    dm = message(QUESTION, channel="D0APPROVE9", user="U0WORKER9")
    running.bot.send_event(dm)
    answer = double.wait_for("chat.postMessage", channel="D0APPROVE9")[0].args
    assert "answer_menu" in elements(answer["blocks"])
