"""Fixtures for Slack scenarios on a real `serve --http` process: the Web API double and a private store copy."""

from __future__ import annotations

import pytest

from tests.slack_double import SlackDouble
from tests.support.bot_process import copy_store


@pytest.fixture(scope="module")
def double():
    d = SlackDouble()
    yield d
    d.close()


@pytest.fixture(scope="module")
def store(knowledge_store, tmp_path_factory):
    """A private copy of the sample knowledge base: each process keeps its Slack records beside it."""
    return copy_store(knowledge_store.root, tmp_path_factory.mktemp("scenario") / "store")
