"""Findings extraction on small inspection-style documents written by the tests (no model, no store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.findings.rules import extract, heading_kind
from ingest.findings.judgements import heading_judgement, table_judgements
from ingest.loaders import load_file
from ingest.metadata import build_document
from ingest.splitter import split_document
from ingest.findings.themes import main_theme, theme_named, themes_of
from tests.support import findings_docs as docs


def _extract(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    raw, hints = load_file(path)
    document = build_document(source=name, path=path, raw=raw, hints=hints, data=path.read_bytes())
    passages = split_document(document)
    return extract(document, passages), passages


def test_letter_areas_for_development_strengths_and_repeats(tmp_path):
    inspection, _ = _extract(tmp_path, "letter-2011.txt", docs.LETTER_2011)
    areas = [f for f in inspection.findings if f.kind == "area_for_development"]
    strengths = [f for f in inspection.findings if f.kind == "strength"]
    assert [f.text.split(" ")[0] for f in areas] == ["Case", "The", "The", "Management", "Plans", "Return"]
    # Exactly the marked ones: a finding that merely says "previous" is not a repeat.
    assert [f.repeated for f in areas] == [False, True, True, False, False, True]
    assert len(strengths) == 3
    # A strength noting an earlier area for development reports it met, not repeated.
    assert [f.previous for f in strengths] == ["", "addressed", ""]
    assert not any(f.repeated for f in strengths)
    # The intro, the closing paragraph and the bullets after it are not findings.
    assert len(inspection.findings) == 9
    wrapped = areas[2]
    assert wrapped.text.endswith("This was an area of development at the previous inspection.")
    assert "recorded clearly" in wrapped.text
    assert inspection.inspection_dates == "10 and 11 May 2011"
    assert inspection.previous == "9 and 10 February 2010"
    assert inspection.judgements == []
    assert [f.theme for f in areas][:4] == ["case recording", "supervision", "assessment timeliness", "management oversight"]


def test_every_finding_cites_the_passage_that_contains_it(tmp_path):
    for name, text in [("l.txt", docs.LETTER_2011), ("r.txt", docs.REPORT_2019), ("p.txt", docs.PDF_STYLE_LETTER)]:
        inspection, passages = _extract(tmp_path, name, text)
        assert inspection.findings
        for finding in inspection.findings:
            assert finding.passage is not None and finding.passage in passages
            assert " ".join(finding.text.split()).lower() in " ".join(finding.passage.text.split()).lower()


def test_ilacs_report_needs_to_improve_and_judgements(tmp_path):
    inspection, _ = _extract(tmp_path, "report-2019.txt", docs.REPORT_2019)
    assert [f.kind for f in inspection.findings] == ["needs_to_improve"] * 3
    assert inspection.findings[0].text == "Clarity in supervision records about changes to children's circumstances."
    assert [f.theme for f in inspection.findings] == ["supervision", "assessment timeliness", "placements and sufficiency"]
    grades = {j.key: j.grade for j, _ in inspection.judgements}
    assert grades == {
        "impact of leaders": "requires improvement to be good",
        "help and protection": "good",
        "children in care and care leavers": "requires improvement to be good",
        "overall effectiveness": "requires improvement to be good",
    }
    assert all(p is not None and "Judgement Grade" in p.text for _, p in inspection.judgements)
    assert inspection.findings[0].judgement == "overall effectiveness: requires improvement to be good"
    assert inspection.inspection_type == "ILACS"
    assert inspection.inspection_dates == "20 May 2019 to 24 May 2019"


def test_report_with_separate_care_leavers_judgement(tmp_path):
    inspection, _ = _extract(tmp_path, "report-2023.txt", docs.REPORT_2023)
    grades = {j.key: j.grade for j, _ in inspection.judgements}
    assert grades["care leavers"] == "requires improvement to be good"
    assert grades["children in care"] == "good"
    assert grades["overall effectiveness"] == "good"
    assert len(inspection.findings) == 2
    assert "supervision" not in {t for f in inspection.findings for t in f.themes}


def test_priority_actions_and_numbered_recommendations_with_odd_bullets(tmp_path):
    inspection, _ = _extract(tmp_path, "visit.txt", docs.PDF_STYLE_LETTER)
    kinds = [(f.kind, f.text.split(" ")[0]) for f in inspection.findings]
    assert kinds == [("priority_action", "Management"), ("priority_action", "The"),
                     ("recommendation", "Ensure"), ("recommendation", "Improve")]
    assert inspection.inspection_type == "focused visit"


def test_documents_that_are_not_inspections_yield_nothing(tmp_path):
    inspection, _ = _extract(tmp_path, "procedure.txt", docs.PROCEDURE)
    assert inspection is None


@pytest.mark.parametrize("line, kind", [
    ("What needs to improve?", "needs_to_improve"),
    ("What needs to improve in this local authority?", "needs_to_improve"),
    ("Areas for development", "area_for_development"),
    ("Areas for improvement:", "area_for_development"),
    ("Areas for priority action", "priority_action"),
    ("Recommendations", "recommendation"),
    ("The service meets the requirements of statutory guidance in the following areas", "strength"),
    ("The inspection identified areas of practice that met requirements, with some areas for development.", None),
    ("Supervision files do not evidence areas for development", None),
])
def test_heading_kinds(line, kind):
    assert heading_kind(line) == kind


def test_judgement_headings_and_table():
    judgement = heading_judgement("The experiences and progress of care leavers: requires improvement to be good")
    assert (judgement.key, judgement.grade) == ("care leavers", "requires improvement to be good")
    assert heading_judgement("The experiences of children are improving: leaders know this.") is None
    table = table_judgements("Judgement Grade The impact of leaders on social work practice with children and families "
                             "Inadequate Overall effectiveness Inadequate Children are not safe.")
    assert [(j.key, j.grade) for j in table] == [("impact of leaders", "inadequate"), ("overall effectiveness", "inadequate")]


def test_themes():
    assert main_theme("The quality, recording and frequency of supervision needs to improve.") == "supervision"
    assert themes_of("Management oversight and the quality of supervision")[:2] == ["management oversight", "supervision"]
    assert main_theme("Contingency planning in children's written plans.") == "planning"
    assert main_theme("Consistent decision-making for strategy discussions.") == "strategy discussions"
    assert main_theme("Staff morale is high.") == "other"
    assert theme_named("Supervision") == "supervision"
    assert theme_named("care-leavers") == "care leavers"
    # adoption is part of children in care (a question on an adoption grade is on a theme, not a graded area); a
    # council that "adopted" an approach is not
    assert themes_of("what grade did leeds adoption get from ofsted") == ["children in care"]
    assert "children in care" in themes_of("Adopters are well supported.")
    assert themes_of("Leaders have adopted a new practice model.") == []
    assert theme_named("timeliness of assessments") == "assessment timeliness"
    assert theme_named("zzz") is None
