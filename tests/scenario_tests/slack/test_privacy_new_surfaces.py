"""A sentinel child's name in a question never reaches the escalation post, the logs or any file in the store
folder (SQLite files and their journals, searched byte by byte), through "Ask a person", "Mark resolved",
approving the answer, a later question meeting the approved answer, and sharing a private answer."""

from __future__ import annotations

import shutil

from tests.support.payloads import mention
from tests.support.logs import LogCapture
from tests.support.slack_bot import start_bot, wait_until
from tests.support.slack_web_api import SlackDouble
from tests.support.slack_payloads import choose, click, elements, form_values, submit

from assistant.pipeline import Assistant
from ingest.indexer import sync
from ingest.store import KnowledgeStore

ROOT = __import__("pathlib").Path(__file__).resolve().parents[3]
SENTINEL = "SENTINEL-CHILD-NAME-4b1e"
QUESTION = f"How often do social workers get supervision when working with {SENTINEL}?"


def test_a_sentinel_name_reaches_no_post_log_or_file(tmp_path, embedder, capfd):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "knowledge", docs)
    store_dir = tmp_path / "store"
    store = KnowledgeStore(store_dir)
    sync(store, [docs], embedder=embedder)
    assistant = Assistant(store, embedder=embedder)
    double = SlackDouble()
    r = start_bot(double, assistant, store_dir, sources=[docs], escalation_channel="C0DUTYESC",
                  escalation_mention=["S0DUTYMGR"])

    # Everything at DEBUG, including slack_bolt / slack_sdk and our own loggers: redaction must still hold.
    captured = LogCapture.start()
    try:
        event = mention(QUESTION, channel="C0PRIVATE", user="U0ASKER01")
        r.bot.send_event(event)
        answer = double.wait_for("chat.postMessage", channel="C0PRIVATE", thread_ts=event["ts"])[0].args
        found = elements(answer["blocks"])

        # Ask a person, then resolve
        click(r.bot, found["ask_person"], user="U0ASKER01", channel="C0PRIVATE",
              message={"ts": "1760000000.000601", "thread_ts": event["ts"]})
        post = double.wait_for("chat.postMessage", channel="C0DUTYESC")[0].args
        escalation = r.services.escalations.all()[0]
        click(r.bot, elements(post["blocks"])["escalation_resolve"], user="U0DUTYONE", channel="C0DUTYESC",
              message={"ts": escalation.post_ts, "text": post["text"]})
        double.wait_for("chat.update", channel="C0DUTYESC")

        # Approve the answer to the sentinel question
        click(r.bot, choose(found["answer_menu"], "approve"), user="U0MANAGER", channel="C0PRIVATE",
              message={"ts": "1760000000.000601"})
        view = double.wait_for("views.open")[0].args["view"]
        submit(r.bot, view, form_values(title="Supervision frequency", ticked=[0], wording=(
            "Social workers receive formal one-to-one supervision at least every four weeks (monthly).")),
            user="U0MANAGER")
        double.wait_for("chat.postMessage", channel="U0MANAGER")
        assert wait_until(lambda: len(r.services.approved.records.all()) == 1)

        # The same question again meets the approved answer; a private answer is shared
        again = mention(QUESTION, channel="C0PRIVAT2")
        r.bot.send_event(again)
        shown = double.wait_for("chat.postMessage", channel="C0PRIVAT2")[0].args
        assert "Approved by a manager" in shown["text"]
        _, _, _, hook = r.bot.command("/ask", QUESTION, user="U0ASKER02", channel="C0PRIVAT3")
        hook_id = hook.rsplit("/", 1)[1]
        private = double.wait_for(f"hook:{hook_id}")[0].args
        _, _, _, shared = click(r.bot, elements(private["blocks"])["share_answer"], user="U0ASKER02",
                                channel="C0PRIVAT3", ephemeral=True)
        double.wait_for(f"hook:{shared.rsplit('/', 1)[1]}", count=2)
    finally:
        captured.stop()
        r.stop()
        double.close()

    escalation_calls = [c for c in double.calls if c.args.get("channel") == "C0DUTYESC"]
    assert escalation_calls and all(SENTINEL not in str(c.args) for c in escalation_calls)
    assert all(SENTINEL not in str(c.args) for c in double.calls if c.method.startswith("views."))
    logs = captured.text
    assert "escalation raised" in logs and "approved answer added" in logs and "approved answer shown" in logs
    assert SENTINEL not in logs and "working with" not in logs
    out, err = capfd.readouterr()
    assert SENTINEL not in out and SENTINEL not in err
    files = [p for p in store_dir.rglob("*") if p.is_file()]
    assert {"slack.sqlite", "approved.sqlite"} <= {p.name for p in files}
    for path in files:
        assert SENTINEL.encode() not in path.read_bytes(), path
        assert SENTINEL.encode("utf-16-le") not in path.read_bytes(), path
