"""Tokenising shared by BM25 (built at ingest, read by the assistant), sentence scoring and evidence checks."""

from __future__ import annotations

import re
from functools import lru_cache

# Saved lexical indexes (ingest/lexical.py) record this: change it whenever tokens() would split text differently.
TOKENS_VERSION = 2  # 2: "working from home" is one term

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves also may might must
    shall according say said says tell told find found describe described us per within whether""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


# Phrases whose words mean something else apart ("looked after" is not "looked").
_PHRASES = [
    (re.compile(r"\blooked[\s-]+after\b"), "lookedafter"),
    # Remote working is not a home visit: "home" and "work" apart match every visit and working day.
    (re.compile(r"\b(work(ing)?[\s-]+(from|at)[\s-]+home|home[\s-]?working|wfh)\b"), "homeworking"),
]


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"'s\b", "", text.lower())
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    return text


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed content words (digits kept: '45', '47', '2011')."""
    words = [w for w in re.findall(r"[a-z0-9]+", normalise(text)) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return _stemmer().stemWords(words)


def stem_words(words: list[str]) -> list[str]:
    """The stems of ``words``, as :func:`tokens` stems them."""
    return _stemmer().stemWords(words)
