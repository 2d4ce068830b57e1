"""Questions against a Chroma server (CHROMA_HOST/CHROMA_PORT) get the same answers as against the embedded store."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from config.settings import load_settings
from ingest.indexer import sync
from ingest.store import KnowledgeStore

KNOWLEDGE_QUESTIONS = [
    ("How often should a social worker receive supervision?", "example-supervision-policy.md"),
    ("What did Ofsted find about Stockton's contact and referral arrangements in 2011?",
     "stockton-2011-ucra-letter.txt"),
]


@pytest.fixture(scope="module")
def server_store(tmp_path_factory, chroma_server, embedder) -> KnowledgeStore:
    from tests.conftest import KNOWLEDGE

    store = KnowledgeStore(tmp_path_factory.mktemp("server-store"), chroma_host=chroma_server.host,
                           chroma_port=chroma_server.port)
    sync(store, [KNOWLEDGE], embedder=embedder)
    return store


def comparable(answer) -> dict:
    data = answer.to_json()
    data.pop("latency_ms", None)
    return data


@pytest.mark.parametrize(("question", "source"), KNOWLEDGE_QUESTIONS)
def test_same_answers_embedded_and_server(question, source, knowledge_store, server_store, embedder):
    embedded = Assistant(knowledge_store, embedder=embedder).ask(question)
    served = Assistant(server_store, embedder=embedder).ask(question)
    assert served.hits and served.hits[0].passage.source == source
    assert [h.passage.id for h in served.hits] == [h.passage.id for h in embedded.hits]
    assert comparable(served) == comparable(embedded)


def test_server_mode_keeps_passages_in_the_server_not_the_folder(server_store, chroma_server):
    version = server_store.live()
    assert version.number >= 1 and server_store.shared_name() in chroma_server.collections()
    assert not (version.path / "chroma").exists()
    assert server_store.live().manifest().passages == version.count() == version.collection().count()


def test_settings_switch_to_server_mode(monkeypatch, tmp_path, chroma_server):
    from assistant.runtime import Runtime

    monkeypatch.setenv("CHROMA_HOST", chroma_server.host)
    monkeypatch.setenv("CHROMA_PORT", str(chroma_server.port))
    settings = load_settings(store_dir=tmp_path / "store")
    store = Runtime(settings).store  # what every command uses
    assert store.server_mode and store.chroma_port == chroma_server.port
    assert "chroma server" in store.location
