"""Structure-aware splitting: headings start sections, bullets and sentences stay whole.

Passages aim at ``TARGET_WORDS`` and never pass ``MAX_WORDS`` unless a single
sentence does; all-MiniLM-L6-v2 reads 256 word pieces, about 190 words, so
longer passages would be cut short by the embedding model.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ingest.metadata import parse_date
from ingest.models import Document, Passage

TARGET_WORDS = 150
MAX_WORDS = 200
MIN_WORDS = 40

_BULLET = re.compile(r"^\s*(?:[-*•◼■▪●◦‣–—]|\(?[a-z]\)|\d{1,2}\))\s+")
_NUMBERED_PARAGRAPH = re.compile(r"^\d{1,3}\.\s+\S")
_SIGN_OFF = re.compile(r"^(Yours (sincerely|faithfully|truly)|(Kind|Best|Warm) (regards|wishes)|Regards)\b", re.I)
# A labelled field of a cover page or a letter ("Lead inspector: Matt Reed Her Majesty's Inspector", "Copy: Neil
# Schneider, Chief Executive, ..."): a label of one or two words, then a value of three or more. It states a fact and
# is text; "Step 1: Referral" and "5.6 Key features of the assessment" stay headings (but not with an editor's note
# that the list is left out: see omits).
_FIELD = re.compile(r"^[A-Za-z’']+(?: [A-Za-z’']+)?: +\S+(?: +\S+){2,}")
# An editor's note that this copy leaves something out ("Key features of the assessment: (list not included in this
# copy)", "[text omitted]"): the line states that the documents do not hold it.
_OMISSION = re.compile(r"[(\[][^)\]]*\b(not (included|reproduced|shown|given) (in|here)|omitted|redacted|removed from this)\b"
                       r"[^)\]]*[)\]]", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9■•])")


@dataclass
class Block:
    kind: str  # heading | bullet | para
    text: str


def words(text: str) -> int:
    return len(text.split())


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations like 'e.g.' and 'No. 23' are not ends."""
    protected = re.sub(r"\b(e\.g|i\.e|etc|No|no|para|paras|Mr|Mrs|Ms|Dr|St|vs|cf)\.", r"\1<DOT>", text)
    parts = _SENTENCE_END.split(protected)
    return [part.replace("<DOT>", ".").strip() for part in parts if part.strip()]


OMISSION_LABEL = 10  # words before the note: "When a review must be completed:" labels what is missing


def omits(text: str) -> bool:
    """Does the text say this copy leaves its content out, and nothing more? A label and the note ("Key features of
    the assessment: (list not included in this copy)") do; a statement with a note after it ("Most Core Assessments
    are expected to result in ongoing services being provided, so a Care Plan has to be completed: (details not
    included in this copy)") states the first part."""
    found = _OMISSION.search(text)
    return bool(found) and len(text[:found.start()].split()) <= OMISSION_LABEL and not re.search(
        r"\w", text[found.end():])  # "Contact [name redacted] for advice" is an instruction


def _looks_like_heading(line: str) -> bool:
    if line.startswith("#"):
        return True
    if _OMISSION.search(line):
        return False  # "5.6 Key features of the assessment: (list not included in this copy)" says the list is missing
    n = words(line)
    limit = 20 if re.search(r"\w: \w", line) else 16  # "Area of practice: judgement" headings run longer
    if n == 0 or n > limit or len(line) > 130 or _BULLET.match(line) or _NUMBERED_PARAGRAPH.match(line):
        return False
    if re.search(r"[.,;:]$", line) or not re.match(r"[A-Z0-9‘'\"]", line):
        return False
    if line.endswith("?") and n > 9:
        return False
    if _FIELD.match(line):
        return False
    if parse_date(line) or re.search(r"@|www\.|\bT \d|^Dear\b", line):
        return False
    if re.match(r"(?i)(last |next )?review(ed|s)?\b[^.]*\b(19|20)\d\d\b", line):
        return False  # "Review dates: last reviewed April 2020; ..." is a line of text, not a section heading
    return True


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Re-join lines that a page break or a hard wrap cut in the middle of a sentence."""
    out: list[str] = []
    pending_blank = False
    for raw in lines:
        line = raw.strip()
        if not line:
            pending_blank = True
            continue
        prev = out[-1] if out else ""
        if prev and not re.search(r"[.!?:;\"”)]$", prev) and re.match(r"[a-z(]", line) and not _BULLET.match(line):
            out[-1] = f"{prev} {line}"
        else:
            if pending_blank and out:
                out.append("")
            out.append(line)
        pending_blank = False
    return out


def to_blocks(text: str) -> list[Block]:
    lines = _join_broken_lines(text.split("\n"))
    # Group consecutive non-blank lines; a run of several short lines (an address) is body text.
    groups: list[list[str]] = [[]]
    for line in lines:
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    blocks: list[Block] = []
    signed = False  # after a letter's sign-off, every line is text: the signatory's name and post, the copy list
    for group in groups:
        if not group:
            continue
        sign_offs = [bool(_SIGN_OFF.match(line)) for line in group]
        heading_like = [_looks_like_heading(line) and not (signed or off) for line, off in zip(group, sign_offs)]
        signed = signed or any(sign_offs)
        if len(group) > 2 and all(heading_like) and not any(line.startswith("#") for line in group):
            blocks.append(Block("para", "\n".join(group)))
            continue
        for line, is_heading in zip(group, heading_like):
            if is_heading:
                blocks.append(Block("heading", line.lstrip("#").strip()))
            elif _BULLET.match(line):
                blocks.append(Block("bullet", "- " + _BULLET.sub("", line, count=1).strip()))
            elif blocks and blocks[-1].kind == "bullet" and not _NUMBERED_PARAGRAPH.match(line) and len(group) > 1:
                blocks[-1].text += " " + line  # a bullet's wrapped continuation
            else:
                blocks.append(Block("para", line))
    # A heading followed directly by another heading keeps only the later one as the section.
    return blocks


def _same(a: str, b: str) -> bool:
    a, b = " ".join(a.lower().split()), " ".join(b.lower().split())
    return bool(a and b) and (a in b or b in a)


def _units(blocks: list[Block], *, title: str = "") -> list[tuple[str, str]]:
    """(section, unit text) pairs; long paragraphs split into sentence runs."""
    units: list[tuple[str, str]] = []
    section = outer = ""  # outer: the last heading that had text under it
    bare = False  # the current heading has no text under it yet
    for block in blocks:
        if block.kind == "heading":
            if bare and not (not units and _same(section, title)):
                # A heading with nothing under it (a title over a heading, a sign-off line) is text, not dropped;
                # it belongs to the section it follows. The document's own title is its metadata already.
                units.append((outer, section))
            section, bare = block.text, True
            continue
        bare, outer = False, section
        if words(block.text) <= MAX_WORDS:
            units.append((section, block.text))
            continue
        chunk: list[str] = []
        for sentence in split_sentences(block.text):
            if chunk and words(" ".join(chunk + [sentence])) > TARGET_WORDS:
                units.append((section, " ".join(chunk)))
                chunk = []
            chunk.append(sentence)
        if chunk:
            units.append((section, " ".join(chunk)))
    if bare:
        units.append((outer, section))
    return units


def _pack(units: list[tuple[str, str]]) -> list[tuple[str, str]]:
    passages: list[tuple[str, list[str]]] = []
    for section, text in units:
        current = passages[-1] if passages else None
        fits = current is not None and words(" ".join(current[1] + [text])) <= TARGET_WORDS
        same_section = current is not None and current[0] == section
        lead_in = current is not None and current[1][-1].endswith(":") and words(" ".join(current[1] + [text])) <= MAX_WORDS
        if current is not None and same_section and (fits or lead_in):
            current[1].append(text)
        else:
            passages.append((section, [text]))
    # Fold tiny passages into a neighbour so none is too thin to stand alone.
    merged: list[tuple[str, list[str]]] = []
    for section, texts in passages:
        if merged and (words(" ".join(merged[-1][1])) < MIN_WORDS or words(" ".join(texts)) < MIN_WORDS):
            previous_section, previous_texts = merged[-1]
            if words(" ".join(previous_texts + texts)) <= MAX_WORDS:
                label = previous_section if previous_section == section or not section else (
                    f"{previous_section} / {section}" if previous_section else section
                )
                merged[-1] = (label, previous_texts + texts)
                continue
        merged.append((section, texts))
    return [(section, "\n".join(texts)) for section, texts in merged]


def passage_id(source: str, section: str, text: str) -> str:
    return hashlib.sha1(f"{source}\n{section}\n{text}".encode()).hexdigest()[:20]


def split_document(document: Document) -> list[Passage]:
    """Passages of ``document`` in reading order, each carrying the document's metadata."""
    passages: list[Passage] = []
    seen: set[str] = set()
    for position, (section, text) in enumerate(_pack(_units(to_blocks(document.text), title=document.title))):
        pid = passage_id(document.source, section, text)
        if pid in seen:
            pid = passage_id(document.source, section, f"{text}\n#{position}")
        seen.add(pid)
        passages.append(
            Passage(
                id=pid,
                source=document.source,
                text=text,
                title=document.title,
                section=section,
                date=document.date,
                doc_type=document.doc_type,
                url=document.url,
                authorities=list(document.authorities),
                position=position,
                content_hash=document.content_hash,
            )
        )
    return passages
