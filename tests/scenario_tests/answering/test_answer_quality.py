"""Answers scored, not ranks: families of wordings of the questions practitioners ask most, each asserting the
fact in the answer's first cited sentence or the right outcome; and the quality floor on the question bank's
held-out part (benchmarks/bank/*-test.jsonl), which is only ever run to report, never to choose rules.

No wording below is a question of the bank, dev.jsonl, heldout.jsonl or the off-topic probes the pipeline was
fitted on (checked by the first test). A wording the pipeline gets wrong is marked xfail(strict=True) with what
it does instead, so the suite stays honest and the mark has to go when the pipeline is fixed.
"""

from __future__ import annotations

import json
import re

import pytest

from assistant.evaluation import load_questions, score
from assistant.findings import FindingsAnswerer
from assistant.pipeline import Assistant
from tests.conftest import ROOT

BANK = ROOT / "benchmarks" / "bank"
NOT_ANSWERED = "not answered"  # partial or not found: the documents do not give the fact asked for

# family: (knowledge base, expected outcome, words the first cited sentence must hold, wordings)
FAMILIES: dict[str, tuple[str, str, list[str], list[str]]] = {
    "supervision frequency (the brief's 'what are the supervision frequency requirements?')": (
        "knowledge", "answered", ["Social workers receive formal one-to-one supervision at least every four weeks"], [
            "How often should supervision occur?",
            "how often should supervision happen",
            "how often is supervision held for a social worker",
            "how frequently do sws get supervised",
            "whats the longest gap allowed between supervision sessions for a qualified social worker",
            "supervision - how regularly should I be getting it as a social worker?",
            "what does the policy require on how often supervision takes place",
        ]),
    "Ofsted on strategy discussions (the brief's 'what did Ofsted say about our strategy discussions?')": (
        "knowledge", "answered", ["face-to-face"], [
            "what did the inspectors find about strategy discussions",
            "ofsted feedback on our strat discussions?",
            "how did the inspection letter describe strategy discussions",
            "were our strategy discussions praised or criticised by ofsted",
            "Ofsted's view of how we hold strategy discussions",
            "what were the inspection findings on strat discussions",
        ]),
    "a greeting, a sign-off and Slack's markup around the question (batch 22's styles, 2026-12-03)": (
        "knowledge", "answered", ["within one working day of the contact being received"], [
            "morning! does anyone know how long the front door has to decide on a contact? thanks in advance",
            "hi all :wave: how quickly does the front door have to make a decision on a contact :pray:",
            "*front door* - how long to decide on a contact? ta",
            "how long has the front door got to decide on contacts thanks in advance",
            "hiya :wave: _front door_ decision on a contact - how quick? cheers",
            # a remark after the question mark ("in advance") is no part of which way the time asked runs
            "how long does the front door have to decide on a contact? need to let the school know in advance",
        ]),
    "words typed without their vowels (batch 28's text speak, 2026-12-04)": (
        "knowledge", "answered", ["Social workers receive formal one-to-one supervision at least every four weeks"], [
            "hw oftn shld sprvsn b",
            "hw oftn is sprvsn fr sws",
            "hw frqnt is sprvsn",
            "sprvsn hw oftn",
            "hw oftn d sws gt sprvsn",
        ]),
    "why: the reason a report gives (batch 28's 'why' and 'whats the point', 2026-12-04)": (
        "corpus", "answered", ["minute-takers"], [
            "what was behind the leeds icpc delays",
            "leeds icpc delays - whats the reason ofsted gave",
            "how come icpcs in leeds were late",
            "why were initial cp conferences delayed in leeds in 2022",
            "reason for the delays to icpcs in leeds",
            "why did leeds icpcs get held up",
        ]),
    "an area named for its council ('the tees lot': the knowledge base holds Stockton-on-Tees, 2026-12-02)": (
        "knowledge", "answered", ["face-to-face"], [
            "tees strat discussions - what did ofsted make of them",
            "what did ofsted say about the tees lots strategy discussions",
            "teesside ucra letter on strategy discussions",
            "what did the inspectors say about strategy discussions in teesside",
            "how were strat discussions in tees viewed by ofsted",
        ]),
    "what a UCRA is, spelled out with commas the lexicon's expansion leaves out (2026-12-02)": (
        "knowledge", "answered", ["unannounced inspection of contact, referral and assessment arrangements"], [
            "whats a ucra",
            "what does ucra stand for",
            "what is a UCRA",
            "ucra meaning",
            "what does UCRA mean",
        ]),
    "the 2011 letter's strengths, no council named (the one inspection held that year)": (
        "corpus", "answered", ["effective action to increase management and practitioner capacity"], [
            "what did the 2011 letter say was going well",
            "2011 ofsted strengths",
            "good points from the 2011 inspection",
            "what went well at the 2011 unannounced inspection",
            "strengths ofsted found in 2011",
        ]),
    "the letter's strengths, asked without 'Ofsted' or 'inspection'": (
        "knowledge", "answered", ["effective action to increase management and practitioner capacity"], [
            "what were the strengths in the 2011 letter",
            "2011 letter strengths",
            "what strengths were there in 2011",
            "2011 - what was going well",
            "what did the letter in 2011 say we do well",
        ]),
    "one-to-one supervision typed as '1:1' ('1' once matched a 'Date: 1 June 2025' field)": (
        "knowledge", "answered", ["Social workers receive formal one-to-one supervision at least every four weeks"], [
            "does supervision have to be 1:1",
            "is my supervision meant to be 1:1",
            "1-2-1 supervision how often",
            "how often do sws get 1:1 supervision",
            "1:1 supervision frequency for social workers",
        ]),
    "NQSW supervision frequency": (
        "knowledge", "answered", ["weekly for their first six weeks"], [
            "how frequently is a newly qualified social worker supervised in the first six weeks",
            "nqsw supervision frequency at the start of the asye",
            "how regularly should an ASYE social worker get supervision",
            "what supervision does a newly qualified sw get in their first few weeks",
            "supervision for a newly qualified worker - how often to begin with?",
        ]),
    "NQSW caseload (no document gives one)": (
        "knowledge", NOT_ANSWERED, [], [
            "How many cases should an NQSW hold?",
            "what is the caseload limit for newly qualified social workers",
            "max number of children an asye worker can carry",
            "nqsw caseload cap?",
            "how many cases is a newly qualified social worker allowed",
        ]),
    "recording a home visit": (
        "knowledge", "answered", ["Home visits", "within two working days"], [
            "how long do i have to write up a home visit",
            "deadline for recording a home visit on the childs file",
            "home visit notes - how many days to get them on the system",
            "when must a home visit be typed up on the electronic record",
            "time limit for recording home visits",
        ]),
    "recording a home visit, asked the Slack way (greetings and 'anyone know' are not the subject, 2026-11-30)": (
        "knowledge", "answered", ["Home visits", "within two working days"], [
            "hi, anyone know how long we have to write up a home visit",
            "quick q - deadline for recording a home visit?",
            "sorry if this is a silly question but how many days do i have to record a home visit",
            "can someone remind me how long to get home visit notes on the system please",
            "does anybody know the time limit for recording home visits, thanks",
        ]),
    "caseloads and visits, asked the Slack way (no sample document gives them)": (
        "knowledge", NOT_ANSWERED, [], [
            "hi all, anyone know the caseload limit for nqsws? thanks",
            "quick q - how often do we visit a child on a cp plan",
            "sorry if this is a silly question but whats the max caseload for a newly qualified sw",
            "can someone remind me how many weeks between statutory visits please",
            "does anybody know how often looked after children have to be visited, cheers",
        ]),
    "who closes a case ('decide' is 'decision', 'closes' is 'closure', 2026-11-30)": (
        "knowledge", "answered", ["may only be closed by a team manager"], [
            "who decides a case can be closed",
            "who can decide to close a case",
            "case closure - who decides",
            "who makes the decision to close a case",
            "can a social worker decide to close a case themselves",
        ]),
    "who supervises students (every role the lexicon names says who, 2026-11-30)": (
        "knowledge", "answered", ["from their practice educator"], [
            "students on placement supervision who does it",
            "who supervises social work students",
            "sw students - who gives them supervision",
            "who is responsible for supervising a student on placement",
            "student social worker supervision, who provides it",
        ]),
    "counts the 2011 letter does not give ('how many' counts what it names, 2026-11-30)": (
        "knowledge", NOT_ANSWERED, [], [
            "how many referrals did we get in 2011",
            "2011 inspection - how many inspectors came",
            "how many social workers did ofsted talk to in 2011",
            "how many cases did the inspectors look at in 2011",
            "how many contacts came in before the 2011 inspection",
        ]),
    "seeing the child after a referral ('seen' is 'sees', 2026-11-30)": (
        "knowledge", "answered", ["sees the child within five working days"], [
            "how soon must the child be seen",
            "when should the child be seen after a referral",
            "child seen within how many days of referral",
            "by when has the child got to be seen by a social worker",
            "timescale for seeing the child after a referral",
        ]),
    "management oversight frequency": (
        "knowledge", "answered", ["at least every three months"], [
            "how often must a manager add an oversight note to an open case",
            "management oversight on open cases - how frequently",
            "how regularly does a team manager record oversight on every open case",
            "minimum frequency for tm oversight notes",
            "how often should management oversight be recorded on a case",
        ]),
    "visits frequency (no sample document gives one)": (
        "knowledge", NOT_ANSWERED, [], [
            "how often should I visit a child on a child protection plan",
            "cp plan visiting frequency?",
            "how many weeks between statutory visits to a child in care",
            "how often do we have to see looked after children at home",
            "frequency of statutory visits for cp kids",
        ]),
    "ICPC after a strategy discussion (Norfolk)": (
        "corpus", "answered", ["15 working days"], [
            "in norfolk how soon after the strategy discussion must the icpc be held",
            "norfolk - deadline for the initial conference after a strat discussion",
            "how many working days from strategy discussion to initial child protection conference in norfolk",
            "norfolk icpc - latest date after the strategy meeting?",
            "when does the initial cp conference have to happen after the strat in norfolk",
            # the conference is named whole outside the strategy discussion and enquiry the time is counted from
            # (batches 46 and 57: refused, as if only Devon's rule gave it; forty-third session)
            "norfolk.. strat decides s47.. icpc has to be within how many days..",
            "norfolk procedure - once the strategy discussion agrees to go s47 how long have we got to get the icpc "
            "held",
        ]),
    "conference reports to parents (Devon; 'reports' is the subject, not the source, 2026-11-30)": (
        "corpus", "answered", ["no less than 3 days before the meeting"], [
            "devon icpc reports to parents how long before",
            "devon - when do parents get the conference reports",
            "how many days before a devon cp conference do parents see the reports",
            "devon conf reports - deadline for sharing with parents",
            "in devon when must parents have the reports for an icpc",
        ]),
    "what shorthand stands for (answered with the sentence that spells it out, 2026-11-30)": (
        "knowledge", "answered", ["Assessed and Supported Year in Employment (ASYE)"], [
            "what does ASYE stand for",
            "asye - whats it short for",
            "ASYE in full?",
            "sorry basic q but what is the ASYE acronym",
            "what does asye stand for in the supervision policy",
        ]),
    "what shorthand stands for, where no document spells it out": (
        "knowledge", NOT_ANSWERED, [], [
            "what does IRO stand for",
            "iro - whats it short for",
            "IRO in full?",
            "what does the acronym IRO mean",
            "whats IRO stand for in the timescales doc",
        ]),
    "what shorthand stands for (Norfolk's OLA)": (
        "corpus", "answered", ["Other Local Authorities (OLAs)"], [
            "norfolk transfer in - what is an OLA short for",
            "OLA in full? (norfolk cp transfers)",
            "what does the acronym OLA mean in norfolk",
            "norfolk procedure OLA stands for",
            "what does OLA stand for",
        ]),
    "how long a UCRA inspection lasted ('ucra' names the source, as 'Ofsted' does, 2026-11-30)": (
        "corpus", "answered", ["lasting two days"], [
            "how long did a ucra inspection last",
            "ucra inspections - how many days were they",
            "length of a ucra visit in days",
            "how many days did ucra inspectors spend on site",
            "were ucra inspections short",
        ]),
    "recording a home visit, misspelt ('vist': a word the sample uses once, 2026-11-30)": (
        "knowledge", "answered", ["within two working days"], [
            "how long to write up a home vist",
            "home vist recording timescale",
            "when do home vists need to be on the system",
            "vist notes - how many days to record them",
            "deadline for recording a home vist",
        ]),
    "when a case summary is updated ('when' is answered by an event: 'before every transfer', 2026-11-30)": (
        "knowledge", "answered", ["Case summaries are updated before every transfer between teams"], [
            "when is a case summary updated",
            "case summaries - when do we update them",
            "when should the case summary be refreshed",
            "when do i need to update the case summary",
            "when does the case summary get updated",
        ]),
    "supervision frequency (Walsall)": (
        "corpus", "answered", ["at least monthly"], [
            "how often should social workers in walsall be supervised",
            "walsall - minimum supervision frequency for sws",
            "what does walsall's guidance say about how regularly supervision happens",
            "is supervision monthly in walsall?",
            "supervision sessions in walsall, how often?",
        ]),
    "what a copy leaves out (Devon's core assessment: 'Key features of the assessment: (list not included in this "
    "copy)', 2026-12-01)": (
        "corpus", "partial", ["not included in this copy"], [
            "devon core assessment key features - what are they",
            "list the key features of a devon core assessment",
            "when is a devon core assessment reviewed",
            "devon CA review - when does it have to be done",
            "what does devon say the main features of the assessment are",
        ]),
    "the Redcar cyberattack, typed as two words ('cyber attack' is read as the report's 'cyberattack', 2026-12-01)": (
        "corpus", "answered", ["cyberattack"], [
            "what did ofsted say about the redcar cyber attack",
            "redcar cyber attack - what did it do to improvement plans",
            "when did the cyber attack hit redcar",
            "redcar 2022 ofsted cyber attack impact",
            "did a cyber-attack slow down redcars improvement",
        ]),
    "a law the documents do not cover (a section or an Act the lead's passage does not name, 2026-12-01)": (
        "corpus", NOT_ANSWERED, [], [
            "what is the section 31 threshold for a care order",
            "what does the care act say about carers assessments",
            "what does the childrens act 1989 say about section 17 children in need",
            "mental capacity act - can a 16 year old consent to accommodation",
            "section 17 assessment timescale under the children act",
        ]),
    "which council does it, where the report only says 'a neighbouring local authority' (2026-12-05)": (
        "corpus", NOT_ANSWERED, [], [
            "which council runs the front door for stockton",
            "stockton chub - which LA actually provides it",
            "which neighbouring authority does stockton commission its contact and referral service from",
            "what council hosts the children's hub for stockton-on-tees, which one",
            "stocktons referrals are handled by another council - which council is it",
        ]),
    "a section the documents do cover, asked with its Act (2026-12-01)": (
        "corpus", "answered", ["section 47 of the Children Act 1989"], [
            "under which section of the children act are s47 enquiries made",
            "s47 enquiries - which act are they under",
            "what part of the children act 1989 covers section 47 enquiries",
            "is a s47 enquiry made under the childrens act",
            "section 47 - children act 1989 or 2004?",
        ]),
    "s47 in an inspection report, which says 'child protection enquiries' (2026-12-01)": (
        "corpus", "answered", ["hild protection enquiries"], [
            "hartlepool s47s ofsted 2024",
            "leeds section 47 enquiries quality 2022",
            "mbro s47 - what did ofsted find",
            "what did ofsted say about s47 enquiries in leeds",
            "hartlepool 2024 - are section 47 enquiries thorough",
        ]),
    "what a case record must say (contents: the sentence saying what it says leads; 2026-12-01, third session)": (
        "knowledge", "answered", ["Every record says who was seen"], [
            "what does a case record have to say",
            "case recording - what needs to go in every record",
            "what do i need to put in a case record",
            "what has to go in a case record",
            "what should every record include",
            "what must each case record contain",
        ]),
    "staff matters asked in practice words (not found, 2026-12-01, third session)": (
        "corpus", NOT_ANSWERED, [], [
            "annual leave - do sws on the duty rota get extra days",
            "toil for working late on a strat discussion",
            "overtime rates for emergency duty social workers",
            "sick pay for agency social workers",
            "pension scheme for childrens services staff",
        ]),
    "role reversal: whose supervision the documents do not give (2026-12-01, third session)": (
        "knowledge", NOT_ANSWERED, [], [
            "who supervises heads of service",
            "heads of service - who do they get supervision from",
            "how often is a head of service supervised",
            "service manager supervision - how often",
            "who supervises the service managers",
            "how often do service managers get supervised and by whom",  # "get supervised" (fifth session)
            # roles typed as one list: the heads of service too, not only the first (batch 57, forty-third session)
            "who supervises the service managers/hos here and how often",
            "who supervises the servicemanagers/hos here and howoften",
        ]),
    "who supervises team managers (the role as the one supervised)": (
        "knowledge", "answered", ["assistant team managers are supervised by their service manager"], [
            "who supervises team managers",
            "tm supervision who does it",
            "atm supervision frequency",
            "how often do team managers get supervised",
            "who gives supervision to assistant team managers",
        ]),
    "which way a time runs: devon's guide gives no time after the icpc for the review (2026-12-01, third session)": (
        "corpus", NOT_ANSWERED, [], [
            "devon how long after the icpc is the first review conference",
            "first rcpc devon - how many weeks after the initial conference",
            "how soon after an icpc does devon hold the rcpc",
            "devon rcpc timescale following the icpc",
            "devon review conference - how long after the initial one",
        ]),
    "which way a time runs: days before a devon conference that parents see the reports": (
        "corpus", "answered", ["no less than 3 days before the meeting"], [
            "how many days before a devon cp conference do parents see the reports",
            "devon - reports to parents how long before the conference",
            "parents reports devon icpc how many days in advance",
            "devon cp conference reports to parents - days before",
            "how far ahead of a devon conference do families get the reports",
        ]),
    "the year of the inspection before one the question names ('what year' asks a year it did not name)": (
        "corpus", "answered", ["in 2018"], [
            "what year was leeds last inspected before 2022",
            "leeds 2022 report - what year was the inspection before it",
            "before the 2022 ilacs, what year had ofsted last inspected leeds",
            "leeds ilacs before the 2022 one - which year",
            "which year was leeds inspected prior to 2022",
        ]),
    "how long the former ucra inspections lasted ('old', 'former' say which, not what)": (
        "corpus", "answered", ["lasting two days"], [
            "how many days did the old ucra inspections take",
            "length of the former ucra inspections in days",
            "how long did the old unannounced ucra visits last",
            "old ucra inspection - how many days",
            "duration of the previous ucra inspections",
        ]),
    "a message that tells its story first: recording a statutory visit (2026-12-01, third session)": (
        "knowledge", "answered", ["recorded within one working day"], [
            "statutory visit this morning to a child on a plan, im off tomorrow - how long have i got to record it",
            "out on a statutory visit to a looked after child today and the car broke down, by when must i record it",
            "did a cp statutory visit today but the system is down, how quickly does it need recording",
            "saw a cp child for their statutory visit and im on leave from tomorrow, when must the record be done",
            "visited a cic this afternoon and im on training tomorrow, when does the visit have to be recorded by",
        ]),
    "a message that tells its story first, about what the documents do not cover": (
        "knowledge", NOT_ANSWERED, [], [
            "mum has asked for a copy of her file and is getting angry, how long do we have to send it",
            "family moved to another county last week while on a cp plan, who do we send the transfer to",
            "young person turned 18 yesterday and is still in care, how often does their PA have to visit",
            "nqsw in my team is really struggling with their caseload, whats the max they should have",
            "had a strat this morning and the police never came, how many days do they have to send us their notes",
        ]),
    "what the record of a supervision decision states (contents)": (
        "knowledge", "answered", ["The record states the decision, the reason for it"], [
            "what does the record of a case decision need to include",
            "what needs to be in the write-up of a supervision decision",
            "decision made in supervision - what has to be recorded",
            "what goes in the record when a decision is made in supervision",
            "supervision decisions - what must the record say",
        ]),
    "a neighbouring process's timescale: Coventry's initial assessment is not its core assessment (2026-12-01, "
    "fifth session)": (
        "corpus", NOT_ANSWERED, [], [
            "coventry core assmt - how long to complete",
            "core assessment completion timescale coventry",
            "coventry - how many working days do we get for a core assessment",
            "how long is a core assessment in coventry",
            "whats coventrys core assessment timescale",
        ]),
    "a neighbouring process's timescale read in the clause that states it: Devon's 35 days are the core assessment's, "
    "though the sentence names the initial assessment first (batch 46, thirty-ninth session)": (
        "corpus", NOT_ANSWERED, [], [
            "devon... initial assessment... how many days..",
            "devon initial assessment - how long",
            "how many working days for an initial assessment in devon",
            "devon IA - timescale to complete it",
            "whats the time limit on an initial assessment in devon",
        ]),
    "a story that names where a family came from, then asks a time of the conference (what a time is of is read in "
    "the question, not the story)": (
        "corpus", "answered", ["Transfer-in conferences must be held within 15 working days"], [
            "Had a call from Essex today, a family on a plan are moving to Norfolk for good. How long until the "
            "transfer in conference must happen?",
            "email from kent cc today saying a family on a plan is moving to norfolk for good. how long until the "
            "transfer-in conference must take place",
            "heard from essex that a family on a cp plan have moved to norfolk permanently. how long do we have until "
            "the transfer in conference",
            "got a call from suffolk this morning, family on a cp plan are moving to norfolk permanently. how long "
            "until the transfer in conference has to be held",
            "Referral from Lincolnshire yesterday: a family on a CP plan is relocating to Norfolk. How long until the "
            "transfer in conference needs to happen?",
        ]),
    "a story of a move, then 'how long have they got': a word for people names who acts, not what the time is of "
    "(2026-12-02, eighth session)": (
        "corpus", "answered", ["within 15 working days of the receiving authority accepting the referral"], [
            "child on a cp plan moved from middlesbrough to stockton for good, stockton accepted the referral this "
            "morning. how long have they got to convene the conference",
            "bobbin is on a cp plan with us in redcar, dad moved with him to hartlepool for good and hartlepool "
            "accepted the referral on monday. how long have they got to hold the conference",
            "tilly on a plan here in hartlepool, family relocated to stockton permanently, stockton accepted the "
            "referral yesterday. how long have they got to have the conference",
            "wren is on a cp plan in middlesbrough and mum has moved to redcar for good, redcar accepted the referral "
            "on thursday. how many working days have they got to hold the conference",
            "jojo on a plan in stockton, her dad moved her to hartlepool permanently and hartlepool accepted the "
            "referral today. how long have they got to hold the transfer in conference",
        ]),
    "a function word typed with two letters swapped ('teh', 'agian', 'waht') is no key term to find (2026-12-02, "
    "ninth session; four of five were partial before)": (
        "knowledge", "answered", ["rearranged within five working days"], [
            "teh supervision got cancelled, by when does it need rearranging",
            "supervision cancelled agian this week - how soon does it have to be rebooked",
            "my tm cancelled teh supervision session, how long until it has to be rebooked",
            "sup got pulled agian bc of court, how quickly do they have to rebook",
            "waht is the deadline to rebook a cancelled sup",
        ]),
    "what a service is called: the name is said in the same passage, without the words asked (2026-12-01, fifth "
    "session)": (
        "corpus", "answered", ["children’s hub (CHub)"], [
            "whats hartlepools front door called",
            "name of the hartlepool front door",
            "what is the front door called in hartlepool",
            "whats the name of hartlepools front door",
            "hartlepool - whats the front door called",
        ]),
    "a grade for a service Ofsted does not grade separately (fostering)": (
        "corpus", NOT_ANSWERED, [], [
            "what rating did hpool get for fostering in 2024",
            "mbro 2023 ilacs - how was the fostering service graded",
            "stockton 2023 - what grade did fostering get",
            "leeds 2022 ilacs judgement for fostering",
            "redcar 2022 ofsted grade for the fostering service",
            # adoption is not graded apart from children in care either
            "leeds 2022 ilacs - what grade did the adoption service get",
        ]),
    "a timescale inspectors said was missed, which no document states (return home interviews)": (
        "corpus", NOT_ANSWERED, [], [
            "return home interviews redcar - what timescale do they have to be done in? ofsted said late",
            "redcar ofsted 2022 said RHIs late - how many hours do we have to do them in",
            "what is the timescale for a return home interview (redcar ofsted mentioned it)",
            "redcar return home interview deadline - ofsted flagged it",
            "how quickly must RHIs happen in redcar, the report said they were out of timescale",
        ]),
    # a check of the asker's own case against the rule (batch 29's styles, 2026-12-04): how long ago it happened is the
    # asker's, "are we in breach" frames the question, and the time since the last one asks how often
    "how long since the last supervision, checked against the policy (batch 29's styles, 2026-12-04)": (
        "knowledge", "answered", ["supervision at least every four weeks"], [
            "my last supervision was 6 weeks ago, are we in breach of the policy",
            "its been 7 weeks since my last supervision, is that a breach",
            "had my last one to one sup 2 months ago, am i overdue",
            "sw here, my last supervision was over 6 weeks ago - are we outside the policy",
            "last sup was 5 wks ago - is that ok",
        ]),
    "a contact not decided on, checked against the timescale (batch 29's styles, 2026-12-04)": (
        "knowledge", "answered", ["within one working day of the contact being received"], [
            "contact came in tues morning and still no manager decision by thurs - are we outside our timescale",
            "a contact landed yesterday 9am and nobody has decided on it yet, is that a breach",
            "front door havent made a decision on a contact from monday and its wednesday, are we late",
            "contact received friday, decision made tuesday - is that ok",
            "contact from a school came in 2 days ago and no decision yet - are we in breach",
        ]),
    # the worker's own figure, checked against the rule: the 15 working days answer it, "no"
    "a conference date checked against Devon's timescale (batch 29's styles, 2026-12-04)": (
        "corpus", "answered", ["no more than 15 working days after the Strategy Discussion"], [
            "strat was on the 3rd and started the s47, the icpc is pencilled in for 18 working days after that. devon - "
            "is that ok",
            "we had the strategy discussion last monday, icpc now set for 17 working days after it - devon, are we in "
            "breach",
            "devon - strat disc on the 2nd, icpc not until 20 working days later. is that allowed",
            "in devon the icpc is booked 19 working days after the strat, is that ok or do i need to escalate",
            "devon icpc fixed for 16 wd after the strategy discussion - are we outside the timescale",
        ]),
    # where a record goes: a sentence naming the record or the system leads (batches 4 to 29 asked it often)
    "where a decision made outside supervision is recorded (Calderdale; 2026-12-04)": (
        "corpus", "answered", ["electronic record"], [
            "calderdale - my tm okd a placement search on the phone, where does that decision get recorded",
            "where on CASS does a decision made outside supervision go, calderdale",
            "calderdale: manager decided something in a corridor chat - where should that be written up",
            "where do out of supervision decisions get logged in calderdale",
            "calderdale sw here, service manager agreed an emergency move last night, where is that decision recorded?",
        ]),
    "a council's supervision rule, checked against the time since the last session (batch 29's styles, 2026-12-04)": (
        "corpus", "answered", ["at least monthly"], [
            "walsall, my last supervision was 6 weeks ago - are we in breach",
            "walsall - its been 6 wks since my last sup - are we in breach",
            "glos - its been 9 weeks since my last supervision, is that ok",
            "nottinghamshire sw here, last sup was 2 months ago, am i overdue",
            "glos sw here - last supervision was 7 weeks ago, is that ok",
        ]),
    "a pronoun in the question points back, never forward into a remark after it (batch 31's styles, 2026-12-04)": (
        "corpus", "answered", ["meets weekly"], [
            "one of my yp is moving to hartlepool, do they have a care leavers forum and how often does it meet? "
            "thinking ahead for her transition plan. cheers",
            "hartlepool care leavers forum - how often does it meet? asking for one of my young people, thanks",
            "does hartlepool run a care leavers forum, and how often does it get together? she might want to go",
            "is there a forum for care leavers in hartlepool and how regularly does it meet? her PA suggested it",
            "hpool care leavers forum, how often is it on? might be good for her confidence",
        ]),
}

# Wordings the pipeline gets wrong today, marked xfail(strict) with what it does instead: reported, not tuned for.
# (The last before, "qualified social worker", is read as the documents' "social worker" since 2026-11-30; "supervision
# sessions in walsall, how often?" is answered again since the fortieth session's refit with batches 50 and 51; "teh
# supervision got cancelled, by when does it need rearranging" since the forty-fifth's refit with batch 62, whose
# threshold is 0.349.)
FAILING: dict[str, str] = {
    "what council hosts the children's hub for stockton-on-tees, which one":
        "answered with 'commissions its contact and referral functions from a neighbouring local authority': only "
        "'which council / LA / authority' asks for a council's name (council_cues), not 'what council'",
    "does hartlepool run a care leavers forum, and how often does it get together? she might want to go":
        "partial: 'get together' is not 'meets', and 'run' is no word of 'The care leavers forum meets weekly …', so "
        "it holds 2 of the 4 terms of what the frequency is of; that sentence is the 'nearest they say'",
    "visited a cic this afternoon and im on training tomorrow, when does the visit have to be recorded by":
        "leads with the two working days for home visits: the question does not say 'statutory', so the one working "
        "day for statutory visits to children in care is second",
    "which year was leeds inspected prior to 2022":
        "partial: 'prior to' is not read as 'before', so 'Senior leaders had identified this issue prior to this "
        "inspection' is nearer than the sentence with 2018",
    "devon review conference - how long after the initial one":
        "answered with the ICPC's 'no more than 15 working days after the Strategy Discussion': it runs after an "
        "event, as asked, and holds 'conference'; that it is counted from the strategy discussion, not the ICPC, is "
        "not read (as in 'devon rcpc timescale following the icpc', below)",
    "how far ahead of a devon conference do families get the reports":
        "leads with the reports' deadline for the reviewing service ('2 days before for an ICPC'): 'families' is not "
        "'parents/carers', so the 3 days for parents are second",
    "what should every record include":
        "leads with the 2011 letter's 'Inspectors considered a range of evidence, including: electronic case "
        "records …': with no 'case', the question is nearer the letter than the recording procedure",
    "what must each case record contain":
        "leads with 'Case records must be up to date, accurate and written so that the child could read …'; "
        "'must … contain' is no contents cue (cues are phrases), so 'Every record says …' is second",
    "supervision decisions - what must the record say":
        "leads with when and where the supervisor records the decision; 'must … say' is no contents cue, so "
        "'The record states the decision …' is second",
    "hartlepool 2024 - are section 47 enquiries thorough":
        "partial (other council): a procedure's section 47 sentence leads, so Hartlepool's 'Child protection "
        "enquiries are thorough' is only the nearest",
    "s47 enquiries - which act are they under":
        "leads with Devon's 'In the period after the Section 47 Enquiry has ended …': 'which act' names no Act, so "
        "nothing asks for a passage that names one",
    "when is a devon core assessment reviewed":
        "answered with the 35-working-day completion rule, a timescale whose words ('core assessment') match; the "
        "note 'When a review must be completed: (details not included in this copy)' is not preferred",
    "a contact landed yesterday 9am and nobody has decided on it yet, is that a breach":
        "partial (p 0.34 against 0.362 since the thirty-fifth session's blend with boosted trees, which give 0.03): "
        "its evidence is weak (top passage 0.006, best sentence's cosine 0.27) though the one-working-day sentence "
        "is right; the logistic model alone answered it at 0.65",
    "how many days did ucra inspectors spend on site":
        "partial (p 0.244 against 0.314 since the 2026-12-02 refits): its key terms 'spend' and 'site' are in no "
        "sentence; the two-day sentence is the 'nearest they say'",
    "how long did the old unannounced ucra visits last":
        "partial (p 0.207 against 0.314): the selector's best sentence (rated 0.63) is 'Assessments are informed "
        "by numerous visits, including unannounced visits', not the two-day one; since 2026-12-02 a weak best "
        "sentence counts more against a question asking a kind of fact",
    "why did leeds icpcs get held up":
        "leads with the interim measures leaders put in place while children waited; 'held up' is not 'delays', so "
        "the sentence on the cut in minute-takers is not about the same thing as the best one",
    "were ucra inspections short":
        "leads with the attached handbook's title, which spells out 'unannounced inspections of contact, referral and "
        "assessment'; 'short' is not 'brief', and the two-day sentence is second",
    "contact from a school came in 2 days ago and no decision yet - are we in breach":
        "leads with the supervisor's two working days to record a decision made in supervision: 'no decision' after "
        "'2 days' is nearer that sentence than the front door's",
    "glos sw here - last supervision was 7 weeks ago, is that ok":
        "partial: 'sw' (social worker) is in no Gloucestershire sentence near 'at least monthly', which is the "
        "nearest",
    # Refused since the forty-sixth session's operating point (the trees 0.7 of the blend, threshold for precision
    # 0.915: on held-out batches 0.854 of unanswerable questions refused, 0.061 of answerable ones); p at the
    # refit with batch 67 (the fiftieth session's)
    "supervision sessions in walsall, how often?":
        "partial (p 0.412 against 0.498): 'Every practitioner must have supervision at least monthly' is the nearest",
    "parents reports devon icpc how many days in advance":
        "partial (p 0.363 against 0.498): the three days before the meeting are the nearest",
    "what is the front door called in hartlepool":
        "partial (p 0.375 against 0.498): 'Workers in the front door are clear …' is the nearest",
    "hartlepool - whats the front door called":
        "partial (p 0.397 against 0.498), as the wording above",
    "teh supervision got cancelled, by when does it need rearranging":
        "partial (p 0.355 against 0.498): the five working days to rearrange are the nearest",
    # Refused since the forty-seventh session's refit with batch 64 (threshold 0.462 -> 0.482 at precision 0.915)
    "how were strat discussions in tees viewed by ofsted":
        "partial (p 0.131 against 0.498): the 2011 letter's 'Strategy discussions are routinely held as face-to-face "
        "meetings …', the answer, is given as the nearest",
    # Refused since the forty-ninth session's refit with batch 66 (threshold 0.471 -> 0.501 at precision 0.915; the
    # forty-eighth session's two, on the rearranging rule and a Kent-to-Norfolk transfer-in, are answered again at
    # p 0.521 and 0.552; since the fiftieth session's refit with batch 67, threshold 0.498, the story of a move from
    # Hartlepool to Stockton is answered again, at p 0.603)
    "whats hartlepools front door called":
        "partial (p 0.432 against 0.498): 'Workers in the front door are clear …' is the nearest",
    "whats the name of hartlepools front door":
        "partial (p 0.428 against 0.498), as the wording above",
    # Answered wrongly again since the fiftieth session's refit with batch 67 (refused at p 0.500 against 0.501 after
    # the forty-ninth's)
    "devon rcpc timescale following the icpc":
        "answered (p 0.520 against 0.498) with the ICPC's 'no more than 15 working days after the Strategy "
        "Discussion': 'following' is read as the time running after an event, and the RCPC's own timing is not held",
    "can a social worker decide to close a case themselves":
        "leads with the management oversight rule ('whenever a key decision is made: … before a case is closed'), "
        "which holds 'decision' and 'closed' as well; the closure rule is second",
}


def cases(kb: str) -> list:
    out = []
    for family, (where, outcome, facts, wordings) in FAMILIES.items():
        for wording in wordings if where == kb else ():
            # raises=AssertionError: only the answer check may be the expected failure, never a missing corpus
            known = wording in FAILING
            marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=FAILING[wording])] if known else []
            out.append(pytest.param(family, wording, outcome, facts, marks=marks, id=f"{family[:24]}: {wording}"))
    return out


def lead(answer: str) -> str:
    """The answer up to its first citation marker: the sentence (or findings entry) it leads with."""
    match = re.search(r"\[\d+(?:\s*,\s*\d+)*\]", answer)
    return answer[: match.end()] if match else answer


def check(assistant: Assistant, wording: str, outcome: str, facts: list[str]) -> None:
    answer = assistant.ask(wording)
    said = f"{answer.outcome}/{answer.mode}: {answer.answer[:400]}"
    if outcome == NOT_ANSWERED:
        assert answer.outcome != "answered", said  # a fact the documents do not give is never stated as given
        return
    assert answer.outcome == outcome, said
    for words in facts:
        assert words in lead(answer.answer), said


@pytest.fixture(scope="module")
def knowledge_assistant(knowledge_store, embedder) -> Assistant:
    return Assistant(knowledge_store, embedder=embedder, findings=FindingsAnswerer())  # as the product wires it


@pytest.fixture(scope="module")
def corpus_assistant(corpus_store, embedder) -> Assistant:
    return Assistant(corpus_store, embedder=embedder, findings=FindingsAnswerer())


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def test_every_family_has_five_wordings_none_of_them_a_tuning_question():
    tuned = set()
    for path in [*BANK.glob("*.jsonl"), ROOT / "benchmarks" / "heldout.jsonl",
                 ROOT / "benchmarks" / "offtopic-tune.jsonl"]:
        tuned |= {_plain(row["question"]) for row in load_questions(path)}
    for family, (_, _, _, wordings) in FAMILIES.items():
        assert len(set(wordings)) >= 5, family
        assert not {_plain(w) for w in wordings} & tuned, family
    assert set(FAILING) <= {w for *_, wordings in FAMILIES.values() for w in wordings}


@pytest.mark.parametrize("wording", [
    "just qualified, starting at notts in jan - how often will i get sup",  # batch 14
    "starting my first sw job at notts in september - how often will i get supervision",
])
def test_a_lead_in_counts_for_what_is_asked_only_where_the_answer_holds_its_words(corpus_assistant, wording):
    # "jan", "starting", "september" tell when, not what the frequency is of: the question is answered with
    # Nottinghamshire's frequencies, where it had been partial ("supervision for a newly qualified worker - how often
    # to begin with", a family above, keeps its lead-in as its subject)
    answer = corpus_assistant.ask(wording)
    said = f"{answer.outcome}: {answer.answer[:300]}"
    assert answer.outcome == "answered" and "fortnightly to begin with" in answer.answer, said


@pytest.mark.parametrize("wording, words", [
    # the best sentence names no section 20 and states no reason: a close runner-up that names it leads
    ("why do ofsted ilacs reports say children in care for every lac kid, even the s20 ones, when legally its only "
     "care orders", "the term they prefer"),  # batch 13
    # another council's sentence that states a purpose is not Calderdale's own chapter
    ("whats the point of calderdales management oversight chapter when we already have a supervision policy",
     "management oversight of decisions"),
])
def test_a_why_question_is_answered_where_no_close_sentence_of_its_own_council_gives_a_reason(corpus_assistant,
                                                                                            wording, words):
    # each was "the documents don't say" once why-questions asked for a reason, without the rule its comment names
    answer = corpus_assistant.ask(wording)
    said = f"{answer.outcome}: {answer.answer[:400]}"
    assert answer.outcome == "answered" and words in answer.answer, said


@pytest.mark.parametrize("wording", [
    "been qualified since july, joined notts this week - how often should my supervision be",
    "qualified last year and joined notts this week, how often should i be getting supervision",
])
def test_a_pronoun_in_the_lead_in_does_not_make_the_lead_in_what_is_asked(corpus_assistant, wording):
    # "this week" is the story's; the question after the dash points back to nothing in it: the frequency asked is
    # supervision's (the first wording had been partial, its "this" read as the question pointing into the story)
    answer = corpus_assistant.ask(wording)
    said = f"{answer.outcome}: {answer.answer[:300]}"
    assert answer.outcome == "answered" and "fortnightly to begin with" in answer.answer, said


@pytest.mark.parametrize("wording, words", [
    # the story's "written notification" is what Norfolk's 15 working days are counted from, not what they are the
    # time of; read as the subject, no sentence stated the time of it and both were partial (batch 30)
    ("little one moved to norfolk for good from leicester on a cp plan, leicester sent us written notification on "
     "friday - how long have we got to hold the transfer in conf", "within 15 working days"),
    ("toddler on a plan moved into norfolk permanently, the old LA's written notification arrived today - how long "
     "until the transfer in conf has to happen", "within 15 working days"),
    # Devon's "Key features of the assessment: (list not included in this copy)" was rated best, and a note that the
    # copy leaves something out made the answer partial (batch 17); the 42-day sentence holds more of the question.
    # Asked for what the note leaves out, the note is still the nearest ("what are the key features …": a family above)
    ("weve asked for an independant psychological assesment as part of the core in devon, do we get extra time",
     "42 working days"),
    ("devon - we commisioned an independant assesment from a psychologist for the core, does that give us longer",
     "42 working days"),
])
def test_the_sentence_that_answers_leads_over_a_story_word_or_an_editors_note(corpus_assistant, wording, words):
    check(corpus_assistant, wording, "answered", [words])


@pytest.mark.parametrize("wording", [
    "has darlington got better since its last ofsted inspection",
    "have things improved in darlington since the previous inspection",
])
def test_whether_a_council_got_better_is_answered_by_what_its_report_says_changed(corpus_assistant, wording):
    # the report says what changed since the inspection before it; the judgements across the inspections held (one
    # for Darlington) are what is left only when no passage says it (batch 26: "has darlo got better since the last
    # ofsted" had been answered "2022 report: overall effectiveness: good")
    check(corpus_assistant, wording, "answered", ["significantly improved since the last inspection"])


@pytest.mark.parametrize("family, wording, outcome, facts", cases("knowledge"))
def test_a_wording_over_the_sample_knowledge_base(knowledge_assistant, family, wording, outcome, facts):
    check(knowledge_assistant, wording, outcome, facts)


@pytest.mark.parametrize("family, wording, outcome, facts", cases("corpus"))
def test_a_wording_over_the_shared_corpus(corpus_assistant, family, wording, outcome, facts):
    check(corpus_assistant, wording, outcome, facts)


# Floors a little below what the held-out part measured on 2026-11-29 (knowledge-test: 29 questions, 21
# answerable; corpus-test: 187, 132 answerable). docs/benchmarks.md has the figures.
FLOORS = {
    "knowledge": {"hit@5": 0.95, "carries_fact": 0.70, "correct_abstentions": 0.37, "false_abstentions": 0.25},
    "corpus": {"hit@5": 0.93, "carries_fact": 0.62, "correct_abstentions": 0.53, "false_abstentions": 0.19},
}


def held_out(assistant: Assistant, part: str):
    questions = load_questions(BANK / f"{part}-test.jsonl")
    results = []
    for question in questions:
        answer = assistant.ask(question["question"])
        results.append({"abstained": answer.abstained, "outcome": answer.outcome, "answer": answer.answer,
                        "latency_ms": answer.latency_ms,
                        "retrieved": [{"source": h.passage.source, "text": h.passage.text} for h in answer.hits[:10]]})
    return score(questions, results)


def meets(metrics, floor: dict[str, float]) -> None:
    said = json.dumps(dict(metrics.rows()))
    assert metrics.hit_at[5] >= floor["hit@5"], said
    assert metrics.carries_fact >= floor["carries_fact"], said  # the answer's words state the gold fact
    assert metrics.correct_abstentions >= floor["correct_abstentions"], said
    assert metrics.false_abstentions <= floor["false_abstentions"], said


def test_the_held_out_knowledge_questions_meet_the_floor(knowledge_assistant):
    meets(held_out(knowledge_assistant, "knowledge"), FLOORS["knowledge"])


def test_the_held_out_corpus_questions_meet_the_floor(corpus_assistant):
    meets(held_out(corpus_assistant, "corpus"), FLOORS["corpus"])
