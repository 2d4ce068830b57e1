"""How a word is said: its consonants in order, so that a word spelt as it sounds ("sooperveeshun", "konfrence",
"gloz") meets the word it stands for."""

from __future__ import annotations

import re

# A word spelt as it sounds ("sooperveeshun", "konfrence", "nottingumsher"): its consonants as they are said, in
# order (a rough Metaphone: "tion", "sion" and "shun" alike, "c" before e, i or y as "s", "ph" as "f", "v" as "f",
# silent letters dropped), against the words it may stand for: common English words and the lexicon's.
_SOUNDS = [(re.compile(a), b) for a, b in (
    (r"ssion|tion|sion|tian|shun|cian", "XN"), (r"sch", "SK"), (r"tch|ch|sh", "X"), (r"ph", "F"), (r"ght", "T"),
    (r"gh$", ""), (r"gh", "G"), (r"th", "T"), (r"ck|q", "K"), (r"c(?=[eiy])", "S"), (r"c", "K"), (r"dg", "J"),
    (r"g(?=[eiy])", "J"), (r"x", "KS"), (r"z", "S"), (r"^kn|^gn", "N"), (r"^wr", "R"), (r"wh", "W"),
    (r"w(?![aeiouy])", ""), (r"(?<=[^aeiouy])h|h(?![aeiouy])", ""), (r"v", "F"))]
MIN_SOUNDS = 4  # a shorter sound ("reevew": RF, "polisy": PLS, also "please") is shared by too many words


def sound(word: str) -> str:
    """The consonants ``word`` is said with, in order, a leading vowel as "A"."""
    spelt = word.lower()
    for pattern, replacement in _SOUNDS:
        spelt = pattern.sub(replacement, spelt)
    spelt = re.sub(r"(.)\1+", r"\1", spelt.upper())  # a letter typed twice is said once; not across a vowel
    head = "A" if spelt[:1] in tuple("AEIOUY") else spelt[:1]
    return head + re.sub(r"[AEIOUY]", "", spelt[1:])
