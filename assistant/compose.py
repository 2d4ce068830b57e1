"""The default answer, with no language model: the sentences that state what was asked, each cited.

Every sentence of an answer is copied from a retrieved passage and carries
that passage's number; nothing is paraphrased, so nothing can be invented.
Three outcomes (docs/retrieval.md): an answer whose first sentence is the
unit the selector rates best; "the documents don't say X; the nearest they
say ..." (partial, counted as an abstention); or not found, naming the
documents checked.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Sequence

from assistant.answer_types import EXACT_KINDS, PREFERRED_KINDS, states
from assistant.answerability import Judge, answer_features, concepts, held_years, reports
from assistant.legislation import names_all, references
from assistant.answers import Answer, Citation, abstain, citation_for, nearest_titles
from assistant.evidence import TermWeights, answer_terms
from assistant.framing import unframed
from assistant.story import asked_part, question_part, remark_words, story_senses, story_words
from assistant.leading import (POINTS_BACK_TO_STORY, RUNNER_UP, _other_council, asked_way, can_lead, choose, lead,
                               nearest_unit, of_council_asked, preferred_subject, time_subject, uncounted)
from assistant.more_asks import from_each, second_asks
from assistant.retriever import Hit
from assistant.roles import reverses, supervised
from assistant.selection import Unit, score_units
from assistant.siblings import names_asked, sibling
from assistant.understand import Query
from assistant.vocabulary import is_term
from ingest.authorities import find_authorities
from ingest.splitter import omits
from ingest.tokens import as_verbs, tokens



_PARTICIPLE = re.compile(r"[a-z]{2,}[^e\W]ed|held|kept|met|sent|told|made|done|seen|given|taken|written|known|shown|chosen|"
                         r"spoken|heard|paid|put|set|read|run", re.I)
# An -ing word after a word that is not a determiner or a preposition ("stockton planning", "service auditing"), unless
# it is one of the -ing nouns practitioners use ("the planning meeting", "care planning").
_ING_NOUNS = ("meeting|meetings|planning|training|funding|housing|safeguarding|wellbeing|building|hearing|hearings|"
              "recording|learning|parenting|fostering|offending|screening|reading|understanding|setting|settings|"
              "thing|things|something|nothing|anything|everything|during|morning|evening|ceiling|nursing|living")
_PROGRESSIVE = re.compile(r"\b(?!(?:the|a|an|this|that|their|our|its|his|her|of|for|in|on|to|with|by|about|and|or)\b)"
                          rf"[\w'’]+\s+(?!(?:{_ING_NOUNS})\b)[a-z]{{2,}}ing\b", re.I)
_LEADING_ING = re.compile(rf"(?!(?:{_ING_NOUNS})\b)[a-z]{{2,}}ing\b", re.I)  # "who is leading the review"
# After a passive's participle: a stranded preposition and a year ("worried about in 2011"), or short phrases of
# where and when ("supervised in walsall", "recorded on the file in leeds"; not "set for a newly qualified social …").
_PLACE = (r"(?:in|on|at|for|by|to|from|with|within|under|since|before|after|during)\s+"
          r"(?:(?:the|a|an|their|our|its|his|her|my|your)\s+)?[\w'’&-]+(?:\s+[\w'’&-]+)?")
_TAIL = re.compile(r"(?:(?:about|for|on|with|by|to|from|at|of|like)\b\s*)?(?:(?:in|since|before|after)\s+(?:19|20)\d\d)?"
                   rf"|{_PLACE}(?:\s+{_PLACE})*", re.I)
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "their", "our", "its", "his", "her", "my", "your"}
_STRANDED = {"about", "for", "on", "with", "of", "to", "from", "in", "at", "by", "like", "after", "before"}


# "when should the case summary be refreshed", "what does OLA stand for": a question word, then an auxiliary before its
# subject. As a clause that needs the verb moved ("when the case summary should be refreshed"), so it is quoted instead.
_AUXILIARY = re.compile(
    r"^(?:how\s+\w+|\w+)\s+(do|does|did|should|must|can|could|will|would|shall|may|might|has|have|had)\b", re.I)


def asked_clause(question: str, *, known: Callable[[str], bool] = lambda word: True) -> str:
    """The question as an indirect clause for "The documents don't say ...": 'what the caseload limit is'.

    Words the knowledge base never uses (a child's name, a case number) are left out as '…', so a reply
    never repeats them.
    """
    words = [w if known(w) else "…" for w in re.sub(r"[\s?.!]+$", "", question.strip()).split()]
    text = re.sub(r"…(\s+…)+", "…", " ".join(words))
    if text[:2].isalpha() and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    inverted = re.match(r"^(what|which|who|where|when|why|how \w+)\s+(is|are|was|were)\s+(.+)$", text, re.I)
    if inverted and (_PROGRESSIVE.search(inverted.group(3)) or _LEADING_ING.match(inverted.group(3))):
        # "when was stockton planning to put ...": the auxiliary belongs before the -ing word, which is not always
        # the verb ("how well is care planning working"): quoted rather than guessed
        return f'what you asked ("{text}")'
    if inverted and len(inverted.group(3).split()) <= 12:
        question_word, auxiliary, rest = inverted.groups()
        words = rest.split()
        # A passive's participle follows its subject when only a preposition or a year comes after it: "how often cp
        # kids are visited", "what ofsted was worried about in 2011" (not "what is the agreed timescale", "what is the
        # caseload set for a newly qualified worker": the participle is inside the subject)
        for i in range(1, len(words)):
            if (_PARTICIPLE.fullmatch(words[i]) and words[i - 1].lower() not in _DETERMINERS
                    and not words[i - 1].lower().endswith("ly") and _TAIL.fullmatch(" ".join(words[i + 1:]))):
                return " ".join([question_word, *words[:i], auxiliary, *words[i:]])
        # A stranded preposition stays last: "what was the 2011 inspection about" reads "what the 2011 inspection
        # was about".
        if len(words) > 1 and words[-1].lower() in _STRANDED:
            return " ".join([question_word, *words[:-1], auxiliary, words[-1]])
        return f"{question_word} {rest} {auxiliary}"
    if re.match(r"^(what|which|who|whom|whose|when|where|why|how)\b", text, re.I) and not _AUXILIARY.match(text):
        return text
    return f'what you asked ("{text}")'


def known_to(weights: TermWeights) -> Callable[[str], bool]:
    """False for a name-like word (capitalised past the first word, or holding a digit) with any part the knowledge
    base never uses; ordinary words are repeated whether or not the documents use them."""
    def known(word: str) -> bool:
        bare = word.strip("?.,;:!()")
        if re.fullmatch(r"['’(]?(19|20)\d\d", bare) or is_term(bare) or find_authorities(bare):
            return True  # a year ("in 2019?"), practitioners' shorthand ("IA", "RHIs") or a council names no child
        if re.fullmatch(r"\d{1,3}(\.\d{1,2})?(%|hrs?|h|hours?|days?|wds?|wks?|weeks?|mins?|mths?|months?|st|nd|rd|th)?",
                        bare, re.I):
            return True  # a quantity ("within 24 hours", "72hrs", "3wd", "50%", "1.5 hrs"); a case number is longer
        name_like = word[:1].isupper() or any(c.isdigit() for c in word)
        # Every part must be known: "Child-Name-4b1e" holds "child" and "name", and is still a name.
        return not name_like or all(weights.counts.get(t, 0) > 0 for t in tokens(word))
    return known


def of_asked_year(query: Query, hit: Hit, text: str) -> bool:
    """An inspection question naming a year is answered from that year's report, or from a sentence naming the year
    ("what were redcars grades at the 2017 inspection" is not answered by the 2022 report's grades; "Following the
    last inspection in 2017 …" speaks of it). An undated document may be of any year."""
    passage = hit.passage
    return (not (query.wants_inspection and query.years) or not passage.doc_type.startswith("inspection")
            or not passage.date[:4].isdigit() or held_years(query.years, [hit], text, query.since,
                                                            inspection=reports(hit)))


def _passage_text(hit: Hit) -> str:
    return f"{hit.passage.title}\n{hit.passage.section}\n{hit.passage.text}"


def _inspection(hit: Hit) -> bool:
    return hit.passage.doc_type.startswith("inspection")


def _sentence(unit: Unit) -> str:
    text = unit.text.rstrip()
    return text if re.search(r"[.!?]$", text) else text + "."


def _cite(chosen: list[Unit], hits: list[Hit], *, councils: Sequence[str] = ()) -> tuple[list[str], list[Citation]]:
    """The chosen units as cited sentences. ``councils``: the councils a question names, when it names several
    ("glos - do nqsws get fortnightly sup like in notts"): a sentence from one of them says whose it is, so one
    council's rule is never read as the other's."""
    numbers: dict[int, int] = {}
    parts = []
    said = None  # the council last named: a run of its sentences is named once
    for unit in chosen:
        n = numbers.setdefault(unit.hit_index, len(numbers) + 1)
        whose = [c for c in councils if c in hits[unit.hit_index].passage.authorities] if len(councils) > 1 else []
        label = whose[0] if len(whose) == 1 else None
        parts.append(f"{label + ': ' if label and label != said else ''}{_sentence(unit)} [{n}]")
        said = label
    citations = [citation_for(n, hits[index]) for index, n in sorted(numbers.items(), key=lambda kv: kv[1])]
    return parts, citations


def compose(query: Query, hits: list[Hit], *, weights: TermWeights, judge: Judge | None = None,
            search: Callable[[Query], list[Hit]] | None = None) -> Answer:
    """An extractive, cited answer from ``hits``; or partial; or not found with the nearest documents."""
    if not hits:
        return abstain(query, hits, reason="no-documents", message="The knowledge base has no documents yet.")
    judge = judge or Judge()
    terms = answer_terms(query, weights)
    units = score_units(query, hits, terms, weights)
    verdict = judge(answer_features(query, hits, units, terms, weights))
    if not units or verdict.outcome == "not_found":
        return abstain(query, hits, reason="weak-evidence")
    if query.answer_type in PREFERRED_KINDS:
        # rated as unasked (selection); a close unit that says it may lead, unless it is another council's: another
        # council's purpose does not answer "whats the point of calderdales management oversight chapter"
        asked_text = f"{query.text} {query.plain}"
        units = [replace(u, typed=states(query.answer_type, u.text, asked=asked_text)
                         and not _other_council(hits[u.hit_index])) for u in units]
    # What a time is asked of is read in the question, not the story told before it ("… moving to Norfolk from Essex.
    # … how long until the conference has to be held": the conference, not the move) or after it, unless the
    # question points back into the story ("had a referral come in … how quickly does it need a decision"). A lead-in
    # before a comma or a dash may name the subject: its words count where the best unit holds them ("supervision for
    # a newly qualified worker - how often to begin with") and not otherwise ("just qualified, starting at notts in
    # jan - how often will i get sup": supervision, not January)
    asked = asked_part(query.text)
    # the story's shorthand names what happened before a timescale asked ("strat disc was mon 2 june": the strategy
    # discussion the time runs from); before other asks it may name the subject ("asye, how often is sup")
    story = story_senses(query.text) if query.answer_type == "timescale" else story_words(query.text)
    # A story word the best unit holds only in the phrase its time is counted from is not what the time is of ("…
    # leeds sent us written notification on monday - how long have we got to hold the transfer in conf": "… within 15
    # working days of the transferring authority's written notification")
    if asked == query.text and units:
        story = story - set(as_verbs(tokens(f"{units[0].section} {uncounted(units[0].text)}")))
    points_back = POINTS_BACK_TO_STORY.search(question_part(query.text))  # in the question, not in its lead-in
    remark = remark_words(query.text) if points_back else frozenset()
    own = [t for t in terms if t not in (remark if points_back else story)] or terms
    leading = dict(asked=query.answer_type is not None, terms=terms, weights=weights,
                   exact=query.answer_type in EXACT_KINDS, subject=time_subject(asked, query.answer_type, own),
                   prefer=preferred_subject(asked, query.answer_type, own),
                   way=asked_way(unframed(question_part(asked)), query.answer_type), named=query.answer_type == "name",
                   concepts=concepts(query))
    theirs = of_council_asked(units, hits)
    # none of the council's own can lead: another council's unit that could is the nearest only (``elsewhere``)
    first = lead(theirs, **leading) or (lead(units, **leading) if theirs is not units else None)
    if first is None and query.answer_type in PREFERRED_KINDS:  # no close sentence says what it includes: the best
        first = lead(units, asked=False, terms=terms, weights=weights)
    # The question names a section or an Act that the lead's passage does not ("what is the section 31 threshold"
    # is not answered from a passage on section 20), or asks who supervises a role the lead names only as the one
    # who acts ("who supervises the heads of service": "Heads of service audit a sample of supervision files")
    named = references(query.text, question=True)
    reversed_role = first is not None and reverses(query.plain, first.text)

    def fits(unit: Unit) -> bool:
        return ((not named or names_all(named, _passage_text(hits[unit.hit_index])))
                and (not reversed_role or supervised(query.plain, unit.text)) and not sibling(query.plain, unit.text)
                and of_asked_year(query, hits[unit.hit_index], unit.text))

    unnamed = False
    if first is not None and not fits(first):
        # a close runner-up of the same kind that fits leads instead, else none; after a lead that states no fact of
        # the kind (a preferred kind's fallback), any close runner-up that fits; after a sibling's, one naming the
        # asked process
        asked_one = sibling(query.plain, first.text)
        first = next((u for u in units if u.probability >= RUNNER_UP * first.probability and can_lead(u)
                      and (u.typed or query.answer_type is None or not first.typed) and fits(u)
                      and (not asked_one or names_asked(query.plain, u.text))), None)
        unnamed = first is None
    # A question about one council is not answered from another council's document: that is the nearest, no more.
    elsewhere = first is not None and _other_council(hits[first.hit_index])
    # The answer would lead with an editor's note that this copy leaves the content out: the documents don't hold it,
    # unless a close sentence that can lead holds more of the question ("weve commissioned an independent assessment
    # in devon, does that give us longer": "If an independent specialist assessment has been commissioned, …", not
    # "Key features of the assessment: (list not included in this copy)")
    if first is not None and omits(first.text):
        first = next((u for u in units if u.probability >= RUNNER_UP * first.probability and u.coverage > first.coverage
                      and not omits(u.text) and can_lead(u) and (u.typed or query.answer_type is None) and fits(u)),
                     first)
    omitted = first if first is not None and omits(first.text) else None
    if verdict.outcome == "partial" or first is None or elsewhere or omitted or unnamed:
        # Partial: the documents are on the subject but do not state what was asked (for a question after a
        # frequency, a number, a name..., no close candidate states one, so no answer could lead with it).
        nearest = omitted or nearest_unit([u for u in units if of_asked_year(query, hits[u.hit_index], u.text)]
                                          or units, names=query.answer_type == "name", hits=hits)
        parts, citations = _cite([nearest], hits)
        # Another council's rule is named as theirs, so it is never read as the council asked about.
        quoted = hits[nearest.hit_index]
        where = ""
        if _other_council(quoted):
            councils = " and ".join(quoted.passage.authorities)
            where = f" is in another council's document ({councils}: {citations[0].title})"
        text = (f"The documents don't say {asked_clause(query.text, known=known_to(weights))}. "
                f"The nearest they say{where}: {parts[0]}")
        return Answer(question=query.text, answer=text, citations=citations, hits=hits,
                      checked=nearest_titles(hits), reason="other-council" if elsewhere else "fact-not-stated",
                      outcome="partial")
    chosen = choose(units, first, hits)
    chosen = [first] + [u for u in chosen[1:] if not omits(u.text)]  # a note that something is left out adds nothing
    if query.wants_inspection and _inspection(hits[first.hit_index]):
        # "what did Ofsted say about our strategy discussions": what inspectors said, not the procedure's rules after it
        chosen = [first] + [u for u in chosen[1:] if _inspection(hits[u.hit_index])]
    if query.answer_type in EXACT_KINDS:
        # what a piece of shorthand is or stands for: what the same passage goes on to say, or another sentence that
        # spells it out ("Other Local Authorities (OLAs) now have a new form to use" is not followed by another
        # report's sentence on a "local authority")
        chosen = [first] + [u for u in chosen[1:] if u.typed or u.hit_index == first.hit_index]
    added, extra = from_each(query, hits, chosen, terms, weights, search)  # nothing unless it is a comparison
    also, more, unsaid = second_asks(query, units, chosen + added, terms, weights, hits + extra, search, judge)
    parts, citations = _cite(chosen + added + also, hits + extra + more,
                             councils=list(dict.fromkeys(query.authorities)))
    unsaid_text = [f"The documents don't say {asked_clause(clause, known=known_to(weights))}." for clause in unsaid]
    return Answer(question=query.text, answer=" ".join(parts + unsaid_text), citations=citations, hits=hits,
                  outcome="answered")
