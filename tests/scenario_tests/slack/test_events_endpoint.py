"""Slack's rules at the HTTP edge: signed requests only, a health endpoint, every manifest entry handled,
and the Web API client's retries (429 with Retry-After, dropped connections) and failures."""

from __future__ import annotations

import json
import time
import urllib.request
from urllib.parse import urlparse

from tests.conftest import ROOT
from tests.support.payloads import mention, message, new_ts
from tests.support.signing import post, sign
from tests.support.slack_bot import wait_until
from tests.support.slack_checks import QUESTION, hook_calls


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


def test_healthz_says_the_knowledge_base_is_loaded(running):
    with urllib.request.urlopen(running.bot.url + "/healthz", timeout=5) as response:
        body = json.loads(response.read())
    assert response.status == 200 and body["ok"] is True and body["knowledge_base"] == "loaded"


SCOPES = {"app_mentions:read", "channels:history", "groups:history", "im:history", "chat:write", "commands",
          "reactions:write", "usergroups:read", "im:write", "files:write"}

# What each manifest command answers a manager with: the handler's own content, not just a 200.
COMMAND_REPLIES = {
    "/ask": ("supervision", ["Question: supervision", "[1]"]),
    "/kb-status": ("", ["*Knowledge base*", "Documents: 4", "Passages: "]),
    "/kb-sources": ("supervision", ["*1 document*", "`example-supervision-policy.md`"]),
    "/kb-refresh": ("", ["Refreshing the knowledge base", "already up to date", "Unchanged: 4"]),
    "/kb-actions": ("supervision", ["*Inspection findings*", "Stockton-on-Tees", "supervision"]),
    "/kb-approve": ("how often is supervision", []),  # opens the approval form (a modal)
    "/kb-approved": ("", ["approved answers"]),
    "/kb-stats": ("since yesterday", ["Usage figures since a date", "/kb-stats since"]),
}


def test_every_command_and_event_in_the_manifests_is_handled(running, double, caplog):
    import yaml

    seen = []
    for name in ("manifest.yaml", "manifest-http.yaml"):
        manifest = yaml.safe_load((ROOT / "slack" / name).read_text())
        commands = [c["command"] for c in manifest["features"]["slash_commands"]]
        seen.append(commands)
        assert {"/ask", "/kb-status", "/kb-sources", "/kb-refresh", "/kb-actions"} <= set(commands)
        assert manifest["features"]["app_home"]["home_tab_enabled"] is True
        assert manifest["settings"]["interactivity"]["is_enabled"] is True
        events = manifest["settings"]["event_subscriptions"]["bot_events"]
        assert set(events) == {"app_mention", "app_home_opened", "message.channels", "message.groups", "message.im"}
        assert set(manifest["oauth_config"]["scopes"]["bot"]) == SCOPES  # what the bot uses, nothing more
        settings = manifest["settings"]
        http = name == "manifest-http.yaml"
        assert settings["socket_mode_enabled"] is (not http)
        urls = [c.get("url") for c in manifest["features"]["slash_commands"]] + [
            settings["event_subscriptions"].get("request_url"), settings["interactivity"].get("request_url")]
        if http:  # commands, events and interactivity all go to the one endpoint the bot serves
            assert len(set(urls)) == 1 and urls[0].startswith("https://"), urls
            assert urlparse(urls[0]).path == urlparse(running.bot.events_url).path == "/slack/events"
        else:
            assert set(urls) == {None}, urls  # Socket Mode: no public URL anywhere
    assert seen[0] == seen[1]  # both manifests offer the same commands
    assert set(commands) == set(COMMAND_REPLIES), "a new command needs its expected reply here"
    for command in commands:
        text, expected = COMMAND_REPLIES[command]
        forms = len(double.of("views.open"))
        status, _, _, hook = running.bot.command(command, text, user="U0MANAGER")
        assert status == 200, command
        if command == "/kb-approve":  # opens the approval form
            view = double.wait_for("views.open", count=forms + 1)[-1].args["view"]
            assert view["type"] == "modal" and "Approve" in json.dumps(view), view
            continue
        replies = hook_calls(double, hook, count=2 if command == "/kb-refresh" else 1, timeout=60)
        said = "\n".join(r.args.get("text", "") for r in replies)
        for fragment in expected:
            assert fragment in said, (command, fragment, said[:500])
    # Events: a mention and a DM are answered; follow-ups in the bot's threads arrive as message.channels and
    # message.groups and are answered; the Home tab is published.
    for channel in ("C0MANIFST", "G0MANIFST"):
        first = mention("how often is supervision?", channel=channel)
        running.bot.send_event(first)
        double.wait_for("chat.postMessage", channel=channel, thread_ts=first["ts"])
        follow = message("what about newly qualified social workers?", channel=channel, thread_ts=first["ts"],
                         channel_type="channel" if channel.startswith("C") else "group")
        assert running.bot.send_event(follow)[0] == 200
        replies = double.wait_for("chat.postMessage", channel=channel, thread_ts=first["ts"], count=2)
        assert all("[1]" in r.args["text"] for r in replies), [r.args["text"][:200] for r in replies]
    dm = message("how often is supervision?", channel="D0MANIFST")
    running.bot.send_event(dm)
    assert "[1]" in double.wait_for("chat.postMessage", channel="D0MANIFST", thread_ts=dm["ts"])[0].args["text"]
    running.bot.send_event({"type": "app_home_opened", "user": "U0MANIFEST", "tab": "home", "event_ts": new_ts()})
    home = double.wait_for("views.publish", user_id="U0MANIFEST")[0].args["view"]
    assert home["type"] == "home" and "/ask" in json.dumps(home)


def test_web_api_429_is_retried_after_retry_after(running, double):
    double.fail_next("chat.postMessage", status=429, retry_after=1, match={"channel": "C0RETRY01"})
    event = mention(QUESTION, channel="C0RETRY01")
    running.bot.send_event(event)
    done = double.wait_for("chat.postMessage", channel="C0RETRY01", timeout=20)[0]
    attempts = [c for c in double.attempts if c.method == "chat.postMessage" and c.args.get("channel") == "C0RETRY01"]
    assert [c.status for c in attempts] == [429, 200]
    assert done.at - attempts[0].at >= 0.9  # honoured Retry-After: 1


def test_web_api_dropped_connection_is_retried(running, double):
    double.fail_next("reactions.add", status=0, retry_after=None, match={"channel": "C0DROPPED"})
    event = mention(QUESTION, channel="C0DROPPED")
    running.bot.send_event(event)
    double.wait_for("chat.postMessage", channel="C0DROPPED")
    attempts = [c.status for c in double.attempts
                if c.method == "reactions.add" and c.args.get("channel") == "C0DROPPED"]
    assert attempts == [0, 200]


def test_a_failed_post_is_logged_by_id_and_the_app_carries_on(running, double, caplog):
    double.fail_next("chat.postMessage", status=200, retry_after=None, error="channel_not_found",
                     match={"channel": "C0FAILPST"})
    caplog.set_level("INFO", logger="assistant")
    running.bot.send_event(mention(QUESTION, channel="C0FAILPST"))
    assert wait_until(lambda: "error=channel_not_found" in caplog.text)
    assert "what=chat.postMessage ref=" in caplog.text
    apology = double.wait_for("chat.postMessage", channel="C0FAILPST")[0].args  # then says so, not silent
    assert "Sorry" in apology["text"]
    event = mention(QUESTION, channel="C0FAILPS2")
    running.bot.send_event(event)
    double.wait_for("chat.postMessage", channel="C0FAILPS2")
