"""The real bot served over HTTP on a loopback port, against the Web API double, for every Slack surface.

One double and one warmed assistant (over the sample knowledge base) serve
all the files here; each file gets its own running bot (fresh memories,
records and audit log).
"""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from tests.support.slack_bot import start_bot
from tests.support.slack_web_api import SlackDouble


@pytest.fixture(scope="session")
def double():
    d = SlackDouble()
    yield d
    d.close()


@pytest.fixture(scope="session")
def assistant(knowledge_store, embedder) -> Assistant:
    a = Assistant(knowledge_store, embedder=embedder, threshold=0.40)
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
    if "running" in request.fixturenames:
        seam = request.getfixturevalue("running").seam
        seam.delay_s, seam.fail = 0.0, None
