"""A fake for our own chat-model seam: replays canned text as a LangChain chat model returns it."""

from __future__ import annotations


class FakeChat:
    """Replays ``reply`` (or raises it) for every call; records the messages it was shown."""

    def __init__(self, reply: str | Exception) -> None:
        self.reply = reply
        self.seen: list = []

    def invoke(self, messages):
        self.seen.append(messages)
        if isinstance(self.reply, Exception):
            raise self.reply
        return type("Reply", (), {"content": self.reply})()
