"""The lexical index saved beside a version: the same scores as one built in memory, found by id, and rebuilt
for versions that predate it."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from assistant.retriever import Retriever
from assistant.understand import understand
from ingest.indexer import sync
from ingest.lexical import FOLDER, LexicalIndex, has_lexical
from ingest.models import Passage
from ingest.store import KnowledgeStore
from ingest.tokens import tokens
from tests.conftest import KNOWLEDGE


def _passage(pid: str, source: str, text: str, *, date: str = "2020-01-01", authorities=()) -> Passage:
    return Passage(id=pid, source=source, text=text, title=source.title(), section="Part", date=date,
                   doc_type="procedure", url="", authorities=list(authorities), position=int(pid[1:]), content_hash="h")


PASSAGES = [
    _passage("p1", "visits.md", "Statutory visits to a looked after child happen every six weeks.", authorities=["Leeds"]),
    _passage("p2", "visits.md", "The social worker records each visit within three working days."),
    _passage("p3", "supervision.md", "Supervision takes place monthly for every practitioner.", date="2023-05-01",
             authorities=["York"]),
    _passage("p10", "zz.md", "Nothing relevant here at all."),
]


def test_saved_index_scores_like_the_in_memory_one_and_finds_rows_by_id(tmp_path: Path) -> None:
    built = LexicalIndex.build(PASSAGES)
    built.save(tmp_path)
    assert has_lexical(tmp_path)
    opened = LexicalIndex.open(tmp_path)
    assert opened is not None and len(opened) == 4
    query = tokens("how often are statutory visits")
    assert np.array_equal(opened.scores(query), built.scores(query))
    best = opened.best(opened.scores(query), 40)
    assert sorted(opened.passage_id(r) for r in best) == ["p1", "p2"]  # rows BM25 gives nothing are no candidates
    rows = opened.rows_of(["p3", "p1", "missing", "p10", "p100000000000"])
    assert {pid: opened.passage_id(row) for pid, row in rows.items()} == {"p3": "p3", "p1": "p1", "p10": "p10"}
    assert opened.newest_year == 2023 and opened.authorities == ["Leeds", "York"]
    assert opened.documents["supervision.md"] == ("Supervision.Md", "2023-05-01", "procedure", ("York",))
    assert opened.counts[tokens("supervision")[0]] == 1 and opened.total == 4


def test_an_empty_version_has_an_empty_index(tmp_path: Path) -> None:
    LexicalIndex.build([]).save(tmp_path)
    opened = LexicalIndex.open(tmp_path)
    assert opened is not None and len(opened) == 0 and opened.best(opened.scores(["visit"]), 40) == []


def test_a_version_without_a_saved_index_still_answers_and_the_next_refresh_saves_one(tmp_path: Path, embedder) -> None:
    store = KnowledgeStore(tmp_path / "store")
    sync(store, [KNOWLEDGE], embedder=embedder)
    live = store.live()
    assert has_lexical(live.path)
    query = understand("How often should a looked after child be visited?")
    reader = store.reader()
    saved = [(h.passage.id, round(h.score, 6)) for h in Retriever(reader, embedder=embedder).search(query)]
    store.close_reader(reader)
    shutil.rmtree(live.path / FOLDER)  # a version built before lexical indexes were saved
    reader = store.reader()
    rebuilt = [(h.passage.id, round(h.score, 6)) for h in Retriever(reader, embedder=embedder).search(query)]
    store.close_reader(reader)
    assert saved and rebuilt == saved
    assert not has_lexical(live.path)  # readers never write the store
    summary = sync(store, [KNOWLEDGE], embedder=embedder)
    assert summary.changed and summary.embedded == 0 and has_lexical(store.live().path)


def test_an_updated_index_equals_one_built_afresh(tmp_path: Path) -> None:
    LexicalIndex.build(PASSAGES).save(tmp_path / "old")
    changed = _passage("p2", "visits.md", "Visits are recorded on the same day.")
    added = _passage("p5", "new.md", "Foster carers are reviewed every year.", date="2024-02-02", authorities=["Hull"])
    updated = LexicalIndex.update(tmp_path / "old", keep={"supervision.md", "zz.md", "gone.md"},
                                  fresh=[PASSAGES[0], changed, added])
    updated.save(tmp_path / "new")
    afresh = LexicalIndex.build([PASSAGES[0], changed, PASSAGES[2], PASSAGES[3], added])
    opened = LexicalIndex.open(tmp_path / "new")
    assert [opened.passage_id(r) for r in range(len(opened))] == ["p5", "p3", "p1", "p2", "p10"]
    for words in ("statutory visits recorded", "foster carers year", "supervision monthly", "nothing"):
        query = tokens(words)
        assert np.allclose(opened.scores(query), afresh.scores(query), atol=1e-6), words
    assert opened.counts == afresh.counts and opened.documents == afresh.documents
    assert opened.newest_year == 2024 and opened.authorities == ["Hull", "Leeds", "York"]
    dropped = LexicalIndex.update(tmp_path / "new", keep={"new.md"}, fresh=[])
    assert len(dropped) == 1 and dropped.documents.keys() == {"new.md"} and dropped.authorities == ["Hull"]
