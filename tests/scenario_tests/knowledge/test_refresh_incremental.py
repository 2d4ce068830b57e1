"""A refresh pays for what changed: embedded, a new version starts from a copy of the live one's files and
only the changed documents are deleted and added; the result searches like a version built afresh, and
``forget`` still erases a document whose old text lingers in a copied folder."""

from __future__ import annotations

from assistant.retriever import Retriever
from assistant.understand import understand
from ingest.forget import forget
from ingest.indexer import sync
from ingest.store import KnowledgeStore
from tests.scenario_tests.knowledge.test_forget import SECRET, SECRET_FILE, traces, write_inspection
from tests.support.refresh_docs import TOPICS, stored_sources, write_corpus, write_doc

QUESTIONS = ["How often are children in care visited?", "When is a strategy discussion held?",
             "How often does group supervision meet?"]


def _search(store: KnowledgeStore, embedder) -> list[list[tuple[str, float]]]:
    reader = store.reader()
    try:
        retriever = Retriever(reader, embedder=embedder)
        return [[(h.passage.id, round(h.score, 5), round(h.lexical, 5)) for h in retriever.search(understand(q))]
                for q in QUESTIONS]
    finally:
        store.close_reader(reader)


def test_a_one_document_refresh_copies_forward_and_searches_like_a_fresh_build(tmp_path, docs_dir, embedder):
    store = KnowledgeStore(tmp_path / "store")
    write_corpus(docs_dir)
    sync(store, [docs_dir], embedder=embedder)
    write_doc(docs_dir, "supervision.md", *TOPICS["supervision.md"], extra="Group supervision meets monthly.")
    (docs_dir / "strategy.md").unlink()
    changed = sync(store, [docs_dir], embedder=embedder)
    assert changed.updated == ["supervision.md"] and changed.removed == ["strategy.md"]
    assert changed.embedded == stored_sources(store)["supervision.md"]  # only the changed document is embedded
    manifest = store.live().manifest()
    assert manifest.lingering == ["strategy.md", "supervision.md"]  # deleted in place from the copied folder
    assert set(stored_sources(store)) == {"supervision.md", "visits.md"}

    fresh = KnowledgeStore(tmp_path / "fresh")
    sync(fresh, [docs_dir], embedder=embedder)
    assert fresh.live().manifest().lingering == []
    assert _search(store, embedder) == _search(fresh, embedder)


def test_forget_erases_a_document_that_only_lingers_in_a_copied_folder(tmp_path, docs_dir, embedder):
    store = KnowledgeStore(tmp_path / "store")
    write_corpus(docs_dir, ["supervision.md", "visits.md"])
    write_inspection(docs_dir, SECRET_FILE, SECRET)
    sync(store, [docs_dir], embedder=embedder)
    (docs_dir / SECRET_FILE).unlink()
    removed = sync(store, [docs_dir], embedder=embedder)
    assert removed.removed == [SECRET_FILE] and SECRET_FILE in store.live().manifest().lingering
    assert SECRET_FILE not in store.live().manifest().documents

    summary = forget(store, SECRET_FILE)

    assert removed.version in summary.rebuilt  # rebuilt although its manifest no longer lists the document
    assert traces(store.root) == []
    assert store.live().manifest().lingering == []
    assert set(stored_sources(store)) == {"supervision.md", "visits.md"}


def test_a_refresh_builds_afresh_once_enough_deleted_text_lingers(tmp_path, docs_dir, embedder, monkeypatch):
    import ingest.indexer

    monkeypatch.setattr(ingest.indexer, "COMPACT_AFTER", 2)
    store = KnowledgeStore(tmp_path / "store")
    write_corpus(docs_dir)
    sync(store, [docs_dir], embedder=embedder)
    for round_, name in enumerate(["supervision.md", "strategy.md"]):
        write_doc(docs_dir, name, *TOPICS[name], extra=f"Revised in round {round_}.")
        sync(store, [docs_dir], embedder=embedder)
    assert store.live().manifest().lingering == ["strategy.md", "supervision.md"]
    write_doc(docs_dir, "visits.md", *TOPICS["visits.md"], extra="Revised again.")
    rebuilt = sync(store, [docs_dir], embedder=embedder)
    assert rebuilt.embedded == stored_sources(store)["visits.md"]  # still only the changed document embedded
    assert store.live().manifest().lingering == []
