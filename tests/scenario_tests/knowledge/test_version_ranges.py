"""Server mode: every version in one shared collection, each record tagged with the versions holding it
(ingest/ranges.py). A refresh writes only the changed document's records; older kept versions still answer
with their own text; pruning deletes what no kept version holds; a version never sees another's records."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.retriever import Retriever
from assistant.understand import understand
from ingest import ranges
from ingest.carry import carry_ranges
from ingest.indexer import sync
from ingest.lifecycle import build_version
from ingest.models import Passage
from ingest.rollback import rollback
from ingest.store import IndexVersion, KnowledgeStore
from tests.support.refresh_docs import TOPICS, write_corpus, write_doc

REVISED = "Group supervision meets monthly and is chaired by a team manager."


@pytest.fixture
def store(tmp_path, chroma_server) -> KnowledgeStore:
    return KnowledgeStore(tmp_path / "store", chroma_host=chroma_server.host, chroma_port=chroma_server.port)


def records(store: KnowledgeStore) -> dict[str, dict]:
    """Every record of the store's shared collection: id -> metadata (with the text)."""
    got = store.shared_collection(store.shared_name()).get(include=["metadatas", "documents"])
    return {rid: {**meta, "text": text} for rid, meta, text in zip(got["ids"], got["metadatas"], got["documents"])}


def texts(version: IndexVersion) -> str:
    passages, _ = version.passages()
    return "\n".join(p.text for p in passages)


def test_a_one_document_refresh_writes_only_that_documents_records(store, docs_dir, embedder):
    write_corpus(docs_dir)
    first = sync(store, [docs_dir], embedder=embedder)
    before = records(store)
    write_doc(docs_dir, "supervision.md", *TOPICS["supervision.md"], extra=REVISED)
    second = sync(store, [docs_dir], embedder=embedder)
    assert second.updated == ["supervision.md"]
    after = records(store)
    number = store.live().number
    assert number == IndexVersion(store, first.version).number + 1
    added = {rid for rid in after if rid not in before}
    closed = {rid for rid in before if after[rid]["v_to"] != before[rid]["v_to"]}
    assert added and {after[rid]["source"] for rid in added} == {"supervision.md"}
    assert {after[rid]["v_from"] for rid in added} == {number}
    assert closed and {before[rid]["source"] for rid in closed} == {"supervision.md"}
    assert {after[rid]["v_to"] for rid in closed} == {number}
    untouched = set(before) - closed
    assert untouched and all(after[rid] == before[rid] for rid in untouched)  # not read back and written again
    assert len(after) == len(before) + len(added)
    assert store.live().count() == second.passages == store.live().manifest().passages
    # Readers find each passage's record by id: the saved starts name exactly the records the version holds.
    held = {rid for rid, meta in after.items() if ranges.holds(meta, number)}
    assert {ranges.record_id(pid, start) for pid, start in store.live().starts.as_dict().items()} == held


def test_an_older_kept_version_keeps_its_text_and_rollback_then_refresh_work(store, docs_dir, embedder):
    write_corpus(docs_dir)
    first = sync(store, [docs_dir], embedder=embedder)
    write_doc(docs_dir, "supervision.md", *TOPICS["supervision.md"], extra=REVISED)
    (docs_dir / "strategy.md").unlink()
    second = sync(store, [docs_dir], embedder=embedder)
    old, new = IndexVersion(store, first.version), IndexVersion(store, second.version)
    assert "chaired by a team manager" not in texts(old) and "section 47" in texts(old)
    assert "chaired by a team manager" in texts(new) and "section 47" not in texts(new)

    assert rollback(store) == (second.version, first.version)
    reader = store.reader()
    hits = Retriever(reader, embedder=embedder).search(understand("When is a strategy discussion held?"))
    assert hits[0].passage.source == "strategy.md"
    assert all("chaired by a team manager" not in h.passage.text for h in hits)

    # A refresh after the rollback builds on the rolled-back version, whose records are not the newest ones:
    # the two documents it holds unchanged come back as they were in it, not as the version rolled back from.
    write_corpus(docs_dir)
    write_doc(docs_dir, "visits.md", *TOPICS["visits.md"], extra="Visits to children placed far away are monthly.")
    third = sync(store, [docs_dir], embedder=embedder)
    assert third.updated == ["visits.md"] and sorted(third.unchanged) == ["strategy.md", "supervision.md"]
    latest = store.live()
    assert latest.count() == third.passages == latest.manifest().passages
    assert {p.source for p in latest.passages()[0]} == set(TOPICS)
    assert "chaired by a team manager" not in texts(latest) and "placed far away" in texts(latest)
    assert "section 47" in texts(latest)


def test_pruning_deletes_the_records_no_kept_version_holds(store, docs_dir, embedder):
    write_corpus(docs_dir)
    sync(store, [docs_dir], embedder=embedder)
    for n in range(3):
        write_doc(docs_dir, "supervision.md", *TOPICS["supervision.md"], extra=f"Revision {n} of the policy.")
        sync(store, [docs_dir], embedder=embedder, keep_versions=2)
    kept = [IndexVersion(store, name).number for name in store.versions()]
    assert len(kept) == 2
    held = {rid for rid, meta in records(store).items() if any(ranges.holds(meta, n) for n in kept)}
    assert set(records(store)) == held  # nothing dead is left
    assert sum(1 for t in records(store).values() if "Revision 0" in t["text"]) == 0  # only version 2 held it
    assert sum(IndexVersion(store, name).count() for name in store.versions()) > len(held)  # records are shared


def test_a_query_in_a_version_never_returns_a_record_outside_its_range(store, docs_dir, embedder, monkeypatch):
    write_corpus(docs_dir)
    first = sync(store, [docs_dir], embedder=embedder)
    write_doc(docs_dir, "supervision.md", "Supervision policy", REVISED)
    second = sync(store, [docs_dir], embedder=embedder)
    old, new = IndexVersion(store, first.version), IndexVersion(store, second.version)
    old_ids = {p.id for p in old.passages()[0]}
    new_ids = {p.id for p in new.passages()[0]}
    assert old_ids - new_ids and new_ids - old_ids
    for version, own, other in ((old, old_ids, new_ids - old_ids), (new, new_ids, old_ids - new_ids)):
        for pid, vector in [(p.id, v) for p, v in zip(*version.store.live().passages(with_embeddings=True))] + \
                [(p.id, v) for p, v in zip(*IndexVersion(store, first.version).passages(with_embeddings=True))]:
            found = [found_id for found_id, _ in version.query(vector, k=len(own))]
            assert set(found) <= own and len(found) == len(own)
        assert {p.id for p, _ in version.fetch(sorted(own | other))} == own
    # The same when too many neighbours lie outside the range and Chroma filters the search itself.
    monkeypatch.setattr("ingest.versions._WIDEST", 0)
    vector = new.passages(with_embeddings=True)[1][0]
    assert {pid for pid, _ in old.query(vector, k=len(old_ids))} == old_ids


def test_a_version_from_before_ranges_is_read_and_the_next_refresh_carries_it_over(store, docs_dir, embedder,
                                                                                    monkeypatch, chroma_server):
    write_corpus(docs_dir)
    with monkeypatch.context() as patch:  # built as before: a collection of its own (Manifest.number 0)
        new_version = KnowledgeStore.new_version
        patch.setattr(KnowledgeStore, "new_version", lambda self, number=None: new_version(self, number=0))
        legacy = sync(store, [docs_dir], embedder=embedder)
    assert store.live().number == 0 and f"kb_{legacy.version}" in chroma_server.collections()
    hits = Retriever(store.reader(), embedder=embedder).search(understand("When is a strategy discussion held?"))
    assert hits[0].passage.source == "strategy.md"

    write_doc(docs_dir, "supervision.md", *TOPICS["supervision.md"], extra=REVISED)
    migrated = sync(store, [docs_dir], embedder=embedder)
    assert store.live().number == 1 and store.live().count() == migrated.passages
    assert {p.source for p in store.live().passages()[0]} == set(TOPICS)
    assert rollback(store)[1] == legacy.version  # still checked and served
    assert "chaired by a team manager" not in texts(store.live())
    rollback(store)
    write_doc(docs_dir, "visits.md", *TOPICS["visits.md"], extra="Visits to children placed far away are monthly.")
    sync(store, [docs_dir], embedder=embedder, keep_versions=2)
    assert f"kb_{legacy.version}" not in chroma_server.collections()  # pruned with its collection


def test_a_failed_build_is_undone_in_the_shared_collection(store, docs_dir, embedder):
    write_corpus(docs_dir)
    sync(store, [docs_dir], embedder=embedder)
    live = store.live()
    passages, vectors = live.passages(with_embeddings=True)
    before = records(store)
    with pytest.raises(RuntimeError, match="stop"):
        with build_version(store) as draft:
            carry_ranges(live, draft.version, drop=["visits.md"], also={})
            draft.version.add([replace(passages[0], id="new-passage")], vectors[:1])
            assert records(store) != before
            raise RuntimeError("stop")
    assert records(store) == before  # its record deleted, the records it closed open again
    assert store.live().count() == live.manifest().passages


def test_a_failed_first_build_drops_the_shared_collection_at_once(store, embedder, chroma_server):
    passage = Passage(id="a1", source="a.md", text="Visits are weekly.", title="A", section="", date="",
                      doc_type="procedure", url="", authorities=[], position=0, content_hash="h")
    with pytest.raises(RuntimeError, match="stop"):
        with build_version(store) as draft:
            draft.version.add([passage], embedder.embed_batch([passage.embedding_text()]))
            assert store.shared_name() in chroma_server.collections()
            raise RuntimeError("stop")
    assert store.shared_name() not in chroma_server.collections()  # no kept version: nothing to sweep record by record


def test_a_forget_cut_short_after_its_switch_leaves_no_copy_of_the_text_on_the_server(store, docs_dir, embedder,
                                                                                        chroma_server):
    """kill -9 between forget's switch to the new shared collection and its drop of the old one (which still holds
    the forgotten text): running forget again, as the operator would, deletes the old collection too."""
    from ingest.forget import _copy_shared, forget

    write_corpus(docs_dir)
    sync(store, [docs_dir], embedder=embedder)
    old = store.shared_name()
    _copy_shared(store, "supervision.md")  # forget's first step; the process dies here
    assert store.shared_name() != old and old in chroma_server.collections()
    again = KnowledgeStore(store.root, chroma_host=chroma_server.host, chroma_port=chroma_server.port)
    forget(again, "supervision.md")
    left = chroma_server.collections()  # the server is shared with the other tests: look at this store's names
    assert old not in left and again.shared_name() in left
    assert "supervision.md" not in {meta["source"] for meta in records(again).values()}
    assert "Social workers receive formal supervision" not in texts(again.live())


def test_a_shared_copy_cut_short_by_a_crash_is_deleted_by_the_next_refresh(store, docs_dir, embedder, chroma_server):
    write_corpus(docs_dir)
    sync(store, [docs_dir], embedder=embedder)
    current = store.shared_name()
    # forget's copy, half made when the process died: retired before the first record was written.
    ranges.retire(store.root, "kb_records_cutshort")
    part = store.shared_collection(current).get(limit=3, include=["documents", "metadatas", "embeddings"])
    store.shared_collection("kb_records_cutshort").add(ids=part["ids"], documents=part["documents"],
                                                      metadatas=part["metadatas"], embeddings=part["embeddings"])
    write_doc(docs_dir, "supervision.md", *TOPICS["supervision.md"], extra=REVISED)
    sync(store, [docs_dir], embedder=embedder)
    left = chroma_server.collections()
    assert "kb_records_cutshort" not in left and current in left  # the part-copy is gone, the one in use kept
    assert store.live().count() == store.live().manifest().passages
