"""Who is a manager: the configured user ids, then the members of the configured user group.

One :class:`Managers` per app (on ``Services``), so every manager-only surface
shares one cached user-group lookup.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from slack_sdk import WebClient

from assistant.slack.webapi import call

log = logging.getLogger(__name__)
GROUP_CACHE_S = 60.0


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
        """Every manager's user id (configured ones, then the group's members), sorted, no repeats."""
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


NOT_CONFIGURED = ("Manager commands are switched off because no managers are configured. An administrator can set "
                  "`KB_MANAGERS` (Slack user ids, comma separated) or `KB_MANAGER_USERGROUP` (a user group id) "
                  "and restart the bot.")
REFUSED = ("Sorry, `{command}` is only for team managers. If you need it, ask whoever looks after this bot "
           "to add you to the managers.")


def permitted(managers: Managers, records, command: str, *, user: str, client: WebClient,
              reply: Callable[[str], None]) -> bool:
    """True for a manager; otherwise audit the refusal and ``reply`` with the reason (``records``: SlackRecords)."""
    if not managers.configured:
        records.audit(user_id=user, command=command, allowed=False, outcome="not-configured")
        log.info("manager command refused command=%s user=%s reason=not-configured", command, user)
        reply(NOT_CONFIGURED)
        return False
    if not managers.is_manager(user, client):
        records.audit(user_id=user, command=command, allowed=False, outcome="refused")
        log.info("manager command refused command=%s user=%s reason=not-a-manager", command, user)
        reply(REFUSED.format(command=command))
        return False
    return True
