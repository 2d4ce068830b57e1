"""Slack payloads as the Events API, slash commands and interactivity deliver them (ids of one test workspace)."""

from __future__ import annotations

import itertools
import time
from typing import Any

BOT_USER = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM = "T0COUNCIL"
APP_ID = "A0ASSIST"

_counter = itertools.count(1)


def new_ts() -> str:
    return f"{int(time.time())}.{next(_counter):06d}"


def event_envelope(event: dict, *, event_id: str | None = None) -> dict:
    return {
        "token": "legacy", "team_id": TEAM, "api_app_id": APP_ID, "type": "event_callback",
        "event_id": event_id or f"Ev{next(_counter):010d}", "event_time": int(time.time()), "event": event,
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True, "enterprise_id": None}],
    }


def mention(text: str, *, channel: str = "C0GENERAL", user: str = "U0WORKER1", ts: str | None = None,
            thread_ts: str | None = None) -> dict:
    ts = ts or new_ts()
    event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER}> {text}", "ts": ts, "channel": channel,
             "event_ts": ts, "team": TEAM}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message(text: str, *, channel: str = "D0WORKER1", user: str = "U0WORKER1", channel_type: str = "im",
            ts: str | None = None, thread_ts: str | None = None, **extra: Any) -> dict:
    ts = ts or new_ts()
    event = {"type": "message", "user": user, "text": text, "ts": ts, "channel": channel,
             "channel_type": channel_type, "event_ts": ts, "team": TEAM, **extra}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def command_form(command: str, text: str, *, user: str, channel: str, response_url: str) -> dict[str, str]:
    """The form fields of a slash command."""
    return {"token": "legacy", "team_id": TEAM, "team_domain": "council", "channel_id": channel,
            "channel_name": "general", "user_id": user, "user_name": "worker", "command": command, "text": text,
            "api_app_id": APP_ID, "response_url": response_url, "trigger_id": f"trig.{next(_counter)}"}


def block_action(action_id: str, value: str, *, user: str, channel: str, message_ts: str | None, ephemeral: bool,
                 response_url: str) -> dict[str, Any]:
    """A button click (``block_actions``) on a message."""
    return {
        "type": "block_actions", "user": {"id": user, "username": "worker", "team_id": TEAM},
        "api_app_id": APP_ID, "token": "legacy", "team": {"id": TEAM, "domain": "council"},
        "container": {"type": "message", "message_ts": message_ts or new_ts(), "channel_id": channel,
                      "is_ephemeral": ephemeral},
        "channel": {"id": channel, "name": "general"}, "trigger_id": f"trig.{next(_counter)}",
        "response_url": response_url,
        "actions": [{"type": "button", "action_id": action_id, "block_id": "answer:x", "value": value,
                     "action_ts": new_ts()}],
    }
