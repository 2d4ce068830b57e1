"""The legislation a text names: sections, regulations and Acts, read the same way in questions and documents."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.vocabulary.lexicon import entries
from ingest.tokens import tokens


# Legislation a question names: a section ("s47", "section 20", "s.31"), a regulation ("reg 24") or an Act ("the Care
# Act", "childrens act 1989"), read the same way in the question and in the documents (an Act by the word before
# "Act": "Data Protection Act 2018" is the "protection act").
_SECTION = re.compile(r"\b(?:section|sect|sec|s)\.?\s?(\d{1,3})(?:s|[a-z](?=\b))?\b")  # "s47s": section 47
_REGULATION = re.compile(r"\b(?:regulation|reg)\.?\s?(\d{1,3})\b")
_ACT = re.compile(r"\b([a-z]+)(?:'s)? act\b")
_CAPITAL_ACT = re.compile(r"\b([A-Z][a-z]+)(?:'s)? Act\b")
# In a question, "act" is also a verb ("when must the police act"): an Act there is "the <name> Act", "<name> Act
# <year>", or one of the lexicon's legislation.
_NAMED_ACT = re.compile(r"\bthe (?:[a-z]+ ){0,2}([a-z]+)(?:'s)? act\b|\b([a-z]+)(?:'s)? act (?:19|20)\d\d\b")


# "when must the police act", "how fast should the sw act on it": the verb (nothing after it, or how or where)
_VERB_AFTER = re.compile(r"\s*(?:[?.!]*$|(?:on|upon|quickly|fast|now|promptly|immediately|swiftly|if|when|without|to|"
                         r"in|as|together)\b)")


# An example the asker gives ("(eg no s47)", "e.g. under s20, does …"): the question is not about what it names
_EXAMPLE = re.compile(r"\((?:eg|e\.g\.?|for example|such as)\b[^)]*\)|\b(?:eg|e\.g\.?)(?=\s)[^,;:?!()]*", re.I)


def _act(word: str) -> str:
    return f"{word[:-1] if word.endswith('rens') else word} act"  # "childrens act" is the Children Act


def references(text: str, *, question: bool = False) -> set[str]:
    """The sections, regulations and Acts ``text`` names ("section 47", "regulation 24", "children act"); in a
    question, an Act is also one written with capitals ("a Care Act needs assessment"), and an example the asker gives
    names none ("does a decision not to progress something (eg no s47) still need recording")."""
    original = _EXAMPLE.sub(" ", text) if question else text
    original = original.replace("’", "'")
    text = original.lower()
    found = {f"section {m.group(1)}" for m in _SECTION.finditer(text)}
    found |= {f"regulation {m.group(1)}" for m in _REGULATION.finditer(text)}
    if not question:
        return found | {_act(m.group(1)) for m in _ACT.finditer(text)}
    found |= {_act(m.group(1) or m.group(2)) for m in _NAMED_ACT.finditer(text) if not _VERB_AFTER.match(text, m.end())}
    found |= {_act(m.group(1).lower()) for m in _CAPITAL_ACT.finditer(original)}
    return found | {_act(m.group(1)) for m in _ACT.finditer(text) if _act(m.group(1)) in _lexicon_acts()}


def names_all(named: set[str], text: str) -> bool:
    """Does ``text`` name every section and Act in ``named``, a section by its number or by what the lexicon says it
    is ("section 47" or "child protection enquiries", as inspection reports put it; "section 20" or
    "accommodated")?"""
    held = references(text)
    words = phrase_words(tokens(text))
    return all(ref in held or (ref in _section_senses() and holds_phrase(words, _section_senses()[ref]))
               for ref in named)


def phrase_words(stems: list[str]) -> str:
    """Stems as one string to look for a phrase in, "children" read as "child" (the stemmer keeps them apart)."""
    return " ".join("child" if t == "children" else t for t in stems)


def holds_phrase(words: str, phrase: str) -> bool:
    """Does ``words`` (from :func:`phrase_words`) hold ``phrase`` (the same) whole, its words together in order?"""
    return f" {phrase} " in f" {words} "


@lru_cache(maxsize=1)
def _section_senses() -> dict[str, str]:
    """Each section the lexicon spells out, as the stems of what it is, in order ("s47": "section 47 child
    protection enquiries" -> "child protect enquiri"; "s31": "care order", not "care … court orders")."""
    senses = {}
    for entry in entries():
        found = re.fullmatch(r"section (\d+) (.+)", entry.expansion.lower())
        if entry.kind == "legislation" and found:
            senses[f"section {found.group(1)}"] = phrase_words(tokens(found.group(2)))
    return senses


@lru_cache(maxsize=1)
def _lexicon_acts() -> frozenset[str]:
    """The Acts the lexicon spells out ("DPA": Data Protection Act -> "protection act")."""
    return frozenset(_act(m.group(1)) for e in entries() if e.kind == "legislation"
                     for m in _ACT.finditer(e.expansion.lower()))
