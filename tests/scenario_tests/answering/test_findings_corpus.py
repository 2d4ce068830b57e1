"""Findings over the shared corpus (skips when ../shared is absent). Expectations read from the documents by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.findings.rules import extract
from ingest.loaders import load_file
from ingest.metadata import build_document
from ingest.splitter import split_document


def _inspection(corpus: Path, name: str):
    path = corpus / name
    raw, hints = load_file(path)
    document = build_document(source=name, path=path, raw=raw, hints=hints, data=path.read_bytes())
    return extract(document, split_document(document)), raw


def _raw_list(raw: str, heading: str) -> list[str]:
    """The bullets under ``heading`` in the raw file, read independently of the extractor (blank lines skipped,
    wrapped lines re-joined), stopping at the first line that is neither a bullet nor a continuation."""
    lines = raw.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(heading)) + 1
    items: list[str] = []
    for line in lines[start:]:
        text = line.strip()
        if not text:
            continue
        if text[0] in "-◼":
            items.append(text[1:].strip())
        elif items and (text[0].islower() or line[:1].isspace()):
            items[-1] += " " + text  # a bullet's wrapped or indented continuation
        else:
            break
    return items


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_stockton_2011_letter(shared_dir):
    inspection, raw = _inspection(shared_dir / "corpus", "stockton-2011-ucra-letter.txt")
    areas = [f for f in inspection.findings if f.kind == "area_for_development"]
    strengths = [f for f in inspection.findings if f.kind == "strength"]
    expected_areas = _raw_list(raw, "Areas for development")
    expected_strengths = _raw_list(raw, "The service meets the requirements")
    assert len(expected_areas) == 6 and len(expected_strengths) == 13  # counted by hand
    assert [_norm(f.text) for f in areas] == [_norm(t) for t in expected_areas]
    assert [_norm(f.text) for f in strengths] == [_norm(t) for t in expected_strengths]
    marked = [("This was an area of development at the previous inspection" in t) for t in expected_areas]
    assert [f.repeated for f in areas] == marked and sum(marked) == 3
    assert not any(f.repeated for f in strengths)
    assert sum(f.previous == "addressed" for f in strengths) == 4
    assert {f.kind for f in inspection.findings} == {"strength", "area_for_development"}
    supervision = next(f for f in areas if f.theme == "supervision")
    assert supervision.passage.section == "Areas for development"
    assert inspection.inspection_dates == "10 and 11 May 2011"
    assert inspection.previous == "5 and 6 January 2010"


REPORTS = {
    "ofsted-2019-stockton-ilacs-report.txt": ("requires improvement to be good", 6),
    "ofsted-2022-darlington-ilacs-report.txt": ("good", 3),
    "ofsted-2022-leeds-ilacs-report.txt": ("outstanding", 2),
    "ofsted-2022-redcar-cleveland-ilacs-report.txt": ("requires improvement to be good", 6),
    "ofsted-2023-middlesbrough-ilacs-report.txt": ("requires improvement to be good", 6),
    "ofsted-2023-stockton-ilacs-report.txt": ("requires improvement to be good", 4),
    "ofsted-2024-hartlepool-ilacs-report.txt": ("outstanding", 2),
}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_ilacs_reports(shared_dir, name):
    overall, count = REPORTS[name]
    inspection, raw = _inspection(shared_dir / "corpus", name)
    expected = [_norm(t) for t in _raw_list(raw, "What needs to improve")]
    assert len(expected) == count
    assert [_norm(f.text) for f in inspection.findings] == expected
    assert {f.kind for f in inspection.findings} == {"needs_to_improve"}
    grades = {j.key: j.grade for j, _ in inspection.judgements}
    assert grades["overall effectiveness"] == overall
    # Every per-area heading the report states agrees with what was recorded for that area.
    for line in raw.split("\n"):
        match = re.match(r"The (experiences and progress of .+?|impact of leaders .+?): (.+?)\.?$", line.strip())
        if match and len(line) < 200:
            area = match.group(1)
            recorded = [j for j, _ in inspection.judgements if j.area.lower().endswith(area.lower())
                        or area.lower().startswith(j.area.lower()[4:])]
            assert recorded and recorded[0].grade == match.group(2).lower(), line
    assert len(grades) >= 4
    assert all(p is not None for _, p in inspection.judgements)
    assert all(f.passage is not None for f in inspection.findings)


def test_hartlepool_short_inspection_has_separate_care_leavers_judgement(shared_dir):
    inspection, _ = _inspection(shared_dir / "corpus", "ofsted-2024-hartlepool-ilacs-report.txt")
    grades = {j.key: j.grade for j, _ in inspection.judgements}
    assert grades["care leavers"] == "good" and grades["children in care"] == "outstanding"
    assert inspection.previous == "2018"  # "Since the last ILACS judgement inspection in 2018"
    assert inspection.inspection_type == "ILACS short inspection"


def test_other_corpus_documents_have_no_findings(shared_dir):
    for path in sorted((shared_dir / "corpus").glob("*.txt")):
        if path.name.startswith("ofsted-20") or path.name.startswith("stockton-2011"):
            continue
        inspection, _ = _inspection(shared_dir / "corpus", path.name)
        assert inspection is None or not inspection.findings, path.name
