"""A child's name asked about, end to end on a real `serve --http` process: it reaches no usage figure, no
digest, no chart, no log line (at DEBUG) and no byte of any file in the store folder, SQLite or not; and the
digest arrives by DM on a seconds-level KB_DIGEST_SCHEDULE from inside `serve`."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import pytest
from tests.support.payloads import mention, message
from tests.support.slack_web_api import SlackDouble
from tests.support.bot_process import ROOT, BotProcess
from tests.support.cli import bot as run_bot
from tests.support.currency_docs import write_currency_docs

from ingest.indexer import sync
from ingest.store import KnowledgeStore

SENTINEL = "Zebedee-Quillfeather-5b1e"


@pytest.fixture
def double():
    d = SlackDouble()
    yield d
    d.close()


def hook_args(double: SlackDouble, hook: str) -> dict:
    return double.wait_for("hook:" + hook.rsplit("/", 1)[1], timeout=60)[0].args


def test_a_childs_name_reaches_no_figure_digest_log_or_file(tmp_path, embedder, double):
    docs = write_currency_docs(tmp_path / "docs")
    shutil.copy(ROOT / "knowledge" / "stockton-2011-ucra-letter.txt", docs)  # an inspection with findings
    store = tmp_path / "store"
    sync(KnowledgeStore(store), [docs], embedder=embedder)

    with BotProcess(double, store, KB_LOG_LEVEL="DEBUG", KB_DIGEST_SCHEDULE="*/3 * * * * *") as serve:
        event = mention(f"How quickly must a manager decide on a referral about {SENTINEL}?", channel="C0PRIVACY")
        serve.bot.send_event(event)
        answer = double.wait_for("chat.postMessage", channel="C0PRIVACY", thread_ts=event["ts"], timeout=60)[0]
        dm = message(f"Does {SENTINEL} need a visit within a week of placement?", channel="D0PRIVACY",
                     user="U0PRIVACY")
        serve.bot.send_event(dm)
        double.wait_for("chat.postMessage", channel="D0PRIVACY", thread_ts=dm["ts"], timeout=60)
        serve.bot.send_event(message(f"and what about {SENTINEL}'s sister?", channel="D0PRIVACY", user="U0PRIVACY",
                                     thread_ts=dm["ts"]))
        double.wait_for("chat.postMessage", channel="D0PRIVACY", thread_ts=dm["ts"], count=2, timeout=60)
        _, _, _, ask_hook = serve.bot.command("/ask", f"How often is {SENTINEL} visited in care?", user="U0PRIVAC2")
        asked = hook_args(double, ask_hook)
        vote = next(e["value"] for b in answer.args["blocks"] if b["type"] == "actions" for e in b["elements"]
                    if e["action_id"] == "feedback_up")
        _, _, _, vote_hook = serve.bot.click("feedback_up", vote, user="U0PRIVACY")
        hook_args(double, vote_hook)

        _, _, _, stats_hook = serve.bot.command("/kb-stats", "", user="U0MANAGER")
        figures = hook_args(double, stats_hook)["text"]
        assert "4 questions" in figures
        double.wait_for("files.completeUploadExternal", timeout=60)
        digest = double.wait_for("chat.postMessage", channel="D0MANAGER", timeout=60)[0].args  # the schedule ran
        assert "Weekly knowledge base digest" in json.dumps(digest["blocks"])
        assert "area for development" in json.dumps(digest["blocks"], ensure_ascii=False)
    console = serve.output

    today = date.today()
    cli = [run_bot("stats", "--json", store=store, env={"KB_LOG_LEVEL": "DEBUG"}),
           run_bot("stats", "--chart", str(tmp_path / "chart.png"), store=store, env={"KB_LOG_LEVEL": "DEBUG"}),
           run_bot("digest", "--since", (today - timedelta(days=7)).isoformat(), store=store,
                   env={"KB_LOG_LEVEL": "DEBUG"})]
    assert all(done.returncode == 0 for done in cli), [done.stderr[-1000:] for done in cli]
    report = json.loads(cli[0].stdout)
    assert report["totals"]["questions"] == 4 and report["totals"]["helpful"] == 1
    assert "Action on receipt of referrals" in cli[2].stdout

    assert "answered surface=mention" in console  # logging ran at DEBUG...
    assert SENTINEL not in console  # ...and never wrote the name
    for done in cli:
        assert SENTINEL not in done.stdout + done.stderr
    for call in double.calls:  # only the asker's own /ask reply restates the question, to the asker
        if call.method != "hook:" + ask_hook.rsplit("/", 1)[1]:
            assert SENTINEL not in json.dumps(call.args), call.method
    assert SENTINEL in asked["text"]  # (the check above can see the name where it is)
    assert all(SENTINEL.encode() not in data for data in double.uploads.values())
    files = [p for p in store.rglob("*") if p.is_file()] + [tmp_path / "chart.png"]
    assert any(p.name == "slack.sqlite" for p in files) and any(p.suffix == ".png" for p in files)
    for path in files:  # every byte of every file: slack.sqlite and its journal, the ledger, the index, the chart
        assert SENTINEL.encode() not in path.read_bytes(), path
