"""Words typed run together, read apart ("howoften is sup", "whochairs the strat.discussion",
"icpc-within-how-many-days", "sunderland-sup-frequency").

Three habits of quick typing, each read back to the words meant, so that what a question asks ("how often", "who")
and the council it names are found as they are in the same question typed with spaces:

- an asking word run into the next one ("howoften", "whosupervises"): read apart when the whole is no word the
  embedding model knows ("however", "whatever", "whole" stay) and the rest is one, or one with an ending ("supervises");
- a full stop between two words with no space ("strat.discussion"), where the text is no address ("gov.uk");
- three or more words joined by hyphens, other than a phrase of the "face-to-face", "out-of-hours" or
  "stockton-on-tees" kind (its middle word a function word): the hyphens stand for spaces.
"""

from __future__ import annotations

import re

from ingest.embedder import model_words

_ASKING = re.compile(r"(?<![\w'’-])([Hh]ow|[Ww]ho|[Ww]hose|[Ww]hat|[Ww]hats|[Ww]hen|[Ww]here|[Ww]hich|[Ww]hy)"
                     r"([a-z]{2,})(?![\w'’-])")
_ENDINGS = ("s", "es", "d", "ed", "ing")
_DOTTED = re.compile(r"(?<![\w./@:-])([a-z]{2,})((?:\.[a-z]{2,})+)(?![\w./@-])")
_ADDRESS_ENDS = frozenset({"uk", "com", "org", "gov", "net", "co", "nhs", "ac", "io", "info", "htm", "html", "pdf",
                           "doc", "docx", "txt", "md"})
_CHAIN = re.compile(r"(?<![\w./@-])[a-z]+(?:-[a-z]+){2,}(?![\w/@-])")
_LINKING = frozenset({"to", "of", "in", "on", "by", "and", "for", "the", "a", "at", "or", "upon", "under", "with"})


def _known(word: str) -> bool:
    words = model_words()
    return word in words or any(word.endswith(e) and word[: -len(e)] in words for e in _ENDINGS)


def _asking(match: re.Match) -> str:
    whole, rest = match.group(0), match.group(2)
    if whole.lower() in model_words() or not _known(rest):
        return whole
    return f"{match.group(1)} {rest}"


def _dotted(match: re.Match) -> str:
    parts = match.group(0).split(".")
    return match.group(0) if parts[-1] in _ADDRESS_ENDS or "www" in parts else " ".join(parts)


def _chain(match: re.Match) -> str:
    parts = match.group(0).split("-")
    return match.group(0) if len(parts) == 3 and parts[1] in _LINKING else " ".join(parts)


def apart(message: str) -> str:
    """``message`` with its run-together words read apart (module docstring)."""
    message = _CHAIN.sub(_chain, message)
    message = _DOTTED.sub(_dotted, message)
    return _ASKING.sub(_asking, message)
