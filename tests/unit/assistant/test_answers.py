"""Answer types: outcome and abstained agree, the JSON contract carries both."""

from __future__ import annotations

import json

import pytest

from assistant.answers import NOT_FOUND, Answer, Citation, abstain, human_date
from assistant.retriever import Hit
from assistant.understand import understand
from ingest.models import Passage


def passage(title: str, date: str, n: int = 0) -> Passage:
    return Passage(id=f"p{n}", source=f"doc{n}.txt", text="Some text.", title=title, section="Timescales", date=date,
                   doc_type="procedure", url="", authorities=[], position=0, content_hash="h")


@pytest.mark.parametrize("outcome,abstained", [("answered", False), ("partial", True), ("not_found", True)])
def test_outcome_decides_abstained(outcome, abstained):
    answer = Answer(question="q", answer="a", outcome=outcome)
    assert answer.abstained is abstained
    data = json.loads(json.dumps(answer.to_json()))
    assert data["outcome"] == outcome and data["abstained"] is abstained
    assert set(data) >= {"question", "abstained", "answer", "citations", "latency_ms", "outcome"}


def test_older_callers_build_answers_with_abstained():
    assert Answer(question="q", abstained=True, answer="no").outcome == "not_found"
    assert Answer(question="q", abstained=False, answer="yes").outcome == "answered"
    with pytest.raises(ValueError):
        Answer(question="q", answer="x", outcome="answered", abstained=True)
    with pytest.raises(ValueError):
        Answer(question="q", answer="x", outcome="maybe")


def test_setting_abstained_keeps_partial():
    answer = Answer(question="q", answer="near", outcome="partial")
    answer.abstained = True
    assert answer.outcome == "partial"
    answer.abstained = False
    assert answer.outcome == "answered"
    answer.abstained = True
    assert answer.outcome == "not_found"


def test_abstain_names_the_nearest_documents_once_each():
    hits = [Hit(passage("Supervision policy", "2023-05-09", n), score=1.0, dense=0.5, lexical=0.5) for n in range(2)]
    hits.append(Hit(passage("Assessment procedure", "2021", 2), score=0.5, dense=0.4, lexical=0.1))
    answer = abstain(understand("what is the mileage rate?"), hits, reason="weak-evidence")
    assert answer.outcome == "not_found" and answer.abstained and answer.reason == "weak-evidence"
    assert answer.checked == ["Supervision policy (9 May 2023)", "Assessment procedure (2021)"]
    assert answer.answer.startswith(NOT_FOUND) and "Supervision policy (9 May 2023); Assessment" in answer.answer
    partial = abstain(understand("x"), hits, reason="near", message="The documents don't say.", outcome="partial")
    assert partial.outcome == "partial" and partial.abstained


def test_human_date_and_citation_json():
    assert human_date("2011-06-09") == "9 June 2011" and human_date("2011") == "2011" and human_date("") == ""
    c = Citation(n=1, source="a.txt", title="T", section="S", date="2020", url="", text="x")
    assert c.to_json() == {"n": 1, "source": "a.txt", "title": "T", "section": "S", "date": "2020", "url": "",
                           "text": "x", "also": [],  # DESIGN.md's fields, then whether the document is current
                           "reviewed": "", "review_due": "", "review_overdue_since": "", "superseded_by": None}
