"""Themes of inspection findings, by keyword rules: one vocabulary for ingest and for questions.

A finding can touch several themes ("Management oversight and the quality of
supervision"); its main theme is the one named first in its text. The rules
are deliberately plain so a manager can read why a finding got its theme.
"""

from __future__ import annotations

import re

_GAP = r"\W+(?:[\w’'-]+\W+){0,6}"  # up to six words between two keywords

# (theme, pattern), in the order used to break ties at the same position.
THEMES: list[tuple[str, str]] = [
    ("supervision", r"supervis\w*"),
    ("management oversight", r"\b(?:management|managerial|manager|managers[’']?)\s+(?:oversight|grip|support|challenge|"
                             r"decision[- ]making)|oversight and grip|challenge from managers|frontline managers?"),
    ("assessment timeliness", rf"\b(?:timel\w+|delay\w*|promptly|timescales?){_GAP}assess\w*|\bassess\w*{_GAP}"
                              r"(?:timel\w*|delay\w*|timescales?|on time)|completion of assessments"),
    ("assessment", r"\bassess(?:ment|ments|ing|ed)\b"),
    ("case recording", r"case record\w*|\brecords\b|case files?|chronolog\w+|recording system"),
    ("referrals and thresholds", r"\breferr\w+|\bthresholds?\b|front door|\bcontacts?\b|\bMASH\b|\bMACH\b|children[’']s hub"),
    ("strategy discussions", r"strategy (?:discussions?|meetings?)"),
    ("child protection", r"child protection|section 47|significant harm|protect(?:ing)? children|neglect"),
    ("planning", r"\bplans?\b|\bplanning\b|contingency"),
    ("pre-proceedings and court", r"pre-proceedings|public law outline|\bPLO\b|care proceedings|\bcourt\b"),
    ("private fostering", r"private(?:ly)? foster\w*"),
    ("placements and sufficiency", r"sufficiency|\bplacements?\b|unregulated|unregistered|unlawful|foster homes"),
    ("children in care", r"children (?:who are )?in care|looked[- ]after|(?<!private )(?<!privately )\bfoster\w*|"
                         r"permanence|adopt(?:ion|ions|er|ers|ive)\b|regulation 24|connected carers?|family and friends"),
    ("care leavers", r"care leavers?|leaving care|pathway plans?|personal advisers?|corporate parent\w*"),
    ("workforce", r"workforce|caseloads?|vacanc\w+|turnover|agency (?:staff|workers)|recruit\w*|retention|capacity|"
                  r"(?:un)?qualified (?:workers|staff)|allocated workers|staff(?:ing)? stability|training|developmental opportunit\w+|"
                  r"professional development"),
    ("quality assurance", r"quality assurance|\baudit\w*|performance (?:information|management)|management information|"
                          r"self-evaluation"),
    ("voice and participation", r"\bvoice\b|wishes and feelings|participation|involved in the development|"
                                r"influence the development|\bconsult\w*"),
    ("early help", r"early help|common assessment framework|\bCAF\b"),
    ("exploitation and missing", r"exploit\w*|\bmissing\b|return home interviews?"),
    ("homeless 16 and 17 year olds", r"homeless"),
    ("out of hours", r"out of hours|emergency duty"),
]
# Words that add a theme but never make it the main one ("recording of management oversight").
_WEAK = {"case recording": re.compile(r"\brecord(?:ing|ed)\b", re.I)}
OTHER = "other"
_COMPILED = [(name, re.compile(pattern, re.I)) for name, pattern in THEMES]
NAMES = [name for name, _ in THEMES]


def themes_of(text: str) -> list[str]:
    """All themes the text touches, the first-named first; ``[]`` when none."""
    found: list[tuple[int, int, str]] = []
    for order, (name, pattern) in enumerate(_COMPILED):
        match = pattern.search(text)
        if match:
            found.append((match.start(), order, name))
    # "assessment" is the fallback for assessment findings that are not about timeliness.
    names = [name for _, _, name in sorted(found)]
    names += [name for name, pattern in _WEAK.items() if name not in names and pattern.search(text)]
    if "assessment timeliness" in names and "assessment" in names:
        names.remove("assessment")
    return names


def main_theme(text: str) -> str:
    names = themes_of(text)
    return names[0] if names else OTHER


def theme_named(value: str) -> str | None:
    """The theme a user typed ("supervision", "care-leavers", "assessment timeliness"), or None."""
    wanted = re.sub(r"[\s_-]+", " ", value.strip().lower())
    if not wanted:
        return None
    for name in NAMES + [OTHER]:
        if wanted == name:
            return name
    for name in NAMES:
        if name.startswith(wanted) or wanted in name.split(" and "):
            return name
    names = themes_of(value)
    return names[0] if names else None
