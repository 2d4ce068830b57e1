"""Which event a timescale times: a sentence's time runs from or up to an anchor, which is not the event timed, and a
question names the event it asks about apart from the one it counts from."""

from __future__ import annotations

import pytest

from assistant.events import asks_anchor, event_terms, event_text
from ingest.tokens import as_verbs, tokens


@pytest.mark.parametrize(("sentence", "timed", "anchor"), [
    ("A child protection case conference, either initial or transfer-in, will take place within 15 working days of "
     "the receiving authority accepting the referral.", "conference", "accepting"),
    ("the Conference must take place no more than 15 working days after the Strategy Discussion.", "conference",
     "strategy"),
    ("Reports should be shared with parents/carers no less than 3 days before the meeting.", "reports", "meeting"),
    ("any assessment should reach its conclusion within a maximum of 45 working days, counted from the point of "
     "referral.", "assessment", "referral"),
    ("Within 15 working days of the strategy discussion, an ICPC must be held.", "ICPC", "strategy"),
])
def test_a_sentence_times_its_event_not_its_anchor(sentence: str, timed: str, anchor: str) -> None:
    read = event_text(sentence).lower()
    assert timed.lower() in read and anchor.lower() not in read


def test_a_time_for_an_event_named_after_it_is_that_events():
    # "2 days before for an ICPC": reports for the ICPC, before a meeting the sentence leaves unsaid
    sentence = "Reports should reach the service ahead of the meeting: 2 days before for an ICPC and 5 before for an RCPC."
    assert "ICPC" in event_text(sentence) and "RCPC" in event_text(sentence)


def _stems(text: str) -> list[str]:
    return list(dict.fromkeys(as_verbs(tokens(text))))


@pytest.mark.parametrize(("question", "event", "anchor"), [
    ("how long after the icpc is the first core group", "core", "icpc"),
    ("devon - once the icpc has happened how long till the first review conference", "review", "icpc"),
    ("devon rcpc has to be held within ___ wd of the icpc?", "rcpc", "icpc"),
    ("how many days from referral to icpc", "icpc", "referr"),
    ("how many days before the meeting do reports go out", "report", "meet"),
])
def test_a_question_names_the_event_it_asks_about_apart_from_its_anchor(question: str, event: str, anchor: str):
    terms = event_terms(question, _stems(question))
    assert event in terms and anchor not in terms


@pytest.mark.parametrize("question", [
    "how long do we have to complete the core assessment",  # names no anchor
    "icpc after the icpc?",  # nothing would be left
])
def test_a_question_naming_no_other_event_keeps_its_terms(question: str) -> None:
    assert event_terms(question, _stems(question)) == _stems(question)


@pytest.mark.parametrize(("question", "asks"), [
    ("my TM wants to know when the clock starts on a devon core assessment - is it the referral date?", True),
    ("re the transfer in conf - whats the timescale, is it from when they move in or from when we accept", True),
    ("transfer in conf 15 days - tees and norfolk, what starts the clock in each", True),
    ("how long after the icpc is the first core group", False),
])
def test_a_question_asking_where_a_time_runs_from_asks_for_the_anchor(question: str, asks: bool) -> None:
    assert asks_anchor(question) is asks
