"""A neighbouring process is not the asked one (assistant/siblings.py): a sentence naming the initial assessment does
not answer a question about the core assessment, though both are "assessments" and share every other word."""

from __future__ import annotations

import pytest

from assistant.siblings import sibling
from assistant.understand import understand

COVENTRY_IA = ("The Initial Assessment follows the approach of that Framework, and it must be completed in no more "
               "than 7 working days, counted from the date of the referral.")
DEVON_CORE = ("For every case that goes further than an Initial Assessment, the Core Assessment must be finished "
              "within 35 working days.")
ICPC = "An initial child protection conference is held within 15 working days of the strategy discussion."
REVIEW = ("The first review conference is held within three months of the initial child protection conference, and "
          "later reviews at intervals of no more than six months.")


def plain(question: str) -> str:
    return understand(question).plain  # shorthand spelled out, as compose reads it


@pytest.mark.parametrize("question, sentence, expected", [
    ("coventry core assessment - how many working days to complete", COVENTRY_IA, True),
    ("core assmt timescale", COVENTRY_IA, True),  # shorthand: "core assessment"
    ("IA timescale coventry", COVENTRY_IA, False),  # the asked process itself
    ("core assessment timescale", DEVON_CORE, False),  # names the core assessment too
    # the initial assessment is named, but the 35 days are the core assessment's: the clause stating them names it
    ("devon... initial assessment... how many days..", DEVON_CORE, True),
    ("how long do we have to complete an assessment", COVENTRY_IA, False),  # no process of a kind is named
    ("c&f assessment timescale", COVENTRY_IA, True),  # a child and family assessment is not the initial one
    # "review child protection conference": every word is in the sentence, so the sentence may well be about it
    ("rcpc timescale", REVIEW, False),
    ("ICPC timescale", ICPC, False),
    # a wider form is no sibling: "child protection conference" covers the initial one
    ("when does a child protection conference have to happen", ICPC, False),
])
def test_a_sentence_about_a_neighbouring_process_is_a_sibling(question: str, sentence: str, expected: bool) -> None:
    assert sibling(plain(question), sentence) is expected


def test_a_question_naming_both_processes_is_not_held_to_one() -> None:
    # "i can see the IA is 7 wd": the question names the initial assessment itself, so a sentence about it is not a
    # sibling's (whether it answers is the answerability model's to judge)
    assert not sibling(plain("i can see the IA is 7 wd but how long for the core assessment"), COVENTRY_IA)


def test_roles_are_not_siblings() -> None:
    # "a registered social worker" answers "a qualified sw": roles' names overlap in ways the lexicon does not say
    sentence = "A designated officer, who should be a registered social worker, should chair it."
    assert not sibling(plain("does the chair have to be a qualified sw"), sentence)
