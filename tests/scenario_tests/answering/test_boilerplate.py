"""A publisher's text printed in many documents (Ofsted's licence, newsletter and contact paragraphs) is never
quoted as an answer, with the real store, model, ranker and selector; the passages keep it, so it stays findable.

Before, "are stockton team managers holding cases - ofsted view" was answered with the finding and then "To view
this licence, visit www.nationalarchives.gov.uk/doc/open-government-licence …", and "redcar ofsted 2022 overall"
led with "You can subscribe to our monthly newsletter …", which ends every Ofsted report.
"""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.pipeline import Assistant
from assistant.understand import understand
from ingest.units import answer_units
from tests.conftest import store_of

FOOTER = ("Interested in our work? You can subscribe to our monthly newsletter for more information and updates. "
          "You may reuse this information free of charge in any format or medium, under the terms of the Open "
          "Government Licence.")


def _report(council: str, finding: str) -> str:
    return (f"---\ntitle: Inspection of {council} local authority children's services\ndate: 2023-05-01\n"
            f"doc_type: ofsted_report\n---\n# Inspection of {council}\n\n## What needs to improve\n\n{finding}\n\n"
            f"## Other information\n\n{FOOTER}\n")


@pytest.fixture(scope="module")
def reports(tmp_path_factory, embedder) -> Assistant:
    store = store_of(tmp_path_factory.mktemp("boilerplate"), {
        "leeds-2023.md": _report("Leeds", "Team managers hold cases of their own, which is not sustainable."),
        "redcar-2023.md": _report("Redcar and Cleveland", "Return home interviews are not always offered."),
        "darlington-2023.md": _report("Darlington", "Care leavers have their health histories."),
    }, embedder)
    a = Assistant(store, embedder=embedder)
    yield a
    a.close()


def _quotes_footer(answer: str) -> bool:
    return any(unit.rstrip("?.") in answer for unit in answer_units(FOOTER))


@pytest.mark.parametrize("question", [
    "how often is the newsletter",
    "can we reuse the leeds report",
    "leeds ofsted 2023 - anything else",
])
def test_text_every_report_prints_is_never_an_answer_sentence(reports, question):
    answer = reports.ask(question)
    assert not _quotes_footer(answer.answer), answer.answer


def test_the_passages_still_hold_it(reports):
    hits = reports.retriever.search(understand("subscribe to the monthly newsletter"), k=3)
    assert any("monthly newsletter" in h.passage.text for h in hits)


def test_a_finding_is_still_answered(reports):
    answer = reports.ask("are leeds team managers holding cases")
    assert answer.outcome == "answered" and answer.answer.startswith("Team managers hold cases"), answer.answer


def test_over_the_corpus_no_answer_quotes_text_printed_in_many_reports(corpus_store, embedder, shared_dir):
    printed = Counter(u for path in (shared_dir / "corpus").glob("*.txt") for u in set(answer_units(path.read_text())))
    wide = {u.rstrip("?.") for u, n in printed.items() if n >= 5 and len(u.split()) >= 6}
    assert any("newsletter" in u for u in wide), "the corpus's Ofsted reports all end with the newsletter paragraph"
    a = Assistant(corpus_store, embedder=embedder)
    try:
        for question in ("are stockton team managers holding cases - ofsted view", "redcar ofsted 2022 overall",
                         "leeds corp parenting board meets how often"):
            answer = a.ask(question)
            assert not any(u in answer.answer for u in wide), (question, answer.answer)
    finally:
        a.close()
