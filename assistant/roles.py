"""Who is supervised: a question about one role's supervision is not answered by what that role does.

"who supervises the heads of service" is not answered by "Heads of service audit a sample of supervision files",
nor "service managers themselves - supervised how often" by "Team managers … are supervised by their service
manager": the role is there, but as the one who acts, not the one supervised. The roles are the lexicon's.
"""

from __future__ import annotations

import re

from assistant.answer_types import role_names
from ingest.tokens import tokens

# A role is supervised: "are supervised", "get supervised", "receive weekly supervision", "should have supervision"
_PASSIVE = r"(?:are|is|be|being|were|was|get|gets|got|getting)\s+(?:\w+\s+)?supervised"
_SUPERVISED = re.compile(rf"\b(?:{_PASSIVE}|(?:receive|receives|get|gets|have|"
                         r"has|had|given|benefit from|benefits from)\s+(?:[\w-]+\s+){0,2}supervision)\b")
# "supervises team managers", "supervision for social workers" ("supervising social worker" is a fostering role)
_SUPERVISING = re.compile(r"(?:supervises|supervise|supervision|line[- ]manag\w*)\s+(?:of\s+|for\s+)?"
                          r"(?:the\s+|their\s+|our\s+|all\s+)?$")
# "IRO supervision", "nqsws supervised", "social workers get supervision", "tms and atms - who supervises them"; not
# "do HoS check supervision files", where the role is the one who acts
_ASKED_AFTER = re.compile(r"^(?:\s+supervis|(?:\s+(?:should|must|to|do|they|themselves|also|still|always))*\s+"
                          rf"(?:{_PASSIVE}|(?:receive|receives|get|gets|have|"
                          r"has|had|need|needs|given)\s+(?:[\w-]+\s+){0,2}supervision)|(?:\s+[\w'’-]+){0,4}?\s*[,:;–-]+\s*"
                          r"(?:[\w'’-]+\s+){0,4}?supervis)")


# The parts of a message, and a part that asks
_PARTS = re.compile(r"\bbut\b|[;?]|\.\s")
_ASKING = re.compile(r"\b(?:how|hows|who|whos|what|whats|which|when|whens)\b")


def _fold(text: str) -> str:
    return re.sub(r"\bheads of\b", "head of", text.lower().replace("’", "'"))


def supervised_roles(question: str) -> set[str]:
    """The roles whose supervision ``question`` asks about ("who supervises the heads of service", "IRO supervision
    frequency"; in the question's spelled-out form). Of a message that tells one role's supervision and asks
    another's ("tms get sup every 4 wks from their service manager but how often do service managers get sup"), the
    roles of the part that asks."""
    parts = _PARTS.split(_fold(question))
    found = [{m.group(1) for m in role_names().finditer(text)
              if _SUPERVISING.search(text[: m.start()]) or _ASKED_AFTER.match(text[m.end():])} for text in parts]
    asked = [roles for roles, text in zip(found, parts) if _ASKING.search(text)]
    return set().union(*asked) or set().union(*found)


def _named(question: str, sentence: str) -> tuple[list[re.Match], str]:
    asked = supervised_roles(question)
    text = _fold(sentence)
    return [m for m in role_names().finditer(text) if asked and m.group(1) in asked], text


def supervised(question: str, sentence: str) -> bool:
    """Does ``sentence`` name a role whose supervision the question asks about as the one supervised?"""
    found, text = _named(question, sentence)
    return any(_SUPERVISING.search(text[: m.start()]) or _SUPERVISED.search(text[m.end():]) for m in found)


def reverses(question: str, sentence: str) -> bool:
    """Does ``sentence`` name a role whose supervision the question asks about, but never as the one supervised?"""
    return bool(_named(question, sentence)[0]) and not supervised(question, sentence)


# Roles offered as the choices a "who" question picks between: "…, the iro or a tm?", "tm, hos or iro", "sw/tm"
_BETWEEN = re.compile(r"\s*(?:,|/|\bor\b)\s*(?:(?:or|is\s+it|it\s+is)\s+)?(?:(?:a|an|the|our|their)\s+)?", re.I)


def offered_roles(question: str, terms, kind: str | None) -> list[str]:
    """For a "who" question, the words of the roles it offers as the choices to pick between ("who chairs strat
    discussions in our la, the iro or a tm?", "tm, hos or iro - who signs off …"): answers to check, not what it is
    about, less any word the rest of the question uses ("who chairs the review conference, the iro or a tm" keeps
    "review")."""
    roles = [m for m in terms if m.kind == "role"] if kind == "person" else []
    chains: list[list] = []
    for role in roles:  # roles one after another, parted only by a comma, a slash or "or"
        if chains and _BETWEEN.fullmatch(question[chains[-1][-1].end:role.start]):
            chains[-1].append(role)
        else:
            chains.append([role])
    offered = [m for chain in chains if len(chain) > 1 and re.search(
        r"\bor\b|/", question[chain[0].start:chain[-1].end], re.I) for m in chain]
    rest = question
    for match in sorted(offered, key=lambda m: -m.start):
        rest = f"{rest[:match.start]} {rest[match.end:]}"
    kept = set(tokens(rest))
    return [w for m in offered for w in re.findall(r"[a-z]+", f"{m.text} {m.sense}".lower())
            if not set(tokens(w)) & kept]
