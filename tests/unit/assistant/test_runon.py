"""Words typed run together are read apart, so a question's kind, council and key terms are found as they are in the
same question typed with spaces (assistant/runon.py), and the words of how a question is put are no key terms."""

from __future__ import annotations

import pytest

from assistant.evidence import key_terms
from assistant.runon import apart
from assistant.understand import understand


@pytest.mark.parametrize(("typed", "read"), [
    ("howoften is sup for ASYE", "how often is sup for ASYE"),
    ("Howoften is it", "How often is it"),
    ("whochairs the strat.discussion in our procedure", "who chairs the strat discussion in our procedure"),
    ("whosupervises nqsws", "who supervises nqsws"),
    ("icpc-within-how-many-days for a transfer in", "icpc within how many days for a transfer in"),
    ("sunderland-sup-frequency for sws?", "sunderland sup frequency for sws?"),
])
def test_run_together_words_are_read_apart(typed: str, read: str) -> None:
    assert apart(typed) == read


@pytest.mark.parametrize("typed", [
    "however whatever whole whom whoever whereabouts",  # words in their own right
    "face-to-face visits out-of-hours in stockton-on-tees, a child-in-need plan kept up-to-date",
    "see committees.parliament.uk/writtenevidence/56665",  # an address
    "email cs.bsupport.bowthorpe@norfolk.gov.uk",
    "e.g. i.e. a well-known two-part phrase",
    "whens the icpc",  # "when" and an "s" is no run-together pair
])
def test_words_phrases_and_addresses_are_left_as_typed(typed: str) -> None:
    assert apart(typed) == typed


@pytest.mark.parametrize(("typed", "spaced"), [
    ("howoften is sup for ASYE in gloucestershire", "how often is sup for ASYE in gloucestershire"),
    ("whochairs the strat.discussion in our procedure", "who chairs the strat discussion in our procedure"),
    ("icpc-within-how-many-days for a transfer in under the tees procs",
     "icpc within how many days for a transfer in under the tees procs"),
    ("sunderland-sup-frequency for sws?", "sunderland sup frequency for sws?"),
])
def test_a_run_together_question_is_read_as_the_spaced_one(typed: str, spaced: str) -> None:
    run, apart_ = understand(typed), understand(spaced)
    assert run.answer_type == apart_.answer_type is not None
    assert run.authorities == apart_.authorities
    assert key_terms(run) == key_terms(apart_)


def test_a_council_named_in_a_hyphenated_run_is_found() -> None:
    assert understand("sunderland-sup-frequency for sws?").authorities == ["Sunderland"]


@pytest.mark.parametrize(("question", "not_key"), [
    ("icpc within how many wd of the strat in devon? just the number", {"number"}),
    ("how long did a UCRA inspection actually last, exact number of days not roughly", {"exact", "number", "rough"}),
    ("norfolk transfer in conf - down to the working day, how long and from what point", {"work", "day"}),
    ("mboro care leavers in EET - whats the actual percentage to one decimal place", {"decim", "place"}),
    ("stockton 2019 - plo tracking onto the electronic system, precisely which month was that due", {"precis"}),
    ("did leeds get a pasting in their most recent report or nah", {"paste", "recent", "nah"}),
    ("how did hartlepool fare on care leavers in their latest ilacs", {"fare", "latest"}),
    ("was darlingtons sup any good according to ofsted", {"good"}),
    ("did they think stockton did alright on strat discussions", {"alright"}),
    ("whats the drill for referring a cp transfer out in tees, which tool do we use", {"drill"}),
    ("whats the score with sup for a qualified sw in notts, how often", {"score"}),
    ("under the frequency bit of the notts sup policy how often do nqsws get sup at first", {"bit"}),
    ("the older stockton letter on contact referral and assessment - what dates were inspectors in", {"older"}),
    ("who do they want chairing a strat in mboro", {"want"}),
])
def test_how_a_question_is_put_is_no_key_term(question: str, not_key: set[str]) -> None:
    assert not not_key & set(key_terms(understand(question)))


@pytest.mark.parametrize(("question", "key"), [
    ("whats the hos responsible for re supervision", "head"),  # "heading" would stem to "head": not a where-word
    ("what happens if the s47 runs past the 15 days", "past"),
    ("is the calderdale mgmt oversight chapter current", "chapter"),  # a document's own word for itself
    ("what does good supervision look like in walsall", "good"),  # "good" is framing only in "any good"
])
def test_the_subjects_words_stay_key_terms(question: str, key: str) -> None:
    assert key in key_terms(understand(question))
