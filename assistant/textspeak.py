"""Words typed without their vowels read as the words meant ("wht dd ofstd sy abt darlo sprvsn").

Text speak drops a word's vowels and keeps its first letter: "sprvsn" is "supervision", "cls" is "close", "abt" is
"about", "hw oftn" is "how often". A word so typed is read as the word with that skeleton (its first letter, then its
consonants, "y" among them): a lexicon term ("strt" is "strat", "ofstd" is "Ofsted") or a council's name first, else
the commonest English word that has it (the embedding model's vocabulary lists words commonest first: "dd" is "did",
not "dead"). Only a word with no vowel past its first letter that is not a lexicon term, a council's name or a texting
acronym ("wrt", "tbc") or a function word is read so; a word of three letters or fewer, or one the model knows ("cs",
"sy"), only in a message that drops the vowels of two words of three letters or more, or of one and two shorter ones
("who cn cls a cs"): in "is a cp needed, wd count?" nothing changes.
The question is then read as typed in full, so the question's kind ("how often") and its key terms are found.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from assistant.vocabulary import find_terms
from assistant.vocabulary.lexicon import entries
from ingest.authorities import authority_names, name_spans
from ingest.embedder import model_words, model_words_in_order
from ingest.tokens import STOPWORDS

# Texting acronyms and reactions around a question ("iirc", "wrt strats", "tbc", "fwiw", "ffs", "lol"): how it is
# asked, never a word to read.
TEXTING = frozenset("iirc afaik afaict wrt tbc tbh tbf fyi btw imo imho fwiw idk ngl rn asap eta pls plz thx "
                    "nvm smh shd ffs lol lmao omg ugh argh".split())
LONG = 4  # a word this long is read wherever it is typed; shorter ones, and words the model knows, only in text speak
SHORT = 3  # ... which is two words of this length or more read, or one and two shorter ones
_WORD = re.compile(r"(?<![\w'’&/;-])[a-z]+(?![\w'’&/;-])")  # not "tl;dr"
_VOWELS = re.compile(r"[aeiou]")


def skeleton(word: str) -> str:
    """``word``'s first letter and the consonants after it ("supervision": "sprvsn")."""
    return word[:1] + _VOWELS.sub("", word[1:])


def _vowelless(word: str) -> bool:
    """No vowel past the first letter, and not a two-letter word that opens on one ("on", "at", "us")."""
    return len(word) >= 2 and not _VOWELS.search(word[1:]) and not (len(word) == 2 and _VOWELS.match(word))


@lru_cache(maxsize=1)
def _common() -> dict[str, str]:
    """Skeleton -> the commonest model word that has it (the vocabulary lists common words first)."""
    meant: dict[str, str] = {}
    for word in model_words_in_order():
        if len(word) >= 3 and not _vowelless(word):
            meant.setdefault(skeleton(word), word)
    return meant


@lru_cache(maxsize=1)
def _named() -> dict[str, str]:
    """Skeleton -> a lexicon term or council name of four letters or more with a vowel past its first letter."""
    names = [e.term for e in entries()] + [n.name for n in authority_names() if n.kind != "misspelling"]
    found: dict[str, str] = {}
    for name in names:
        word = name.lower()
        if word.isalpha() and len(word) >= 4 and not _vowelless(word):
            found.setdefault(skeleton(word), word)
    return found


def _reading(word: str) -> str | None:
    key = skeleton(word)
    return _named().get(key) or _common().get(key)


# A letter held down for emphasis ("sooo how longgg", "pleaseee", "HELPPP"): three or more of one letter in a row
_HELD = re.compile(r"([a-z])\1{2,}", re.I)
_STRETCHED = re.compile(r"[a-z]*([a-z])\1{2,}[a-z]*", re.I)


def unstretched(message: str) -> str:
    """``message`` with each word whose letters are held down for emphasis read as the word meant: every run of three
    or more of one letter cut to two or to one, whichever spelling is a lexicon term or else the commonest English
    word ("longgg" is "long", "sooo" "so", "weeeeks" "weeks"); a word of one letter only ("xxx", "zzz") and one with
    no such reading stay as typed."""
    def read(match: re.Match[str]) -> str:
        word = match.group()
        if len(set(word.lower())) == 1:
            return word
        runs = list(_HELD.finditer(word))[:3]
        spellings = []
        for keep in itertools.product((2, 1), repeat=len(runs)):
            out, at = [], 0
            for run, kept in zip(runs, keep):
                out += [word[at:run.start()], run.group()[:kept]]
                at = run.end()
            spellings.append("".join(out) + word[at:])
        ranks = _ranks()
        known = [(ranks[spelling.lower()], spelling) for spelling in spellings if spelling.lower() in ranks]
        return min(known)[1] if known else word

    return _STRETCHED.sub(read, message)


@lru_cache(maxsize=1)
def _ranks() -> dict[str, int]:
    """A lexicon term first (0), then the model's words, commonest first (the vocabulary lists them so)."""
    ranks: dict[str, int] = {}
    for rank, word in enumerate(model_words_in_order(), start=1):
        ranks.setdefault(word, rank)
    return ranks | {e.term.lower(): 0 for e in entries()}


def vowelled(message: str) -> str:
    """``message`` with the words typed without their vowels written in full."""
    taken = [(m.start, m.end) for m in find_terms(message)] + [(s, e) for s, e, _ in name_spans(message)]
    known = model_words()
    found = []
    for match in _WORD.finditer(message):
        word = match.group()
        if (not _vowelless(word) or word in TEXTING or word in STOPWORDS
                or any(s < match.end() and match.start() < e for s, e in taken)):
            continue
        reading = _reading(word)
        if reading is not None and reading != word:
            found.append((match, reading, len(word) >= SHORT and word not in known))
    if not found:
        return message
    longer = sum(1 for *_, long in found if long)
    speaks = longer >= 2 or (longer and len(found) >= 3)  # "who cn cls a cs"
    out, at = [], 0
    for match, reading, long in found:
        if speaks or (long and len(match.group()) >= LONG):
            out += [message[at:match.start()], reading]
            at = match.end()
    return "".join(out) + message[at:]
