"""Staff matters (assistant/staff_matters.py): a question about annual leave, pay, IT or parking is not about the
practice documents, whatever other words it shares with them, unless a best passage names the matter itself."""

from __future__ import annotations

import pytest

from assistant.retriever import Hit
from assistant.staff_matters import practice_part, staff_matter, who_knows
from ingest.models import Passage


def hit(text: str) -> Hit:
    passage = Passage(id="p", source="p.txt", text=text, title="t", section="", date="", doc_type="procedure",
                      url="", authorities=[], position=0, content_hash="h")
    return Hit(passage, score=0.5, dense=0.5, lexical=0.5)


SUPERVISION = hit("Social workers receive formal one-to-one supervision at least every four weeks (monthly).")


@pytest.mark.parametrize("question, matter", [
    ("annual leave entitlement for social workers", "annual leave"),
    ("is flexi time allowed for sws on duty week", "flexi time"),
    ("Flexi-time rules for the duty team", "flexi-time"),
    ("my payslips are wrong who do i ask", "payslip"),  # a plural
    ("how do i claim mileage for home visits", "mileage"),
    ("MATERNITY PAY how many weeks", "maternity pay"),  # any case
    # office social life: the topic model rated a recipe for a team lunch near a care leavers' group (p 0.34)
    ("anyone got a decent chilli recipe for the team lunch friday", "recipe"),
    ("whos organising secret santa this year", "secret santa"),
    # someone away is the asker's case; another matter named is still asked (batch 42)
    ("if im off on annual leave over the bank hol do i still need to put my timesheet in by friday", "timesheet"),
    ("does bank hol monday come out of my annual leave", "annual leave"),
    # employment processes with the council as employer (batch 64 asked one and was answered from a supervision policy)
    ("raising a grievance about my manager - who do i go to first", "grievance"),
    ("how long does a written warning stay on my hr record", "written warning"),
    ("whats the process for handing in my resignation", "resignation"),
])
def test_a_staff_matter_is_named(question: str, matter: str) -> None:
    assert staff_matter(question, [SUPERVISION]) == matter


@pytest.mark.parametrize("question", [
    "what support do care leavers get when they leave care",  # "leave" alone is leaving care
    "how often do sws get supervision",
    "are toilets accessible at the contact centre",  # "toil" is a word of its own, not part of another
    "who decides when a child can go on holiday with foster carers",
    # someone on leave is the asker's case, not what is asked (batch 42: the question was told "not found")
    "my tm is on annual leave next wk so my sup got pulled - how long have they got to rebook it",
    "sw off on sick leave, who covers the icpc",
])
def test_practice_questions_name_no_staff_matter(question: str) -> None:
    assert staff_matter(question, [SUPERVISION]) is None


def test_a_passage_that_names_the_matter_lets_the_documents_answer() -> None:
    policy = hit("Staff may carry over up to five days of annual leave into the next leave year.")
    assert staff_matter("annual leave carry over rules", [SUPERVISION, policy]) is None
    assert staff_matter("annual leave carry over rules", [SUPERVISION]) == "annual leave"


def test_the_reply_names_who_would_know_only_for_a_matter_someone_in_the_council_handles() -> None:
    assert who_knows("annual leave") == "HR, payroll or IT will know"
    assert who_knows("Flexi-time") == "HR, payroll or IT will know"
    assert who_knows("recipe") == ""  # an office event or a lunch: no one to send the practitioner to


@pytest.mark.parametrize("message, part", [
    # a staff matter asked as an aside to a practice question (batch 38): the practice question is what to answer
    ("how often is sup for sws in notts? and whos nicked the spare laptop charger from the duty desk",
     "how often is sup for sws in notts?"),
    ("assessment is going past 45 wd - who has to write up why? also does anyone know if the floor 2 printer is fixed",
     "assessment is going past 45 wd - who has to write up why?"),
    ("does that change the core assessment clock? and whos got the key for the pool car",
     "does that change the core assessment clock?"),
    ("minimum cadence for tm oversight notes on cp cases? and can someone book room 3 for tmrw 10am",
     "minimum cadence for tm oversight notes on cp cases?"),
    ("btw anyone know the wifi pw. how long does my supervisor have to put the decisions on the file",
     "how long does my supervisor have to put the decisions on the file"),
    # an aside that opens with "this" or "that" before a noun is its own ask, not the practice question continued
    ("how often is sup for sws in notts? this laptop charger has gone missing again",
     "how often is sup for sws in notts?"),
])
def test_the_practice_part_of_a_message_that_also_asks_a_staff_matter(message: str, part: str) -> None:
    assert practice_part(message) == part


@pytest.mark.parametrize("message", [
    "how do i claim mileage for home visits, is it still 45p a mile",  # the whole message is the staff matter
    "its 5pm friday and my laptop wont connect to the vpn - who do i ring out of hours for IT",
    "who do i talk to about my paycheck being short this month, and is the parking lot shut friday",  # both are
    "how often do sws get supervision? and who chairs the icpc",  # no staff matter at all
    "mileage? and wifi?",
    # a signature or a disclaimer pasted under a staff matter asks nothing (batch 39)
    "wheres the mileage claim form for home visits?\n\nCheers, Priya | ASW | Adults Team | Tel 01642 000 111",
    # an ask that points back to the staff matter before it is the same ask (batch 64's grievance was answered from a
    # supervision policy)
    "raising a grievance about my manager? is it hr or the head of service i go to first",
    "can i carry over annual leave? does that include bank hols for part timers",
    "how do i claim back mileage for home visits\n\nThis email and any attachments are confidential and intended "
    "solely for the addressee. Views expressed are those of the author.",
])
def test_a_message_with_no_practice_part_has_none(message: str) -> None:
    assert practice_part(message) is None

