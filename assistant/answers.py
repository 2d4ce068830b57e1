"""What every answering path returns: an :class:`Answer` with its numbered :class:`Citation` list.

The extractive composer, the language-model answerer, the findings answerer,
the terminal, JSON and Slack all share these types, so none of them depends
on another's module. ``outcome`` is "answered", "partial" (the documents say
something near, not what was asked) or "not_found"; ``abstained`` is true for
the last two (DESIGN.md's ``ask --json`` contract).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.retriever import Hit
    from assistant.understand import Query

NOT_FOUND = "I couldn't find this in the knowledge base."
OUTCOMES = ("answered", "partial", "not_found")


@dataclass
class Citation:
    """One numbered source. The first seven fields are DESIGN.md's ``ask --json`` contract; the rest say
    whether the document is current (filled in by assistant/currency.py)."""

    n: int
    source: str
    title: str
    section: str
    date: str
    url: str
    text: str
    also: list[str] = field(default_factory=list)  # other file names holding the same document
    reviewed: str = ""  # last reviewed: 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY' | ''
    review_due: str = ""  # next review due, same forms
    review_overdue_since: str = ""  # 'April 2022' when the next review date has passed, else ''
    superseded_by: dict | None = None  # {"source", "title", "date"} of a later inspection of the same council

    def to_json(self) -> dict:
        return asdict(self)

    def notes(self) -> list[str]:
        """What a reader should know about the document's currency, e.g. 'review overdue since April 2022'."""
        notes = []
        if self.review_overdue_since:
            notes.append(f"review overdue since {self.review_overdue_since}")
        if self.superseded_by:
            newer = self.superseded_by
            when = human_date(newer.get("date", ""))
            notes.append(f"superseded by {newer.get('title', '')}" + (f" ({when})" if when else ""))
        return notes


@dataclass(init=False)
class Answer:
    """One reply. Build it with ``outcome=`` (or, as older callers do, ``abstained=``: True means not found)."""

    question: str
    answer: str
    outcome: str
    citations: list[Citation]
    hits: list[Hit]
    checked: list[str]  # titles of the nearest documents, when abstaining
    reason: str  # why we abstained: no-documents | unknown-authority | staff-matter | weak-evidence | no-quantity | ...
    latency_ms: float
    mode: str  # extractive | llm | findings

    def __init__(
        self,
        question: str,
        answer: str = "",
        *,
        outcome: str | None = None,
        abstained: bool | None = None,
        citations: list[Citation] | None = None,
        hits: list[Hit] | None = None,
        checked: list[str] | None = None,
        reason: str = "",
        latency_ms: float = 0.0,
        mode: str = "extractive",
    ) -> None:
        if outcome is None:
            outcome = "not_found" if abstained else "answered"
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown answer outcome {outcome!r}; one of {', '.join(OUTCOMES)}")
        if abstained is not None and abstained != (outcome != "answered"):
            raise ValueError(f"abstained={abstained} contradicts outcome={outcome!r}")
        self.question = question
        self.answer = answer
        self.outcome = outcome
        self.citations = list(citations or [])
        self.hits = list(hits or [])
        self.checked = list(checked or [])
        self.reason = reason
        self.latency_ms = latency_ms
        self.mode = mode

    @property
    def abstained(self) -> bool:
        """True unless the documents answered what was asked (partial and not found both abstain)."""
        return self.outcome != "answered"

    @abstained.setter
    def abstained(self, value: bool) -> None:
        if not value:
            self.outcome = "answered"
        elif self.outcome == "answered":
            self.outcome = "not_found"

    def to_json(self) -> dict:
        """The `ask --json` object (DESIGN.md), plus the nearest documents checked when abstaining."""
        return {
            "question": self.question,
            "abstained": self.abstained,
            "outcome": self.outcome,
            "answer": self.answer,
            "citations": [c.to_json() for c in self.citations],
            "checked": self.checked,
            "latency_ms": round(self.latency_ms, 1),
        }


def human_date(value: str) -> str:
    """'2011-06-09' -> '9 June 2011'; a bare year or '' stays as it is."""
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{parsed.day} {parsed.strftime('%B')} {parsed.year}"


def citation_for(n: int, hit: Hit) -> Citation:
    """Citation number ``n`` for a retrieved passage."""
    p = hit.passage
    return Citation(n=n, source=p.source, title=p.title, section=p.section, date=p.date, url=p.url, text=p.text,
                    also=list(p.also))


def nearest_titles(hits: list[Hit], *, limit: int = 3) -> list[str]:
    """Distinct 'Title (9 June 2011)' labels of the best hits, for "the nearest documents I checked"."""
    titles: list[str] = []
    for hit in hits:
        label = hit.passage.title + (f" ({human_date(hit.passage.date)})" if hit.passage.date else "")
        if label not in titles:
            titles.append(label)
        if len(titles) == limit:
            break
    return titles


def abstain(query: Query, hits: list[Hit], *, reason: str, message: str = NOT_FOUND,
            outcome: str = "not_found") -> Answer:
    """A reply that does not answer: ``message`` and the nearest documents checked."""
    checked = nearest_titles(hits)
    text = message
    if checked:
        text += " The nearest documents I checked were: " + "; ".join(checked) + "."
    return Answer(question=query.text, answer=text, outcome=outcome, hits=hits, checked=checked, reason=reason)
