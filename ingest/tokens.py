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


# Irregular verb forms the stemmer leaves apart from their verb ("seen" is not "see"): "how soon must the child be
# seen" asks about "the social worker sees the child within five working days". Applied where the question's key
# terms are looked for in a passage or a sentence (assistant/evidence.py), not to BM25, whose index is built with
# tokens() as they are. Forms that are other words too stay out: "left", "led" ("lead professional"), "found"
# ("founded"), "held" (a meeting held is not "holding cases").
_IRREGULAR = {
    "see": "seen saw", "meet": "met", "keep": "kept", "write": "written wrote", "give": "given gave",
    "take": "taken took", "send": "sent", "bring": "brought", "think": "thought", "choose": "chosen chose",
    "speak": "spoken spoke", "know": "known knew", "show": "shown", "begin": "begun began", "pay": "paid",
    "hear": "heard", "understand": "understood", "teach": "taught", "seek": "sought", "catch": "caught",
    "grow": "grew grown", "draw": "drew drawn", "break": "broke broken", "forget": "forgot forgotten",
    "spend": "spent", "build": "built", "lose": "lost", "feel": "felt", "sit": "sat", "fall": "fell fallen",
    "run": "ran",
}
# Nouns made from a verb that the stemmer leaves apart from it ("decision" is "decis", "decides" is "decid"): "who
# decides on contacts" asks about "a decision on every contact is made by a manager". Only where the noun names the
# verb's act; "placement", "leaver" and "application" ("the procedure applies") are other words.
_NOUNS = {
    "decide": "decision decisions", "conclude": "conclusion conclusions", "intervene": "intervention interventions",
    "close": "closure closures", "notify": "notification notifications",
}


# Verbs practitioners use for the same act as the documents' ("who did the inspectors talk to": "inspectors spoke
# to a range of staff").
_SAME_ACT = {"speak": "talk talked talks talking"}


@lru_cache(maxsize=1)
def _verb_of() -> dict[str, str]:
    forms_of = {**_IRREGULAR, **_NOUNS}
    forms_of["speak"] = f"{forms_of['speak']} {_SAME_ACT['speak']}"
    return {form: verb for verb, forms in zip(stem_words(list(forms_of)), forms_of.values())
            for form in stem_words(forms.split())}


def as_verbs(stems: list[str]) -> list[str]:
    """``stems`` (from :func:`tokens`) with each irregular verb form, and each noun of the verb's act, as the verb's
    stem ("seen" as "see", "decision" as "decide")."""
    verb_of = _verb_of()
    return [verb_of.get(s, s) for s in stems]
