"""Which unit an answer leads with when the question asks for a kind of fact (assistant/compose.lead)."""

from __future__ import annotations

from assistant.compose import lead
from assistant.evidence import TermWeights
from assistant.selection import Unit


def unit(text: str, probability: float, *, typed: bool, section: str = "") -> Unit:
    return Unit(0, 0, text, section, cosine=0.5, coverage=0.5, plain_coverage=0.5, typed=typed,
                probability=probability)


def weights(counts: dict[str, int]) -> TermWeights:
    return TermWeights.from_counts(counts, total=100)


# "how often should I visit a child on a CP plan": the best unit is about visits and states no frequency; a close
# runner-up states a frequency of something else.
VISITS = unit("Records of statutory visits to children subject to a child protection plan are kept up to date.", 0.88,
              typed=False)
OVERSIGHT = unit("A team manager records a management oversight note on every open child's case at least every "
                 "three months.", 0.67, typed=True)
TERMS = ["visit", "child", "protect", "plan"]
WEIGHTS = weights({"visit": 5, "child": 80, "protect": 30, "plan": 40})


def test_a_runner_up_stating_the_kind_of_fact_about_something_else_does_not_lead() -> None:
    assert lead([VISITS, OVERSIGHT], asked=True, terms=TERMS, weights=WEIGHTS) is None


def test_a_runner_up_stating_it_about_the_same_thing_leads() -> None:
    visits_frequency = unit("Children on a plan are visited at least every ten working days.", 0.67, typed=True)
    assert lead([VISITS, OVERSIGHT, visits_frequency], asked=True, terms=TERMS, weights=WEIGHTS) is visits_frequency


def test_shorthand_in_the_runner_up_counts_as_what_it_stands_for() -> None:
    best = unit("Unannounced inspections of contact, referral and assessment looked at front doors.", 0.9,
                typed=False)
    brief = unit("UCRA inspections were brief inspections lasting two days.", 0.7, typed=True)
    terms = ["unannounc", "contact", "referr", "assess"]
    assert lead([best, brief], asked=True, terms=terms, weights=weights({"unannounc": 3, "contact": 20})) is brief


def test_a_question_that_asks_for_no_kind_of_fact_leads_with_the_best_unit() -> None:
    assert lead([VISITS, OVERSIGHT], asked=False, terms=TERMS, weights=WEIGHTS) is VISITS


def test_a_partial_never_offers_an_address_block_as_the_nearest_thing_the_documents_say() -> None:
    from assistant.compose import _reads_as_text

    address = unit("Freshford House Redcliffe Way Bristol BS1 6NL T 0300 1231231 enquiries@ofsted.gov.uk "
                   "www.ofsted.gov.uk Direct T 03000 130570", 0.9, typed=False)
    greeting = unit("Dear Ms Humphreys", 0.8, typed=False)
    finding = unit("Despite a significant increase in the number of referrals, staff caseloads are manageable.", 0.7,
                   typed=False)
    assert not _reads_as_text(address) and not _reads_as_text(greeting)
    assert _reads_as_text(finding)
