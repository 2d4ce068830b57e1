"""A list sentence states the asked-for kind of fact only in its lead-in or in the items the question is about
(assistant/selection._states_in_item): a person named in another item does not say who decides the asked one.

Calderdale's "who signs off a placement move without panel" was answered in six batches' first runs from the list
of situations needing oversight, whose "Senior Managers" give permission to look for a placement, another item."""

from __future__ import annotations

import pytest

from assistant.evidence import TermWeights, key_terms
from assistant.selection import _states_in_item
from assistant.understand import understand
from ingest.models import Passage

SITUATIONS = ("Situations in which this kind of oversight or decision may be needed include, among others: an "
              "emergency intervention is needed, such as Police Protection or an Emergency Protection Order; Senior "
              "Managers give permission to look for a placement; management directions or informal conversations; a "
              "decision to move a child's placement without going through Placement Panel.")
ATTEND = ("At the very least, the strategy discussion should include: a local authority social worker; a health "
          "practitioner; a representative of the police.")
SIGNED = ("Decisions needing oversight include: Senior Managers sign off a move of a child's placement without "
          "Placement Panel; team managers sign off closures.")
OTHER = ["Every decision should be written up in full on the child's electronic record.",
         "Supervision lies at the heart of effective social work.", "The discussion may be held by phone."]


def _weights() -> TermWeights:
    return TermWeights([Passage(id=str(i), source="x.txt", text=t, title="x", section="", date="", doc_type="",
                                url="", authorities=[], position=i, content_hash="")
                        for i, t in enumerate([SITUATIONS, ATTEND, SIGNED, *OTHER])])


def _typed(question: str, text: str) -> bool:
    query = understand(question)
    return _states_in_item(query.answer_type, text, f"{query.text} {query.plain}", key_terms(query), _weights())


def test_a_person_in_another_item_does_not_say_who_decides_the_asked_one() -> None:
    question = "who can sign off moving a childs placement without going to placement panel"
    assert understand(question).answer_type == "person"
    assert not _typed(question, SITUATIONS)


def test_a_person_in_the_item_asked_about_does() -> None:
    assert _typed("who can sign off moving a childs placement without going to placement panel", SIGNED)


@pytest.mark.parametrize("question", ["who has to be at a strategy discussion as a minimum",
                                      "who should a strategy discussion include"])
def test_items_that_hold_none_of_the_question_keep_the_list_whole(question: str) -> None:
    assert _typed(question, ATTEND)


def test_on_the_corpus_the_placement_move_sign_off_is_not_answered_from_the_situations_list(corpus_product) -> None:
    """On Calderdale's procedure, as the product retrieves it: the documents name no one who signs off the move."""
    answer = corpus_product.ask("calderdale - who can sign off moving a childs placement without going to placement "
                                "panel")
    assert answer.outcome == "partial", answer.answer


def test_on_the_corpus_who_attends_a_strategy_discussion_is_still_answered(corpus_product) -> None:
    answer = corpus_product.ask("who has to be at a darlo strat as a minimum")
    assert answer.outcome == "answered", answer.answer
    assert "a health practitioner and a representative of the police" in answer.answer
