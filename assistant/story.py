"""Where a message's question is: the story told before it, a lead-in naming its subject, a remark after it.

Practitioners often tell what happened before they ask ("had to cancel supervision ... bc of court this morning,
how long have i got to rearrange it") or add a remark after ("our assessments are 35 wd right? tm keeps saying
we're behind"). What is asked, and what it is asked of, is read in the question itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.answer_types import role_names
from assistant.vocabulary import find_terms, spell_out, spelled_stems
from ingest.authorities import find_authorities, name_spans
from ingest.tokens import tokens


# Where a message that tells its story first turns to its question: a comma, a dash, a full stop, "but" or "so", then
# a question word or an auxiliary ("had to cancel supervision ... bc of court this morning, how long have i got to
# rearrange it", "my ATM keeps moving my supervison. is there a rule on how quickly it has to be rebooked"), or the
# bound or limit a question without a verb asks for ("new LA accepted the referral mon 3rd june - latest date for the
# transfer in conf?")
# "my tm has cancelled twice now. in notts how often should …": after a full stop, a few words may come before the
# question word ("in notts", "anyway", "quick one")
_ASK_WORDS = (r"(?:how|hows|when|whens|what|whats|who|whos|whom|which|where|wheres|why|remind|tell|is|are|can|could|do|"
              r"does|did|should|must|will|would|have|has|am|was|were|"
              r"(?:the\s+)?(?:latest|earliest|deadline|timescale|timeframe|max|maximum|min|minimum))\b")
_ASKS = re.compile(rf"(?:(?:[,;:.!–-]|\b(?:but|so))\s+(?=(?:by\s+)?{_ASK_WORDS})|[.!]\s+(?=(?:[\w'’-]+\s+){{1,3}}"
                   rf"{_ASK_WORDS}))", re.I)
STORY_WORDS = 6  # a shorter lead-in ("tees strat - when ...") names the subject, not a story


# A question that only checks what was said before it ("> first core group is within 10 wd of the icpc\nis that
# right?", "… is that true"): what was said is what is asked, not a story.
_CHECKS = frozenset(tokens("right true correct ok okay yeah yep really actually still so"))


def _story_end(question: str) -> tuple[int, int] | None:
    """Where the story a message tells before its question ends and the question starts, or None."""
    found = list(_ASKS.finditer(question))
    if not found or len(question[: found[-1].start()].split()) < STORY_WORDS:
        return None
    if not set(tokens(question[found[-1].end():])) - _CHECKS:
        return None
    return found[-1].start(), found[-1].end()


def asked_part(question: str) -> str:
    """The question a message asks after a story told in sentences of its own ("… moving to Norfolk from Essex.
    Where does the other LA send the transfer in request, and how long until the conference has to be held"), or
    the whole message: a lead-in before a comma or a dash names the subject ("supervision for a newly qualified
    worker - how often to begin with")."""
    end = _story_end(question)
    return question if end is None or question[end[0]] not in ".!" else question[end[1]:]


# A remark after the question mark that asks nothing ("our assessments are 35 wd right? tm keeps saying we're
# behind", "who signs off closing a case? family have engaged well and i want to shut it down"): what happened
_TRAILING = re.compile(r"\?\s+(?![^?]*\?)(?!(?:and|also|or|plus|but)?\s*(?:how|when|what|whats|who|whom|which|where|"
                       r"why|is|are|can|could|do|does|did|should|must|will|would|have|has|am|was|were)\b)(?=\S)", re.I)


# The same remark told without a question mark: why one asks ("… asking cos mum has moved"), an aside in brackets at
# the end ("(first week here, came from a county la)"; "(ICPC = initial conf)" says what a word means, and stays), or,
# after a question that opens with its asking word, a clause of five or more words after a dash ("who chairs the strat
# - our tm is off and the dm is asking"); a dash before a figure, another ask, a correction or a few words ("how long
# for a core assmt - devon") is the question's own.
_ASKING_WHY = re.compile(r"[\s,;:.–-]+(?=(?:i'?m\s+)?asking\s+(?:cos|coz|cause|because|as|bc|since)\b"
                         r"|(?:just\s+)?so\s+(?:i|we)\s+(?:can|could|know)\b)", re.I)
_BRACKETED_END = re.compile(r"\s*\((?![^()]*=)[^()]*\)[\s?.!]*$")
# A message that opens on its question word, after any word that only opens it ("sooo how often …, my tm keeps …")
_OPENS_ASKING = re.compile(r"\s*(?:(?:s+o+|ok+a*y*|right|erm*|um+|hm+|hi+y*a*|hey+|quick\s+(?:one|q))\b[\s,:.!-]*){0,3}"
                           r"(?:how|when|what|whats|who|whos|whom|which|where|why)\b", re.I)
_DASH_REMARK = re.compile(r"\s+[–-]+\s+(?!(?:sorry|edit|i\s+mean|and|or|also|plus|but|how|when|what|whats|who|whom|"
                          r"which|where|why|is|are|can|could|do|does|did|should|must|will|would|has|have|was|were)\b)"
                          r"(?=(?:[^\s\d?]+\s+){4,}[^\s\d?]+\s*$)", re.I)

# ... or a clause after a comma that tells of the asker or the family ("how often must sws get sup in walsall, my tm
# keeps cancelling"), asking nothing
_COMMA_REMARK = re.compile(r",\s+(?=(?:my|our|i|im|i'm|we|mum|dad|she|he|they|the\s+family)\s+(?:[^\s?]+\s+){2,}[^\s?]+"
                           r"\s*$)(?![^?]*\b(?:how|when|what|whats|who|whom|which|where|why|is\s+(?:it|that|this)|"
                           r"do\s+(?:i|we)|should|must|right|correct|true|yeah|or)\b)", re.I)


def _remark_start(question: str, start: int) -> int:
    """Where a remark after the question starts (after a question mark, ``_TRAILING``; without one, ``_ASKING_WHY``,
    ``_BRACKETED_END``, ``_DASH_REMARK`` and ``_COMMA_REMARK``), or the message's end."""
    found = [m.end() for m in (_TRAILING.search(question, start),) if m is not None]
    found += [m.start() for m in (_ASKING_WHY.search(question, start), _BRACKETED_END.search(question, start))
              if m is not None and m.start() > start]
    if _OPENS_ASKING.match(question, start):
        found += [m.start() for m in (_DASH_REMARK.search(question, start), _COMMA_REMARK.search(question, start))
                  if m is not None]
    return min(found, default=len(question))


# Who the asker is, as the message opens, up to its first stop ("HV here -", "DS from CAIT here -", "im the DSL at a
# primary,", "from the DS in the CAIT team -"), where it names a role or a job (the lexicon's roles: "DSL", "health
# visitor") and asks nothing ("icpc who chairs it here" asks): told like a story, however short, its words count for
# an answer that holds them ("im an nqsw, how often is sup") and never against one; one that names a council says
# which ("im the TM on duty in darlington,") and is the question's own
_ASKER = re.compile(r"^\s*(?:(?:hi|hiya|hello|morning|afternoon)\b[\s,!]*)?"
                    r"(?:(?:i'?m|i\s+am|this\s+is)\s+(?:the|a|an)\s+(?:[\w&'’/-]+\s+){0,6}?[\w&'’/-]+"
                    r"|from\s+(?:the|a|an)\s+(?:[\w&'’/-]+\s+){0,4}?team|(?:[\w&'’/-]+\s+){0,4}?[\w&'’/-]+\s+here)"
                    r"(?=\s*[,:;.!–]|\s+-\s)[\s,:;.!–-]*", re.I)
_ASKING = re.compile(r"\b(?:is|are|any|anything|what|whats|how|who|whos|when|where|which|why|do|does|can|that)\b", re.I)
_JOBS = re.compile(r"\b(?:manager|mgr|officer|worker|nurse|teacher|lead|practitioner|visitor|inspector|sergeant|"
                   r"detective|constable|head|student|senco|chair|ds|dc|pc|police)s?\b", re.I)


def introduced(question: str) -> int:
    """Where the question starts after the asker's introduction (``_ASKER``), or 0."""
    found = _ASKER.match(question)
    told = found.group(0) if found is not None else ""
    if not told or name_spans(told.replace("-", " ")) or _ASKING.search(told):
        return 0
    return found.end() if _JOBS.search(told) or role_names().search(spell_out(told, find_terms(told)).lower()) else 0


def _question_span(question: str) -> tuple[int, int]:
    """Where the question itself starts and stops: after a story, a lead-in or the asker's introduction told before
    it, before a remark after it."""
    end = _story_end(question)
    start = end[1] if end is not None else introduced(question)
    return start, _remark_start(question, start)


def question_part(question: str) -> str:
    """The question itself, less a story or lead-in before it and a remark after it ("been qualified since july,
    joined notts this week - how often should my supervision be": "this" is the story's, not the question's)."""
    start, stop = _question_span(question)
    return question[start:stop]


def told_part(question: str) -> str:
    """What a message tells around its question: the story before it and any remark after it."""
    start, stop = _question_span(question)
    return f"{question[:start]} {question[stop:]}"


@lru_cache(maxsize=256)
def story_words(question: str) -> frozenset[str]:
    """Stems of the story a message tells before its question ("did a statutory visit ... today but im in court
    tmrw, by when does it need to be on the system") or after it ("… right? tm keeps saying we're behind"), less
    those the question itself uses: what happened, which an answer need not repeat ("court", "tmrw"); the
    question's own words always count."""
    start, stop = _question_span(question)
    if start == 0 and stop == len(question):
        return frozenset()
    # shorthand before the question may name its subject ("asye, how often is sup"); after it, it tells what
    # happened ("how often should i get sup in walsall? my tm has cancelled twice": no team manager is asked of)
    asked = question[start:stop]
    before, after = _stems(question[:start]) - _stems(asked), spelled_stems(question[stop:]) - spelled_stems(asked)
    return frozenset(before | after)


def story_senses(question: str) -> frozenset[str]:
    """:func:`story_words` with the story's shorthand spelled out as well ("strat disc for Kit was mon 2 june" tells of
    a strategy discussion): what the story names, for reading which event its question asks the time of."""
    start, stop = _question_span(question)
    if start == 0 and stop == len(question):
        return frozenset()
    return frozenset(spelled_stems(told_part(question)) - spelled_stems(question[start:stop]))


@lru_cache(maxsize=256)
def remark_words(question: str) -> frozenset[str]:
    """Stems of a remark after the question ("… how often does it meet? thinking ahead for her transition plan"), less
    those the question uses: a word in the question that points back ("it") never points forward into it."""
    start, stop = _question_span(question)
    return frozenset(_stems(question[stop:]) - _stems(question[start:stop])) if stop < len(question) else frozenset()


_EVERYDAY = frozenset({"phrasing"})


def _stems(text: str) -> set[str]:
    """Stems of ``text`` and of what its everyday words are in the documents' words, as the key terms read them ("mum
    says she fell" tells of a parent); shorthand ("cp", "chub") is left as typed, as it may name the subject."""
    return spelled_stems(text, kinds=_EVERYDAY)


# Where the asker worked before ("at my last LA (notts) we worked to 35 wd - whats the timescale here", "used to work in
# devon ... same here in norfolk?"): what they compare with, never what they ask about, once the message asks of here,
# of the same rule or of another council; "my previous council - leeds - did they get outstanding" asks of it
_WORKED_BEFORE = re.compile(r"\b(?:my|our)\s+(?:last|previous|prev|old|former)\s+"
                            r"(?:la|council|local\s+authority|authority|place|job|team|employer|borough|county|post)\b"
                            r"(?:\W+(?:was\b|in\b|at\b)?\s*[\w&'’-]+){0,2}"
                            r"|\bused\s+to\s+work\s+(?:in|at|for)\s+[\w&'’-]+(?:\s+[\w&'’-]+)?"
                            # "at glos we had 3 days to get cp visits written up, is it the same here"
                            r"|\b(?:at|in)\s+[\w&'’-]+(?:\s+[\w&'’-]+)?\s+we\s+(?:had|used\s+to|did|worked)\b", re.I)
_HERE = re.compile(r"\b(?:here|this\s+(?:la|council|authority|borough|end)|same|diff|different|differs?)\b", re.I)


def without_worked_before(question: str) -> str:
    """The message less the clauses naming where the asker worked before, when it asks of another place."""
    told = " ".join(m.group(0) for m in _WORKED_BEFORE.finditer(question))
    rest = _WORKED_BEFORE.sub(" ", question)
    if not told or not (_HERE.search(rest) or set(find_authorities(rest)) - set(find_authorities(told))):
        return question
    return rest
