"""Two questions in one ("icpc timescale and who chairs it"): the answer leads with the first; the second is answered
with a cited sentence when the documents hold one, and said plainly not to be in the documents only when nothing
holds it (more_asks.second_asks). Over the shared corpus (skips when ../shared is absent); expectations read from the
documents by hand: Devon's guide and Tees's strategy procedure name no chair and no strategy-discussion timescale."""

from __future__ import annotations

import pytest

from assistant.asks import own_clause
from assistant.more_asks import other_asks
from assistant.findings import FindingsAnswerer
from assistant.pipeline import Assistant


@pytest.mark.parametrize("question, kind, asks", [
    ("icpc timescale and who chairs it", "timescale", [("person", "who chairs it")]),
    ("tms and atms - who supervises them and how often", "person", [("frequency", "how often")]),
    ("who audits supervision files, and how often", "person", [("frequency", "how often")]),
    # "what should other agencies do" asks for no kind of fact; "how often" alone asks once
    ("whose job is it to tell the sw a cp family has moved, and what should other agencies do", "person", []),
    ("how often is supervision", "frequency", []),
])
def test_the_second_ask_of_a_question(question: str, kind: str, asks: list) -> None:
    assert other_asks(question, kind) == asks


@pytest.fixture(scope="module")
def corpus_assistant(corpus_store, embedder) -> Assistant:
    return Assistant(corpus_store, embedder=embedder, findings=FindingsAnswerer())


def test_a_second_ask_the_documents_do_not_answer_is_said_plainly(corpus_assistant):
    answer = corpus_assistant.ask("devon icpc timescale and who chairs it")
    assert answer.outcome == "answered", answer.answer
    assert answer.answer.startswith("If a Section 47 Enquiry concludes that an Initial Child Protection Conference is "
                                     "needed, the Conference must take place no more than 15 working days")
    assert answer.answer.endswith("The documents don't say who chairs it.")
    tees = corpus_assistant.ask("tees strat discussion - who convenes it and how quickly")
    assert tees.answer.startswith("Children's social care should convene the strategy discussion"), tees.answer
    assert tees.answer.endswith("The documents don't say how quickly.")


def test_a_second_ask_the_documents_answer_is_never_denied(corpus_assistant):
    # Norfolk's procedure says where the form goes (cadsadmin@...), in words the clause does not use ("send")
    answer = corpus_assistant.ask("norfolk transfer in conf timescale and who do i send the form to")
    assert "15 working days" in answer.answer and "don't say" not in answer.answer, answer.answer
    # "is it same day" asks for no kind of fact: the answer is the first ask's, with nothing said or denied after it
    both = corpus_assistant.ask("darlo strat discussion - who has to be there and is it same day")
    assert both.answer.startswith("At the very least, the strategy discussion should include a local authority "
                                  "social worker, a health practitioner and a representative of the police.")
    assert "don't say" not in both.answer, both.answer


def test_the_clause_asking_another_kind_of_fact_is_left_out_of_the_first_ask():
    # its words count neither for nor against the first ask's answer (answerability.answer_features)
    assert own_clause("norfolk transfer in conf timescale and who do i send the form to", "timescale").split() == \
        ["norfolk", "transfer", "in", "conf", "timescale", "and"]
    assert own_clause("how often is sup in walsall", "frequency") == "how often is sup in walsall"
