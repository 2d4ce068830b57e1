"""Answers from the real pipeline over the sample knowledge base: cited, steered, or honestly not found."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from assistant.vocabulary import expand
from assistant.pipeline import Assistant
from assistant.understand import understand
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def assistant(knowledge_store, embedder) -> Assistant:
    from assistant.findings import FindingsAnswerer

    return Assistant(knowledge_store, embedder=embedder, findings=FindingsAnswerer())  # as the product wires it


def sentences_are_cited(answer) -> bool:
    numbers = {c.n for c in answer.citations}
    parts = [p for p in re.split(r"(?<=\])\s+", answer.answer.strip()) if p]
    return all(re.search(r"\[(\d+)\]$", p) and int(re.search(r"\[(\d+)\]$", p).group(1)) in numbers for p in parts)


def test_supervision_frequency_is_answered_from_the_policy_with_citations(assistant):
    answer = assistant.ask("What are the supervision frequency requirements for social workers?")
    assert not answer.abstained
    assert sentences_are_cited(answer)
    assert answer.citations[0].source == "example-supervision-policy.md"
    assert answer.citations[0].section == "Supervision frequency"
    assert "four weeks" in answer.answer
    # Every quoted sentence really is in the passage it cites.
    for part in re.split(r"(?<=\])\s+", answer.answer):
        sentence, n = re.match(r"(.*) \[(\d+)\]$", part).groups()
        cited = next(c for c in answer.citations if c.n == int(n))
        assert sentence.rstrip(".") in cited.text.replace("\n- ", " ").replace("- ", "")


def test_abbreviations_are_understood(assistant):
    assert "newly qualified social worker" in expand("how often are NQSWs supervised?")[0]
    assert "section 47" in expand("timescale for s47 enquiries")[0]
    assert [m.term for m in expand("The TM said it was fine")[1]] == ["TM"]
    assert expand("a pa to the team")[1] == []  # 'pa' in lower case is not the abbreviation
    answer = assistant.ask("how often do NQSWs get supervision?")
    assert not answer.abstained
    assert "weekly for their first six weeks" in answer.answer
    answer = assistant.ask("when must the ICPC be held?")
    assert not answer.abstained and "15 working days" in answer.answer


def test_authority_and_year_steer_retrieval(assistant):
    query = understand("what did ofsted say about supervision in stockton 2011")
    assert query.authorities == ["Stockton-on-Tees"] and query.years == [2011] and query.wants_inspection
    answer = assistant.ask("what did ofsted say about supervision in stockton 2011")
    assert answer.citations[0].source == "stockton-2011-ucra-letter.txt"
    assert "supervision" in answer.answer.lower()
    assert understand("mbro strategy meetings in 2023").authorities == ["Middlesbrough"]
    assert understand("what is the latest judgement?").wants_latest


def test_unanswerable_questions_are_declined_with_the_documents_checked(assistant):
    answer = assistant.ask("What is the mileage rate for staff using their own cars?")
    assert answer.abstained and answer.citations == []
    assert answer.answer.startswith("I couldn't find this in the knowledge base.")
    assert answer.checked  # the nearest documents are named
    for off_topic in ("What is the policy on working from home?", "How do I book a meeting room?",
                      "What are the rules on annual leave carry-over?"):
        assert assistant.ask(off_topic).abstained, off_topic
    answer = assistant.ask("What did Ofsted say about Birmingham's front door?")
    assert answer.abstained and "Birmingham" in answer.answer
    answer = assistant.ask("What did Ofsted find about supervision in Stockton in 2016?")
    assert answer.abstained and "no 2016 inspection of Stockton-on-Tees" in answer.answer and "2011" in answer.answer
    answer = assistant.ask("What did the Care Inspectorate say about Glasgow's child protection work?")
    assert answer.abstained and "Glasgow" in answer.answer
    answer = assistant.ask("What is the maximum caseload for a newly qualified social worker?")
    assert answer.abstained  # nothing in the sample documents gives a number for caseloads


def test_a_staff_matter_is_not_found_and_says_who_would_know(assistant):
    # "social workers" and "duty" are the documents' words; annual leave and flexi time are not their subject
    for question in ("how much annual leave do sws get", "can i use flexi time on a duty week"):
        answer = assistant.ask(question)
        assert answer.outcome == "not_found" and answer.reason == "staff-matter", answer.answer
        assert "not staff matters" in answer.answer and "HR" in answer.answer and answer.checked
    assert assistant.ask("how often do social workers get supervision").outcome == "answered"


def test_a_staff_matter_asked_as_an_aside_leaves_the_practice_question_answered(assistant):
    # batch 38: "… ? and whos got the spare laptop charger" was refused whole as a staff matter
    answer = assistant.ask("how often do social workers get supervision? and whos got the spare laptop charger")
    assert answer.outcome == "answered" and "every four weeks" in answer.answer, answer.answer
    assert answer.answer.endswith('The other part of your message ("laptop") is a staff matter the documents don\'t '
                                  "cover (HR, payroll or IT will know).")
    assert answer.question.startswith("how often do social workers") and answer.question.endswith("charger")


def test_a_storys_shorthand_is_what_the_asked_timescale_runs_from(assistant):
    # the story says, in shorthand, that the strategy discussion happened: the ICPC's 15 days, counted from it, answer
    # (read as typed, "strategy discussion" stayed the subject asked and the ICPC's rule was passed over as counted from
    # it)
    question = "strat disc for Kit was mon 2 june and we went to s47. whats the latest date the icpc can be"
    answer = assistant.ask(question)
    assert answer.outcome == "answered", answer.answer
    lead = "An initial child protection conference is held within 15 working days"
    assert answer.answer.startswith(lead), answer.answer


def test_a_signature_under_a_staff_matter_is_no_practice_question(assistant):
    # batch 39: the signature was answered as the practice part of the message, quoting the documents
    answer = assistant.ask("wheres the mileage claim form for home visits?\n\nCheers, Priya | ASW | Adults Team | "
                           "Tel 01642 000 111")
    assert answer.outcome == "not_found" and answer.reason == "staff-matter", answer.answer


def test_office_social_life_is_not_found_without_sending_anyone_to_hr(assistant):
    # the topic model let a chilli recipe for the team lunch through (p 0.34), quoting a care leavers' group
    answer = assistant.ask("any1 got a good slow cooker chilli recipe for the team lunch friday")
    assert answer.outcome == "not_found" and answer.reason == "staff-matter", answer.answer
    assert "HR" not in answer.answer and "recipe" in answer.answer and not answer.citations


def test_follow_up_questions_use_the_thread(assistant):
    first = "What did Ofsted say about case recording in Stockton in 2011?"
    follow = assistant.ask("and what about supervision?", context=first)
    assert not follow.abstained
    assert follow.citations[0].source == "stockton-2011-ucra-letter.txt"
    standalone = understand("How quickly must a strategy discussion be held?", context=first)
    assert standalone.authorities == []  # a complete question does not inherit the thread


def test_ask_json_contract(knowledge_store):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "ask", "How quickly is a decision made on a contact?", "--json",
         "--store", str(knowledge_store.root)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(result.stdout)
    assert set(data) >= {"question", "abstained", "answer", "citations", "latency_ms", "outcome"}
    assert data["abstained"] is False and data["outcome"] == "answered" and "one working day" in data["answer"]
    citation = data["citations"][0]
    assert set(citation) >= {"n", "source", "title", "section", "date", "url", "text"}
    assert citation["source"] == "example-assessment-timescales.docx" and citation["n"] == 1


def test_status_reports_the_live_version(knowledge_store):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "status", "--json", "--store", str(knowledge_store.root)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(result.stdout)
    assert data["documents"] == 4 and data["passages"] > 10
    assert data["model"].startswith("all-MiniLM-L6-v2") and data["last_ingest"]


def test_section_headings_scope_their_sentences(assistant):
    # "Child and family assessments" is the heading; the sentences under it never repeat those words.
    answer = assistant.ask("What are the timescales for a child and family assessment?")
    assert not answer.abstained and "45 working days" in answer.answer
    assert answer.citations[0].source == "example-assessment-timescales.docx"
    # Filler verbs ("take place") are not what the question is about.
    answer = assistant.ask("How often should supervision take place?")
    assert not answer.abstained and "every four weeks" in answer.answer


# The three questions issue 8 was opened with, as a new user asks them of the sample knowledge base.

def test_the_brief_supervision_question_states_the_frequency_first(assistant):
    answer = assistant.ask("what are the supervision frequency requirements?")
    assert answer.outcome == "answered", answer.answer
    first = re.split(r"(?<=\])\s+", answer.answer)[0]
    assert "every four weeks" in first, answer.answer  # the fact asked for, in the first sentence
    assert answer.citations[0].source == "example-supervision-policy.md"
    assert "audit" not in first.lower()


def test_what_ofsted_said_about_our_strategy_discussions_comes_from_the_inspection(assistant):
    answer = assistant.ask("what did Ofsted say about our strategy discussions?")
    assert answer.outcome == "answered", answer.answer
    assert answer.citations[0].source == "stockton-2011-ucra-letter.txt"
    assert "strategy discussions" in answer.answer.lower()
    # what inspectors said, not followed by the procedure's rules on strategy discussions
    assert all(c.source == "stockton-2011-ucra-letter.txt" for c in answer.citations), answer.answer


def test_what_ofsted_was_worried_about_in_2011_is_answered_from_the_letter(assistant):
    answer = assistant.ask("what was Ofsted worried about in 2011?")
    assert answer.outcome == "answered", answer.answer
    assert all(c.source == "stockton-2011-ucra-letter.txt" for c in answer.citations)


def test_a_near_miss_is_partial_with_the_nearest_passage_cited(assistant):
    # The documents speak of newly qualified social workers' supervision, never of a caseload number.
    answer = assistant.ask("What is the maximum caseload for a newly qualified social worker?")
    assert answer.outcome == "partial" and answer.abstained, answer.answer
    assert answer.answer.startswith("The documents don't say what the maximum caseload for a newly qualified "
                                    "social worker is. The nearest they say:")
    assert answer.citations


def test_a_partial_quotes_a_sentence_never_the_letters_address_block(assistant):
    # The letter's best-matching unit for this near miss is its address block ("Freshford House Redcliffe Way
    # Bristol ... enquiries@ofsted.gov.uk"); the nearest offered must be words a practitioner can read.
    for question in ("2011 letter - average caseload per worker", "2011 ofsted - what was our vacancy rate"):
        answer = assistant.ask(question)
        assert answer.outcome == "partial", answer.answer
        assert "Freshford" not in answer.answer and "ofsted.gov.uk" not in answer.answer, answer.answer


def test_caseloads_in_a_question_about_an_inspection_are_its_subject(assistant):
    # "caseloads" asks for a number ("nqsw caseload"), except in a question about an inspection, which asks what
    # the inspectors said about them: this was partial, its nearest the letter's sentence on areas for development.
    answer = assistant.ask("2011 ofsted - were our caseloads ok with all the extra referrals")
    assert answer.outcome == "answered", answer.answer
    assert answer.answer.startswith("Despite a significant increase in the number of referrals, staff caseloads are "
                                    "manageable."), answer.answer
    assert assistant.ask("nqsw caseload").outcome == "partial"  # no sample document gives a number


@pytest.mark.parametrize("question", ["supervision frequency ofsted 2011", "ofsted letter - supervision frequency"])
def test_frequency_in_a_question_about_an_inspection_is_its_subject(assistant, question):
    # What the inspectors said about how often staff were supervised: the first was partial (no number of weeks in
    # the letter), the second led with the policy's four-weekly rule before the letter's finding.
    answer = assistant.ask(question)
    assert answer.outcome == "answered", answer.answer
    assert answer.answer.startswith("The frequency and quality of supervision arrangements is not in accordance"), \
        answer.answer
    assert {c.source for c in answer.citations} == {"stockton-2011-ucra-letter.txt"}, answer.citations


def test_the_child_answers_a_who_question_that_did_not_name_the_child(assistant):
    # "who": the policy's answer is the child ("written so that the child could read and understand them"), which no
    # role or agency pattern matched, so this was partial with that very sentence as its nearest.
    answer = assistant.ask("who should case records be written for")
    assert answer.outcome == "answered", answer.answer
    assert answer.answer.startswith("Case records must be up to date, accurate and written so that the child could "
                                    "read and understand them in the future."), answer.answer


def test_an_address_block_is_no_candidate_for_any_answer(assistant):
    # Its phone numbers read as numbers to a "how many" question; it must not be a candidate at all.
    from assistant.evidence import key_terms
    from assistant.selection import score_units

    query = understand("how many referrals did ofsted look at in the 2011 letter")
    hits = assistant.retriever.search(query, k=10)
    assert any("Freshford" in u for h in hits[:4] for u in h.units)  # the letter's address block was retrieved
    units = score_units(query, hits, key_terms(query), assistant.retriever.weights)
    assert units and not any("Freshford" in u.text or "0300" in u.text for u in units)



def test_a_check_that_states_a_wrong_figure_is_answered_with_the_documents_figure(assistant):
    # the documents say 45 working days: the check is answered with their figure, not refused as a missing one
    answer = assistant.ask("our c&f assmts have to be done in 35 wd right?")
    assert answer.outcome == "answered", answer.answer
    assert "45 working days" in answer.answer.split("[1]")[0], answer.answer


def test_a_check_that_states_a_figure_no_document_gives_stays_refused(assistant):
    # the first core group's timing is in no document; the ICPC's 15 working days are no answer to it
    answer = assistant.ask("first core group has to be within 10 wd of the icpc right?")
    assert answer.outcome == "partial", answer.answer
