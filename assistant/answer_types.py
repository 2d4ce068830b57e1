"""What kind of fact a question asks for, and whether a sentence states a fact of that kind. The cues and fact
patterns are data (``vocabulary/answer_types.json``); the answer selector and the answerability model use them as
signals, never as the only reason to answer or to refuse."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from assistant.shorthand import spelled_out
from assistant.vocabulary.lexicon import entries
from ingest.authorities import find_authorities
from ingest.tokens import tokens

_DATA = Path(__file__).resolve().parent / "vocabulary" / "answer_types.json"
KINDS = ("frequency", "timescale", "when", "number", "date", "age", "name", "person", "judgement", "expansion",
         "definition", "contents", "reason", "place", "contact")
QUANTITIES = frozenset(KINDS[:6])  # a number, a time, a date or an age
EXACT_KINDS = frozenset({"expansion", "definition"})  # only what is asked about states one ("OLAs"): it leads anywhere
PREFERRED_KINDS = frozenset({"contents", "reason", "place"})  # written in too many ways to refuse for: choose the lead
LEAD_ONLY_KINDS = frozenset({"reason", "place"})  # of those, ones that choose nothing else: retrieval reads as unasked
RATED_KINDS = frozenset({"place"})  # of those, ones the selector rates as asked: a record or a system is named plainly


def _phrases(cues: list[str], patterns: list[str] | None = None) -> re.Pattern:
    """Cue phrases, and cue patterns: asking ways that are no fixed phrase ("my last sup was 7 wks ago": how often)."""
    phrases = r"(?<!\w)(" + "|".join(map(re.escape, sorted(cues, key=len, reverse=True))) + r")(?!\w)"
    return re.compile("|".join([phrases, *(f"(?:{p})" for p in patterns or [])]), re.I)


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(_DATA.read_text())


@lru_cache(maxsize=1)
def _proportions() -> tuple[re.Pattern, ...]:  # a share asked ("how many of"), one stated, a percentage asked
    return tuple(re.compile(_data()["number"][k], re.I)
                 for k in ("proportion_cues", "proportions", "percentage_cues", "exact_proportions", "exact_cues"))


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[re.Pattern, list[re.Pattern]]]:
    data = _data()
    return {kind: (_phrases(data[kind]["cues"], data[kind].get("cue_patterns")), [re.compile(
        pattern, 0 if kind in ("person", "name") else re.I) for pattern in data[kind]["facts"]]) for kind in KINDS}


@lru_cache(maxsize=1)
def role_names() -> re.Pattern:
    """Every role the lexicon spells out ("personal adviser"): each names who does something (bodies do not)."""
    names = {e.expansion.lower() for e in entries() if e.kind == "role" and not e.gazetteer}
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")s?\b")


@lru_cache(maxsize=1)
def _modifiers() -> dict[str, re.Pattern]:
    return {kind: _phrases(_data()[kind]["modifiers"]) for kind in KINDS if _data()[kind].get("modifiers")}


@lru_cache(maxsize=1)
def _stated() -> dict[str, re.Pattern]:
    """The values a question may state, by kind: its plainest facts ("monthly", "35 working days") (asked_for)."""
    return {kind: re.compile("|".join(f"(?:{_table()[kind][1][i].pattern})" for i in _data()[kind]["stated"]), re.I)
            for kind in KINDS if _data()[kind].get("stated")}


def cue_words(kind: str, *, cues: bool = True) -> str:
    """The words of ``kind``'s cues ("stand for") and its asking words ("mean", "go in"): not what it is about."""
    return " ".join((_data()[kind]["cues"] if cues else []) + _data()[kind].get("asking", []))


@lru_cache(maxsize=1)
def _inspection_topics() -> frozenset[str]:
    """Cues that, in a question about an inspection, name what was inspected ("leeds 2022 - caseloads")."""
    return frozenset(c.lower() for kind in KINDS for c in _data()[kind].get("inspection_topics", []))


@lru_cache(maxsize=None)
def _with_inspection_cues(kind: str, cue: re.Pattern) -> re.Pattern:
    """``kind``'s cue, and in a question about an inspection its "inspection_cues" too ("what did leeds get")."""
    extra = _data()[kind].get("inspection_cues", [])
    return re.compile("|".join([f"(?:{cue.pattern})", *(f"(?:{p})" for p in extra)]), re.I) if extra else cue


# "whats the average SW caseload", "what frequency are core groups meant to be": an inspection's topic asked outright
_OUTRIGHT = re.compile(r"\b(?:what|wat|wot|which)(?:'s|s|\s+is|\s+was|\s+are|\s+were)?\s+(?!about\b)(?:the\s+)?"
                       r"(?:[\w'’-]+\s+){0,3}$", re.I)


def asked_for(question: str, *, inspection: bool = False, without: str | None = None) -> str | None:
    """The kind of fact ``question`` asks for (the earliest cue wins, the longest that starts there; a modifier such
    as "minimum" only when no cue is there, and then of the kind of a value stated with it: "our min sup is 6 weekly
    isnt it"), or None. ``inspection``: the question is about an inspection, where a kind's "inspection_topics" are
    its subject, not a cue. ``without``: a kind the question was found not to ask ("what is an ICPC's timescale")."""
    cues = {kind: (_with_inspection_cues(kind, cue) if inspection else cue)
            for kind, (cue, _) in _table().items() if kind != without}
    topics = _inspection_topics() if inspection else frozenset()
    for patterns in (cues, _modifiers()):
        found = []
        for rank, (kind, cue) in enumerate(patterns.items()):
            match = next((m for m in cue.finditer(question)
                          if (m.group(0).lower() not in topics or _OUTRIGHT.search(question, 0, m.start()))
                          and not _not_asking(question, m, inspection=inspection)), None)
            if match:
                found.append((match.start(), -len(match.group(0)), rank, kind))  # the longest cue there
        if found:
            kind = min(found)[3]
            if patterns is not cues:  # a modifier: "min sup is 6 weekly isnt it" is the minimum of what it states
                stated = sorted((m.start(), k) for k, m in ((k, p.search(question)) for k, p in _stated().items())
                                if m and k != without)
                kind = stated[0][1] if stated else kind
            if kind == "definition" and not defines_shorthand(question):
                return asked_for(question, inspection=inspection, without="definition")
            return "name" if kind == "person" and _names_a_post(question) else kind
    return None


_WHO_IS = re.compile(r"\bwho(?:[ \t]+is|[ \t]+was|[ \t]+are|[ \t]+were|s|['’]s)[ \t]+((?:[\w'’-]+[ \t]+){0,4}[\w'’-]+)", re.I)
_WHICH = re.compile(r"\bwhich\s+((?:lead\s+)?[\w'’-]+)", re.I)
# Words that turn "who is …" from naming a post into asking something else ("who is responsible for …").
_NOT_A_POSTS_WORDS = re.compile(
    r"^(for|of|to|in|at|with|on|by|about|from|after|before|responsible|accountable|meant|supposed|expected|allowed|able"
    r"|\w+ing)$", re.I)


@lru_cache(maxsize=1)
def _posts() -> list[re.Pattern]:
    return [re.compile(pattern, re.I) for pattern in _data()["person"]["posts"]]


@lru_cache(maxsize=1)
def _narrowed() -> list[tuple[list[re.Pattern], list[re.Pattern]]]:
    """Narrower timescales asked, and how a sentence says each: how long it lasts, a count of days ("within 5 wd"),
    what it is counted from ("does the clock start from the referral": "The start date … is the date on which …")."""
    return [tuple([re.compile(p, re.I) for p in _data()["timescale"][f"{n}_{part}"]] for part in ("asks", "facts"))
            for n in ("duration", "count", "start")]


def _alone(text: str, match: re.Match) -> bool:
    """A capitalised pair alone, not in a title ("the 2006 Joint Area Review"); "Her Majesty's Inspector" may follow."""
    before = text[: match.start()].split()[-1:]
    after = text[match.end():].split()[:1]
    if before and before[0][:1].isupper() and not before[0].endswith((":", ",", ".")) \
            and before[0].rstrip(".") not in _TITLES:
        return False
    if match.group(0).split()[0].rstrip(".") in _TITLES:
        return True  # "Ms Jane Humphreys": a title, then the name
    return not (after and after[0][:1].isupper() and after[0] not in ("Her", "His", "HMI"))


_TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Professor", "Councillor", "Cllr"})


@lru_cache(maxsize=1)
def _acts() -> list[re.Pattern]:
    return [re.compile(pattern, re.I) for pattern in _data()["person"].get("acts", [])]


@lru_cache(maxsize=1)
def _people() -> re.Pattern:  # "the child", "parents": a "who" that did not name them (the JSON's _about)
    return re.compile("|".join(_data()["person"].get("people", [])) or r"(?!)", re.I)


@lru_cache(maxsize=1)
def _person_names() -> list[re.Pattern]:
    return [re.compile(pattern) for pattern in _data()["person"]["names"]]


@lru_cache(maxsize=256)  # asked once per unit of every answer: the same question each time
def _names_a_post(question: str) -> bool:
    """"who is the interim DCS", "who was lead inspector", "which inspector wrote": a post one person holds is given,
    so the question asks for that person's name (a sentence that names the post again does not answer it; "who
    chairs" asks for a role)."""
    for match in _WHO_IS.finditer(question):
        phrase = match.group(1)
        starts = [m.start() for p in _posts() for m in p.finditer(phrase)]
        if starts and not any(_NOT_A_POSTS_WORDS.search(w) for w in phrase[: min(starts)].split()):
            return True
    # "which inspector wrote to us in 2011": the post right after "which"
    return any(p.match(m.group(1)) for m in _WHICH.finditer(question) for p in _posts())


@lru_cache(maxsize=256)
def _asked_posts(asked: str) -> tuple[re.Pattern, ...]:
    """The posts the question names ("dcs", "the lead inspector"), each as its pattern."""
    return tuple(p for p in _posts() if p.search(asked))


_RELATIVE = {"who", "whom", "whose"}
_INTERROGATIVE = re.compile(r"\b(how|what|whats|when|where|why|which|is|are|do|does|did|was|were)\b", re.I)
# "who was doing better", "who did worse", "tom says ten - who is right": which of the things or views told, not a person
_WHO_COMPARES = re.compile(r"\s+(?:(?:is|was|are|were|did|does|do|has|had|(?:is|was|are|were)\s+doing)\s+)?"
                           r"(?:better|worse|best|worst|stronger|weaker|more|less|further\s+ahead)\b"
                           r"|(?:\s+is|['’]s)?\s+(?:right|correct|wrong)\s*(?:[?.!,]|$|\s+(?:here|then|tho|pls))", re.I)
_ABOUT = re.compile(r"\b(?:about|regarding|concerning|into)\s+$", re.I)
_CLAUSE = re.compile(r"[,;:?.!]|\s[-–]+\s")
_INDIRECT = re.compile(r"\b(?:of|on|as\s+to|minimum|min|list)\s+$", re.I)
# Someone's: a word for people with its possessive typed or dropped ("childs", "parents'"), or a possessive pronoun
_POSSESSIVE = re.compile(r"(?:['’]?s|s['’])?\s+$")
_OWNER = re.compile(r"\b(?:their|his|her|my|your|our)\s+$", re.I)


def _not_asking(question: str, match: re.Match, *, inspection: bool = False) -> bool:
    """A cue that does not ask: 'who' after another question word in its clause ("how was action for children who
    moved in recorded"; not "whats the bare minimum of who needs to be on it"), a word for people ("kids who go home"),
    or before an age ("a lad whos 21 now"), "who was doing better" (which), "a small number of", "on my caseload", a cue
    after "about" in an inspection question ("raised concerns about how regularly"), contents with no "what"."""
    if match.re is _table()["contents"][0] and not re.search(r"\bwhat", question[: match.end()], re.I):
        return True  # "do i need to record it" asks whether to, not what a record says
    if match.group(0).lower() == "name":  # "does the record have to include the childs name": a field, not asked
        before = question[: match.start()]
        return bool(_OWNER.search(before) or any(re.search(p, _POSSESSIVE.sub(" ", before), re.I)
                                                 for p in _data()["person"].get("antecedents", [])))
    if told := _data()["number"]["told_before"].get(match.group(0).lower()):  # words before it that make it tell:
        return bool(re.search(told, question[: match.start()], re.I))  # "a small number of", "on my caseload"
    if inspection and _ABOUT.search(question[: match.start()]):
        return True  # "what did ofsted find about how often ...": what they found on it, not a frequency
    if match.group(0).lower() not in _RELATIVE:  # "whos right": which of the views told; "a sw whos off": who is
        return bool(re.fullmatch(r"who['’]?s", match.group(0), re.I) and (_WHO_COMPARES.match(question, match.end())
                    or any(re.search(p, question[: match.start()], re.I) for p in _data()["person"]["antecedents"])))
    before, after, person = question[: match.start()], question[match.end():], _data()["person"]
    return bool((_INTERROGATIVE.search(_CLAUSE.split(before)[-1]) and not _INDIRECT.search(before))
                or _WHO_COMPARES.match(question, match.end()) or any(re.match(p, after, re.I) for p in person["aged"])
                or any(re.search(p, before, re.I) for p in person.get("antecedents", [])))


def states(kind: str | None, text: str, *, asked: str = "") -> bool:
    """Does ``text`` state a fact of ``kind`` (a frequency, a timescale, a role...)? ``asked``: the question, for
    a name: one the question already used ("the DCS" for "name of the DCS") names nothing new."""
    if kind is None:
        return False
    _, facts = _table()[kind]
    if kind == "person":
        # "who chairs the icpc": only a sentence naming that act answers, not one that lists who attends
        acts = [p for p in _acts() if asked and p.search(asked)]
        if acts and not any(p.search(text) for p in acts):
            return False
        return any(p.search(text) or p.search(text.lower()) for p in (*facts, role_names())) or any(
            not _nouns(m.group(0)) <= _nouns(asked) for m in _people().finditer(text))
    if kind == "name" and asked:
        if any(re.search(p, asked, re.I) for p in _data()["name"].get("council_cues", [])):
            return bool(set(find_authorities(text)) - set(find_authorities(asked)))  # "which council runs it": one named
        posts = _asked_posts(asked)
        if posts and not any(p.search(text) for p in posts):
            return False  # "name of the DCS" is not answered by "Lead inspector: Matt Reed …"
        used = {w.lower() for w in re.findall(r"[A-Za-z]+", asked)}
        if posts or _names_a_post(asked):
            # "who is the lead inspector": a person's name beside a role, not a title, "(DCS)" or "UCRA"
            return states("person", text) and any(
                any(w.lower() not in used for w in re.findall(r"[A-Za-z]{2,}", m.group(0))) and _alone(text, m)
                for p in _person_names() for m in p.finditer(text))
        return any(any(w.lower() not in used for w in re.findall(r"[A-Za-z]{2,}", m.group(0)))
                   for p in facts for m in p.finditer(text))
    if kind in ("expansion", "definition"):
        # "what is a jtai": only a sentence spelling it out says ("Joint targeted area inspections (JTAIs) …")
        return any(p.search(text) for p in spelled_out(asked, _table()["expansion"][0]))
    for asks, said in _narrowed() if kind == "timescale" and asked else ():
        if any(p.search(asked) for p in asks):  # "how long should a session be": how long it lasts, not when it is
            return any(p.search(text) for p in said)  # due ("within 15 working days")
    if kind == "number" and asked and (shares := _proportions())[0].search(asked) and (
            shares[1].search(text) or shares[2].search(asked)):  # "what proportion": "The vast majority"; "what %":
        return bool(shares[3 if shares[4].search(asked) else 1].search(text))  # "four in five", not "most"
    if kind == "number" and asked and (counted := _counted(asked)):
        # "how many inspectors": a number of inspectors ("… with four in five of them …"), not "all but two areas"
        return any(any(c <= _nouns(text[max(m.start() - 60, 0):m.end() + 40]) for c in counted)
                   for p in facts for m in p.finditer(text))
    if kind == "date" and re.search(r"\b(?:what|which) year\b", asked, re.I):  # a year the question did not name
        return bool(set(re.findall(r"\b(?:19|20)\d\d\b", text)) - set(re.findall(r"\b(?:19|20)\d\d\b", asked)))
    return any(p.search(text) for p in facts)


def defines_shorthand(question: str) -> bool:
    """Does the question ask what the shorthand right after its cue is ("what is a jtai", "meaning of PLO")?"""
    cue, _ = _table()["definition"]
    for match in cue.finditer(question):
        word = re.match(r"\s+(?:the\s+)?([A-Za-z&]+)\b", question[match.end():])
        # ... and nothing after it asks for another kind of fact ("what is the PLO timescale" asks a timescale)
        rest = question[match.end() + word.end():].split("\n")[0] if word else ""
        if word and spelled_out(word.group(1), _table()["expansion"][0]) and asked_for(rest) is None:
            return True
    return False


# What "how many" counts: a word and what it is in, of or at ("children in care"), after a name ("Darlington …")
_HOW_MANY = re.compile(r"\b(?i:how many|number of|no\.? of)\s+(?:[A-Z][\w-]*\s+)?([a-z][\w'’-]*"
                       r"(?:\s+[a-z][\w'’-]*s(?![\w'’-]))?(?:\s+(?:in|of|at|on|with)\s+[a-z][\w'’-]*)?)")
_PLURALS = {"children": "child", "peopl": "person", "men": "man", "women": "woman"}  # the stemmer leaves these apart


def _nouns(text: str) -> set[str]:
    return {_PLURALS.get(stem, stem) for stem in tokens(text)}


@lru_cache(maxsize=256)
def _counted(asked: str) -> frozenset[frozenset[str]]:
    """What "how many …" counts, as typed and spelled out (the nouns of each way of saying it, stemmed), or none."""
    return frozenset(frozenset(_nouns(m.group(1))) for m in _HOW_MANY.finditer(asked)) - {frozenset()}
