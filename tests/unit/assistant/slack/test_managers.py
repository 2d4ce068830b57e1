"""Who is a manager: configured user ids, then a user group's members (looked up, cached a minute)."""

from __future__ import annotations

from assistant.slack.managers import Managers
from tests.support.clock import Clock


def test_managers_from_ids_and_a_cached_user_group():
    class Client:
        calls = 0

        def usergroups_users_list(self, *, usergroup):
            Client.calls += 1
            return {"ok": True, "users": ["U2"]}

    clock = Clock()
    managers = Managers(["U1"], "S1", clock=clock)
    assert managers.configured and managers.is_manager("U1", Client())
    assert managers.is_manager("U2", Client()) and not managers.is_manager("U3", Client())
    assert Client.calls == 1
    clock.now += 61
    managers.is_manager("U3", Client())
    assert Client.calls == 2
    assert not Managers([], None).configured
