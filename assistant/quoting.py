"""Check that a wording is quoted verbatim from given passages, and cite each sentence.

A manager-approved answer follows the rule every answer follows: each sentence
is copied from a cited passage. A sentence may leave out words with an ellipsis
("…" or "..."), its first letter's case and its final full stop may differ, and
quotation marks, dashes and white space are compared loosely; nothing else may
change. ``[n]`` markers typed by hand are ignored and put back by the check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.splitter import split_sentences

MAX_CHARS = 2800
_MARKER = re.compile(r"\s*\[\d+\]")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")
_BULLET = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")


class NotQuoted(ValueError):
    """The wording is not quoted from the passages; ``problems`` says why, one line each (safe to show to the
    person who wrote it), and ``fields`` which part of the form each is about ("title", "passages", "wording")."""

    def __init__(self, problems: list[str], *, fields: list[str] | None = None) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
        self.fields = fields or ["wording"] * len(problems)

    def by_field(self) -> dict[str, str]:
        """One message per form field."""
        merged: dict[str, list[str]] = {}
        for field, problem in zip(self.fields, self.problems):
            merged.setdefault(field, []).append(problem)
        return {field: " ".join(problems) for field, problems in merged.items()}


@dataclass
class Quoted:
    """The checked wording with ``[n]`` markers, and the passages it cites (indexes into the input, in order)."""

    wording: str
    used: list[int]


def loose(text: str) -> str:
    """Lower case; curly quotes, dashes and runs of white space made plain."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def _pieces(sentence: str) -> list[str]:
    """The verbatim runs of a sentence: split at ellipses, end punctuation and outer quotes removed."""
    pieces = []
    for piece in _ELLIPSIS.split(sentence):
        piece = piece.strip().strip("\"'\u201c\u201d\u2018\u2019").strip()
        piece = re.sub(r"[.;:,!?]+$", "", piece).strip()
        if piece:
            pieces.append(piece)
    return pieces


def check_quoted(wording: str, passages: list[str], *, labels: list[str] | None = None) -> Quoted:
    """Every sentence of ``wording`` must be found in one of ``passages`` and every passage must be quoted;
    returns the wording with each sentence cited as ``[n]`` (numbered by first use). Raises :class:`NotQuoted`."""
    labels = labels or [f"passage {i + 1}" for i in range(len(passages))]
    text = _MARKER.sub("", wording or "").strip()
    if not passages:
        raise NotQuoted(["Tick at least one passage that supports the answer."], fields=["passages"])
    if not text:
        raise NotQuoted(["Write the answer, quoting the ticked passages."])
    if len(text) > MAX_CHARS:
        raise NotQuoted([f"Keep the answer under {MAX_CHARS} characters."])
    problems: list[str] = []

    haystacks = [loose(p) for p in passages]
    numbers: dict[int, int] = {}
    lines: list[str] = []
    for line in text.split("\n"):
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        cited: list[str] = []
        for sentence in split_sentences(line):
            pieces = _pieces(sentence)
            if not pieces:
                continue
            homes = []
            for piece in pieces:
                home = next((i for i, hay in enumerate(haystacks) if loose(piece) in hay), None)
                if home is None:
                    problems.append(f"Not found word for word in the ticked passages: “{_short(piece)}”")
                else:
                    homes.append(home)
            refs = "".join(f"[{numbers.setdefault(i, len(numbers) + 1)}]" for i in dict.fromkeys(homes))
            cited.append(f"{sentence} {refs}" if refs else sentence)
        lines.append(" ".join(cited))
    if problems:
        raise NotQuoted(problems)
    unused = [labels[i] for i in range(len(passages)) if i not in numbers]
    if unused:
        raise NotQuoted([f"Ticked but not quoted: {label}. Untick it or quote it." for label in unused],
                        fields=["passages"] * len(unused))
    used = [i for i, _ in sorted(numbers.items(), key=lambda item: item[1])]
    return Quoted(wording="\n".join(lines), used=used)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
