"""Fixtures for the Slack scenarios: the Web API double; the real bot served in this process over HTTP on a
loopback port (``running``); a private store copy for scenarios on a real `serve --http` process (``store``).

Each file gets its own double and its own running bot (fresh memories, records and audit log); one warmed
assistant over the sample knowledge base serves them all.
"""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from tests.support.bot_process import copy_store
from tests.support.slack_bot import start_bot
from tests.support.slack_web_api import SlackDouble


@pytest.fixture(scope="module")
def double():
    d = SlackDouble()
    yield d
    d.close()


@pytest.fixture(scope="session")
def assistant(knowledge_store, embedder) -> Assistant:
    a = Assistant(knowledge_store, embedder=embedder)
    a.warm()
    return a


@pytest.fixture(scope="module")
def running(double, assistant, tmp_path_factory):
    r = start_bot(double, assistant, tmp_path_factory.mktemp("slack-state"))
    yield r
    r.stop()


@pytest.fixture(autouse=True)
def _reset_seam(request):
    yield
    # A file may bring its own `running` (a real serve process, without our seam).
    seam = getattr(request.getfixturevalue("running"), "seam", None) if "running" in request.fixturenames else None
    if seam is not None:
        seam.delay_s, seam.fail = 0.0, None


@pytest.fixture(scope="module")
def store(knowledge_store, tmp_path_factory):
    """A private copy of the sample knowledge base: each process keeps its Slack records beside it."""
    return copy_store(knowledge_store.root, tmp_path_factory.mktemp("scenario") / "store")
