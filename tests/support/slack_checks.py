"""What the Slack scenarios ask, and how they read what the bot sent: valid Block Kit, its text, its buttons."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from tests.support.slack_bot import wait_until
from tests.support.slack_web_api import Call, SlackDouble

QUESTION = "How often do social workers get supervision?"
OFF_TOPIC = "What is the capital of France?"


def valid_blocks(blocks: list[dict]) -> None:
    """Slack would accept these blocks: 1-50 of them, each valid, section text within 3,000 characters."""
    assert 0 < len(blocks) <= 50
    for block in Block.parse_all(blocks):
        block.validate_json()
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000


def section_text(blocks: list[dict]) -> str:
    """The text of the section and context blocks, one per line."""
    parts = []
    for b in blocks:
        if b["type"] == "section":
            parts.append(b["text"]["text"])
        elif b["type"] == "context":
            parts += [e.get("text", "") for e in b["elements"]]
    return "\n".join(parts)


def buttons(blocks: list[dict]) -> dict[str, dict]:
    """The buttons of the actions blocks, by action id."""
    return {e["action_id"]: e for b in blocks if b["type"] == "actions" for e in b["elements"]}


def hook_calls(double: SlackDouble, hook: str, *, count: int = 1, timeout: float = 20.0) -> list[Call]:
    """The posts to response_url ``hook``, once ``count`` of them have arrived."""
    hook_id = hook.rsplit("/", 1)[1]
    assert wait_until(lambda: len(double.of_unlocked(f"hook:{hook_id}")) >= count, timeout=timeout)
    return double.of(f"hook:{hook_id}")


def wait_logged(caplog, *texts: str, timeout: float = 10.0) -> str:
    """Wait until the bot logs a line holding one of ``texts`` (ids only): the positive signal that it dealt with
    an event, e.g. dropped or ignored it; returns the text found."""
    found: list[str] = []

    def seen() -> bool:
        found[:] = [t for t in texts if t in caplog.text]
        return bool(found)

    assert wait_until(seen, timeout=timeout), f"the bot never logged any of {texts!r}"
    return found[0]
