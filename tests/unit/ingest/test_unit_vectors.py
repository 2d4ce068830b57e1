"""Answer units' embeddings beside a version: written once, reused across versions, trimmed by forget."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ingest.models import Passage
from ingest.unit_vectors import UnitVectors, has_unit_vectors, keep_only, unit_text, write_unit_vectors


def _passage(pid: str, text: str, section: str = "Heading") -> Passage:
    return Passage(id=pid, source="doc.md", text=text, title="Doc", section=section, date="", doc_type="procedure",
                   url="", authorities=[], position=0, content_hash="h")


class CountingEmbedder:
    """A deterministic stand-in for the model at this seam: a vector from each text's length; counts calls."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, texts: list[str]) -> list[list[float]]:
        self.texts += texts
        return [[float(len(t)), 1.0, 0.0] for t in texts]


def test_units_are_embedded_with_their_heading_and_read_back_in_order(tmp_path: Path) -> None:
    embed = CountingEmbedder()
    passages = [_passage("a", "First sentence here. Second one follows."), _passage("b", "Only one sentence.")]
    assert write_unit_vectors(tmp_path, passages, embed=embed, dimension=3) == 3
    assert unit_text("Heading", "First sentence here.") in embed.texts
    vectors = UnitVectors.open(tmp_path)
    assert vectors is not None and vectors.get("a").shape == (2, 3) and vectors.get("b").shape == (1, 3)
    assert vectors.get("a")[0][0] == len(unit_text("Heading", "First sentence here."))
    assert vectors.get("missing") is None


def test_a_new_version_reuses_rows_and_embeds_only_new_passages(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    write_unit_vectors(old, [_passage("a", "Kept sentence. Another.")], embed=CountingEmbedder(), dimension=3)
    embed = CountingEmbedder()
    count = write_unit_vectors(new, [_passage("a", "Kept sentence. Another."), _passage("c", "New text here.")],
                               embed=embed, dimension=3, previous=old)
    assert count == 1 and embed.texts == [unit_text("Heading", "New text here.")]
    assert np.array_equal(UnitVectors.open(new).get("a"), UnitVectors.open(old).get("a"))


def test_keep_only_drops_a_forgotten_passage_rows(tmp_path: Path) -> None:
    write_unit_vectors(tmp_path, [_passage("a", "Keep me."), _passage("b", "Forget me now.")],
                       embed=CountingEmbedder(), dimension=3)
    keep_only(tmp_path, ["a"])
    vectors = UnitVectors.open(tmp_path)
    assert vectors.get("b") is None and vectors.get("a") is not None
    assert vectors.matrix.shape[0] == 1


def test_a_folder_without_unit_vectors_is_reported(tmp_path: Path) -> None:
    assert not has_unit_vectors(tmp_path) and UnitVectors.open(tmp_path) is None
