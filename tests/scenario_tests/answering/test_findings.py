"""Findings through the real ingest (store versions, refresh, removal), the actions command and question answering."""

from __future__ import annotations

import json
import logging
import re
import sqlite3

import pytest
from typer.testing import CliRunner

import bot
import ingest.findings.storage as storage
from ingest.findings.index import FindingsIndex, parse_actions_args
from ingest.findings.report import actions_report
from assistant.findings import FindingsAnswerer
from ingest.findings.report import kb_actions
from assistant.pipeline import Assistant
from ingest.findings.storage import FILENAME
from ingest.indexer import sync
from ingest.store import KnowledgeStore
from tests.support import findings_docs as docs

DOCS = {
    "letter-2010.txt": docs.LETTER_2010,
    "letter-2011.txt": docs.LETTER_2011,
    "report-2019.txt": docs.REPORT_2019,
    "report-2023.txt": docs.REPORT_2023,
    "supervision-procedure.txt": docs.PROCEDURE,
}


def _build(root, docs_dir, embedder) -> KnowledgeStore:
    docs_dir.mkdir(exist_ok=True)
    for name, text in DOCS.items():
        (docs_dir / name).write_text(text, encoding="utf-8")
    store = KnowledgeStore(root / "store")
    sync(store, [docs_dir], embedder=embedder)
    return store


@pytest.fixture(scope="module")
def kb(tmp_path_factory, embedder):
    """A store the tests only read."""
    root = tmp_path_factory.mktemp("findings-kb")
    return _build(root, root / "docs", embedder)


@pytest.fixture
def own_kb(tmp_path, docs_dir, embedder):
    """A store a test may change."""
    return _build(tmp_path, docs_dir, embedder)


def _index(store: KnowledgeStore) -> FindingsIndex:
    return FindingsIndex(store.live().path)


def test_ingest_writes_findings_beside_the_version(kb):
    assert (kb.live().path / FILENAME).is_file()
    index = _index(kb)
    assert index.authorities() == ["Gateshead"]
    assert [i.year for i in index.of_authority("Gateshead")] == [2010, 2011, 2019, 2023]
    rows = index.select(authority="Gateshead")
    assert [r.inspection.year for r in rows] == sorted((r.inspection.year for r in rows), reverse=True)
    assert {r.inspection.source for r in rows} == set(DOCS) - {"supervision-procedure.txt"}


def test_refresh_copies_unchanged_extracts_changed_and_drops_removed(own_kb, docs_dir, embedder, monkeypatch):
    kb = own_kb
    extracted: list[str] = []
    real_extract = storage.extract
    monkeypatch.setattr(storage, "extract", lambda d, p: extracted.append(d.source) or real_extract(d, p))
    (docs_dir / "letter-2010.txt").unlink()
    (docs_dir / "report-2023.txt").write_text(docs.REPORT_2023.replace("◼ The quality of pathway plans for care leavers.\n", ""))
    summary = sync(kb, [docs_dir], embedder=embedder)
    assert summary.removed == ["letter-2010.txt"] and summary.updated == ["report-2023.txt"]
    assert extracted == ["report-2023.txt"]  # the others were copied from the previous version
    index = _index(kb)
    assert "letter-2010.txt" not in {i.source for i in index.inspections}
    assert not [r for r in index.findings if r.inspection.source == "letter-2010.txt"]
    assert [r.text for r in index.findings if r.inspection.source == "report-2023.txt"] == [
        "Frontline management oversight of the impact of interventions."]
    assert len([r for r in index.findings if r.inspection.source == "letter-2011.txt"]) == 9


@pytest.mark.parametrize("damage", ["missing", "older rules"])
def test_a_store_without_current_findings_is_backfilled_on_the_next_sync(own_kb, docs_dir, embedder, damage):
    kb = own_kb
    before = kb.live_name()
    if damage == "missing":
        (kb.live().path / FILENAME).unlink()
    else:
        with sqlite3.connect(kb.live().path / FILENAME) as db:
            db.execute("UPDATE meta SET value = 'older' WHERE key = 'extractor'")
            db.execute("DELETE FROM findings")
    summary = sync(kb, [docs_dir], embedder=embedder)
    assert summary.changed and summary.embedded == 0 and kb.live_name() != before
    with sqlite3.connect(kb.live().path / FILENAME) as db:
        assert db.execute("SELECT COUNT(DISTINCT source) FROM findings").fetchone()[0] == 4


@pytest.fixture
def cli_logging():
    """The command line installs its own stderr log handler; put the test run's back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def test_actions_json_contract_through_the_command_line(kb, cli_logging):
    result = CliRunner().invoke(bot.app, ["actions", "--json", "--store", str(kb.root), "--theme", "supervision"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all(set(r) == {"authority", "document", "date", "kind", "theme", "text", "repeated", "judgement",
                                   "citation"} for r in rows)
    assert all(set(r["citation"]) == {"source", "section", "text"} for r in rows)
    assert all(r["kind"] in {"strength", "area_for_development", "needs_to_improve", "priority_action",
                             "recommendation"} for r in rows)
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    assert all("supervis" in r["text"].lower() for r in rows)
    assert all(" ".join(r["text"].split()) in " ".join(r["citation"]["text"].split()) for r in rows)
    repeated = [r for r in rows if r["repeated"]]
    assert [r["citation"]["source"] for r in repeated] == ["letter-2011.txt"]
    bad = CliRunner().invoke(bot.app, ["actions", "--store", str(kb.root), "--theme", "no-such-theme"])
    assert bad.exit_code == 2


def test_actions_report_for_slack(kb):
    report = actions_report(_index(kb), authority="Gateshead", theme="care leavers")
    assert report["findings"] and all(r["authority"] == "Gateshead" for r in report["findings"])
    assert "pathway plans" in report["text"]
    both = kb_actions(_index(kb), authority="Gateshead", theme="supervision")
    entries = both["timeline"]["entries"]
    assert [e["label"] for e in entries] == ["2010 letter", "2011 letter", "2019 report", "2023 report"]
    assert [e["mentioned"] for e in entries] == [True, True, True, False]
    assert "not mentioned among the findings" in both["text"] and "[1] letter-2010.txt" in both["text"]
    assert kb_actions(_index(kb), authority=None, theme="supervision")["timeline"] is None


@pytest.fixture(scope="module")
def assistant(kb, embedder):
    return Assistant(kb, embedder=embedder, findings=FindingsAnswerer())


def _check_citations(answer):
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert numbers == {c.n for c in answer.citations}
    for quoted in re.findall(r"“(.+?)” \[(\d+)\]", answer.answer):
        text, n = quoted
        assert " ".join(text.split()) in " ".join(answer.citations[int(n) - 1].text.split())


def test_timeline_answer_every_line_cited_and_silence_stated(assistant):
    answer = assistant.ask("Has supervision improved in Gateshead since 2010?")
    assert answer.mode == "findings" and not answer.abstained
    assert len(answer.hits) == min(10, len(assistant.retriever))  # retrieval hits travel with it
    lines = answer.answer.split("\n")
    assert [line[:12] for line in lines[1:]] == ["- 2010 lette", "- 2011 lette", "- 2019 repor", "- 2023 repor"]
    assert "repeated from the previous inspection, 9 and 10 February 2010" in lines[2]
    assert "not mentioned" in lines[4] and "does not show it was resolved" in lines[4]
    assert "overall effectiveness: good" in lines[4]
    assert all(re.search(r"\[\d+\]", line) for line in lines[1:4])
    _check_citations(answer)


def test_a_timeline_from_a_year_with_no_inspection_held_is_not_the_findings_to_give(assistant):
    # Gateshead's inspections held are 2010, 2011, 2019 and 2023: "the 2015 visit" is none of them, so the timeline
    # of the ones held would read as what that visit found; the passages answer or say the documents don't
    answer = assistant.ask("has gateshead supervision got any better? what did the 2015 visit find")
    assert answer.mode != "findings", answer.answer
    assert assistant.ask("has supervision got any better in gateshead since 2019").mode == "findings"


@pytest.mark.parametrize("question", [
    # "over time" asks for the timeline, but "what were the average caseloads … a number" asks for a figure the
    # inspectors' findings on the theme would not state
    "has supervision improved in gateshead over time - how many supervision files did they audit, a number",
    # a count of some of the list is no count of the list (a count of the list is: the improvement list's test)
    "how many of the areas for development did ofsted give gateshead in 2011",
])
def test_findings_never_stand_in_for_an_asked_number(assistant, question):
    answer = assistant.ask(question)
    assert answer.mode != "findings", answer.answer


@pytest.mark.parametrize("question", [
    "does gateshead's own policy say supervision has to be monthly? ofsted said they werent meeting requirements",
    "gateshead supervision is meant to be every 4 weeks isnt it, what did ofsted say",
])
def test_findings_never_confirm_a_figure_the_question_states(assistant, question):
    # The inspectors' findings on supervision say nothing of "monthly" or "every 4 weeks": a findings answer would
    # read as confirming it; the passages answer the figure, or say the documents don't state it
    answer = assistant.ask(question)
    assert answer.mode != "findings", answer.answer


def test_the_only_authority_held_is_the_one_meant(assistant):
    answer = assistant.ask("What needs to improve?")
    assert answer.mode == "findings"
    assert answer.answer.startswith("Gateshead, 2023 report")
    assert "The quality of pathway plans for care leavers." in answer.answer
    assert "Other inspections held for Gateshead: 2010 letter, 2011 letter, 2019 report" in answer.answer
    _check_citations(answer)


def test_slack_arguments(kb):
    index = _index(kb)
    assert parse_actions_args("gateshead supervision", index) == ("Gateshead", "supervision")
    assert parse_actions_args("care leavers", index) == (None, "care leavers")
    assert parse_actions_args("", index) == (None, None)


def test_have_the_areas_for_development_been_addressed(assistant):
    answer = assistant.ask("Have the areas for development from 2011 been addressed in Gateshead?")
    assert answer.mode == "findings"
    headers = [line for line in answer.answer.split("\n") if not line.startswith("- ")]
    # One timeline per theme of the 2011 letter's areas for development, from 2011 on.
    assert headers[:4] == [f"{t} at Gateshead, across its inspections (oldest first):" for t in
                           ("Case recording", "Supervision", "Assessment timeliness", "Management oversight")]
    assert "2010 letter" not in answer.answer
    assert answer.answer.count("- 2023 report") == len(headers)
    _check_citations(answer)
    assert assistant.ask("Has supervision improved in Gateshead?").answer.startswith("Supervision at Gateshead")


def test_list_and_judgement_answers(assistant):
    answer = assistant.ask("What did Ofsted tell Gateshead to improve in 2011?")
    assert answer.mode == "findings"
    assert "area for development (repeated from the previous inspection, 9 and 10 February 2010)" in answer.answer
    assert "Staff report good access to training" not in answer.answer  # strengths are not improvement areas
    _check_citations(answer)
    judged = assistant.ask("What judgement did Ofsted give Gateshead in 2023 for care leavers?")
    assert judged.mode == "findings"
    assert "The experiences and progress of care leavers: requires improvement to be good" in judged.answer
    assert "children in care: good" not in judged.answer
    _check_citations(judged)


def test_a_judgement_asked_in_shorthand_and_a_service_ofsted_does_not_grade(assistant):
    # "cla" is spelled out, and children in care are graded with care leavers in the 2019 report
    cla = assistant.ask("gateshead 2019 ofsted grade for cla")
    assert cla.mode == "findings" and cla.outcome == "answered", cla.answer
    assert "children in care and care leavers: requires improvement to be good" in cla.answer
    assert "help and protection" not in cla.answer
    # fostering is a theme of the findings, not an area Ofsted grades: the grades it gave are the nearest, no more
    fostering = assistant.ask("gateshead 2023 what grade did the fostering service get")
    assert fostering.mode == "findings" and fostering.outcome == "partial", fostering.answer
    assert fostering.answer.startswith("The documents don't give a graded judgement for what you asked about")
    assert "Overall effectiveness: good" in fostering.answer
    _check_citations(fostering)


@pytest.mark.parametrize("question", [
    "What did Ofsted say Gateshead does well in 2011?",
    "What strengths did the 2011 inspection of Gateshead find?",
    "gateshead 2011 ofsted - what went well",
    "what were the strengths in gateshead's 2011 letter",  # a year and no procedure: an inspection, unnamed
    "gateshead 2011 strengths",
])
def test_what_went_well_is_the_strengths_list(assistant, question):
    # Asked in a practitioner's words ("do well", "went well": the lexicon reads them as "strengths"), or naming
    # strengths anywhere in the question, not only as "what are the strengths".
    answer = assistant.ask(question)
    assert answer.mode == "findings", answer.answer
    assert "Staff report good access to training" in answer.answer and "area for development" not in answer.answer
    _check_citations(answer)


@pytest.mark.parametrize("question", [
    "gateshead 2011 - what were the things to improve",
    "what went wrong for gateshead at the 2011 inspection",
    "gateshead 2011 shortcomings",
    # phrasings of batch 19 (2026-12-02): answered with the strengths or the judgement alone before
    "what did ofsted tell gateshead they need to work on in 2011",
    "where did gateshead fall short at the 2011 inspection",
    "what should gateshead get better at according to ofsted in 2011",
    # a count of the list asked for is answered by the list, each item cited (batch 30)
    "how many areas for development did gateshead get in 2011 and what were they",
    "how many things did ofsted say gateshead need to improve in 2011",
])
def test_things_to_improve_is_the_improvement_list(assistant, question):
    answer = assistant.ask(question)
    assert answer.mode == "findings", answer.answer
    assert "area for development" in answer.answer and "Staff report good access to training" not in answer.answer
    _check_citations(answer)


@pytest.mark.parametrize("question", [
    "im worried about a child in gateshead, how often should they be seen in supervision",
    "gateshead - new worries about a child i supervise, how often is supervision",
])
def test_a_practitioners_own_worry_is_not_a_request_for_ofsteds_criticisms(assistant, question):
    # "worried about" reads as Ofsted's areas for development only in a question about an inspection
    answer = assistant.ask(question)
    assert answer.mode != "findings" and "area for development" not in answer.answer, answer.answer


# Failed (answered with the letter's strengths list) from the thirteenth session's refit, at p 0.3351 against a
# threshold of 0.335: 'strengths' and 'based' are no words of these documents and the model weighs the unknown share
# little. Passed again from the fifteenth session's refit with batch 19 (threshold 0.352): a knife edge, not a fix.
# Failed again from the eighteenth session's refit with batch 22 (p 0.368 against 0.361, with 87% of the key terms'
# weight in no passage); passes from the nineteenth's (p 0.372 against 0.376): the same knife edge. Fails again from
# the twentieth session's refit with batch 24 (p 0.403 against 0.392), and still at the twenty-first's (0.408 against
# 0.399), the twenty-second's (0.399 against 0.385) and the twenty-third's (0.398 against 0.395). Passes again from the
# twenty-fourth's refit with batch 28 (p 0.382 against 0.402): the same knife edge.
@pytest.mark.xfail(strict=True, raises=AssertionError, reason="answered with the 2011 letter's strengths list since "
                   "the thirty-fifth session's blend with boosted trees (refused by the logistic model alone): "
                   "'strengths-based' is read as the strengths Ofsted found")
def test_strengths_based_practice_is_a_way_of_working_not_the_strengths_list(assistant):
    answer = assistant.ask("What did Ofsted say about strengths-based practice in Gateshead in 2011?")
    assert "Staff report good access to training" not in answer.answer, answer.answer


# Questions the findings records do not answer go to the passage pipeline, and its answer is the right one
# (expectations read from tests/support/findings_docs.py): (question, outcome, first cited source, words in the
# first sentence, words anywhere in the reply).
PASSAGE_QUESTIONS = [
    ("What did Ofsted find about strategy meetings in Gateshead in 2023?", "answered", "report-2023.txt",
     ["Strategy meetings are timely"], []),
    ("How often must supervision take place in Gateshead?", "answered", "supervision-procedure.txt",
     ["at least monthly"], []),
    # no 2008 inspection is held: say so, and which years are
    ("Which areas for development from the 2008 inspection had Gateshead not addressed?", "not_found", None, [],
     ["no 2008 inspection of Gateshead", "2010, 2011, 2019, 2023"]),
    # the 2019 report lists no priority actions: another year's must not be given as 2019's
    pytest.param("What are the priority actions for Gateshead in 2019?", "not answered", None, [], [],
                 marks=pytest.mark.xfail(strict=True, reason="answered with the 2010 letter's sentences at p 0.473 "
                                         "against 0.416 (thirtieth session's refit; p 0.390 against 0.401 before "
                                         "it): no signal says the answer's document is of another year than asked")),
    # no document says anything about private fostering: answered from the eighteenth session's refit (p 0.378
    # against the threshold 0.361; 69% of the key terms' weight is in no passage), refused before it; still answered
    # after the nineteenth's (p 0.402 against 0.376), the twentieth's (p 0.423 against 0.392), the twenty-first's
    # (p 0.430 against 0.399), the twenty-second's (p 0.427 against 0.385), the twenty-third's (p 0.619 against
    # 0.395: its year, 2010, is now a baseline, so the later reports are the year's match) and the twenty-fourth's
    # (p 0.612 against 0.402)
    pytest.param("Has private fostering improved in Gateshead since 2010?", "not answered", None, [], [],
                 marks=pytest.mark.xfail(strict=True, reason="answered with 'Since the last inspection, services have "
                                         "improved in some areas' at p 0.612 against 0.402 (twenty-fourth "
                                         "session's refit): 'private fostering' is in no passage")),
]


@pytest.mark.parametrize("question, outcome, source, first, anywhere", PASSAGE_QUESTIONS,
                         ids=[(q.values if hasattr(q, "values") else q)[0][:40] for q in PASSAGE_QUESTIONS])
def test_other_questions_go_to_the_passage_pipeline_and_get_the_right_answer(assistant, question, outcome, source,
                                                                           first, anywhere):
    answer = assistant.ask(question)
    assert answer.mode != "findings"
    said = f"{answer.outcome}: {answer.answer} {[c.source for c in answer.citations]}"
    if outcome == "not answered":
        assert answer.outcome != "answered", said
    else:
        assert answer.outcome == outcome, said
    if source is not None:
        assert answer.citations and answer.citations[0].source == source, said
        lead = re.split(r"(?<=\])\s+", answer.answer, maxsplit=1)[0]
        assert lead.endswith("[1]") or lead.endswith("[1]."), said  # the first sentence cites the first source
        for words in first:
            assert words in lead, said
    for words in anywhere:
        assert words in answer.answer, said


def test_logs_carry_no_document_text(tmp_path, docs_dir, embedder, caplog):
    with caplog.at_level(logging.DEBUG):
        store = _build(tmp_path, docs_dir, embedder)
        Assistant(store, embedder=embedder, findings=FindingsAnswerer()).ask(
            "Has supervision improved in Gateshead since 2010?")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "findings written" in logged
    for phrase in ("supervision", "Supervision", "Case recording", "pathway plans"):
        assert phrase not in logged
