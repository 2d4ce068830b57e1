"""Units printed alike in many documents (a publisher's licence and newsletter text) are found from their keys, and
no version of one document, judgement row or labelled field is taken for one."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ingest.boilerplate import boilerplate_rows
from ingest.models import Passage
from ingest.unit_vectors import KEYS, UnitVectors, carry_unit_vectors, keep_only, write_unit_vectors
from ingest.units import unit_key

LICENCE = "You may reuse this information free of charge under the terms of the Open Government Licence."
NEWSLETTER = "You can subscribe to our monthly newsletter for more information and updates."


def _rows(documents: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    keys = [unit_key(unit) for units in documents for unit in units]
    owners = [d for d, units in enumerate(documents) for _ in units]
    return np.array(keys, dtype=np.int64), np.array(owners, dtype=np.int64)


def _report(council: str) -> list[str]:
    return [f"Children in {council} are seen promptly.", f"Leaders in {council} know their services well.",
            f"Supervision in {council} is regular.", LICENCE, NEWSLETTER]


def test_text_printed_in_three_different_documents_is_boilerplate() -> None:
    keys, owners = _rows([_report("Leeds"), _report("Redcar"), _report("Darlington")])
    rows = boilerplate_rows(keys, owners)
    assert sorted(rows.tolist()) == [3, 4, 8, 9, 13, 14]


def test_two_documents_are_not_enough() -> None:
    keys, owners = _rows([_report("Leeds"), _report("Redcar")])
    assert boilerplate_rows(keys, owners).size == 0


def test_versions_of_one_document_count_once() -> None:
    # Three drafts of one procedure share most of their sentences: each is still the procedure's own text.
    draft = ["Strategy discussions are held within one working day.", "The police and health take part.",
             "A manager chairs the discussion.", "Minutes go on the child's record.", "Outcomes are shared."]
    keys, owners = _rows([draft, draft[:4] + ["Outcomes are shared in writing."], draft + ["Reviewed in 2024."]])
    assert boilerplate_rows(keys, owners).size == 0


def test_a_judgement_row_or_a_labelled_field_is_never_boilerplate() -> None:
    for unit in ("Overall effectiveness Good", "Judgement Grade", "Lead inspector: Jane Smith, HMI"):
        assert unit_key(unit) == 0
    reports = [_report(c) + ["Overall effectiveness Good"] for c in ("Leeds", "Redcar", "Darlington")]
    keys, owners = _rows(reports)
    assert {int(k) for k in keys[boilerplate_rows(keys, owners)]} == {unit_key(LICENCE), unit_key(NEWSLETTER)}


def test_keys_ignore_case_spacing_and_curly_apostrophes() -> None:
    assert unit_key("Children’s  services are GOOD at this.") == unit_key("children's services are good at this.")
    assert unit_key("Children in Leeds are seen.") != unit_key("Children in Redcar are seen.")


def _passage(pid: str, source: str, text: str) -> Passage:
    return Passage(id=pid, source=source, text=text, title=source, section="", date="", doc_type="report", url="",
                   authorities=[], position=0, content_hash="h")


def _embed(texts: list[str]) -> list[list[float]]:
    return [[float(len(t)), 1.0, 0.0] for t in texts]


def test_keys_travel_with_the_vectors_through_reuse_carry_and_forget(tmp_path: Path) -> None:
    reports = [_passage(f"p{i}", f"{c}.md", " ".join(_report(c))) for i, c in enumerate(["Leeds", "Redcar"])]
    old, carried = tmp_path / "old", tmp_path / "carried"
    old.mkdir(), carried.mkdir()
    write_unit_vectors(old, reports, embed=_embed, dimension=3)
    assert (old / KEYS).is_file()
    vectors = UnitVectors.open(old)
    assert vectors.mark_boilerplate(["p0", "p1"], [0, 1]) == 0  # two reports: not yet

    third = _passage("p2", "Darlington.md", " ".join(_report("Darlington")))
    carry_unit_vectors(carried, old, ["p0", "p1"], [third], embed=_embed, dimension=3)
    vectors = UnitVectors.open(carried)
    assert vectors.mark_boilerplate(["p0", "p1", "p2"], [0, 1, 2]) == 6
    assert vectors.boilerplate_in("p1") == frozenset({3, 4}) == vectors.boilerplate_in("p2")

    keep_only(carried, ["p1", "p2"])  # a report forgotten: two left, and nothing is boilerplate any more
    vectors = UnitVectors.open(carried)
    assert vectors.mark_boilerplate(["p1", "p2"], [1, 2]) == 0 and vectors.boilerplate_in("p1") == frozenset()


def test_a_version_from_before_the_keys_marks_nothing(tmp_path: Path) -> None:
    reports = [_passage(f"p{i}", f"{c}.md", " ".join(_report(c))) for i, c in enumerate(["A", "B", "C"])]
    write_unit_vectors(tmp_path, reports, embed=_embed, dimension=3)
    (tmp_path / KEYS).unlink()
    vectors = UnitVectors.open(tmp_path)
    assert vectors is not None and vectors.mark_boilerplate(["p0", "p1", "p2"], [0, 1, 2]) == 0
