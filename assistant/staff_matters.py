"""Staff matters (annual leave, pay, IT, parking): not what the practice documents are about.

A question that names one ("annual leave entitlement for social workers", "is flexi time allowed on duty week")
shares words with the documents ("social workers", "duty"), so the topic model alone can let it through; the
phrases are data (``vocabulary/staff_matters.txt``). Such a question is not found unless one of the best passages
names the phrase itself, so a document that does cover it (a council's own HR policy, once added) still answers.
A message that asks one as an aside to a practice question ("how often is sup in notts? and whos got the laptop
charger") has its practice part answered (``practice_part``) and the aside said plainly not to be covered.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from assistant.retriever import Hit

_DATA = Path(__file__).resolve().parent / "vocabulary" / "staff_matters.txt"
READ = 3  # the best passages that may name the phrase


@lru_cache(maxsize=1)
def _entries() -> dict[str, str]:
    """Each phrase of the data file, as written, with who would know about it (the "@" line above it; "" for no
    one)."""
    who, found = "", {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("@"):
            who = line[1:].strip()
        elif line and not line.startswith("#"):
            found[line] = who
    return found


def who_knows(matter: str) -> str:
    """Who would know about ``matter`` ("HR, payroll or IT will know"), or "" for an office event or the like."""
    return next((who for phrase, who in _entries().items() if _fold(phrase) == _fold(matter)), "")


@lru_cache(maxsize=1)
def _phrases() -> re.Pattern:
    phrases = sorted(_entries(), key=len, reverse=True)
    words = [r"[\s-]?".join(map(re.escape, phrase.split())) for phrase in phrases]
    return re.compile(r"(?<![\w-])(" + "|".join(words) + r")s?(?![\w-])", re.I)


def _fold(phrase: str) -> str:
    return re.sub(r"[\s-]+", "", phrase.lower()).removesuffix("s")


# Someone away ("my tm is on annual leave", "sw off on sick leave"): the asker's case, not what the question asks
_AWAY = re.compile(r"(?:\bon|\boff(?:\s+on)?)\s+$", re.I)


def staff_matter(question: str, hits: list[Hit]) -> str | None:
    """The staff matter ``question`` names that none of the best passages does ("annual leave"), or None."""
    named = {_fold(m.group(1)): m.group(1).lower() for m in _phrases().finditer(question)
             if not _AWAY.search(question, 0, m.start())}
    if not named:
        return None
    passages = " ".join(f"{h.passage.section} {h.passage.text}" for h in hits[:READ])
    held = {_fold(m.group(1)) for m in _phrases().finditer(passages)}
    missing = [phrase for key, phrase in named.items() if key not in held]
    return missing[0] if missing else None


# Where one ask of a message ends and another begins: a sentence's end, a join that adds an ask ("also", "btw", "ps",
# "oh and") or "and" before a new question ("and whos got …", "and can someone …", "and does anyone …")
_ASKS = re.compile(r"(?<=[?!.])\s+|\s+(?:-+\s+)?(?:and\s+also|oh\s+and|also|btw|ps)\s+"
                   r"|,?\s+and\s+(?=(?:who|whos|who's|can|could|does|do|has|have|is|are|anyone|any1|someone|somebody"
                   r"|where|wheres|where's)\b)", re.I)
_WORDS = 3  # a practice part asks something only with this many words of three letters or more
# ... and only as a question: a question mark, or a question word opening it (not "Cheers, Priya | ASW | Tel …" or "This
# email and any attachments are confidential …", a signature or a disclaimer pasted under the question)
_ASKING = re.compile(r"[^\w]*(?:how|what|whats|what's|when|whens|where|wheres|which|who|whos|who's|why|is|are|do|does"
                     r"|did|can|could|should|must|will|would|has|have|any)\b", re.I)


# An ask that points back to the one before ("… a grievance? is it hr or my manager first", "… annual leave? does that
# include bank hols"): the same ask, continued. "this" and "that" only after a verb: alone they may open an aside of
# its own ("this laptop …")
_BACK = re.compile(r"(?:and\s+)?(?:(?:is|was|are|were|does|did|do|can|could|should|will|would|has|have)\s+"
                   r"(?:it|that|this|they|them)|it|they)\b", re.I)


def practice_part(question: str) -> str | None:
    """The asks of a message that name no staff matter, when it also asks one ("how often is sup for sws in notts? and
    whos nicked the laptop charger" asks "how often is sup for sws in notts?"); None when every ask names one, or
    none does. An ask that points back to the one before goes with it (``_BACK``)."""
    asks: list[str] = []
    for part in (part.strip() for part in _ASKS.split(question) if part and part.strip()):
        if asks and _BACK.match(part):
            asks[-1] = f"{asks[-1]} {part}"
        else:
            asks.append(part)
    named = [bool(_phrases().search(part)) for part in asks]
    if all(named) or not any(named):
        return None
    rest = " ".join(part for part, staff in zip(asks, named) if not staff and ("?" in part or _ASKING.match(part)))
    return rest if len(re.findall(r"[^\W\d_]{3,}", rest)) >= _WORDS else None
