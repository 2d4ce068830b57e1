"""What a sentence claims, normalised so a model's wording meets the document's, and nothing looser."""

from __future__ import annotations

import pytest

from assistant.claims import contradicts, facts, names_in, normalise, unnamed, unsupported_facts


def missing(claim: str, cited: str) -> list[str]:
    return unsupported_facts(facts(claim), facts(cited)) + (["name"] if unnamed(facts(claim), names_in(cited)) else [])


@pytest.mark.parametrize("claim, cited", [
    ("Supervision happens every 4 weeks.", "Supervision happens every four weeks."),
    ("NQSWs are supervised every two weeks.", "NQSWs are supervised fortnightly."),
    ("Supervision is every fortnight.", "Supervision happens every two weeks."),
    ("Children are seen every six weeks.", "Children are seen six-weekly."),
    ("Supervision is monthly.", "Supervision is at least every four weeks (monthly)."),
    ("The letter is dated 9 June 2011.", "Date: 2011-06-09"),
    ("Assessments finish within forty-five working days.", "Assessments are completed within 45 working days."),
    ("Stockton-on-Tees was judged requires improvement to be good.",
     "Ofsted judged Stockton-on-Tees requires improvement to be good."),
])
def test_the_same_facts_in_other_words_are_supported(claim, cited):
    assert missing(claim, cited) == []


@pytest.mark.parametrize("claim, cited, kind", [
    ("Supervision happens every twelve weeks.", "Supervision happens every four weeks.", "number"),
    ("Supervision is monthly.", "Supervision happens every four weeks.", "frequency"),  # not the same, exactly
    ("Supervision happens every four weeks.", "Supervision is monthly.", "number"),
    ("Decisions are recorded within two days.", "Decisions are recorded within two working days.", "duration"),
    ("The inspection was in July 2011.", "The inspection was in June 2011.", "date"),
    ("Services were judged good.", "Services were judged requires improvement to be good.", "judgement"),
    ("Staff in Gateshead are supervised every four weeks.", "Staff are supervised every four weeks.", "name"),
])
def test_a_fact_the_text_does_not_state_is_missing(claim, cited, kind):
    assert kind in missing(claim, cited)


@pytest.mark.parametrize("claim, sentence, kind", [
    ("Supervision can be cancelled.", "Supervision should not be cancelled.", "negation"),
    ("Supervision files evidence case discussions.", "Supervision files do not sufficiently evidence case discussions.",
     "negation"),
    ("Supervision is optional.", "Social workers receive supervision at least every four weeks.", "permission"),
    ("Managers may cancel it at will.", "Supervision should not be cancelled.", "permission"),
    ("Managers must record it.", "Managers may record it.", "obligation"),
    ("Supervision is at least every six weeks.", "Supervision is every six weeks.", "lower-bound"),
    ("Visits happen within six weeks.", "Visits happen every six weeks.", "upper-bound"),
])
def test_a_flipped_or_added_stance_contradicts_the_sentence(claim, sentence, kind):
    assert kind in contradicts(facts(claim), facts(sentence))


def test_bounds_that_say_no_are_not_negations_and_may_the_month_is_not_permission():
    assert not facts("Visits happen no later than ten working days after placement.").negated
    assert not facts("The inspection took place in May 2011.").permission
    assert facts("Staff may ask for more.").permission
    assert contradicts(facts("Supervision is every four weeks."), facts("Supervision is every 4 weeks.")) == []
    assert normalise("Fortnightly, then every other week") == "every 2 weeks, then every 2 weeks"
