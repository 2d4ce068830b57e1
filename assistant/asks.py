"""The asks of a message: the kinds of fact it asks for besides the one its answer leads with ("icpc timescale and
who chairs it" also asks who chairs it). ``more_asks`` answers them; ``answerability`` reads the event a timescale is
asked of without them ("norfolk transfer in conf timescale and who do i send the form to": the form is not timed)."""

from __future__ import annotations

import re

from assistant.answer_types import asked_for


# A second question joined to the first ("icpc timescale and who chairs it", "tms - who supervises them, how often"):
# a join, then a question word opening a clause that asks for another kind of fact.
_SECOND_ASK = re.compile(r"(?:\s+and\s+|\s+also\s+|\s*[,;+&]\s*|\s+-+\s+)(?=(?:who|whom|whose|how|when|by when)\b)",
                         re.I)


def other_asks(question: str, kind: str | None) -> list[tuple[str, str]]:
    """The kinds of fact a question asks for besides ``kind`` (the one its answer leads with), each with the clause
    that asks it, in order: "icpc timescale and who chairs it" also asks "who chairs it" (a person)."""
    asks: list[tuple[str, str]] = []
    for join in _SECOND_ASK.finditer(question):
        clause = re.split(r"\s+and\s+|\s*[,;]\s*|\s+-+\s+", question[join.end():])[0].strip(" ?.!")
        other = asked_for(clause)
        if other and other != kind and other not in {k for k, _ in asks}:
            asks.append((other, clause))
    return asks


def own_clause(question: str, kind: str | None) -> str:
    """``question`` less the clauses that ask another kind of fact than ``kind`` (``other_asks``)."""
    for _, clause in other_asks(question, kind):
        question = question.replace(clause, " ", 1)
    return question
