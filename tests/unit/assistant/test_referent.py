"""A sentence that opens on a pronoun is read with the sentence before it for the question's key terms
(assistant/selection.referent): "It was first published in November 2017" is about "our ILACS framework"."""

from __future__ import annotations

import pytest

from assistant.evidence import TermWeights, coverage, key_terms
from assistant.selection import referent
from assistant.understand import understand
from ingest.models import Passage

UNITS = [
    "1. This document is our ILACS framework, setting out how we inspect local authority children's services.",
    "It was first published in November 2017 and was most recently updated in April 2024.",
    "This letter summarises the findings of the recent unannounced inspection.",
    "This is the rule for every transfer.",
    "They are chaired by a team manager.",
]


@pytest.mark.parametrize(("index", "before"), [(0, ""), (1, UNITS[0]), (2, ""), (3, UNITS[2]), (4, UNITS[3])])
def test_a_pronoun_opening_reads_the_sentence_before(index: int, before: str) -> None:
    assert referent(UNITS, index) == before


def test_the_framework_sentence_holds_the_framework_through_its_pronoun() -> None:
    weights = TermWeights([Passage(id=str(i), source="x.txt", text=u, title="x", section="", date="", doc_type="",
                                   url="", authorities=[], position=i, content_hash="") for i, u in enumerate(UNITS)])
    terms = key_terms(understand("when did the ilacs framework first come out"))
    alone = coverage(terms, UNITS[1], weights)
    read = coverage(terms, f"{referent(UNITS, 1)} {UNITS[1]}", weights)
    assert "framework" in terms and read > alone


def test_the_selector_reads_the_frameworks_pronoun_sentence_with_the_one_before(corpus_product) -> None:
    """On the real ILACS framework, as the product retrieves it: the sentence "It was first published …" is rated
    holding "framework" from the sentence before it, which it does not hold in its own words."""
    from assistant.evidence import answer_terms
    from assistant.selection import score_units

    retriever = corpus_product.retriever
    query = understand("when did the ilacs framework first come out")
    hits = retriever.search(query, k=20)
    terms = answer_terms(query, retriever.weights)
    unit = next(u for u in score_units(query, hits, terms, retriever.weights)
                if u.text.startswith("It was first published"))
    assert unit.coverage > coverage(terms, f"{unit.section} {unit.text}", retriever.weights)
