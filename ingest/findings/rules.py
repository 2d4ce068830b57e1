"""Inspection findings from a document's own structure: one record per listed finding, with its passage.

Rules only, read from the splitter's blocks: a findings heading ("What needs to
improve?", "Areas for development", "Areas for priority action",
"Recommendations", "The service meets the requirements of statutory guidance
in the following areas") starts a list; its bullets (or numbered items) are
the findings; the next heading or ordinary paragraph ends it. Each finding
keeps the passage that contains it, so its citation is what the retriever shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.findings.judgements import (
    Judgement, heading_judgement, inspection_dates, inspection_type, previous_inspection, table_judgements,
)
from ingest.findings.themes import main_theme, themes_of
from ingest.models import Document, Passage
from ingest.splitter import Block, to_blocks

# Stored with each version's findings: a version holding findings of other rules is re-extracted at the next
# refresh. Bump it whenever what the rules extract changes (tests/unit/ingest/findings pins it to the output).
RULES_VERSION = "3"  # 3: passage ids change with the cutting (headings kept as text)
KINDS = ("strength", "area_for_development", "needs_to_improve", "priority_action", "recommendation")
IMPROVEMENT_KINDS = ("area_for_development", "needs_to_improve", "priority_action", "recommendation")

_HEADINGS = [
    ("needs_to_improve", r"what needs to improve\b.*|what the local authority needs to improve\b.*"),
    ("priority_action", r"(?:areas? (?:for|of|requiring) )?priority action\w*(?: required)?"),
    ("area_for_development", r"areas? (?:for|of|requiring) (?:development|improvement)|areas? to (?:develop|improve)"),
    ("recommendation", r"recommendations?(?: for improvement)?"),
    ("strength", r"(?:the service )?meets the requirements of statutory guidance in the following areas|"
                 r"(?:areas? of |key )?strengths?|what is working well"),
]
_HEADING_RES = [(kind, re.compile(rf"(?:\d+(?:\.\d+)*\.?\s+)?(?:{pattern})", re.I)) for kind, pattern in _HEADINGS]
# A PDF's private-use or symbol bullet the splitter does not know; numbered items like "1." or "(a)".
_ODD_BULLET = re.compile(r"^[^\w\s\"'“‘(\[#£$%&]\s+")
_SWALLOWED = re.compile(r"\s((?:The (?:impact|experiences)|Overall effectiveness)[^:]{0,120}[:\-–—]\s*\w[\w ]{0,40}\.?)$")
MAX_ITEM_WORDS = 120
_NUMBERED = re.compile(r"^(?:\d{1,2}[.)]|\(?[a-z]\))\s+")
PREVIOUS = re.compile(
    r"\b(?:was|were|is|remains?|continues? to be) (?:also |still )?an? areas? (?:of|for) (?:development|improvement|"
    r"priority action)\w* (?:identified )?(?:at|in|during|from) the (?:previous|last|prior) inspection"
    r"|\b(?:was|were|had been) (?:also )?(?:identified|found|raised|highlighted|reported) (?:as an? \w+(?: \w+)? )?"
    r"(?:at|in|during|by) the (?:previous|last|prior) inspection"
    r"|\bremains? an area for (?:development|improvement)"
    r"|\bha(?:s|ve) not (?:yet )?(?:sufficiently )?improved since the (?:previous|last) inspection",
    re.I,
)


@dataclass
class Finding:
    kind: str
    theme: str
    themes: list[str]
    text: str
    previous: str  # "repeated" (an earlier finding still open), "addressed" (an earlier one now met), or ""
    judgement: str  # "area: grade" that applies to the finding, or ""
    passage: Passage | None
    position: int
    origin: str = "rules"  # "rules", or "model" for a verified language-model addition

    @property
    def repeated(self) -> bool:
        return self.previous == "repeated"


@dataclass
class Inspection:
    source: str
    title: str
    date: str
    authorities: list[str]
    inspection_type: str
    inspection_dates: str
    previous: str  # when the document says the previous inspection was, or ''
    judgements: list[tuple[Judgement, Passage | None]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def is_inspection(document: Document) -> bool:
    return document.doc_type == "inspection-letter"


def heading_kind(text: str) -> str | None:
    """The findings kind a heading introduces, or None. Headings are short; a sentence never qualifies."""
    line = text.strip().lstrip("#").strip().rstrip(":?. ").strip()
    if not line or len(line.split()) > 14:
        return None
    for kind, pattern in _HEADING_RES:
        if pattern.fullmatch(line):
            return kind
    return None


def _item(block: Block) -> tuple[str | None, str]:
    """(item text, "bullet" | "numbered") when the block is a list item, else (None, "")."""
    text = block.text.strip()
    if block.kind == "bullet":
        return re.sub(r"^- ", "", text).strip(), "bullet"
    if block.kind == "para" and _ODD_BULLET.match(text):
        return _ODD_BULLET.sub("", text, count=1).strip(), "bullet"
    # Numbered items make a list only when the list starts with them (ILACS narrative paragraphs are numbered too).
    if block.kind == "para" and _NUMBERED.match(text) and len(text.split()) <= MAX_ITEM_WORDS:
        return _NUMBERED.sub("", text, count=1).strip(), "numbered"
    return None, ""


def _blocks(text: str) -> list[Block]:
    """The splitter's blocks, with a judgement heading that a bullet swallowed as its continuation cut back out."""
    blocks: list[Block] = []
    for block in to_blocks(text):
        cut = _SWALLOWED.search(block.text) if block.kind == "bullet" else None
        if cut and heading_judgement(cut.group(1)):
            blocks.append(Block("bullet", block.text[: cut.start()].rstrip()))
            blocks.append(Block("heading", cut.group(1)))
        else:
            blocks.append(block)
    return blocks


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def passage_for(text: str, passages: list[Passage]) -> Passage | None:
    """The passage containing ``text`` (or, for a finding split across passages, its first sentence)."""
    wanted = _norm(text)
    for candidate in (wanted, _norm(re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0])):
        for passage in passages:
            if candidate and candidate in _norm(passage.text):
                return passage
    return None


def _judgement_passage(judgement: Judgement, passages: list[Passage]) -> Passage | None:
    line = _norm(judgement.line)
    for passage in passages:
        if line in _norm(passage.text) or _norm(passage.section).endswith(line):
            return passage
    for passage in passages:  # a heading-only judgement: the first passage of its section
        if line in _norm(passage.section):
            return passage
    return None


def extract(document: Document, passages: list[Passage]) -> Inspection | None:
    """Findings, judgements and inspection facts of an inspection document; None for other documents."""
    if not is_inspection(document):
        return None
    judgements = {j.key: j for j in table_judgements(document.text)}
    kind: str | None = None
    area: Judgement | None = None
    items: list[tuple[str, str, Judgement | None]] = []
    started = False
    style = ""
    for block in _blocks(document.text):
        stated = heading_judgement(block.text) if block.kind in ("heading", "para") else None
        if stated is not None:
            judgements.setdefault(stated.key, stated)
            area, kind = stated, None
            continue
        new_kind = heading_kind(block.text) if block.kind in ("heading", "para") else None
        if new_kind is not None:
            kind, style = new_kind, ""
            continue
        if kind is None:
            continue
        text, item_style = _item(block)
        if text and style in ("", item_style):
            items.append((kind, text, area))
            style = item_style
        elif block.kind == "heading" or style or not block.text.rstrip().endswith(":"):
            kind = None  # a list ends at the next heading or ordinary paragraph; a lead-in line may precede it
    overall = judgements.get("overall effectiveness")
    inspection = Inspection(
        source=document.source,
        title=document.title,
        date=document.date,
        authorities=list(document.authorities),
        inspection_type=inspection_type(document.title, document.text),
        inspection_dates=inspection_dates(document.title, document.text),
        previous=previous_inspection(document.text),
        judgements=[(j, _judgement_passage(j, passages)) for j in judgements.values()],
    )
    for position, (item_kind, text, item_area) in enumerate(items):
        applies = judgements.get(item_area.key) if item_area else overall
        marked = bool(PREVIOUS.search(text))
        inspection.findings.append(Finding(
            kind=item_kind,
            theme=main_theme(text),
            themes=themes_of(text),
            text=text,
            previous=("addressed" if item_kind == "strength" else "repeated") if marked else "",
            judgement=f"{applies.key}: {applies.grade}" if applies else "",
            passage=passage_for(text, passages),
            position=position,
        ))
    return inspection
