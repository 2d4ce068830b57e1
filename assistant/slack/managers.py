"""Who is a manager, and the gate every manager command passes (checked, audited, replied to privately).

Managers are the user ids in ``settings.managers`` and the members of
``settings.manager_usergroup`` (looked up with usergroups.users.list, cached a
minute). With neither configured the commands are refused with a hint. Every
attempt, allowed or not, goes in the audit table (ids and a fixed outcome word).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from slack_bolt import Respond
from slack_sdk import WebClient

from assistant.slack import blocks as bk
from assistant.slack.feedback import SlackRecords
from assistant.slack.privacy import where
from assistant.slack.services import Services, new_id
from assistant.slack.webapi import call

log = logging.getLogger(__name__)

GROUP_CACHE_S = 60.0
NOT_CONFIGURED = ("Manager commands are switched off because no managers are configured. An administrator can set "
                  "`KB_MANAGERS` (Slack user ids, comma separated) or `KB_MANAGER_USERGROUP` (a user group id) "
                  "and restart the bot.")
REFUSED = ("Sorry, `{command}` is only for team managers. If you need it, ask whoever looks after this bot "
           "to add you to the managers.")


class Managers:
    """Decides who is a manager: configured user ids, then the configured user group's members."""

    def __init__(self, users: list[str], usergroup: str | None, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.users = set(users)
        self.usergroup = usergroup
        self._clock = clock
        self._members: tuple[float, set[str]] | None = None
        self._lock = threading.Lock()

    @property
    def configured(self) -> bool:
        return bool(self.users or self.usergroup)

    def is_manager(self, user: str, client: WebClient) -> bool:
        if user in self.users:
            return True
        if not self.usergroup:
            return False
        return user in self._group_members(client)

    def everyone(self, client: WebClient) -> list[str]:
        """Every manager's user id, sorted (the digest's recipients); the group's members when it is readable."""
        members = self._group_members(client) if self.usergroup else set()
        return sorted(self.users | members)

    def _group_members(self, client: WebClient) -> set[str]:
        with self._lock:
            if self._members and self._clock() - self._members[0] < GROUP_CACHE_S:
                return self._members[1]
            result = call(client.usergroups_users_list, what="usergroups.users.list", usergroup=self.usergroup)
            if result is None:  # unknown: refuse now, ask again next time
                return set()
            members = set(result.get("users") or [])
            self._members = (self._clock(), members)
            return members


class Gate:
    """Lets managers through to a command; refuses everyone else politely; audits both."""

    def __init__(self, managers: Managers, records: SlackRecords) -> None:
        self.managers = managers
        self.records = records

    @classmethod
    def for_services(cls, services: Services) -> "Gate":
        return cls(Managers(services.settings.managers, services.settings.manager_usergroup), services.records)

    def allowed(self, command: str, *, user: str, client: WebClient, respond: Respond) -> bool:
        """True for a manager (the caller audits the outcome); otherwise refuse, audit and say why."""
        if not self.managers.configured:
            self.records.audit(user_id=user, command=command, allowed=False, outcome="not-configured")
            log.info("manager command refused command=%s user=%s reason=not-configured", command, user)
            say(respond, NOT_CONFIGURED)
            return False
        if not self.managers.is_manager(user, client):
            self.records.audit(user_id=user, command=command, allowed=False, outcome="refused")
            log.info("manager command refused command=%s user=%s reason=not-a-manager", command, user)
            say(respond, REFUSED.format(command=command))
            return False
        return True

    def report(self, name: str, compute: Callable[[str], str], *, limit: int = 3000):
        """A read-only manager command: check, compute the reply from the command's text, audit, reply."""

        def handler(command: dict, client: WebClient, respond: Respond) -> None:
            user = command.get("user_id", "")
            if not self.allowed(name, user=user, client=client, respond=respond):
                return
            try:
                text, outcome = compute(command.get("text", "").strip()), "ok"
            except Exception as exc:
                text, outcome = failed(exc, name), "failed"
            self.records.audit(user_id=user, command=name, allowed=True, outcome=outcome)
            say(respond, text, limit=limit)

        return handler


def failed(exc: Exception, command: str) -> str:
    """The reply to a command that failed: a reference id, never the exception's text (which is logged by place)."""
    ref = new_id()
    log.error("manager command failed command=%s ref=%s error=%s", command, ref, where(exc))
    return f"Sorry, that didn't work. Reference: `{ref}`."


def say(respond: Respond, text: str, *, limit: int = 3000,
        more: str = "narrow it with a council and a theme") -> None:
    """An ephemeral reply through the command's response_url (long text split over several blocks)."""
    if len(text) > limit:
        text = text[: limit - 60].rsplit("\n", 1)[0] + f"\n…(more: {more})"
    call(respond, what="respond", response_type="ephemeral", replace_original=False,
         text=bk.defuse(text[:3000]), blocks=bk.note_blocks(text))  # the fallback may hold documents' URLs
