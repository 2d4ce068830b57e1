"""A full disk during /kb-refresh, on a real `serve --http` process: the write step (the seam where a new
version's passages are written) fails with ENOSPC; the refresh stops with a readable message, nothing is left
half-built, and the live version keeps answering."""

from __future__ import annotations

import shutil

from tests.conftest import KNOWLEDGE
from tests.support.payloads import mention
from tests.support.slack_bot import wait_until
from tests.support.bot_process import ROOT, BotProcess

QUESTION = "How often do social workers get supervision?"
SEAM = "ingest.versions:IndexVersion.add"  # where a new version's passages are written


def hook_texts(double, hook: str) -> list[str]:
    return [c.args.get("text", "") for c in double.of("hook:" + hook.rsplit("/", 1)[1])]


def test_a_full_disk_during_refresh_fails_cleanly_and_the_live_version_keeps_answering(double, store, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(KNOWLEDGE, docs)
    (docs / "visits.md").write_text("Title: Statutory visits (EXAMPLE)\nDate: 2025-01-01\nType: procedure\n---\n"
                                    "# Visits\n\nChildren in care are visited at least every six weeks.\n")
    versions_before = sorted(p.name for p in (store / "versions").iterdir())
    prefix = [str(ROOT / "tests" / "support" / "faulty_bot.py"), "--enospc", SEAM, "--"]
    with BotProcess(double, store, prefix=prefix, KB_SOURCES=str(docs)) as bot:
        live = bot.health()["version"]
        status, _, seconds, hook = bot.bot.command("/kb-refresh", "", user="U0MANAGER")
        assert status == 200 and seconds < 3
        assert wait_until(lambda: any("disk" in t for t in hook_texts(double, hook)), timeout=60), \
            hook_texts(double, hook)
        said = hook_texts(double, hook)[-1]
        assert "disk holding the knowledge base is full" in said and "nothing changed" in said
        assert "Errno" not in said and "No space left" not in said  # readable, not the exception's text
        assert "error=disk-full" in bot.output

        assert bot.health()["version"] == live  # the live version is untouched...
        event = mention(QUESTION, channel="C0DISKFUL", user="U0DISKFUL")
        bot.bot.send_event(event)
        assert "[1]" in double.wait_for("chat.postMessage", channel="C0DISKFUL", timeout=30)[0].args["text"]
    assert sorted(p.name for p in (store / "versions").iterdir()) == versions_before  # ...and no half-built one
