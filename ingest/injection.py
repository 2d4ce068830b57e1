"""Indirect prompt injection (OWASP LLM01): sentences planted in documents to steer an assistant.

A sentence is flagged when it addresses an assistant or a model, tells the
reader to ignore, replace or override earlier guidance or instructions, or
tells whoever answers what to say ("when anyone asks about X, answer that
..."). The patterns are data (:data:`PATTERNS`), each with a name that the
manifest records. Ingest withholds flagged sentences: :func:`mark` swaps each
for an invisible marker before splitting, :func:`unmark` removes the markers
from each passage and reports what was withheld, so a flagged sentence is
never stored, embedded, quoted or shown to a model, and the manifest can
still say where one was (for a manager to check the file).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.splitter import split_sentences

# (name, pattern) — matched case-insensitively against one sentence, bullet and heading marks removed.
_AI = r"(?:ai|a\.i\.|artificial intelligence|(?:ai |virtual |digital )?assistant|chat ?bot|bot|(?:large )?language model|llm|gpt|chatgpt|claude|copilot|gemini)"
_GUIDANCE = r"(?:guidance|instructions?|directions?|rules|prompts?|context|procedures?|polic(?:y|ies)|text|content|messages?)"
_IMPERATIVE = r"(?:^|[,;:]\s*|\b(?:please|now|then|and|always|you (?:must|should|can|may|need to|are to|will)|just)\s+)"
PATTERNS: tuple[tuple[str, str], ...] = (
    ("addresses-assistant", rf"^(?:dear|hey|hi|hello|attention|note (?:to|for)|message (?:to|for)|instructions? (?:to|for))\s+(?:the |any |all |an? )?{_AI}s?\b"),
    ("addresses-assistant", rf"^{_AI}s?\s*[:,]"),
    ("addresses-assistant", rf"\byou\s+are\s+(?:now\s+|actually\s+)?(?:an?\s+|the\s+)?{_AI}\b"),
    ("addresses-assistant", rf"\bas an?\s+{_AI}\b"),
    ("addresses-assistant", rf"\b{_AI}s?\s+(?:reading|processing|summari[sz]ing|answering|indexing|(?:that|which|who) (?:reads?|process(?:es)?|answers?))\b"),
    ("addresses-assistant", rf"\b(?:ai|a\.i\.|chat ?bots?|language models?|llms?|(?:ai |virtual |digital )assistants?)\s+(?:must|should|shall|will|need to|are to|is to)\s+(?:always\s+|now\s+|only\s+)?(?:say|answer|reply|respond|tell|state|ignore|disregard|treat|use)\b"),
    ("overrides-guidance", rf"{_IMPERATIVE}(?:ignore|disregard|forget|override|overrule|bypass|set aside|replace|discard)\s+(?:all\s+|any\s+|everything\s+)?(?:of\s+)?(?:the\s+|your\s+|my\s+|these\s+|those\s+|this\s+)?(?:previous|prior|earlier|above|preceding|foregoing|original|existing|system|former|other)\b"),
    ("overrides-guidance", rf"{_IMPERATIVE}(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+|these\s+|those\s+|this\s+)?{_GUIDANCE}\b"),
    ("overrides-guidance", r"\b(?:ignore|disregard|forget)\s+(?:everything|anything|all)\s+(?:above|before|else|previously|(?:that\s+)?you (?:were|have been) told)\b"),
    ("overrides-guidance", r"\b(?:new|real|actual|true|updated) instructions?\s*(?::|(?:is|are)\b)"),
    ("overrides-guidance", r"\bsystem\s+(?:prompt|message|instructions?)\b|<\|?(?:im_start|im_end|system|endoftext)\|?>|\[/?inst\]"),
    ("answer-instruction", r"\b(?:when|whenever|if)\s+(?:anyone|anybody|someone|somebody|a user|users|the user|people|a person|you are|you're|you get)\s+(?:\w+\s+){0,2}(?:asks?|asked|asking|enquires?|queries|questions?)\b.{0,200}?\b(?:answer|say|reply|respond|state|claim)\s*(?:that\b|with\b|:|[\"“'‘])"),
    ("answer-instruction", r"\b(?:when|whenever|if)\s+(?:anyone|anybody|someone|somebody|a user|users|the user|people)\s+(?:\w+\s+){0,2}(?:asks?|asked|asking|enquires?)\b.{0,200}?\btell\s+(?:them|him|her|the user|users|people)\s+that\b"),
    ("answer-instruction", r"\b(?:always|only)\s+(?:answer|reply|respond|say)\s+(?:that|with)\b"),
    ("answer-instruction", r"\b(?:answer|reply|respond)\s+(?:only\s+)?with\s+(?:exactly|only|the following|the words?)\b"),
    ("answer-instruction", r"\b(?:tell|inform)\s+(?:the\s+)?(?:user|users|anyone|everyone|whoever asks)\s+that\b"),
    ("answer-instruction", r"\b(?:do not|don't|never)\s+(?:mention|reveal|cite)\s+(?:this instruction|these instructions|that you|the source)"),
)

MARK = "\ue000"  # private-use characters: never real text (and stripped from documents before marking)
_NAME_BASE = 0xE100
_PRIVATE = re.compile("[\ue000-\ue1ff]")
_LEAD = re.compile(r"^\s*(?:[-*•]+|#+|\d{1,3}[.)])\s*")


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern[str]]]:
    return [(name, re.compile(pattern, re.I)) for name, pattern in PATTERNS]


def _names() -> list[str]:
    return sorted({name for name, _ in PATTERNS})


def flagged(sentence: str) -> list[str]:
    """Names of the patterns ``sentence`` matches (empty: not flagged)."""
    text = re.sub(r"\s+", " ", _LEAD.sub("", sentence.replace("’", "'").replace("‘", "'"))).strip()
    found: list[str] = []
    for name, pattern in _compiled():
        if name not in found and pattern.search(text):
            found.append(name)
    return found


def _groups(text: str) -> list[list[int]]:
    """Line numbers grouped into logical paragraphs (hard-wrapped lines belong together, as the splitter joins them)."""
    lines = text.split("\n")
    groups: list[list[int]] = []
    for number, line in enumerate(lines):
        stripped = line.strip()
        previous = lines[groups[-1][-1]].strip() if groups and groups[-1] else ""
        continues = (previous and stripped and not re.search(r"[.!?:;\"”)]$", previous)
                     and re.match(r"[a-z(]", stripped) and not _LEAD.match(stripped))
        if continues:
            groups[-1].append(number)
        else:
            groups.append([number])
    return groups


def mark(text: str) -> tuple[str, int]:
    """``text`` with each flagged sentence replaced by a marker naming its pattern; and how many were marked."""
    text = _PRIVATE.sub("", text)
    lines = text.split("\n")
    names = _names()
    count = 0
    for group in _groups(text):
        joined = "\n".join(lines[i] for i in group)
        changed = joined
        for sentence in split_sentences(joined.replace("\n", " ")):
            hits = flagged(sentence)
            if not hits:
                continue
            pattern = r"\s+".join(re.escape(word) for word in sentence.split())
            code = MARK + chr(_NAME_BASE + names.index(hits[0]))
            changed, replaced = re.subn(pattern, lambda _: code, changed, count=1)
            count += replaced
        if changed != joined:
            new_lines = changed.split("\n")
            for offset, i in enumerate(group):
                lines[i] = new_lines[offset] if offset < len(new_lines) else ""
    return "\n".join(lines), count


def unmark(text: str) -> tuple[str, list[str]]:
    """``text`` without markers (and without the lines they emptied); the pattern names of what was withheld."""
    names = _names()
    withheld = [names[ord(code) - _NAME_BASE] for code in re.findall(MARK + "(.)", text)
                if 0 <= ord(code) - _NAME_BASE < len(names)]
    if not withheld:
        return text, []
    kept = []
    for line in text.split("\n"):
        cleaned = re.sub(r"[ \t]*" + MARK + ".", "", line)
        if MARK in line and not re.sub(r"^[-*•#\s]*", "", cleaned).strip():
            continue  # the line held nothing but withheld text
        kept.append(cleaned.strip() if MARK in line else cleaned)
    return "\n".join(kept), withheld


def withhold(text: str) -> str:
    """``text`` with its flagged sentences removed (for text that did not pass through ingest's screening)."""
    return unmark(mark(text)[0])[0]
