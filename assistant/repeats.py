"""No answer says the same thing twice: repeated sentences and repeated citations are dropped.

Run once on every finished answer (extractive, model or findings). Two
citations of the same passage text (the same document filed under two names,
or a paragraph pasted into two documents) become one citation that lists the
other file names in ``also``; a sentence already said is dropped with its
markers; citations are renumbered in order. An answer with nothing repeated
comes back unchanged.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answers import Answer, Citation

MIN_WORDS = 4  # shorter pieces ("Not mentioned.") may repeat legitimately in a list
_MARKERS = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")
_UNIT_END = re.compile(r"(?<=\])\s+(?=[^\[\s])|(?<=[.!?])\s+(?=[A-Z\"“‘(])")


def _key(text: str) -> str:
    text = _MARKERS.sub(" ", text).replace("’", "'").replace("“", '"').replace("”", '"').lower()
    text = _LIST_MARK.sub("", text)  # a list mark is not part of the sentence
    return re.sub(r"\s+", " ", text).strip(" .!?;:\"'")


def _merge_citations(citations: list[Citation]) -> tuple[list[Citation], dict[int, int]]:
    """Citations with one per passage text, and where each old number now points (old n -> kept old n)."""
    kept: dict[str, Citation] = {}
    points: dict[int, int] = {}
    for citation in citations:
        first = kept.get(_key(citation.text))
        if first is None:
            kept[_key(citation.text)] = citation = replace(citation, also=list(citation.also))
            points[citation.n] = citation.n
            continue
        points[citation.n] = first.n
        for name in (citation.source, *citation.also):
            if name != first.source and name not in first.also:
                first.also.append(name)
    return list(kept.values()), points


def _add_markers(unit: str, groups: list[str]) -> str:
    """``unit`` also citing the numbers in ``groups`` (joined to its last marker, or a new one at its end)."""
    extra = [n for group in groups for n in re.split(r"\s*,\s*", group)]
    if not extra:
        return unit
    found = list(_MARKERS.finditer(unit))
    if not found:
        return f"{unit.rstrip()} [{', '.join(extra)}]"
    last = found[-1]
    return f"{unit[:last.start()]}[{last.group(1)}, {', '.join(extra)}]{unit[last.end():]}"


def drop_repeats(answer: Answer) -> Answer:
    """``answer`` without repeated sentences or citations (a new Answer when anything changed)."""
    citations, points = _merge_citations(answer.citations)
    first_said: dict[str, tuple[int, int]] = {}  # sentence -> (line, unit) where it was first said
    lines: list[list[str]] = []
    dropped = False
    heading = ""  # a list item says the same again only under the same heading: two councils' rows may match
    for line in answer.answer.split("\n"):
        units: list[str] = []
        listed = bool(_LIST_MARK.match(line))
        if not listed and line.rstrip().endswith(":"):
            heading = _key(line)
        for unit in _UNIT_END.split(line):
            said = _key(unit)
            key = f"{heading}\n{said}" if listed and heading else said
            if len(said.split()) >= MIN_WORDS and key in first_said:
                dropped = True
                at_line, at_unit = first_said[key]
                holder = lines[at_line] if at_line < len(lines) else units
                holder[at_unit] = _add_markers(holder[at_unit], _MARKERS.findall(unit))
                continue
            first_said.setdefault(key, (len(lines), len(units)))
            units.append(unit)
        lines.append(units)
    if not dropped and len(citations) == len(answer.citations):
        return answer
    numbers = {citation.n: new for new, citation in enumerate(citations, start=1)}

    def renumber(match: re.Match[str]) -> str:
        cited: list[str] = []
        for old in re.split(r"\s*,\s*", match.group(1)):
            new = numbers.get(points.get(int(old), int(old)))
            if new is not None and str(new) not in cited:
                cited.append(str(new))
        return f"[{', '.join(cited)}]" if cited else ""

    text = _MARKERS.sub(renumber, "\n".join(" ".join(units) for units in lines if units))
    renumbered = [replace(citation, n=numbers[citation.n]) for citation in citations]
    return replace(answer, answer=text, citations=renumbered)
