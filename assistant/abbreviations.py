"""Practitioners' abbreviations and what they stand for in English children's social care."""

from __future__ import annotations

import re

ABBREVIATIONS: dict[str, str] = {
    "CP": "child protection",
    "CPP": "child protection plan",
    "S47": "section 47 child protection enquiries",
    "S17": "section 17 child in need",
    "CIN": "child in need",
    "CLA": "children looked after children in care",
    "LAC": "looked after children in care",
    "CIC": "children in care",
    "CAF": "common assessment framework",
    "ICPC": "initial child protection conference",
    "RCPC": "review child protection conference",
    "CPC": "child protection conference",
    "MASH": "multi-agency safeguarding hub front door",
    "CHUB": "children's hub contact and referral",
    "NQSW": "newly qualified social worker",
    "ASYE": "assessed and supported year in employment newly qualified social worker",
    "IRO": "independent reviewing officer",
    "IROS": "independent reviewing officers",
    "PLO": "public law outline pre-proceedings",
    "DCS": "director of children's services",
    "SW": "social worker",
    "SWS": "social workers",
    "TM": "team manager",
    "ATM": "assistant team manager",
    "SM": "service manager",
    "ILACS": "inspection of local authority children's services",
    "UCRA": "unannounced inspection of contact referral and assessment",
    "LADO": "local authority designated officer",
    "EH": "early help",
    "EHA": "early help assessment",
    "LSCB": "local safeguarding children board",
    "LSCP": "local safeguarding children partnership",
    "PA": "personal adviser",
    "PAS": "personal advisers",
    "UASC": "unaccompanied asylum-seeking children",
    "CSE": "child sexual exploitation",
    "CCE": "child criminal exploitation",
    "SGO": "special guardianship order",
    "EDT": "emergency duty team out of hours",
    "WT": "Working Together to Safeguard Children",
    "WTSC": "Working Together to Safeguard Children",
    "FGC": "family group conference",
    "CAMHS": "child and adolescent mental health services",
    "DA": "domestic abuse",
    "DV": "domestic violence",
    "YOT": "youth offending team",
    "CSC": "children's social care",
    "LA": "local authority",
    "QA": "quality assurance audit",
    "PEP": "personal education plan",
    "EHCP": "education health and care plan",
    "MACE": "multi-agency child exploitation",
    "RHI": "return home interview",
    "SEND": "special educational needs and disabilities",
}
# Abbreviations that are also ordinary words: expanded only when written in capitals.
_CASE_SENSITIVE = {"PA", "PAS", "DA", "SEND", "EH", "WT", "LA", "SM", "TM", "CIC"}
_SECTION = re.compile(r"\b[sS]\.?\s?(47|17)\b")


def expand(question: str) -> tuple[str, list[str]]:
    """The question with expansions appended, and the abbreviations found."""
    found: list[str] = []
    for match in re.finditer(r"\b[A-Za-z]{2,6}s?\b", question):
        token = match.group(0)
        key = token.upper()
        if key not in ABBREVIATIONS and token.endswith("s") and token[:-1].upper() in ABBREVIATIONS:
            key = token[:-1].upper()  # plural: "NQSWs", "IROs"
        if key not in ABBREVIATIONS:
            continue
        if key in _CASE_SENSITIVE or len(key) <= 2:
            if token != token.upper() and token.rstrip("s") != key.rstrip("S"):
                continue
            if token.rstrip("s") != token.rstrip("s").upper():
                continue
        if key not in found:
            found.append(key)
    for match in _SECTION.finditer(question):
        key = f"S{match.group(1)}"
        if key not in found:
            found.append(key)
    if not found:
        return question, []
    return f"{question} ({'; '.join(ABBREVIATIONS[key] for key in found)})", found
