"""A misspelt question is read as the words the documents use (the sample knowledge base, real components)."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant


@pytest.fixture(scope="module")
def assistant(knowledge_store, embedder):
    a = Assistant(knowledge_store, embedder=embedder)
    yield a
    a.close()


@pytest.mark.parametrize("question", ["how often do social workers get supervison",
                                      "social workers supervison frequncy"])
def test_a_misspelt_question_gets_the_answer_the_right_spelling_gets(assistant, question):
    answer = assistant.ask(question)
    assert answer.outcome == "answered", answer.answer
    assert "at least every four weeks" in answer.answer
