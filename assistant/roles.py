"""Who is supervised: a question about one role's supervision is not answered by what that role does.

"who supervises the heads of service" is not answered by "Heads of service audit a sample of supervision files",
nor "service managers themselves - supervised how often" by "Team managers … are supervised by their service
manager": the role is there, but as the one who acts, not the one supervised. The roles are the lexicon's.
"""

from __future__ import annotations

import re

from assistant.answer_types import role_names

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
    found = [_joined(text, [m for m in role_names().finditer(text)
                            if _SUPERVISING.search(text[: m.start()]) or _ASKED_AFTER.match(text[m.end():])])
             for text in parts]
    asked = [roles for roles, text in zip(found, parts) if _ASKING.search(text)]
    return set().union(*asked) or set().union(*found)


# Roles typed as one list: "service managers/hos", "tms and atms", "iros, chairs"
_JOINED = re.compile(r"\s*(?:/|,|&|\band\b|\bor\b)\s*(?:the\s+|their\s+|our\s+)?")


def _joined(text: str, asked: list[re.Match]) -> set[str]:
    """The roles of ``asked`` and every role typed in one list with one of them ("who supervises the service
    managers/hos": the heads of service too)."""
    roles = list(role_names().finditer(text))
    found = {m.start() for m in asked}
    for _ in roles:  # a list is read outward from the role the question asks about, one neighbour at a time
        for left, right in zip(roles, roles[1:]):
            if (left.start() in found) != (right.start() in found) and _JOINED.fullmatch(text, left.end(),
                                                                                         right.start()):
                found |= {left.start(), right.start()}
    return {m.group(1) for m in roles if m.start() in found}


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
