"""No answer repeats a sentence or cites the same passage twice."""

from __future__ import annotations

from assistant.answers import Answer, Citation
from assistant.repeats import drop_repeats

SENTENCE = "Social workers receive formal supervision at least every four weeks."


def cite(n: int, source: str, text: str) -> Citation:
    return Citation(n=n, source=source, title="Supervision", section="Frequency", date="", url="", text=text)


def test_the_same_passage_under_two_names_is_cited_once_with_both_names():
    passage = f"{SENTENCE} Records are typed up within five days."
    answer = Answer(question="q", abstained=False,
                    answer=f"{SENTENCE} [1] {SENTENCE} [2] Records are typed up within five days. [3]",
                    citations=[cite(1, "policy.docx", passage), cite(2, "Copy of policy.docx", passage),
                               cite(3, "recording.md", "Records are typed up within five days.")])
    tidy = drop_repeats(answer)
    assert tidy.answer == f"{SENTENCE} [1] Records are typed up within five days. [2]"
    assert [(c.n, c.source, c.also) for c in tidy.citations] == [
        (1, "policy.docx", ["Copy of policy.docx"]), (2, "recording.md", [])]


def test_a_sentence_found_in_two_documents_is_said_once_citing_both():
    answer = Answer(question="q", abstained=False, answer=f"{SENTENCE} [1] {SENTENCE} [2]",
                    citations=[cite(1, "a.md", "one passage"), cite(2, "b.md", "another passage")])
    assert drop_repeats(answer).answer == f"{SENTENCE} [1, 2]"


def test_model_style_answers_and_lists_are_handled_and_nothing_else_changes():
    llm = Answer(question="q", abstained=False, answer=f"Supervision is monthly [1]. {SENTENCE[:-1]} [2].\n"
                 f"- {SENTENCE[:-1]} [1].", citations=[cite(1, "a.md", "p1"), cite(2, "b.md", "p2")])
    assert drop_repeats(llm).answer == f"Supervision is monthly [1]. {SENTENCE[:-1]} [2, 1]."
    clean = Answer(question="q", abstained=False, answer="Not mentioned. [1]\nNot mentioned. [2]",
                   citations=[cite(1, "a.md", "p1"), cite(2, "b.md", "p2")])
    assert drop_repeats(clean) is clean  # short list items may repeat; distinct passages stay


def test_the_same_row_under_two_headings_is_two_councils_rows_and_stays():
    # a findings comparison: both reports give the same grade, each under its own council's heading
    row = "- The experiences and progress of children in care and care leavers: outstanding"
    text = f"Leeds, 2022 report:\n{row} [1]\nDarlington, 2022 report:\n{row} [2]"
    answer = Answer(question="q", abstained=False, answer=text,
                    citations=[cite(1, "leeds.txt", "Leeds grades"), cite(2, "darlington.txt", "Darlington grades")])
    assert drop_repeats(answer) is answer
    twice = Answer(question="q", abstained=False, answer=f"Leeds, 2022 report:\n{row} [1]\n{row} [2]",
                   citations=[cite(1, "leeds.txt", "Leeds grades"), cite(2, "darlington.txt", "Darlington grades")])
    assert drop_repeats(twice).answer == f"Leeds, 2022 report:\n{row} [1, 2]"  # under one heading: said once
