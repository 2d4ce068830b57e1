"""Signed interactivity payloads as Slack sends them: clicks on a message (with the message, as Slack includes
it for non-ephemeral ones), overflow menu choices, and view submissions."""

from __future__ import annotations

import itertools
import json
import urllib.parse
from typing import Any

from tests.support.payloads import APP_ID, TEAM, new_ts
from tests.support.signing import Bot, post, sign

_counter = itertools.count(1)


def _send(bot: Bot, payload: dict[str, Any]) -> tuple[int, str, float]:
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    return post(bot.events_url, body, content_type="application/x-www-form-urlencoded",
                headers=sign(body, secret=bot.secret))


def click(bot: Bot, action: dict[str, Any], *, user: str, channel: str, message: dict[str, Any] | None = None,
          message_ts: str | None = None, ephemeral: bool = False, response_url: str | None = None,
          ) -> tuple[int, str, float, str]:
    """A block_actions request for ``action`` (an element as the bot sent it, e.g. a button or an overflow with
    ``selected_option``) on a message; returns (status, body, seconds, response_url)."""
    hook = response_url or bot.double.hook_url()
    message_ts = message_ts or (message or {}).get("ts") or new_ts()
    payload: dict[str, Any] = {
        "type": "block_actions", "user": {"id": user, "username": "someone", "team_id": TEAM}, "api_app_id": APP_ID,
        "token": "legacy", "team": {"id": TEAM, "domain": "council"},
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": ephemeral},
        "channel": {"id": channel, "name": "a-channel"}, "trigger_id": f"trig.{next(_counter)}.x",
        "response_url": hook, "actions": [{**action, "block_id": action.get("block_id", "b"), "action_ts": new_ts()}],
    }
    if message is not None and not ephemeral:  # Slack sends the message itself, except for ephemeral ones
        payload["message"] = {"type": "message", "ts": message_ts, **message}
    status, text, seconds = _send(bot, payload)
    return status, text, seconds, hook


def choose(overflow: dict[str, Any], value_prefix: str) -> dict[str, Any]:
    """The overflow element as Slack reports it when the option whose value starts with ``value_prefix`` is chosen."""
    option = next(o for o in overflow["options"] if o["value"].startswith(value_prefix))
    return {**overflow, "selected_option": option}


def submit(bot: Bot, view: dict[str, Any], values: dict[str, dict[str, Any]], *, user: str) -> tuple[int, str]:
    """A view_submission of ``view`` (as the bot opened it) with ``values`` as Slack's ``state.values``."""
    payload = {
        "type": "view_submission", "team": {"id": TEAM, "domain": "council"},
        "user": {"id": user, "username": "manager", "team_id": TEAM}, "api_app_id": APP_ID, "token": "legacy",
        "trigger_id": f"trig.{next(_counter)}.v",
        "view": {**view, "id": view.get("id", "V0FORM"), "team_id": TEAM, "app_id": APP_ID,
                 "state": {"values": values}},
    }
    status, text, _ = _send(bot, payload)
    return status, text


def form_values(*, title: str, ticked: list[int], wording: str) -> dict[str, dict[str, Any]]:
    """``state.values`` for the approval form (assistant/slack/approved_blocks.py)."""
    return {
        "title": {"title": {"type": "plain_text_input", "value": title}},
        "passages": {"passages": {"type": "checkboxes",
                                  "selected_options": [{"value": str(i)} for i in ticked]}},
        "wording": {"wording": {"type": "plain_text_input", "value": wording}},
    }


def elements(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Interactive elements of ``blocks`` by action id (buttons, overflows, section accessories)."""
    found = {}
    for block in blocks:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            found[element["action_id"]] = element
        if block.get("accessory", {}).get("action_id"):
            found.setdefault(block["accessory"]["action_id"], block["accessory"])
    return found


def texts(blocks: list[dict[str, Any]]) -> str:
    """The visible mrkdwn of sections and contexts, in order."""
    parts = []
    for block in blocks:
        if block.get("type") == "section":
            parts.append(block["text"]["text"])
        elif block.get("type") == "context":
            parts += [e.get("text", "") for e in block["elements"]]
    return "\n".join(parts)
