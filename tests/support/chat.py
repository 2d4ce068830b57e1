"""A fake for our own chat-model seam: replays canned text as a LangChain chat model returns it."""

from __future__ import annotations

import re
from typing import Callable


def passage_number(prompt: str, words: str) -> int:
    """The [n] under which the prompt shows the passage holding ``words`` (so canned text can cite it)."""
    labels = list(re.finditer(r"(?:^|\n)\[(\d+)\] ", prompt))
    for label, after in zip(labels, labels[1:] + [None]):
        block = prompt[label.start(): after.start() if after else len(prompt)]
        if " ".join(words.split()) in " ".join(block.split()):
            return int(label.group(1))
    raise AssertionError(f"no passage shown holds {words!r}")


class FakeChat:
    """Replays ``reply`` (or raises it) for every call; records the messages it was shown. ``reply`` may be a
    function of the prompt's text, which fills in the [n] of the passages it means (``passage_number``)."""

    def __init__(self, reply: str | Exception | Callable[[str], str]) -> None:
        self.reply = reply
        self.seen: list = []

    def invoke(self, messages):
        self.seen.append(messages)
        if isinstance(self.reply, Exception):
            raise self.reply
        text = self.reply("\n".join(content for _, content in messages)) if callable(self.reply) else self.reply
        return type("Reply", (), {"content": text})()
