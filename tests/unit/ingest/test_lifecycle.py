"""One version lifecycle: a version is checked, saved, sealed and published, or discarded; never half-published."""

from __future__ import annotations

import json

import pytest

from ingest.lifecycle import VersionCheckFailed, build_version, republish
from ingest.models import Passage
from ingest.store import KnowledgeStore
from ingest.versions import Manifest


def _passage(n: int, text: str) -> Passage:
    return Passage(id=f"doc{n}.md:0", source=f"doc{n}.md", text=text, title=f"Doc {n}", section="", date="",
                   doc_type="procedure", url="", authorities=[], position=0, content_hash=f"h{n}")


def _fill(draft, embedder, texts: list[str]) -> None:
    passages = [_passage(n, t) for n, t in enumerate(texts)]
    draft.version.collection(create=True)
    draft.version.add(passages, embedder.embed_batch([p.embedding_text() for p in passages]))
    draft.manifest = Manifest(version="", created="now", model=embedder.name, dimension=embedder.dimension,
                              documents={p.source: {"passages": 1} for p in passages}, passages=len(passages))


TEXTS = ["Supervision happens every four weeks.", "Visits happen every six weeks.", "Strategy discussions are prompt."]


def test_a_built_version_is_checked_saved_sealed_and_published(tmp_path, embedder):
    store = KnowledgeStore(tmp_path / "store")
    with build_version(store) as draft:
        _fill(draft, embedder, TEXTS)
    assert store.live_name() == draft.version.name
    assert Manifest.load(draft.version.manifest_path).version == draft.version.name  # saved, with its own name
    with build_version(store, publish=False) as unpublished:
        _fill(unpublished, embedder, TEXTS[:2])
    assert store.live_name() == draft.version.name  # complete and kept, not live
    assert unpublished.version.name in store.versions()


@pytest.mark.parametrize("failure", ["raises inside", "no manifest", "fails its check"])
def test_a_failed_build_is_discarded_and_the_live_version_kept(tmp_path, embedder, failure):
    store = KnowledgeStore(tmp_path / "store")
    with build_version(store) as first:
        _fill(first, embedder, TEXTS)
    with pytest.raises((KeyboardInterrupt, VersionCheckFailed)):
        with build_version(store) as draft:
            if failure == "raises inside":
                _fill(draft, embedder, TEXTS)
                raise KeyboardInterrupt  # even an interrupt discards the half-built version
            if failure == "fails its check":
                _fill(draft, embedder, TEXTS)
                draft.manifest.passages += 1
    assert store.live_name() == first.version.name
    assert [p.name for p in store.versions_dir.iterdir()] == [first.version.name]


def test_republish_refuses_a_damaged_version(tmp_path, embedder):
    store = KnowledgeStore(tmp_path / "store")
    with build_version(store) as old:
        _fill(old, embedder, TEXTS)
    with build_version(store) as new:
        _fill(new, embedder, TEXTS[:1])
    data = json.loads(old.version.manifest_path.read_text())
    data["passages"] = 7  # the manifest no longer matches the stored passages
    old.version.manifest_path.write_text(json.dumps(data))
    with pytest.raises(VersionCheckFailed, match="3 passages stored, 7 expected"):
        republish(store, old.version)
    assert store.live_name() == new.version.name
    data["passages"] = 3
    old.version.manifest_path.write_text(json.dumps(data))
    republish(store, old.version)
    assert store.live_name() == old.version.name
