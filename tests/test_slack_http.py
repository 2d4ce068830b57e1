"""The Slack bot over real HTTP: signed Events API, slash-command and interactivity requests to the bot on a
loopback port, and a local double of Slack's Web API recording what the bot sent back."""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.request

import pytest
from tests.slack_double import BOT_USER, SlackDouble, mention, message, new_ts, post, sign, wait_until
from tests.slack_harness import start_bot
from slack_sdk.models.blocks import Block

from assistant.pipeline import Assistant
from assistant.slack import blocks as bk

QUESTION = "How often do social workers get supervision?"
OFF_TOPIC = "What is the capital of France?"


@pytest.fixture(scope="module")
def double():
    d = SlackDouble()
    yield d
    d.close()


@pytest.fixture(scope="module")
def assistant(knowledge_store, embedder) -> Assistant:
    a = Assistant(knowledge_store, embedder=embedder, threshold=0.40)
    a.warm()
    return a


@pytest.fixture(scope="module")
def running(double, assistant, tmp_path_factory):
    r = start_bot(double, assistant, tmp_path_factory.mktemp("slack-state"))
    yield r
    r.stop()


@pytest.fixture(autouse=True)
def _reset_seam(request):
    yield
    if "running" in request.fixturenames:
        seam = request.getfixturevalue("running").seam
        seam.delay_s, seam.fail = 0.0, None


def valid_blocks(blocks: list[dict]) -> None:
    assert 0 < len(blocks) <= 50
    for block in Block.parse_all(blocks):
        block.validate_json()
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000


def section_text(blocks: list[dict]) -> str:
    parts = []
    for b in blocks:
        if b["type"] == "section":
            parts.append(b["text"]["text"])
        elif b["type"] == "context":
            parts += [e.get("text", "") for e in b["elements"]]
    return "\n".join(parts)


def buttons(blocks: list[dict]) -> dict[str, dict]:
    return {e["action_id"]: e for b in blocks if b["type"] == "actions" for e in b["elements"]}


# -- mentions --------------------------------------------------------------------
def test_mention_is_answered_in_its_thread_with_the_pipelines_citations(running, double, assistant):
    event = mention(QUESTION, channel="C0MENTION1", user="U0MENTION1")
    status, _, seconds = running.bot.send_event(event)
    assert status == 200 and seconds < 3

    post_call = double.wait_for("chat.postMessage", channel="C0MENTION1", thread_ts=event["ts"])[0]
    expected = assistant.ask(QUESTION)
    assert not expected.abstained and expected.citations
    args = post_call.args
    valid_blocks(args["blocks"])
    assert args["unfurl_links"] is False and args["unfurl_media"] is False
    assert args["text"].startswith(bk.escape(expected.answer)[:60])
    shown = section_text(args["blocks"])
    assert bk.escape(expected.answer) in shown
    assert "*Sources*" in shown
    for c in expected.citations:
        assert f"[{c.n}] " in shown and bk.escape(c.title) in shown
    # only the cited sources are listed
    assert shown.count("\n[") + shown.count("*\n[") <= len(expected.citations) + 1
    assert {"show_passages", "feedback_up", "feedback_down"} <= set(buttons(args["blocks"]))

    reacted = double.wait_for("reactions.add", channel="C0MENTION1", timestamp=event["ts"])[0]
    removed = double.wait_for("reactions.remove", channel="C0MENTION1", timestamp=event["ts"])[0]
    assert reacted.args["name"] == removed.args["name"] == "eyes"
    assert reacted.at <= post_call.at <= removed.at


def test_not_found_is_said_out_loud_with_the_documents_checked(running, double):
    event = mention(OFF_TOPIC, channel="C0NOTFOUND")
    running.bot.send_event(event)
    args = double.wait_for("chat.postMessage", channel="C0NOTFOUND", thread_ts=event["ts"])[0].args
    valid_blocks(args["blocks"])
    assert "couldn't find" in args["text"] and "nearest documents I checked" in args["text"]
    assert "show_passages" not in buttons(args["blocks"])  # nothing was cited


def test_an_internal_error_gets_an_apology_with_a_reference_never_the_exception_text(running, double):
    running.seam.fail = RuntimeError("database exploded near EXCEPTION-TEXT-91c2")
    event = mention(QUESTION, channel="C0ERROR01")
    running.bot.send_event(event)
    args = double.wait_for("chat.postMessage", channel="C0ERROR01", thread_ts=event["ts"])[0].args
    assert "EXCEPTION-TEXT-91c2" not in json.dumps(args) and "RuntimeError" not in json.dumps(args)
    assert "Sorry" in args["text"] and "reference" in args["text"]
    double.wait_for("reactions.remove", channel="C0ERROR01", timestamp=event["ts"])


def test_the_same_event_delivered_twice_is_answered_once(running, double):
    event = mention(QUESTION, channel="C0DUPLIC1")
    first = running.bot.send_event(event, event_id="EvDUPLICATE01")
    retry = running.bot.send_event(event, event_id="EvDUPLICATE01",
                                   headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert first[0] == retry[0] == 200
    double.wait_for("chat.postMessage", channel="C0DUPLIC1")
    time.sleep(0.8)
    assert len(double.of("chat.postMessage", channel="C0DUPLIC1")) == 1


def test_the_message_copy_of_a_mention_is_dropped(running, double):
    event = mention(QUESTION, channel="C0COPIES1")
    copy = message(event["text"], channel="C0COPIES1", channel_type="channel", ts=event["ts"])
    running.bot.send_event(copy)
    running.bot.send_event(event)
    double.wait_for("chat.postMessage", channel="C0COPIES1")
    time.sleep(0.8)
    assert len(double.of("chat.postMessage", channel="C0COPIES1")) == 1


def test_bot_messages_edits_and_joins_are_ignored(running, double):
    channel = "D0IGNORED1"
    statuses = [
        running.bot.send_event(message(QUESTION, channel=channel, bot_id="B0OTHER", subtype="bot_message"))[0],
        running.bot.send_event(message(QUESTION, channel=channel, subtype="message_changed"))[0],
        running.bot.send_event(message("<@U0NEW> has joined the channel", channel="C0JOINS01",
                                       channel_type="channel", subtype="channel_join"))[0],
        running.bot.send_event(message(QUESTION, channel=channel, user=BOT_USER, bot_id="BBOT0001"))[0],
    ]
    assert statuses == [200] * 4  # acknowledged (so Slack does not retry), then ignored
    time.sleep(1.0)
    assert not double.of("chat.postMessage", channel=channel)
    assert not double.of("chat.postMessage", channel="C0JOINS01")
    assert not double.of("reactions.add", channel=channel)


# -- DMs and threads -----------------------------------------------------------------
def test_dm_follow_up_uses_the_threads_earlier_question(running, double, assistant):
    first = message(QUESTION, channel="D0FOLLOW1", user="U0FOLLOW1")
    running.bot.send_event(first)
    double.wait_for("chat.postMessage", channel="D0FOLLOW1", thread_ts=first["ts"])
    follow_up = "what about team managers?"
    reply = message(follow_up, channel="D0FOLLOW1", user="U0FOLLOW1", thread_ts=first["ts"])
    running.bot.send_event(reply)
    answers = double.wait_for("chat.postMessage", channel="D0FOLLOW1", thread_ts=first["ts"], count=2)
    with_context = assistant.ask(follow_up, context=QUESTION)
    without = assistant.ask(follow_up)
    assert [c.source for c in with_context.citations] != [c.source for c in without.citations] or \
        with_context.answer != without.answer, "pick a follow-up whose answer depends on the context"
    assert answers[1].args["text"] == bk.answer_text(with_context)


def test_channel_thread_follow_up_needs_no_mention_only_in_the_bots_threads(running, double):
    event = mention(QUESTION, channel="C0THREAD1")
    running.bot.send_event(event)
    double.wait_for("chat.postMessage", channel="C0THREAD1", thread_ts=event["ts"])
    running.bot.send_event(message("what about students?", channel="C0THREAD1", channel_type="channel",
                                   thread_ts=event["ts"]))
    double.wait_for("chat.postMessage", channel="C0THREAD1", thread_ts=event["ts"], count=2)
    running.bot.send_event(message("thanks, that's what I needed", channel="C0THREAD1", channel_type="channel",
                                   thread_ts=event["ts"]))  # a colleague's comment, not a question
    other = new_ts()
    running.bot.send_event(message("what about students?", channel="C0THREAD1", channel_type="channel",
                                   thread_ts=other))
    running.bot.send_event(message("lunch anyone?", channel="C0THREAD1", channel_type="channel"))
    time.sleep(0.8)
    assert len(double.of("chat.postMessage", channel="C0THREAD1")) == 2


# -- /ask -------------------------------------------------------------------------------
def test_ask_is_acknowledged_in_under_3_seconds_even_when_answering_is_slow(running, double):
    running.seam.delay_s = 4.0
    status, body, seconds, hook = running.bot.command("/ask", QUESTION, user="U0SLOWASK")
    assert status == 200 and seconds < 3.0, seconds
    assert "Looking that up" in body
    reply = double.wait_for("hook", timeout=30)
    reply = [c for c in double.of("hook") if hook.endswith(c.method.split(":", 1)[1])][0]
    args = reply.args
    assert args["response_type"] == "ephemeral"
    valid_blocks(args["blocks"])
    assert bk.escape(QUESTION) in section_text(args["blocks"])  # the question restated
    assert "share_answer" in buttons(args["blocks"])


def test_slash_command_acks_stay_fast_while_many_answers_are_in_flight(running, double):
    running.seam.delay_s = 0.5  # 12 questions, two at a time: 3 s of queued answering
    for i in range(12):
        running.bot.send_event(message(QUESTION, channel=f"D0BUSY{i:04d}", user=f"U0BUSY{i:04d}"))
    time.sleep(0.3)
    asks = [running.bot.command("/ask", QUESTION, user=f"U0BUSYASK{i}") for i in range(3)]
    assert max(seconds for _, _, seconds, _ in asks) < 1.0, asks
    for i in range(12):
        double.wait_for("chat.postMessage", channel=f"D0BUSY{i:04d}", timeout=30)
    for _, _, _, hook in asks:
        _hook_calls(double, hook, timeout=30)


def _hook_calls(double: SlackDouble, hook: str, *, count: int = 1, timeout: float = 20.0):
    hook_id = hook.rsplit("/", 1)[1]
    assert wait_until(lambda: len(double.of_unlocked(f"hook:{hook_id}")) >= count, timeout=timeout)
    return double.of(f"hook:{hook_id}")


def test_share_in_channel_posts_the_answer_and_removes_the_private_copy(running, double):
    _, _, _, hook = running.bot.command("/ask", QUESTION, user="U0SHARER1")
    private = _hook_calls(double, hook)[0].args
    share = buttons(private["blocks"])["share_answer"]
    status, _, seconds, share_hook = running.bot.click("share_answer", share["value"], user="U0SHARER1",
                                                      ephemeral=True)
    assert status == 200 and seconds < 3
    calls = _hook_calls(double, share_hook, count=2)
    assert calls[0].args["response_type"] == "in_channel"
    valid_blocks(calls[0].args["blocks"])
    assert "Shared by <@U0SHARER1>" in section_text(calls[0].args["blocks"])
    assert calls[1].args.get("delete_original") is True


def test_show_passages_reveals_the_quoted_passages_privately(running, double, assistant):
    event = mention(QUESTION, channel="C0PASSAGE")
    running.bot.send_event(event)
    args = double.wait_for("chat.postMessage", channel="C0PASSAGE")[0].args
    value = buttons(args["blocks"])["show_passages"]["value"]
    _, _, _, hook = running.bot.click("show_passages", value, channel="C0PASSAGE")
    reply = _hook_calls(double, hook)[0].args
    assert reply["response_type"] == "ephemeral" and reply["replace_original"] is False
    valid_blocks(reply["blocks"])
    expected = assistant.ask(QUESTION)
    shown = section_text(reply["blocks"])
    for c in expected.citations:
        assert bk.escape(c.text.split("\n")[0][:80]) in shown


def test_feedback_click_is_acknowledged_and_stored_as_ids_only(running, double):
    event = mention(QUESTION, channel="C0FEEDBAK")
    running.bot.send_event(event)
    args = double.wait_for("chat.postMessage", channel="C0FEEDBAK")[0].args
    value = buttons(args["blocks"])["feedback_down"]["value"]
    status, _, seconds, hook = running.bot.click("feedback_down", value, user="U0VOTER01", channel="C0FEEDBAK")
    assert status == 200 and seconds < 3
    assert "recorded" in _hook_calls(double, hook)[0].args["text"]
    rows = [r for r in running.services.records.rows("feedback") if r["user_id"] == "U0VOTER01"]
    assert len(rows) == 1
    row = rows[0]
    qid = json.loads(value)["q"]
    assert row["question_id"] == qid and row["vote"] == "down"
    cited = json.loads(row["cited"])
    assert cited and all(d.endswith((".md", ".docx", ".html", ".txt")) for d in cited)
    with sqlite3.connect(running.services.records.path) as db:
        dump = "\n".join(db.iterdump())
    assert QUESTION.lower() not in dump.lower() and "four weeks" not in dump  # neither question nor answer


# -- manager commands -------------------------------------------------------------------
def test_non_manager_refresh_is_refused_and_audited(running, double):
    status, _, seconds, hook = running.bot.command("/kb-refresh", "", user="U0NOTMGR1")
    assert status == 200 and seconds < 3
    reply = _hook_calls(double, hook)[0].args
    assert "only for team managers" in reply["text"]
    rows = [r for r in running.services.records.rows("audit") if r["user_id"] == "U0NOTMGR1"]
    assert [(r["command"], r["allowed"], r["outcome"]) for r in rows] == [("/kb-refresh", 0, "refused")]


def test_kb_status_and_sources_for_a_manager(running, double):
    _, _, _, hook = running.bot.command("/kb-status", "", user="U0MANAGER")
    text = _hook_calls(double, hook)[0].args["text"]
    assert "Documents: 4" in text and "Passages:" in text and "Model:" in text
    _, _, _, hook = running.bot.command("/kb-sources", "supervision", user="U0MANAGER")
    reply = _hook_calls(double, hook)[0].args
    valid_blocks(reply["blocks"])
    assert "example-supervision-policy.md" in reply["text"] and "stockton" not in reply["text"].lower()
    assert {("/kb-status", 1, "ok"), ("/kb-sources", 1, "ok")} <= {
        (r["command"], r["allowed"], r["outcome"]) for r in running.services.records.rows("audit")}


def test_a_usergroup_member_is_a_manager(double, assistant, tmp_path):
    r = start_bot(double, assistant, tmp_path, managers=[], manager_usergroup="S0MANAGERS")
    try:
        double.usergroup_members = ["U0GROUPMGR"]
        _, _, _, hook = r.bot.command("/kb-status", "", user="U0GROUPMGR")
        assert "Documents:" in _hook_calls(double, hook)[0].args["text"]
        _, _, _, hook = r.bot.command("/kb-status", "", user="U0OUTSIDER")
        assert "only for team managers" in _hook_calls(double, hook)[0].args["text"]
        assert double.of("usergroups.users.list", usergroup="S0MANAGERS")
    finally:
        double.usergroup_members = []
        r.stop()


def test_with_no_managers_configured_manager_commands_say_how_to_configure(double, assistant, tmp_path):
    r = start_bot(double, assistant, tmp_path, managers=[])
    try:
        _, _, _, hook = r.bot.command("/kb-sources", "", user="U0ANYONE1")
        text = _hook_calls(double, hook)[0].args["text"]
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
    kb = Assistant(store, embedder=embedder, threshold=0.40)
    r = start_bot(double, kb, tmp_path / "state", sources=[docs])
    try:
        status, _, seconds, hook = r.bot.command("/kb-refresh", "", user="U0MANAGER")
        assert status == 200 and seconds < 3
        calls = _hook_calls(double, hook, count=2, timeout=60)
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


# -- guards ---------------------------------------------------------------------------
def test_channel_allow_list(double, assistant, tmp_path):
    r = start_bot(double, assistant, tmp_path, allowed_channels=["C0ALLOWED"])
    try:
        r.bot.send_event(mention(QUESTION, channel="C0ELSEWHR", user="U0ALLOW01"))
        refusal = double.wait_for("chat.postEphemeral", channel="C0ELSEWHR")[0].args
        assert refusal["user"] == "U0ALLOW01" and "/ask" in refusal["text"]
        r.bot.send_event(mention(QUESTION, channel="C0ALLOWED"))
        double.wait_for("chat.postMessage", channel="C0ALLOWED")
        r.bot.send_event(message(QUESTION, channel="D0ALLOWDM"))  # DMs are always allowed
        double.wait_for("chat.postMessage", channel="D0ALLOWDM")
        assert not double.of("chat.postMessage", channel="C0ELSEWHR")
    finally:
        r.stop()


def test_rate_limit_gives_a_friendly_message(double, assistant, tmp_path):
    r = start_bot(double, assistant, tmp_path, rate_limit_per_minute=2)
    try:
        for _ in range(3):
            r.bot.send_event(message(QUESTION, channel="D0RATELIM", user="U0RATELIM"))
        posts = double.wait_for("chat.postMessage", channel="D0RATELIM", count=3)
        texts = [p.args["text"] for p in posts]
        assert sum("try again in about" in t for t in texts) == 1
        status, body, _, _ = r.bot.command("/ask", QUESTION, user="U0RATELIM")
        assert status == 200 and "try again in about" in body
    finally:
        r.stop()


# -- Slack's rules -------------------------------------------------------------------------
def test_bad_signature_and_stale_timestamp_get_401(running):
    body = json.dumps({"type": "event_callback", "event_id": "EvBAD", "event": mention(QUESTION)})
    status, _, _ = post(running.bot.events_url, body, content_type="application/json",
                        headers=sign(body, secret="not-the-secret"))
    assert status == 401
    stale = int(time.time()) - 6 * 60
    status, _, _ = post(running.bot.events_url, body, content_type="application/json",
                        headers=sign(body, timestamp=stale))
    assert status == 401
    status, _, _ = post(running.bot.events_url, body, content_type="application/json")
    assert status == 401
    fresh = int(time.time()) - 4 * 60  # inside the 5-minute window
    challenge = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"})
    status, text, _ = post(running.bot.events_url, challenge, content_type="application/json",
                           headers=sign(challenge, timestamp=fresh))
    assert status == 200 and "abc123" in text


def test_web_api_429_is_retried_after_retry_after(running, double):
    double.fail_next("chat.postMessage", status=429, retry_after=1)
    event = mention(QUESTION, channel="C0RETRY01")
    running.bot.send_event(event)
    done = double.wait_for("chat.postMessage", channel="C0RETRY01", timeout=20)[0]
    attempts = [c for c in double.attempts if c.method == "chat.postMessage" and c.args.get("channel") == "C0RETRY01"]
    assert [c.status for c in attempts] == [429, 200]
    assert done.at - attempts[0].at >= 0.9  # honoured Retry-After: 1


def test_web_api_dropped_connection_is_retried(running, double):
    double.fail_next("reactions.add", status=0, retry_after=None)
    event = mention(QUESTION, channel="C0DROPPED")
    running.bot.send_event(event)
    double.wait_for("chat.postMessage", channel="C0DROPPED")
    attempts = [c.status for c in double.attempts
                if c.method == "reactions.add" and c.args.get("channel") == "C0DROPPED"]
    assert attempts == [0, 200]


def test_a_failed_post_is_logged_by_id_and_the_app_carries_on(running, double, caplog):
    double.fail_next("chat.postMessage", status=200, retry_after=None, error="channel_not_found")
    caplog.set_level("INFO", logger="assistant")
    running.bot.send_event(mention(QUESTION, channel="C0FAILPST"))
    assert wait_until(lambda: "error=channel_not_found" in caplog.text)
    assert "what=chat.postMessage ref=" in caplog.text
    apology = double.wait_for("chat.postMessage", channel="C0FAILPST")[0].args  # then says so, not silent
    assert "Sorry" in apology["text"]
    event = mention(QUESTION, channel="C0FAILPS2")
    running.bot.send_event(event)
    double.wait_for("chat.postMessage", channel="C0FAILPS2")


def test_app_home_is_published(running, double):
    running.bot.send_event({"type": "app_home_opened", "user": "U0HOMEUSR", "channel": "D0HOME", "tab": "home",
                            "event_ts": new_ts()})
    view = double.wait_for("views.publish", user_id="U0HOMEUSR")[0].args["view"]
    assert view["type"] == "home"
    valid_blocks(view["blocks"])
    text = section_text(view["blocks"])
    assert "4 documents" in text and "/ask" in text and "Examples" in text


def test_healthz_says_the_knowledge_base_is_loaded(running):
    with urllib.request.urlopen(running.bot.url + "/healthz", timeout=5) as response:
        body = json.loads(response.read())
    assert response.status == 200 and body["ok"] is True and body["knowledge_base"] == "loaded"


def test_every_command_and_event_in_the_manifests_is_handled(running, double):
    import yaml

    from tests.slack_double import ROOT_DIR

    seen = []
    for name in ("manifest.yaml", "manifest-http.yaml"):
        manifest = yaml.safe_load((ROOT_DIR / "slack" / name).read_text())
        commands = [c["command"] for c in manifest["features"]["slash_commands"]]
        seen.append(commands)
        assert {"/ask", "/kb-status", "/kb-sources", "/kb-refresh", "/kb-actions"} <= set(commands)
        assert manifest["features"]["app_home"]["home_tab_enabled"] is True
        assert manifest["settings"]["interactivity"]["is_enabled"] is True
        events = manifest["settings"]["event_subscriptions"]["bot_events"]
        assert set(events) == {"app_mention", "app_home_opened", "message.channels", "message.groups", "message.im"}
        assert "users:read" not in manifest["oauth_config"]["scopes"]["bot"]  # minimal: nothing we do not use
    assert seen[0] == seen[1]  # both manifests offer the same commands
    for command in commands:
        status, _, _, _ = running.bot.command(command, "supervision", user="U0MANIFEST")
        assert status == 200, command
    for event in (mention("hello", channel="C0MANIFST"), message("hello", channel="D0MANIFST"),
                  message("hello", channel="G0MANIFST", channel_type="group"),
                  {"type": "app_home_opened", "user": "U0MANIFEST", "tab": "home", "event_ts": new_ts()}):
        assert running.bot.send_event(event)[0] == 200, event["type"]


def test_a_response_url_429_is_retried(running, double):
    hook = double.hook_url()
    double.fail_next("hook:" + hook.rsplit("/", 1)[1], status=429, retry_after=1)
    running.bot.command("/ask", QUESTION, user="U0HOOK429", response_url=hook)
    calls = _hook_calls(double, hook, timeout=20)
    assert calls[0].args["response_type"] == "ephemeral"
    attempts = [c.status for c in double.attempts if c.method == "hook:" + hook.rsplit("/", 1)[1]]
    assert attempts == [429, 200]


def test_only_the_asker_can_share_a_private_answer(running, double):
    _, _, _, hook = running.bot.command("/ask", QUESTION, user="U0ASKER01")
    share = buttons(_hook_calls(double, hook)[0].args["blocks"])["share_answer"]
    _, _, _, other = running.bot.click("share_answer", share["value"], user="U0SOMEONE")
    reply = _hook_calls(double, other)[0].args
    assert reply["response_type"] == "ephemeral" and "Only the person who asked" in reply["text"]


def test_kb_actions_lists_cited_findings_for_managers_only(running, double):
    _, _, _, hook = running.bot.command("/kb-actions", "stockton supervision", user="U0MANAGER")
    reply = _hook_calls(double, hook)[0].args
    valid_blocks(reply["blocks"])
    text = reply["text"]
    assert "*Inspection findings* — Stockton-on-Tees — supervision" in text
    assert "area for development" in text and "stockton-2011-ucra-letter.txt" in text
    assert "Supervision at Stockton-on-Tees" in text  # the timeline, with both a council and a theme
    _, _, _, hook = running.bot.command("/kb-actions", "", user="U0NOTMGR2")
    assert "only for team managers" in _hook_calls(double, hook)[0].args["text"]
    assert ("/kb-actions", 1, "ok") in {
        (r["command"], r["allowed"], r["outcome"]) for r in running.services.records.rows("audit")}
