"""Words typed without their vowels ("wht dd ofstd sy abt darlo sprvsn", batch 28) are read as the words meant,
and nothing else is: shorthand, texting acronyms, clipped units and a stray consonant cluster stay as typed."""

from __future__ import annotations

import pytest

from assistant.evidence import key_terms
from assistant.textspeak import skeleton, unstretched, vowelled
from assistant.understand import understand


def test_a_skeleton_keeps_the_first_letter_and_the_consonants() -> None:
    assert skeleton("supervision") == "sprvsn"
    assert skeleton("about") == "abt"
    assert skeleton("many") == "mny"  # "y" is a consonant here


@pytest.mark.parametrize("typed, read", [
    ("wht dd ofstd sy abt th frnt dr n stcktn 2023", "what did ofsted say abt the front door n stockton 2023"),
    ("who cn cls a cs", "who can close a case"),  # one word of three letters and two shorter ones
    # "hw" is the lexicon's (texting shorthand of "how": understand reads it so), not text speak's to read
    ("hw oftn ds ofstd do a fll ilacs", "hw often does ofsted do a full ilacs"),
    ("how mny kids had no cntct rcrd", "how many kids had no contact record"),
    ("wht dd ofstd sy abt strt mtngs", "what did ofsted say abt strat meetings"),  # a lexicon term comes first
    ("wlsll sup - hw oftn", "walsall sup - hw often"),  # a council's name
])
def test_a_message_in_text_speak_is_read_in_full(typed: str, read: str) -> None:
    assert vowelled(typed) == read


@pytest.mark.parametrize("typed", [
    "is a cp needed, wd count?",  # lexicon shorthand
    "iirc glos sup is 4 weekly - afaik thats for every sw? tbc",  # texting acronyms
    "tl;dr how long shd a glos sup session last",
    "devon core - weve commissioned an independent psych assmt, does the clock change",
    "nqsw in notts - how many mths of fortnightly sup",
    "how long for a rcpc after the icpc",
    "what did the DfE say",  # capitals are a name or an acronym
    "s47 strat mtg who attends",  # one short cluster alone is not text speak
])
def test_shorthand_and_plain_messages_are_left_as_typed(typed: str) -> None:
    assert vowelled(typed) == typed


def test_the_question_read_in_full_asks_its_kind_and_names_its_subject() -> None:
    query = understand("hw oftn shld sprvsn b fr sws")
    assert query.answer_type == "frequency"
    assert "supervis" in key_terms(query) and "hw" not in key_terms(query)
    assert understand("who cn cls a cs").answer_type == "person"


def test_texting_acronyms_and_rough_figures_are_no_key_terms() -> None:
    terms = key_terms(understand("iirc roughly how often are sup files audited, yearly ish? fwiw tbc"))
    assert not {"iirc", "roughli", "roughly", "ish", "fwiw", "tbc"} & set(terms), terms


@pytest.mark.parametrize("typed, read", [
    ("sooo how longgg have we got for a core assmt in devon??", "so how long have we got for a core assmt in devon??"),
    ("pleaseee who signs it off??", "please who signs it off??"),
    ("HOW OFTENNN IS SUP", "HOW OFTEN IS SUP"),  # capitals kept
    ("goood, the stratttt", "good, the strat"),  # the commonest word, a lexicon term
    ("case xxx, see www.example.org", "case xxx, see www.example.org"),  # one letter only: a mark, not a word
    ("three weeeeks", "three weeks"),  # cut to two where two is the word
])
def test_letters_held_down_for_emphasis_are_read_as_the_word_meant(typed: str, read: str) -> None:
    assert unstretched(typed) == read


def test_a_stretched_question_is_read_for_its_kind() -> None:
    # batch 44: "sooo how longgg have we got for a core assmt in devon??" asked no kind and was refused
    assert understand("sooo how longgg have we got for a core assmt in devon??").answer_type == "timescale"

