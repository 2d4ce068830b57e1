"""The verbatim check an approved answer must pass: every sentence copied from a ticked passage, cited."""

from __future__ import annotations

import pytest

from assistant.quoting import NotQuoted, check_quoted

PASSAGES = [
    "- Social workers receive formal one-to-one supervision at least every four weeks (monthly).\n"
    "- Newly qualified social workers in their Assessed and Supported Year in Employment (ASYE) receive\n"
    "  supervision weekly for their first six weeks, then fortnightly until the end of their sixth month.",
    "Decisions made in supervision are recorded on the child\u2019s file within five working days.",
]


def test_sentences_from_two_passages_are_cited_in_order_of_use():
    quoted = check_quoted("Decisions made in supervision are recorded on the child's file within five working days. "
                          "Social workers receive formal one-to-one supervision at least every four weeks (monthly).",
                          PASSAGES)
    assert quoted.used == [1, 0]
    assert quoted.wording == ("Decisions made in supervision are recorded on the child's file within five working "
                              "days. [1] Social workers receive formal one-to-one supervision at least every four "
                              "weeks (monthly). [2]")


def test_line_breaks_ellipses_hand_typed_markers_and_a_capital_letter_are_allowed():
    quoted = check_quoted("Newly qualified social workers … receive supervision weekly for their first six weeks [7]",
                          PASSAGES[:1])
    assert quoted.wording.endswith("[1]") and "[7]" not in quoted.wording
    assert check_quoted("Supervision weekly for their first six weeks.", PASSAGES[:1]).used == [0]


@pytest.mark.parametrize("wording, fragment", [
    ("Social workers receive supervision every week.", "Not found word for word"),
    ("Social workers receive formal one-to-one supervision at least every four weeks. Always.", "Always"),
    ("", "Write the answer"),
])
def test_anything_not_copied_is_refused_with_the_reason(wording, fragment):
    with pytest.raises(NotQuoted) as refused:
        check_quoted(wording, PASSAGES)
    assert fragment in " ".join(refused.value.problems)


def test_a_ticked_passage_that_is_not_quoted_and_no_passage_at_all_are_refused():
    with pytest.raises(NotQuoted) as refused:
        check_quoted("Social workers receive formal one-to-one supervision at least every four weeks (monthly).",
                     PASSAGES, labels=["Policy", "Recording"])
    assert refused.value.by_field() == {"passages": "Ticked but not quoted: Recording. Untick it or quote it."}
    with pytest.raises(NotQuoted) as refused:
        check_quoted("anything", [])
    assert list(refused.value.by_field()) == ["passages"]
