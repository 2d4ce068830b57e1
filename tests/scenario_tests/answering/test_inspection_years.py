"""An inspection year the knowledge base holds no report for: "not found, it holds no <year> inspection", unless a
later report speaks of that inspection, when the documents may answer after all (real loaders, splitter, Chroma,
BM25 and the embedding model over one small report)."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from tests.conftest import store_of

REPORT = """Title: Inspection of Middlesbrough local authority children's services
Publisher: Ofsted
Date: 2023-05-01
Type: inspection-letter
Authority: Middlesbrough
---
Overall effectiveness

Since the last inspection in 2019, when Middlesbrough children's services were judged inadequate, leaders have
improved the front door and the quality of assessments. Social workers now visit children regularly.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    store = store_of(tmp_path_factory.mktemp("inspection-years"), {"middlesbrough-2023.md": REPORT}, embedder)
    a = Assistant(store, embedder=embedder)
    yield a
    a.close()


def test_a_year_no_document_mentions_is_not_found_with_the_inspections_held(assistant):
    answer = assistant.ask("What did Ofsted find at the 2016 inspection of Middlesbrough?")
    assert answer.outcome == "not_found" and answer.reason == "no-inspection-that-year", answer.answer
    assert "no 2016 inspection of Middlesbrough" in answer.answer and "2023" in answer.answer


@pytest.mark.parametrize("question", [
    "pulling together a table for the board - middlesbrough ilacs judgements 2016 vs 2023",
    "did ofsted inspect middlesbrough in 2016, want to compare it with the 2023 one",
])
def test_one_year_asked_with_no_inspection_beside_one_held_is_said_plainly(assistant, question):
    # what the documents hold for the year they have, and plainly that they hold nothing for the other: only part of
    # what was asked
    answer = assistant.ask(question)
    assert answer.outcome == "partial" and answer.reason == "no-inspection-that-year", answer.answer
    assert answer.answer.startswith("The knowledge base holds no 2016 inspection of Middlesbrough"), answer.answer
    assert answer.citations, answer.answer


def test_a_year_named_as_where_change_is_measured_from_needs_no_inspection(assistant):
    answer = assistant.ask("has middlesbrough's front door improved since 2016 according to the 2023 inspection")
    assert answer.reason != "no-inspection-that-year", answer.answer


def test_a_year_a_later_report_speaks_of_is_left_to_the_documents(assistant):
    answer = assistant.ask("What was Middlesbrough judged at its 2019 Ofsted inspection?")
    assert answer.reason != "no-inspection-that-year", answer.answer
    assert answer.citations and "judged inadequate" in answer.answer  # answered, or the nearest they say


def test_a_year_a_later_report_speaks_of_is_answered_only_by_a_sentence_naming_it(assistant):
    # "Social workers now visit children regularly" is the 2023 report's, not the 2019 inspection's: it is no answer
    # to what that inspection found about visits, only the sentence naming 2019 speaks of it
    answer = assistant.ask("what did ofsted say about visits to children at the 2019 middlesbrough inspection")
    assert answer.outcome == "partial", answer.answer
    assert "2019" in answer.answer.partition("The nearest they say")[2], answer.answer


def test_a_report_is_never_of_an_inspection_after_it_was_published(assistant):
    # The 2023 report can be of a 2022 inspection (reports are published weeks later), never of a 2024 one: with a
    # council named, "not found" says which inspections there are; the year after is no near miss to answer with.
    answer = assistant.ask("What did Ofsted find at the 2024 inspection of Middlesbrough?")
    assert answer.outcome == "not_found" and answer.reason == "no-inspection-that-year", answer.answer
    assert "no 2024 inspection of Middlesbrough" in answer.answer
    earlier = assistant.ask("What did Ofsted find at the 2022 inspection of Middlesbrough?")
    assert earlier.reason != "no-inspection-that-year", earlier.answer


def test_without_a_council_named_a_later_year_is_not_answered_from_an_earlier_report(knowledge_assistant):
    # The sample knowledge base holds Ofsted's letter of June 2011, and no later inspection.
    answer = knowledge_assistant.ask("what did ofsted find at the 2012 unannounced inspection")
    assert answer.outcome != "answered", answer.answer
    assert knowledge_assistant.ask("what did ofsted find at the 2011 unannounced inspection").outcome == "answered"


@pytest.fixture(scope="module")
def knowledge_assistant(knowledge_store, embedder):
    a = Assistant(knowledge_store, embedder=embedder)
    yield a
    a.close()


EARLIER = """Title: Inspection of Middlesbrough local authority children's services
Publisher: Ofsted
Date: 2019-02-01
Type: inspection-letter
Authority: Middlesbrough
---
Children in care

Independent reviewing officers rarely challenge drift in children's plans. Their oversight is not recorded.
"""

LATER = """Title: Inspection of Middlesbrough local authority children's services
Publisher: Ofsted
Date: 2023-05-01
Type: inspection-letter
Authority: Middlesbrough
---
Children in care

Independent reviewing officers now challenge drift in children's plans effectively and record their oversight.
"""


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory, embedder):
    store = store_of(tmp_path_factory.mktemp("two-inspections"),
                     {"middlesbrough-2019.md": EARLIER, "middlesbrough-2023.md": LATER}, embedder)
    a = Assistant(store, embedder=embedder)
    yield a
    a.close()


@pytest.mark.parametrize("question, year", [
    ("IRO challenge middlesbrough 2019", "2019"),
    ("middlesbrough 2023 - what did ofsted say about iros challenging drift", "2023"),
])
def test_an_answer_about_one_inspection_quotes_nothing_from_another_years(two_reports, question, year):
    # The other report's sentence on the same subject used to follow as support, cited to its own report, and read
    # as part of the year asked about ("… rarely challenge drift … [1] … now challenge drift … effectively [2]").
    answer = two_reports.ask(question)
    assert answer.outcome == "answered", answer.answer
    assert {c.source for c in answer.citations} == {f"middlesbrough-{year}.md"}, answer.answer


@pytest.mark.parametrize("question", [
    "have middlesbrough iros got better at challenging drift since the 2019 inspection",
    "mbro iro challenge since 2019 - any better",
])
def test_a_year_named_as_the_baseline_is_answered_from_the_report_after_it(two_reports, question):
    # "since 2019" names where change is measured from: what changed is in the later report, which the year steered
    # away from and the year check turned down when it was read as the year asked about.
    answer = two_reports.ask(question)
    assert answer.outcome == "answered", answer.answer
    assert answer.citations[0].source == "middlesbrough-2023.md", answer.answer
    assert "now challenge drift" in answer.answer.split("[1]")[0], answer.answer


@pytest.mark.parametrize("question", [
    "middlesbroughs inspection before the 2023 one was 2016 wasnt it",  # a year to check, not one asked about
    "middlesbrough ilacs in 22/23 - what did they find on the front door",  # a financial year beside the one held
])
def test_a_year_offered_as_a_claim_or_beside_one_held_is_not_said_to_be_missing(assistant, question):
    assert assistant.ask(question).reason != "no-inspection-that-year"
