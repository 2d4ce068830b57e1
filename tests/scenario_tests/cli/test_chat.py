"""`python bot.py chat` in a real pseudo-terminal: answers as the bot does, a follow-up carries the previous
question, `new` starts a new thread, `quit` (or `/quit`, as typed in Slack) leaves."""

from __future__ import annotations

import os
import re
import sys

import pexpect

from assistant.runtime import Runtime
from config.settings import load_settings
from tests.conftest import ROOT

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
CODES = r"(?:\x1b\[[0-9;]*m)*"
QUESTION = "How often do social workers get supervision?"
FOLLOW_UP = "what about team managers?"


def lead(text: str) -> str:
    """An answer's first sentence, as the terminal shows it (whitespace collapsed)."""
    return " ".join(re.split(r"(?<=\])\s+", text, maxsplit=1)[0].split())


def screen(child: pexpect.spawn) -> str:
    """What the terminal showed since the last prompt, up to the answer's timing line."""
    child.expect(rf"\({CODES}\d+{CODES} ms")  # rich colours the parts of "(519 ms)"
    return " ".join(ANSI.sub("", child.before).split())


def test_chat_answers_follows_up_and_new_starts_a_new_thread(knowledge_store, embedder):
    settings = load_settings(store_dir=knowledge_store.root)
    assistant = Runtime(settings, store=knowledge_store, embedder=embedder, chat_model=None).assistant
    expected = {"first": lead(assistant.ask(QUESTION).answer),
                "follow_up": lead(assistant.ask(FOLLOW_UP, context=QUESTION).answer),
                "fresh": lead(assistant.ask(FOLLOW_UP).answer)}
    assert expected["follow_up"] != expected["fresh"], "pick a follow-up whose answer depends on the context"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KB_", "CHROMA_", "SLACK_"))}
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", KB_STORE_DIR=str(knowledge_store.root))
    child = pexpect.spawn(sys.executable, [str(ROOT / "bot.py"), "chat"], cwd=str(ROOT), env=env, encoding="utf-8",
                          dimensions=(50, 500), timeout=90)
    try:
        child.expect("starts a new thread")
        prompt = rf"\?{CODES} "
        shown = {}
        # the question, its follow-up (carries it), the question again, `new`, the follow-up (carries nothing)
        for key, line in (("first", QUESTION), ("follow_up", FOLLOW_UP), ("again", QUESTION), ("new", "new"),
                          ("fresh", FOLLOW_UP)):
            child.expect(prompt)
            child.sendline(line)
            if key != "new":
                shown[key] = screen(child)
        for key, sentence in expected.items():
            assert sentence in shown[key], (key, sentence, shown[key][:600])
        assert expected["first"] in shown["again"]
        assert "Sources" in shown["first"] and "[1]" in shown["first"]
        child.expect(prompt)
        child.sendline("/quit")  # a Slack habit: the slash is read past, not asked as a question
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
