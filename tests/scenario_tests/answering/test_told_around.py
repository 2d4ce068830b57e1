"""What a message says around its question, over the shared corpus with the real store, ranker, selector and models
(batch 33's styles): a question relayed from someone else, the edition of guidance named, the passage asked for by
where it sits, and a service's length stated as the age it lasts until. Each was refused or answered from the wrong
sentence before."""

from __future__ import annotations

import pytest

@pytest.mark.parametrize("question, fact", [
    # relayed: "mum asked me … what do i tell her" is how the asker came by it, not what it is about
    ("mum asked me how long after the strat meeting till the icpc happens in devon, what do i tell her",
     "no more than 15 working days after the Strategy Discussion"),
    # "how long … up to what age": the age a service lasts until states how long it lasts
    ("care leaver asked me how long mboro pathways will support them, like up to what age", "up to the age of 21"),
    # "working together 2018" names the guidance; no sentence of the Darlington procedure need be of 2018
    ("the working together 2018 guidance bit in the darlo strat procedure - how senior do ppl attending need to be",
     "senior enough to make decisions"),
    # "gimme the bit about" asks for a passage by where it sits; "ILAC" is ILACS without its S
    ("the ILAC report for leeds - gimme the bit about strat meetings not happening",
     "strategy meetings had not taken place"),
])
def test_what_is_said_around_a_question_leaves_its_fact_answered(corpus_product, question, fact):
    answer = corpus_product.ask(question)
    assert answer.outcome == "answered", answer.answer
    assert fact in answer.answer, answer.answer

