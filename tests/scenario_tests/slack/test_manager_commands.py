"""Manager commands: /kb-status, /kb-sources, /kb-refresh, /kb-actions for managers (ids or a user group)
only, every attempt audited."""

from __future__ import annotations

import threading

from assistant.pipeline import Assistant
from tests.support.payloads import mention
from tests.support.slack_bot import start_bot, wait_until
from tests.support.slack_checks import hook_calls, valid_blocks


def test_non_manager_refresh_is_refused_and_audited(running, double):
    status, _, seconds, hook = running.bot.command("/kb-refresh", "", user="U0NOTMGR1")
    assert status == 200 and seconds < 3
    reply = hook_calls(double, hook)[0].args
    assert "only for team managers" in reply["text"]
    rows = [r for r in running.services.records.rows("audit") if r["user_id"] == "U0NOTMGR1"]
    assert [(r["command"], r["allowed"], r["outcome"]) for r in rows] == [("/kb-refresh", 0, "refused")]


def test_kb_status_and_sources_for_a_manager(running, double):
    _, _, _, hook = running.bot.command("/kb-status", "", user="U0MANAGER")
    text = hook_calls(double, hook)[0].args["text"]
    assert "Documents: 4" in text and "Passages:" in text and "Model:" in text
    _, _, _, hook = running.bot.command("/kb-sources", "supervision", user="U0MANAGER")
    reply = hook_calls(double, hook)[0].args
    valid_blocks(reply["blocks"])
    assert "example-supervision-policy.md" in reply["text"] and "stockton" not in reply["text"].lower()
    assert {("/kb-status", 1, "ok"), ("/kb-sources", 1, "ok")} <= {
        (r["command"], r["allowed"], r["outcome"]) for r in running.services.records.rows("audit")}


def test_a_usergroup_member_is_a_manager(double, assistant, tmp_path):
    r = start_bot(double, assistant, tmp_path, managers=[], manager_usergroup="S0MANAGERS")
    try:
        double.usergroup_members = ["U0GROUPMGR"]
        _, _, _, hook = r.bot.command("/kb-status", "", user="U0GROUPMGR")
        assert "Documents:" in hook_calls(double, hook)[0].args["text"]
        _, _, _, hook = r.bot.command("/kb-status", "", user="U0OUTSIDER")
        assert "only for team managers" in hook_calls(double, hook)[0].args["text"]
        assert double.of("usergroups.users.list", usergroup="S0MANAGERS")
    finally:
        double.usergroup_members = []
        r.stop()


def test_with_no_managers_configured_manager_commands_say_how_to_configure(double, assistant, tmp_path):
    r = start_bot(double, assistant, tmp_path, managers=[])
    try:
        _, _, _, hook = r.bot.command("/kb-sources", "", user="U0ANYONE1")
        text = hook_calls(double, hook)[0].args["text"]
        assert "KB_MANAGERS" in text and "KB_MANAGER_USERGROUP" in text
        assert r.services.records.rows("audit")[-1]["outcome"] == "not-configured"
    finally:
        r.stop()


def test_kb_refresh_reindexes_in_the_background_and_posts_a_summary(double, embedder, tmp_path):
    from ingest.indexer import sync
    from ingest.store import KnowledgeStore

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "visits.md").write_text("Title: Statutory visits (EXAMPLE)\nDate: 2025-01-01\nType: procedure\n---\n"
                                    "# Visits\n\nChildren in care are visited at least every six weeks by their "
                                    "social worker, and seen alone.\n")
    store = KnowledgeStore(tmp_path / "store")
    sync(store, [docs], embedder=embedder)
    (docs / "new-policy.md").write_text("Title: Return home interviews (EXAMPLE)\nDate: 2025-02-01\nType: procedure"
                                        "\n---\n# Return home interviews\n\nA return home interview is offered "
                                        "within 72 hours of a missing child coming home.\n")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    kb = Assistant(store, embedder=embedder)
    r = start_bot(double, kb, tmp_path / "state", sources=[docs])
    try:
        status, _, seconds, hook = r.bot.command("/kb-refresh", "", user="U0MANAGER")
        assert status == 200 and seconds < 3
        calls = hook_calls(double, hook, count=2, timeout=60)
        assert "Refreshing the knowledge base" in calls[0].args["text"]
        summary = calls[-1].args["text"]
        assert "Knowledge base updated" in summary
        assert "Added (1): `new-policy.md`" in summary
        assert "Quarantined: 1" in summary and "broken.pdf" in summary
        assert wait_until(lambda: [a["outcome"] for a in r.services.records.rows("audit")] == ["ok"])
        event = mention("How soon is a return home interview offered?", channel="C0REFRESH")
        r.bot.send_event(event)
        args = double.wait_for("chat.postMessage", channel="C0REFRESH")[0].args
        assert "72 hours" in args["text"]
    finally:
        r.stop()


def test_kb_actions_lists_cited_findings_for_managers_only(running, double):
    _, _, _, hook = running.bot.command("/kb-actions", "stockton supervision", user="U0MANAGER")
    reply = hook_calls(double, hook)[0].args
    valid_blocks(reply["blocks"])
    text = reply["text"]
    assert "*Inspection findings* — Stockton-on-Tees — supervision" in text
    assert "area for development" in text and "stockton-2011-ucra-letter.txt" in text
    assert "Supervision at Stockton-on-Tees" in text  # the timeline, with both a council and a theme
    _, _, _, hook = running.bot.command("/kb-actions", "", user="U0NOTMGR2")
    assert "only for team managers" in hook_calls(double, hook)[0].args["text"]
    assert ("/kb-actions", 1, "ok") in {
        (r["command"], r["allowed"], r["outcome"]) for r in running.services.records.rows("audit")}


class GatedEmbedder:
    """The real model behind a gate the test opens: an armed refresh waits inside ``embed_batch`` until released,
    so a second /kb-refresh arrives while the first is certainly running."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.armed = False
        self.entered = threading.Event()
        self.release = threading.Event()

    def embed_batch(self, texts):
        if self.armed:
            self.entered.set()
            assert self.release.wait(60), "the test never opened the gate"
        return self.inner.embed_batch(texts)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_kb_refresh_while_a_refresh_is_running(double, embedder, tmp_path):
    from ingest.indexer import sync
    from ingest.store import KnowledgeStore

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "visits.md").write_text("Title: Statutory visits (EXAMPLE)\nDate: 2025-01-01\nType: procedure\n---\n"
                                    "# Visits\n\nChildren in care are visited at least every six weeks.\n")
    store = KnowledgeStore(tmp_path / "store")
    sync(store, [docs], embedder=embedder)
    (docs / "new-policy.md").write_text("Title: Return home interviews (EXAMPLE)\nDate: 2025-02-01\nType: procedure"
                                        "\n---\n# Return home interviews\n\nA return home interview is offered "
                                        "within 72 hours of a missing child coming home.\n")
    gated = GatedEmbedder(embedder)
    kb = Assistant(store, embedder=gated, threshold=0.40)
    kb.warm()
    r = start_bot(double, kb, tmp_path / "state", sources=[docs])
    try:
        gated.armed = True
        _, _, _, first = r.bot.command("/kb-refresh", "", user="U0MANAGER")
        assert gated.entered.wait(30), "the first refresh never started embedding"
        # A second manager asks while it runs: told so at once, and sent the summary when it finishes.
        status, _, seconds, second = r.bot.command("/kb-refresh", "", user="U0MANAGER")
        assert status == 200 and seconds < 3
        assert hook_calls(double, second)[0].args["text"] == \
            "A refresh is already running; I'll post its summary when it finishes."
        assert wait_until(lambda: [a["outcome"] for a in r.services.records.rows("audit")] == ["busy"])
        assert len(store.versions()) == 1  # nothing was published meanwhile
        gated.release.set()
        summary = hook_calls(double, first, count=2, timeout=60)[-1].args["text"]
        assert "Knowledge base updated" in summary and "Added (1): `new-policy.md`" in summary
        assert hook_calls(double, second, count=2, timeout=30)[-1].args["text"] == summary
        assert wait_until(lambda: [a["outcome"] for a in r.services.records.rows("audit")] == ["busy", "ok"])
        assert len(store.versions()) == 2  # one refresh ran, not two
        # A refresh running in another process (`python bot.py refresh`, the schedule) holds the store's lock.
        gated.armed = False
        with store.write_lock():
            _, _, _, third = r.bot.command("/kb-refresh", "", user="U0MANAGER")
            said = [c.args["text"] for c in hook_calls(double, third, count=2, timeout=30)]
        assert said[-1] == "Another refresh of this knowledge base is running; try again when it finishes."
        assert wait_until(lambda: [a["outcome"] for a in r.services.records.rows("audit")] == ["busy", "ok", "busy"])
    finally:
        gated.release.set()
        r.stop()
