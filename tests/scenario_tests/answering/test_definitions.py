"""What a piece of shorthand is, asked as practitioners ask it ("what is ILACS", "whats the OLA", no article): the
answer's sentences spell the shorthand out or come from the passage that does, or the reply is partial. Over the shared corpus (skips when
../shared is absent); expectations read from the documents by hand: Norfolk's procedure spells out "Other Local
Authorities (OLAs)"; no sentence spells out ILACS or MASH (the ILACS framework only in its title; Redcar's hub is a
"MACH")."""

from __future__ import annotations

import re

import pytest

from assistant.findings import FindingsAnswerer
from assistant.pipeline import Assistant


@pytest.fixture(scope="module")
def corpus_assistant(corpus_store, embedder) -> Assistant:
    return Assistant(corpus_store, embedder=embedder, findings=FindingsAnswerer())


def _sentences(answer: str) -> list[str]:
    return [s for s in re.split(r"(?<=\])\s+", answer) if s]


@pytest.mark.parametrize("question", ["whats the OLA", "what is the OLA", "what is an OLA"])
def test_every_sentence_of_a_definition_spells_the_shorthand_out(corpus_assistant, question):
    answer = corpus_assistant.ask(question)
    assert answer.outcome == "answered", answer.answer
    assert answer.answer.startswith("Other Local Authorities (OLAs)"), answer.answer
    # not followed by other reports' sentences that only share the words "local authority"
    assert all("OLA" in sentence and sentence.endswith("[1]") for sentence in _sentences(answer.answer)), answer.answer


@pytest.mark.parametrize("question", ["what is ILACS", "what is MASH"])
def test_shorthand_no_sentence_spells_out_is_partial(corpus_assistant, question):
    answer = corpus_assistant.ask(question)
    assert answer.outcome == "partial", answer.answer
    assert answer.answer.startswith(f"The documents don't say what {question.split()[-1]} is."), answer.answer
