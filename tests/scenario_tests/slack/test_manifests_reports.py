"""Both Slack manifests carry /kb-stats and the scopes the digest and the chart need (and each is explained)."""

from __future__ import annotations

import pytest
import yaml

ROOT = __import__("pathlib").Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("name", ["manifest.yaml", "manifest-http.yaml"])
def test_kb_stats_and_the_dm_and_upload_scopes(name):
    manifest = yaml.safe_load((ROOT / "slack" / name).read_text())
    commands = {c["command"]: c for c in manifest["features"]["slash_commands"]}
    assert commands["/kb-stats"]["usage_hint"] == "[since YYYY-MM-DD]"
    assert {"im:write", "files:write", "chat:write", "commands", "usergroups:read"} <= set(
        manifest["oauth_config"]["scopes"]["bot"])
    if name == "manifest-http.yaml":
        assert commands["/kb-stats"]["url"].endswith("/slack/events")
    docs = (ROOT / "docs" / "slack.md").read_text()
    assert "| `im:write` |" in docs and "| `files:write` |" in docs and "`/kb-stats`" in docs
