"""The Chroma server going down and coming back, with a real `chroma run` and a real `serve --http` process:
while it is down the bot says plainly that the knowledge base is unavailable (never an error's text), and it
answers again, without a restart, once the server is back."""

from __future__ import annotations

import pytest

from ingest.indexer import sync
from ingest.store import KnowledgeStore
from tests.support.chroma import start_chroma, stop_chroma
from tests.conftest import KNOWLEDGE
from tests.support.payloads import mention
from tests.support.bot_process import BotProcess

QUESTION = "How often do social workers get supervision?"


@pytest.fixture(scope="module")
def chroma(tmp_path_factory):
    """This module's own server (the session's shared one must not be stopped)."""
    holder = {"server": start_chroma(tmp_path_factory.mktemp("outage-chroma") / "data")}
    yield holder
    stop_chroma(holder["server"])


def test_the_bot_says_the_knowledge_base_is_unavailable_then_recovers_without_a_restart(
        chroma, double, embedder, tmp_path):
    server = chroma["server"]
    kb = KnowledgeStore(tmp_path / "store", chroma_host=server.host, chroma_port=server.port)
    sync(kb, [KNOWLEDGE], embedder=embedder)
    with BotProcess(double, kb.root, CHROMA_HOST=server.host, CHROMA_PORT=str(server.port)) as bot:
        first = mention(QUESTION, channel="C0CHROMA1", user="U0CHROMA1")
        bot.bot.send_event(first)
        assert "[1]" in double.wait_for("chat.postMessage", channel="C0CHROMA1", timeout=30)[0].args["text"]

        stop_chroma(server)
        down = mention(QUESTION, channel="C0CHROMA2", user="U0CHROMA2")
        status, _, seconds = bot.bot.send_event(down)
        assert status == 200 and seconds < 3
        reply = double.wait_for("chat.postMessage", channel="C0CHROMA2", timeout=60)[0].args["text"]
        assert "can't reach the knowledge base" in reply and "[1]" not in reply
        assert "Error" not in reply and "Connect" not in reply  # no exception text
        bot.wait_output("knowledge base unreachable surface=mention")  # its log line, read by another thread

        chroma["server"] = start_chroma(server.path, port=server.port)  # the same data, the same address
        back = mention(QUESTION, channel="C0CHROMA3", user="U0CHROMA3")
        bot.bot.send_event(back)
        assert "[1]" in double.wait_for("chat.postMessage", channel="C0CHROMA3", timeout=60)[0].args["text"]
        assert bot.process.poll() is None  # the same process all along
    assert QUESTION not in bot.output
