"""Question understanding: practitioner shorthand, the authority and year named, recency, what kind of source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.answer_types import QUANTITIES, asked_for
from assistant.claims import JUDGEMENTS
from assistant.corrections import corrected, spelled_letters
from assistant.quizform import quizzed
from assistant.runon import apart
from assistant.sounds import sound
from assistant.story import introduced, question_part, told_part, without_worked_before
from assistant.textspeak import unstretched, vowelled
from assistant.vocabulary import TermMatch, find_terms, spell_out, with_expansions
from assistant.vocabulary.lexicon import INSPECTION_KINDS
from assistant.years import INSPECTION as _INSPECTION, baselines, in_digits, named_years
from ingest.authorities import (TYPO_LETTERS, AuthorityName, authority_names, find_authorities, mentions, mistyped,
                                name_spans)
from ingest.embedder import model_words
from ingest.tokens import STOPWORDS, unglued

# "the latest the icpc can be", "latest date for the conf", "by when at the latest" ask for a deadline, not the newest
_RECENT = re.compile(r"\b(latest(?!\s+(?:date|day|time|deadline|it|the|i|we|you|they|that|by)\b)|most recent|newest"
                     r"|current(ly)?|last inspection|recent inspection)\b(?<!at the latest)", re.I)
# ... and "now" in the question itself ("whats the rule now"), not in a story told before it ("my tm has cancelled
# twice now. in notts how often …")
_NOW = re.compile(r"\bnow\b", re.I)
_PROCEDURE = re.compile(
    r"\b(procedures?|polic(y|ies)|guidance|guide|protocols?|rules?|must|should|requirements?|required|standards?)\b", re.I
)
# Questions that ask for an amount of time, a number or a frequency.
_QUANTITY = re.compile(
    r"\b(how (often|many|long|much|quickly|soon|frequent\w*)|within (what|how)|what (timescale|time ?frame|frequency|deadline)"
    r"|(maximum|minimum)|how regularly|timescales?|deadline|frequency|which dates?|what dates?)\b",
    re.I,
)


# Slack's markup around the words of a message: emoji codes (":pray:", ":+1::skin-tone-2:") and the marks of bold,
# italic and strike ("*required*", "_must_", "~old~"). They say nothing about what is asked.
_EMOJI = re.compile(r":(?:[+-]1|[a-z0-9_+'-]*[a-z][a-z0-9_+'-]*):", re.I)
_EMPHASIS = re.compile(r"(?<![A-Za-z0-9])[*_~]+|[*_~]+(?![A-Za-z0-9])")
# A colleague @mentioned in the text ("@sam can u check", "@assistant quick q"): whom it is sent to, not what is asked.
_MENTION = re.compile(r"(?<![\w.@])@[A-Za-z][\w.-]*")
# Shorthand typed with full stops ("U.C.R.A.", "I.C.P.C", "w.d.", "S.47") is the shorthand ("UCRA", "S47").
_DOTTED = re.compile(r"(?<![\w.])((?:[A-Za-z]\.)+[A-Za-z])\.?(?![\w])")
_DOTTED_SECTION = re.compile(r"(?<![\w.])([Ss])\.(?=\d)")
# A line quoted in Slack ("> its only a contact, just log it" then the question on the next line): what a colleague or
# an email said, which the question asks about.
_QUOTED_LINE = re.compile(r"^[ \t]*(?:>|&gt;)[ \t]?([^\n]*?)[ \t]*$", re.M)
# A link pasted with the question: Slack's "<url|the tees one>" is its label (as the Slack surface reads it), a bare
# address says where the asker looked, not what is asked. A document's file name ("in supervision-policy-v2.docx",
# "re: stockton-2011-ucra-letter.txt") is the words of its name; its extension says only that it is a file.
_LINK = re.compile(r"<(?:https?|mailto):[^|>\s]*\|([^>]*)>|<?\b(?:https?://|www\.)[^\s>]+>?", re.I)
_FILE_NAME = re.compile(r"(?<![\w/.-])([\w-]+(?:\.[\w-]+)*)\.(?:docx?|pdf|txt|html?|md|rtf|odt|xlsx?|pptx?)\b", re.I)


# Words typed joined as an identifier ("AssessmentTimescale", "care_leavers") are the words: a capital inside a word
# after two small letters starts the next word (its capital dropped: "CHub", "McDonald" and "iPad" stay), an
# underscore between letters is a space
_CAMEL = re.compile(r"(?<=[a-z]{2})([A-Z])(?=[a-z]{2})")
_SNAKE = re.compile(r"(?<=[A-Za-z])_+(?=[A-Za-z])")


def _file_words(match: re.Match) -> str:
    return re.sub(r"[-_.]+", " ", match.group(1))


def _quoted(match: re.Match) -> str:
    line = match.group(1)
    return line if not line or line[-1] in ".?!:;" else f"{line}."


_OPENER = re.compile(r"^(and|but|also|what about|how about|what else|same for|then|so)\b", re.I)
_PRONOUN = re.compile(r"\b(it|they|them|their|this|those|these|there)\b", re.I)


def _about_inspection(text: str, years: list[int]) -> bool:
    """Does the question ask about an inspection: it names one, or a year and no procedure ("leeds 2022 things to
    improve")? Only then are a practitioner's words for findings read as such."""
    return bool(_INSPECTION.search(text)) or (bool(years) and not _PROCEDURE.search(text))


def without_markup(message: str) -> str:
    """``message`` less Slack's emoji codes, emphasis marks and typed @mentions and the full stops of dotted
    shorthand, its spaces closed up ("is it *required*? :pray:" is "is it required?", "@sam the I.C.P.C. after a
    S.47" is "the ICPC after a S47"); a line quoted with ">" ends as a sentence of its own, told before what is asked
    ("> just log it and close\nis that right" is "just log it and close. is that right"). A pasted link is its label
    or nothing, a file name its words ("re: tees-transfer-procedure.pdf" is "re: tees transfer procedure"), words
    typed joined as an identifier the words ("AssessmentTimescale", "care_leavers")."""
    message = _QUOTED_LINE.sub(_quoted, message)
    message = _FILE_NAME.sub(_file_words, _LINK.sub(lambda m: m.group(1) or " ", message))
    message = _DOTTED_SECTION.sub(r"\1", _DOTTED.sub(lambda m: m.group(1).replace(".", ""), message))
    message = _EMPHASIS.sub("", _EMOJI.sub(" ", _MENTION.sub(" ", message)))
    return re.sub(r"\s+", " ", _SNAKE.sub(" ", _CAMEL.sub(lambda m: f" {m.group(1).lower()}", message))).strip()


def is_follow_up(question: str) -> bool:
    """Does the question lean on an earlier one ("and in 2023?", "what did they say about it")?"""
    content = [w for w in re.findall(r"[A-Za-z0-9]+", question) if len(w) > 3]
    if len(content) <= 4 or _OPENER.search(question.strip()):
        return True
    return bool(_PRONOUN.search(question)) and not find_authorities(question)


@dataclass
class Query:
    text: str  # the question as asked
    expanded: str  # with every expansion of its shorthand appended (for retrieval)
    plain: str = ""  # with its shorthand spelled out in place ("strat disc" -> "strategy discussion")
    terms: list[TermMatch] = field(default_factory=list)  # the lexicon terms found, with spans and senses
    authorities: list[str] = field(default_factory=list)
    authority_mentions: list[str] = field(default_factory=list)  # the words used ("mbro", "Pan-Sussex")
    years: list[int] = field(default_factory=list)
    since: list[int] = field(default_factory=list)  # the years named as a baseline ("improved since the 2019 ofsted")
    wants_latest: bool = False
    wants_inspection: bool = False
    about_inspection: bool = False  # names an inspection, or a year and no procedure ("2011 letter strengths")
    wants_procedure: bool = False
    wants_quantity: bool = False
    answer_type: str | None = None  # the kind of fact asked for (assistant/answer_types.py)
    # grades offered as a guess after the question ("… was that outstanding too"): to check, not what it is about
    unsought: list[str] = field(default_factory=list)
    # years that name an edition of guidance ("working together 2018"): a document of that year may be the one meant
    # (Coventry's 2010 procedure for "WT 2010"), but no inspection or sentence need be of it
    editions: list[int] = field(default_factory=list)

    @property
    def spaced(self) -> str:
        """The text the terms' spans index: as typed, with each number apart from its unit ("35wd" is "35 wd")."""
        return unglued(self.text)


# How far a rule or a figure reaches ("who has to be there as a (bare) minimum", "on average whats attendance like"):
# no figure is asked for (and, in ``framing``, no subject)
REACH = re.compile(r"\b(?:(?:as|at)\s+(?:a|the)\s+(?:bare\s+|very\s+|absolute\s+)?(?:minimum|maximum|min|max)"
                    r"|on\s+(?:average|avg))\b", re.I)
# What something is compared with ("the X equivalent of <this>", "a version of <this>"), up to where the question
# goes on ("… for getting the icpc in", "…, ie what do we use", "… - what did hmi find")
_REFERENCE = re.compile(r"\b(?:equivalent|version|counterpart)\s+(?:of|to)\s+"
                        r"(?:(?!\s-\s|\s(?:for|ie|in|at|when|where)\b)[^?,;:\n])*"
                        # "do nqsws get fortnightly sup like in notts", "did they pick up delays like stockton did", "assume
                        # its same list as darlo" (not "the same in leeds as darlo", which asks of both)
                        r"|\b(?:like|same\s+(?:(?!in\b|at\b|for\b|with\b)[a-z]+\s+)?as)\s+"
                        r"(?:(?!or\b|but\b|and\b)[\w&'’-]+\s*){1,4}", re.I)


def asked_councils(question: str) -> list[str]:
    """The councils a question is about: those its question names where the story told around it names only
    others ("my mate in notts says nqsws get fortnightly sup at first - is it the same in glos": Gloucestershire);
    else every council the message names (a family moving "from hpool into our patch in stockton" keeps both). Of
    those, a council named only as what another's version is compared with is not asked about ("the darlo version of
    norfolks rule": Darlington; "glos - do nqsws get fortnightly sup like in notts": Gloucestershire), unless no other
    is named."""
    every, asked = find_authorities(question), find_authorities(question_part(question))
    chosen = asked if asked and not set(asked) & set(find_authorities(told_part(question))) else every
    # "the darlo version of norfolks 15 wd rule", "whats the tees equivalent of the norfolk form": the council the
    # version is of is the one asked about, the other only says what it is like
    outside = set(find_authorities(_REFERENCE.sub(" ", question)))
    chosen = [c for c in chosen if c in outside] or chosen
    left = set(find_authorities(without_worked_before(question)))  # not where the asker worked before
    return [c for c in chosen if c in left]


# A council's short name typed as it is said ("nots" for "notts", "gloz" for "glos", "devn"): too short for a slip of a
# letter to be safe, so read only when the word starts with the name's letter and is said as it is (its consonants in
# order, ``assistant.sounds``: three or more), and the name is one council's only
SHORT_SOUNDS = 3


@lru_cache(maxsize=1)
def _short_names() -> dict[str, frozenset[AuthorityName]]:
    found: dict[str, set[AuthorityName]] = {}
    for row in authority_names():
        if row.case == "any" and row.name.isalpha() and len(row.name) < TYPO_LETTERS:
            found.setdefault(sound(row.name), set()).add(row)
    return {key: frozenset(rows) for key, rows in found.items() if len(key) >= SHORT_SOUNDS}


def _sounded(word: str) -> AuthorityName | None:
    rows = _short_names().get(sound(word), frozenset()) if len(word) > SHORT_SOUNDS else frozenset()
    rows = frozenset(row for row in rows if row.name[0].lower() == word[0].lower())
    return next(iter(rows)) if len({row.authority for row in rows}) == 1 else None


def council_slips(question: str, taken: list[TermMatch]) -> list[TermMatch]:
    """Each council's name ``question`` mistypes ("calderdle", "glouster"), read as that council as a nickname is: a
    word in no name or term found, no English word (the embedding model's vocabulary holds the common first names,
    "Barney", "Dalton"), and a slip for one council's name (``ingest.authorities.mistyped``), so the council is found,
    steers retrieval and is no key term the documents lack. As in ``spelling.respell``, a capitalised word past the
    first is a name and is left alone: a child's name must never become a council the documents do not hold."""
    spans = [(start, end) for start, end, _ in name_spans(question)] + [(m.start, m.end) for m in taken]
    slips = []
    for match in re.finditer(r"[A-Za-z]+", question):
        word = match.group()
        if any(s < match.end() and match.start() < e for s, e in spans) or word.lower() in STOPWORDS \
                or word.lower() in model_words() or (match.start() > 0 and word[0].isupper()):
            continue
        if (row := mistyped(word) or _sounded(word)) is not None:
            slips.append(TermMatch(word, word, match.start(), match.end(), row.authority, (row.authority,), "nickname"))
    return slips


# A year offered as a guess after a question asking when ("when was the framework first brought in? 2018?", "when did
# ofsted last go in, was it 2021"): an answer to check, not where to look.
_GUESSED_YEAR = re.compile(r"(?:[?,;]|\s-)\s*(?:(?:(?:or\s+)?(?:was|is)\s+it|or)\s+)?(?:in\s+)?((?:19|20)\d{2})"
                           r"\s*\?*\s*$", re.I)

# ... and a grade offered after a question asking for one ("what did hartlepool get for care leavers in 2024, was that
# outstanding too", "leeds overall - outstanding?"): the grade to check, not what the question is about
_GRADES = "|".join(JUDGEMENTS)
_GUESSED_GRADE = re.compile(r"(?:[?,;]|\s-)\s*((?:(?:or\s+)?(?:was|is|were|are)\s+(?:that|it|they|this|we|them)\b|"
                            rf"(?:{_GRADES})\b)[^?,;]*?)\s*\?*\s*$", re.I)


# The edition of guidance or an Act: "working together 2018", "WT 2010", "the 2015 working together", "children act
# 1989"
_GUIDANCE = r"(?:working\s+together(?:\s+to\s+safeguard\s+children)?|wt(?:tsc)?|[a-z]+\s+act)"
_YEARS = r"(?:19|20)\d{2}(?:\s*(?:/|-|or|and|&)\s*(?:19|20)\d{2})*"  # "working together 2013/2018"
_EDITION = re.compile(rf"\b{_GUIDANCE}\s*(?:of\s+)?'?({_YEARS})\b|\b({_YEARS})\s+{_GUIDANCE}\b", re.I)


def editions(question: str) -> set[int]:
    """The years that name an edition of guidance or an Act, not a time the question asks about."""
    return {int(y) for m in _EDITION.finditer(question) for y in re.findall(r"\d{4}", m.group(1) or m.group(2))}


def guessed_grades(question: str) -> list[str]:
    """The grades named in a guess that follows a question asking for a judgement."""
    guess = _GUESSED_GRADE.search(question)
    return re.findall(rf"\b(?:{_GRADES})\b", guess.group(1).lower()) if guess else []


def understand(question: str, *, context: str = "") -> Query:
    """Read a question (and, for a follow-up, the thread's earlier question) into a :class:`Query`; its text stays
    as typed (as its writer corrected it, letters held down for emphasis cut short, years written in words in digits,
    shorthand dictated letter by letter joined, words typed without their vowels written in full, a quiz's blanks,
    options and slashes read as words, less Slack's markup, words run together read apart), and everything else is
    read with any number typed against its unit apart from it ("35wd"): the terms' spans index :attr:`Query.spaced`."""
    typed = apart(without_markup(quizzed(vowelled(spelled_letters(corrected(in_digits(unstretched(question))))))))
    question = unglued(typed)
    found = find_terms(question)
    slips = council_slips(question, found)
    found = sorted(found + slips, key=lambda m: m.start)
    terms = [m for m in found if m.kind not in INSPECTION_KINDS]
    plain = spell_out(question, terms)
    authorities = asked_councils(spell_out(question, slips))
    years = named_years(question)
    edition = editions(question)
    inspection = _about_inspection(f"{question}\n{plain}", [y for y in years if y not in edition])
    if inspection:
        terms = found  # "what went wrong", "worried about": Ofsted's findings
        plain = spell_out(question, terms)
    expanded = with_expansions(question, terms)
    both = f"{question}\n{plain}"  # rules read what was typed and what it stands for ("freq", "ILACS")
    if context and is_follow_up(question):
        # A follow-up ("and in 2023?") inherits what it does not say itself.
        context_query = understand(context)
        expanded = f"{expanded} ({context_query.expanded})"
        plain = f"{plain} ({context_query.plain or context_query.text})"
        authorities = authorities or context_query.authorities
        years = years or context_query.years
    unreached = REACH.sub(" ", both)
    # The asker's introduction says who asks, not what is asked ("cp chair here - can someone confirm our rcpc
    # timescales": a timescale, not who chairs); "max caseload for a sw here, 20 is it?" asks in what it tells
    told, read = question[:introduced(question)], unreached
    if told and asked_for(told) == "person":
        rest = question[len(told):]
        kept = [m for m in find_terms(rest) if inspection or m.kind not in INSPECTION_KINDS]
        read = REACH.sub(" ", f"{rest}\n{spell_out(rest, kept)}")
    kind = asked_for(read, inspection=inspection)
    # A message that names an inspection in the story it tells and a procedure in its question asks of the procedure
    # ("i know ofsted go through files on inspection but does the cambs recording procedure say who reads the record")
    asked = question_part(question)
    procedure_asked = (asked != question and bool(_PROCEDURE.search(asked)) and not _INSPECTION.search(asked)
                       and bool(_INSPECTION.search(told_part(question))))
    guessed = _GUESSED_YEAR.search(question) if kind == "date" else None
    if guessed:
        years = [y for y in years if y != int(guessed.group(1))]
    return Query(
        text=typed,
        expanded=expanded,
        plain=plain,
        terms=terms,
        authorities=authorities,
        authority_mentions=mentions(question) + [m.text for m in slips],
        years=years,
        since=baselines(question, years),
        wants_latest=bool(_RECENT.search(both) or _NOW.search(asked)),
        wants_inspection=bool(_INSPECTION.search(both)) and not procedure_asked,
        about_inspection=inspection,
        wants_procedure=bool(_PROCEDURE.search(both)) and (procedure_asked or not _INSPECTION.search(both)),
        wants_quantity=bool(_QUANTITY.search(unreached)) or kind in QUANTITIES,
        answer_type=kind,
        unsought=guessed_grades(question) if kind == "judgement" else [],
        editions=sorted(edition & set(years)),
    )
