"""Approved answers against a real store and the real model: stored without the question, matched by meaning
within the councils and years of the cited documents, retired when a cited document changes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from assistant.approved import ApprovedAnswers
from assistant.approved_store import ApprovedStore
from assistant.pipeline import Assistant
from assistant.understand import understand
from ingest.indexer import sync
from ingest.store import KnowledgeStore

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
QUESTION = "What did Ofsted say about case recording in Stockton in 2011?"


@pytest.fixture(scope="module")
def setup(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("approved-unit")
    docs = root / "docs"
    shutil.copytree(KNOWLEDGE, docs)
    store = KnowledgeStore(root / "store")
    sync(store, [docs], embedder=embedder)
    assistant = Assistant(store, embedder=embedder)
    approved = ApprovedAnswers(ApprovedStore(root / "store" / "approved.sqlite"), knowledge=store, embedder=embedder,
                               threshold=0.91)
    answer = assistant.ask(QUESTION)
    letter = [c for c in answer.citations if c.source == "stockton-2011-ucra-letter.txt"]
    assert letter, "the sample letter should answer the question"
    sentence = "Case recording is not sufficiently up to date"
    assert sentence in letter[0].text
    item = approved.approve(question=QUESTION, title="Stockton 2011: case recording", wording=sentence + ".",
                            passages=letter[:1], user="U0MANAGER")
    yield root, docs, store, approved, item
    approved.close()


def test_the_question_is_not_stored_only_its_vector_and_the_managers_title(setup):
    root, _, _, approved, item = setup
    raw = b"".join(p.read_bytes() for p in (root / "store").glob("approved.sqlite*"))
    assert QUESTION.encode() not in raw and b"Ofsted say about" not in raw
    with sqlite3.connect(approved.records.path) as db:
        (blob,) = db.execute("SELECT vector FROM approved").fetchone()
    assert len(blob) == 384 * 4
    assert item.title == "Stockton 2011: case recording" and item.wording.endswith("[1]")


def test_a_question_meaning_the_same_matches_another_year_or_council_does_not(setup):
    *_, approved, item = setup
    found = approved.match("what did ofsted say about stockton's case recording in 2011?")
    assert found is not None and found[0].id == item.id and found[1] >= 0.91
    # Nearly the same words to the model (similarity above the threshold), but another inspection:
    later = understand("what did Ofsted say about case recording in Stockton in 2019?")
    assert approved.records.nearest(approved.embedder.embed_batch([later.expanded])[0], at_least=0.91)
    assert approved.match("what did Ofsted say about case recording in Stockton in 2019?") is None
    assert approved.match("what did Ofsted say about case recording in Darlington in 2011?") is None
    assert approved.match("How often do social workers get supervision?") is None


def test_a_changed_cited_document_retires_it_for_good(setup, embedder):
    root, docs, store, approved, item = setup
    letter = docs / "stockton-2011-ucra-letter.txt"
    letter.write_text(letter.read_text() + "\nAn added paragraph.\n")
    sync(store, [docs], embedder=embedder)
    told = []
    approved.on_stale(told.append)
    retired = approved.retire_stale()
    assert [i.id for i in retired] == [item.id] and told == [retired]
    assert approved.records.get(item.id).stale_sources == {"stockton-2011-ucra-letter.txt": "changed"}
    assert approved.match("what did ofsted say about stockton's case recording in 2011?") is None
    assert [i.id for i in approved.awaiting_notice()] == [item.id]
