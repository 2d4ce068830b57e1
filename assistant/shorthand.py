"""How a sentence spells out a piece of shorthand a question names ("Other Local Authorities (OLAs)" for "what
does OLA stand for"): the patterns the "expansion" and "definition" kinds of assistant/answer_types.py look for."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.vocabulary.lexicon import entries

# Lexicon kinds that are shorthand for something longer ("OLA", "ICPC", "LADO"); clipped words and nicknames are not.
_SHORTHAND_KINDS = frozenset({"abbreviation", "body", "process", "plan", "role", "legislation", "name"})
_CAPITALS = re.compile(r"\b[A-Z][A-Z&]{1,6}s?\b")


@lru_cache(maxsize=256)
def spelled_out(asked: str, cue: re.Pattern) -> tuple[re.Pattern, ...]:
    """How a sentence spells out the shorthand the question names: a word typed in capitals, or a lexicon term in
    any case the lexicon allows. Each is stated as "<words> (OLA)" / "(OLAs)", "OLA (<words>)", or by the lexicon's
    expansion ("other local authorities" for "OLA"). ``cue``: the expansion kind's cues ("stand for", "in full"),
    near which the shorthand asked about is."""
    cues = [m.start() for m in cue.finditer(asked)]
    found: dict[str, int] = {}  # each piece of shorthand and its distance from the nearest cue
    for match in re.finditer(r"[A-Za-z&]+", asked):
        distance = min((abs(match.start() - c) for c in cues), default=0)
        found[match.group(0)] = min(distance, found.get(match.group(0), distance))
    lexicon = {e.term.lower(): e for e in entries()
               if e.kind in _SHORTHAND_KINDS and not e.gazetteer and " " not in e.term}
    expansions: dict[str, tuple[int, tuple[str, ...]]] = {}
    for written, distance in found.items():
        entry = lexicon.get(written.lower())
        if entry is not None and not (entry.case == "upper" and not written.isupper()):
            expansions[entry.term] = (distance, entry.expansions)
        elif _CAPITALS.fullmatch(written):
            expansions[written[:-1] if written.endswith("s") and written[:-1].isupper() else written] = (distance, ())
    nearest = min((d for d, _ in expansions.values()), default=0)
    patterns = []
    for term, (distance, spelled) in expansions.items():
        if distance > nearest:
            continue
        short = re.escape(term)
        patterns.append(re.compile(rf"\w[\w’'-]*\s+\w[\w’'-]*\s*\(\s*(the\s+)?{short}s?\b[^()]{{0,30}}\)", re.I))
        patterns.append(re.compile(rf"\b{short}s?\s*\(\s*\w[\w’'-]*[\s,/]+\w[^()]{{0,80}}\)", re.I))
        for long in spelled:
            parts = [re.escape(w) for w in re.findall(r"[\w’'-]+", long)]
            if len(parts) >= 2:  # each word as written, or a plural, or y -> ies ("authority" -> "authorities"), a
                # comma between them or none ("contact referral and assessment": "contact, referral and assessment")
                body = r",?[\s/-]+".join(rf"{p[:-1]}(?:y|ies)" if p.endswith("y") else rf"{p}(?:e?s)?" for p in parts)
                patterns.append(re.compile(rf"\b{body}\b", re.I))
    return tuple(patterns)
