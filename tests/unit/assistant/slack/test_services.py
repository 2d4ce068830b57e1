"""Question ids from button values: our shape, or "invalid" (no text reaches logs or the database)."""

from __future__ import annotations

from assistant.slack.services import safe_id


def test_safe_id():
    assert safe_id("0123456789ab") == "0123456789ab"
    assert safe_id("Jane Doe") == "invalid" and safe_id(None) == "invalid"
