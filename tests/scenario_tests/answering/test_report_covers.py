"""A report's cover (its lead inspector, its judgement table), over the shared corpus with the real store, ranker
and selector.

Reports flattened from their PDFs print the table's header ("Judgement Grade") run into its first row. The header
was quoted as part of that row ("Judgement Grade The impact of leaders ... Requires improvement to be good"), and its
word "grade" made that row, whatever it judged, the best match for any question about a grade: "mbro care leavers
grade 2023" led with the leaders' judgement. The header is now a unit of its own that labels every row
(ingest/units.py unit_headings), as a section heading labels its sentences.
"""

from __future__ import annotations

import re

import pytest

from assistant.pipeline import Assistant
from ingest.units import GRADED_ROW


@pytest.fixture(scope="module")
def extractive(corpus_store, embedder) -> Assistant:
    a = Assistant(corpus_store, embedder=embedder)  # the passages alone, no structured findings
    yield a
    a.close()


def _sentences(answer: str) -> list[str]:
    return [s.strip() for s in re.split(r"\s*\[\d+\]\s*", answer) if s.strip()]


def _answered(assistant: Assistant, question: str):
    """The answer to ``question``, which must be answered, and its sentences."""
    answer = assistant.ask(question)
    assert answer.outcome == "answered", answer.answer
    return answer, _sentences(answer.answer)


@pytest.mark.parametrize("question, row", [
    ("mbro care leavers grade 2023", "The experiences and progress of care leavers Requires improvement to be good"),
    ("darlington CiC and care leavers grade 2022",
     "The experiences and progress of children in care and care leavers Outstanding"),
    # a grade offered as a guess after the question is to be checked, not looked for (batch 33): before, this led
    # with "… receive an outstanding service" and the children in care row, both "outstanding"
    ("so like basically what did hartlepool get for care leavers in 2024, was that outstanding too",
     "The experiences and progress of care leavers Good"),
])
def test_a_grade_question_leads_with_the_row_it_asks_about(extractive, question, row):
    answer, sentences = _answered(extractive, question)
    assert sentences[0].rstrip(".") == row, answer.answer
    assert "Judgement Grade" not in answer.answer


def test_a_question_for_all_the_grades_is_answered_with_rows_of_the_table(corpus_product):
    # Before, this led with the first row and its header, and nothing else: "Judgement Grade The impact of leaders
    # on social work practice with children and families Requires improvement to be good."
    answer, sentences = _answered(corpus_product, "stockton 2023 ofsted grades")
    rows = [s for s in sentences if GRADED_ROW.search(s)]
    assert len(rows) >= 2, answer.answer
    assert sentences[0] in rows, answer.answer
    assert "Judgement Grade" not in answer.answer
    assert {c.source for c in answer.citations} == {"ofsted-2023-stockton-ilacs-report.txt"}


def test_who_led_an_inspection_is_answered_with_the_covers_lead_inspector(extractive):
    # Before, "His Majesty's Inspector" did not read as naming anyone, so a sentence about the chief executive led.
    answer, sentences = _answered(extractive, "who was lead inspector stockton 2023")
    assert sentences[0] == "Lead inspector: Joanna Warburton, His Majesty’s Inspector.", answer.answer


@pytest.mark.parametrize("question, first", [
    ("which inspector did the 2022 leeds inspection", "Lead inspector: Louise Hollick, Her Majesty’s Inspector."),
    ("did ofsted think stockton thought about diversity in assessments back in 2011",
     "The diverse needs of children and families is given due attention within assessments."),
])
def test_the_title_printed_on_the_first_page_is_not_a_sentence_of_an_answer(extractive, question, first):
    # The citation names the document; before, "Inspection of Leeds local authority children’s services." led the
    # first answer (its "local authority" read as the "who" asked for) and the letter's title led the second.
    answer, sentences = _answered(extractive, question)
    assert sentences[0] == first, answer.answer
    titles = {c.title.split(" (")[0].lower() for c in answer.citations}
    assert not any(s.rstrip(".").lower() in titles for s in sentences), answer.answer


def test_a_count_the_report_does_not_give_is_not_answered_with_any_number(corpus_product):
    # The report names its lead inspector and never says how many inspectors came. With "inspectors" taken only as
    # where to look, the question had no key term, and any sentence holding a number answered it ("This is in the
    # context of … the COVID-19 pandemic …", "One worker said …", "… up to the age of 25 …").
    answer = corpus_product.ask("hartlepool 2024 how many inspectors")
    assert answer.outcome != "answered", answer.answer
    assert "COVID-19" not in answer.answer and "age of 25" not in answer.answer, answer.answer


def test_a_count_of_children_is_not_answered_with_an_age(corpus_product):
    # Middlesbrough's report never says how many children are in care; "… care leavers, particularly those aged over
    # 21 …" (an item of what needs to improve) was the answer, its age read as the count.
    answer = corpus_product.ask("mbro 2023 - how many children in care")
    assert answer.outcome != "answered", answer.answer


@pytest.mark.parametrize("question", [
    "who is middlesbroughs interim dcs",
    "who is hartlepools director of childrens services",
])
def test_who_holds_a_post_is_not_answered_by_naming_the_post_again(corpus_product, question):
    # The reports name the post ("an experienced and credible director of children's services (DCS)") and never the
    # person holding it; the answer had been that sentence.
    answer = corpus_product.ask(question)
    assert answer.outcome != "answered", answer.answer


def test_who_led_an_inspection_is_still_the_lead_inspectors_name(corpus_product):
    answer = corpus_product.ask("who was the lead inspector for darlington in 2022")
    assert answer.outcome == "answered" and answer.answer.startswith("Lead inspector: "), answer.answer


@pytest.mark.parametrize("question", [
    "who was the lead inspector for stockton 2019",
    "which inspector did stockton's 2019 inspection",
    pytest.param("stockton 2019 ilacs - which inspector led it", marks=pytest.mark.xfail(
        strict=True, raises=AssertionError,
        reason="'led' matches 'This has led to a lack of confidence …' better than the cover's field; reported")),
    "name of the lead inspector, stockton 2019 inspection",
])
def test_a_cover_printed_a_field_per_line_answers_who_the_lead_inspector_was(corpus_product, question):
    # Stockton's 2019 report prints "Lead inspector: …" on a line of its own, which was cut as a heading: no answer
    # could quote it, and the 2023 report's lead inspector was given instead.
    answer, sentences = _answered(corpus_product, question)
    assert "Matt Reed" in sentences[0], answer.answer
    assert "Joanna Warburton" not in answer.answer


def test_the_lead_inspectors_name_does_not_answer_who_the_director_was(corpus_product):
    answer = corpus_product.ask("name of stockton dcs at the 2019 inspection")
    assert answer.outcome != "answered", answer.answer
    assert "Matt Reed" not in answer.answer


@pytest.mark.parametrize("question, grade", [
    # "rate" was read as a number ("vacancy rate"): partial, with "Three bespoke workers have been employed …" nearest
    ("did ofsted rate leeds outstanding in 2022", "Outstanding"),
    # "rate", "rated" and "rating" were key terms no row holds (the table's header says "Grade"): partial
    ("how did ofsted rate darlington in 2022", "Good"),
    ("what were leeds rated in 2022", "Outstanding"),
    ("mbro ofsted rating 2023", "Requires improvement to be good"),
])
def test_a_rating_is_asked_as_a_grade_and_answered_from_the_table(extractive, question, grade):
    answer, sentences = _answered(extractive, question)  # the passages alone: the product answers from its findings
    assert grade.lower() in sentences[0].lower(), answer.answer  # a row ("Overall effectiveness Good") or a sentence
    assert any(GRADED_ROW.search(s) for s in sentences), answer.answer
