"""App Home: what the bot knows, how to ask, examples."""

from __future__ import annotations

from tests.support.payloads import new_ts
from tests.support.slack_checks import section_text, valid_blocks


def test_app_home_is_published(running, double):
    running.bot.send_event({"type": "app_home_opened", "user": "U0HOMEUSR", "channel": "D0HOME", "tab": "home",
                            "event_ts": new_ts()})
    view = double.wait_for("views.publish", user_id="U0HOMEUSR")[0].args["view"]
    assert view["type"] == "home"
    valid_blocks(view["blocks"])
    text = section_text(view["blocks"])
    assert "4 documents" in text and "/ask" in text and "Examples" in text
