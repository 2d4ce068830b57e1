"""Which event a timescale times. "The Conference must take place no more than 15 working days after the Strategy
Discussion": the conference is the event the 15 days are for, the strategy discussion only the point they run from
(the anchor). A question asking how soon one event must happen is not answered by a timescale for another that runs
from it, or runs up to it: "devon rcpc timescale" against "5 days before for an RCPC" (reports are due then), "how
long after the icpc is the first core group" against the ICPC's own 15 days after the strategy discussion. Read by
``answerability``: how far the event side of a sentence stating a time holds the event the question asks about."""

from __future__ import annotations

import re

from ingest.tokens import as_verbs, tokens

_TIME = (r"(?:\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|a|an|same)"
         r"[\s-]*(?:working\s+|calendar\s+|clear\s+)?(?:days?|weeks?|months?|hours?|wds?|wks?|hrs?)\b)")
_ANCHOR_WORD = r"(?:of|after|from|following|since|before|prior\s+to|ahead\s+of)\b"
# In a document: the point a stated time runs from or to, up to the end of its clause ("within 15 working days of the
# receiving authority accepting the referral", "no less than 3 days before the meeting", ", counted from the point of
# referral"); "2 days before for an ICPC" times reports for the ICPC, before a meeting it leaves unsaid
_TEXT_ANCHOR = re.compile(_TIME + r"(?:\s+at\s+the\s+latest)?\s+(" + _ANCHOR_WORD
                          + r"(?!\s+(?:for|and|or|at|if|when|where|in)\b)[^.;:,()]*)", re.I)
_COUNTED = re.compile(r"\b(?:counted|calculated|measured|running|starting)\s+from\b[^.;:,()]*", re.I)
# In a question: the same after any word that places one event by another ("how long after the icpc is the first core
# group", "once the icpc has happened how long till the rcpc", "within ___ wd of the strat"), up to five words and never
# past a word that goes on asking
_GOES_ON = (r"(?:how|what|whats|when|which|who|is|are|was|were|does|do|did|can|could|should|must|has|have|had|will|by|"
            r"to|till|til|until|and|or|but|then|for|we|i|they|it|in|within)\b")
_ASKED_TIME = (r"(?:" + _TIME + r"|(?:_+|\b(?:many|few|x))\s*(?:working\s+)?(?:days?|wds?|weeks?|wks?|months?|hours?|"
               r"hrs?)\b|_+)")
_ASK_ANCHOR = re.compile(r"(?:\b(?:after|following|since|once|before|prior\s+to|ahead\s+of)\b|" + _ASKED_TIME
                         + r"\s+(?:of|from)\b)((?:\s+(?!" + _GOES_ON + r")[\w'’&/-]+){1,5})", re.I)


def event_text(text: str) -> str:
    """A document's text less the anchors of the times it states: what the times are for."""
    return _COUNTED.sub(" ", _TEXT_ANCHOR.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)], text))


def event_terms(question: str, terms: list[str]) -> list[str]:
    """The question's key terms less those it names only as an anchor ("the icpc" in "how long after the icpc is the
    first core group"); all of them when it names none, or when nothing else would be left."""
    anchors = [m.group(1) for m in _ASK_ANCHOR.finditer(question)]
    if not anchors:
        return terms
    rest = set(as_verbs(tokens(_ASK_ANCHOR.sub(" ", question))))
    anchored = set(as_verbs(tokens(" ".join(anchors)))) - rest
    return [t for t in terms if t not in anchored] or terms


# A question asking for the point itself ("what starts the clock", "is it from when they move in or from when we
# accept", "counted from the referral date?"): the anchor is its answer
_ASKS_ANCHOR = re.compile(r"\b(?:clock|from\s+when|from\s+what|what\s+point|counted\s+from|count\s+from|runs?\s+from|"
                          r"starts?\s+from)\b", re.I)


def asks_anchor(question: str) -> bool:
    """Does the question ask where a time runs from?"""
    return bool(_ASKS_ANCHOR.search(question))
