"""Both Slack manifests carry what "Ask a person", approved answers and sharing need."""

from __future__ import annotations

import pytest
import yaml

ROOT = __import__("pathlib").Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("name", ["manifest.yaml", "manifest-http.yaml"])
def test_the_manifest_has_the_new_commands_interactivity_and_scopes(name):
    manifest = yaml.safe_load((ROOT / "slack" / name).read_text())
    commands = {c["command"]: c for c in manifest["features"]["slash_commands"]}
    assert {"/kb-approve", "/kb-approved", "/ask"} <= set(commands)
    assert manifest["settings"]["interactivity"]["is_enabled"] is True  # buttons, the ⋯ menu, the form
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"chat:write", "commands", "usergroups:read"} <= scopes
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True  # DMs to managers and askers
    if name == "manifest-http.yaml":
        assert all(c["url"].endswith("/slack/events") for c in commands.values())
        assert manifest["settings"]["interactivity"]["request_url"].endswith("/slack/events")
