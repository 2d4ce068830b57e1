"""A question about one council is never answered from another council's document: the nearest is cited as the
nearest the documents come, never as the answer (real loaders, splitter, Chroma, BM25 and the embedding model over two small procedures)."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from tests.conftest import store_of

WALSALL = """Title: Supervision guidance
Publisher: Walsall Council
Date: 2024-03-01
Type: procedure
Authority: Walsall
---
Supervision frequency

Every practitioner must have supervision at least monthly. Supervision is recorded on the child's file.
"""

LEEDS = """Title: Supervision and reflective practice
Publisher: Leeds City Council
Date: 2024-05-01
Type: procedure
Authority: Leeds
---
Reflective supervision

Supervision in Leeds is reflective: it explores the worker's analysis of risk and records the decisions made
about each child's plan.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    store = store_of(tmp_path_factory.mktemp("councils"),
                     {"walsall-supervision.md": WALSALL, "leeds-supervision.md": LEEDS}, embedder)
    a = Assistant(store, embedder=embedder)
    yield a
    a.close()


def test_the_council_asked_about_is_answered_from_its_own_document(assistant):
    answer = assistant.ask("how often is supervision in walsall")
    assert answer.outcome == "answered", answer.answer
    assert "at least monthly" in answer.answer and answer.citations[0].source == "walsall-supervision.md"


@pytest.mark.parametrize("question", ["wallsall sup - min how often", "how often is supervison in walsal"])
def test_a_council_mistyped_is_the_council_asked_about(assistant, question):
    # "wallsall" was a key term no document holds and named no council: the answer was refused, its rule the nearest
    answer = assistant.ask(question)
    assert answer.outcome == "answered", answer.answer
    assert "at least monthly" in answer.answer and answer.citations[0].source == "walsall-supervision.md"


def test_another_councils_rule_is_only_the_nearest(assistant):
    answer = assistant.ask("how often is supervision in leeds")
    assert answer.outcome == "partial" and answer.reason == "other-council", (answer.outcome, answer.answer)
    assert answer.answer.startswith("The documents don't say")
    # Walsall's rule is never given as Leeds's: the nearest offered is Leeds's own sentence on supervision
    said, _, quoted = answer.answer.partition(": ")
    assert "another council's document" not in said and "monthly" not in quoted, answer.answer
    assert [c.source for c in answer.citations] == ["leeds-supervision.md"], answer.answer


def test_another_councils_rule_quoted_as_the_nearest_is_named_as_theirs(assistant):
    # Nothing of Leeds's holds a key term of the question, so Walsall's rule is the nearest: named as Walsall's first.
    # (Asked as "is there a monthly minimum …", the minimum asks for a frequency since the sixth session, and over
    # these two short documents the topic model then rates the subject absent: not found. docs/retrieval.md)
    answer = assistant.ask("is there a minimum for practitioners in leeds")
    assert answer.outcome == "partial", answer.answer
    said, _, quoted = answer.answer.partition(": ")
    assert answer.citations[0].source == "walsall-supervision.md", answer.answer
    assert "another council's document" in said and "Walsall" in said, answer.answer
    assert "Leeds" not in quoted, answer.answer


@pytest.mark.parametrize("question", [
    "what is supervision like in leeds",
    "leeds supervision - what gets recorded",
])
def test_an_answer_about_one_council_quotes_nothing_from_another(assistant, question):
    # The lead came from Leeds, and Walsall's close runner-up used to follow it as support ("Supervision is
    # recorded on the child's file. [2]", cited to Walsall), read as part of Leeds's answer.
    answer = assistant.ask(question)
    assert answer.outcome == "answered", answer.answer
    assert {c.source for c in answer.citations} == {"leeds-supervision.md"}, answer.answer


@pytest.mark.parametrize("question", [
    "a friend in walsall says they get supervision at least monthly - is it the same in leeds",
    "walsall supervision is monthly for my mate over there, so how often is it here in leeds",
])
def test_a_council_named_only_in_the_story_is_not_the_one_asked_about(assistant, question):
    # The story before the question names Walsall; the question asks of Leeds, whose document gives no frequency:
    # Walsall's rule is at most the nearest, named as Walsall's, never the answer (it had been answered from it)
    answer = assistant.ask(question)
    assert answer.outcome != "answered", answer.answer
    said, _, quoted = answer.answer.partition(": ")
    assert "monthly" not in quoted or "Walsall" in said, answer.answer


@pytest.mark.parametrize("question, councils", [
    ("my mate in notts says nqsws get fortnightly sup at first - is it the same in glos", ["Gloucestershire"]),
    ("family moved from hpool into our patch in stockton last week - who holds the plan in stockton",
     ["Hartlepool", "Stockton-on-Tees"]),
    ("is sup frequency the same in hartlepool as walsall", ["Hartlepool", "Walsall"]),
    # where the asker worked before is what they compare with, once they ask of here, the same or another council
    ("agency sw, just started. at my last LA (notts) we worked to 35 wd - whats the timescale here?", []),
    ("my last la was north yorkshire and we had monthly sup, whats walsalls rule", ["Walsall"]),
    ("used to work in devon, there the icpc was 15 wd from the strat. same here in norfolk?", ["Norfolk"]),
    ("at my last LA (notts) nqsws got fortnightly sup - is that what the notts policy says", ["Nottinghamshire"]),
    ("my previous council - leeds - did they get outstanding", ["Leeds"]),
    # "at glos we had …": where they were before, in the past tense (batch 50 refused it as a council not held)
    ("at glos we had 3 days to get cp visits written up, is it the same here or diff", []),
    ("in notts we had fortnightly sup for nqsws - same in glos?", ["Gloucestershire"]),
    ("in stockton we had an ilacs in 2023, what did they say about care leavers", ["Stockton-on-Tees"]),
])
def test_the_councils_asked_about_are_those_the_question_names_unless_the_story_names_them_too(question, councils):
    from assistant.understand import asked_councils

    assert asked_councils(question) == councils


STOCKTON = """Title: Supervision policy
Publisher: Stockton-on-Tees Borough Council
Date: 2024-02-01
Type: procedure
Authority: Stockton-on-Tees
---
Supervision frequency

Social workers in Stockton receive formal supervision every four weeks, recorded on the child's file.
"""

TEES = """Title: Tees safeguarding children procedures
Publisher: Tees Safeguarding Children Partnership
Date: 2024-01-01
Type: procedure
Authority: Tees
---
Escalation

Professionals who disagree about a child's plan escalate the disagreement to their line manager within two days.
"""


def _ask_over(root, documents: dict[str, str], question: str, embedder):
    assistant = Assistant(store_of(root, documents, embedder), embedder=embedder)
    try:
        return assistant.ask(question)
    finally:
        assistant.close()


def test_an_area_named_takes_in_its_councils_only_where_the_area_itself_is_not_held(tmp_path_factory, embedder):
    question = "how often do social workers in tees get supervision"
    # Only a council within Tees is held: its rule answers for the area
    answer = _ask_over(tmp_path_factory.mktemp("member"), {"stockton-supervision.md": STOCKTON}, question, embedder)
    assert answer.outcome == "answered", (answer.outcome, answer.answer)
    assert "every four weeks" in answer.answer and answer.citations[0].source == "stockton-supervision.md"
    # The area's own documents are held too: the council's rule is no longer given as the area's
    answer = _ask_over(tmp_path_factory.mktemp("both"),
                       {"stockton-supervision.md": STOCKTON, "tees-procedures.md": TEES}, question, embedder)
    assert answer.outcome != "answered", (answer.outcome, answer.answer)
