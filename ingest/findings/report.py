"""Findings as text and JSON, every line cited: filtered lists, and a theme's history across inspections.

A timeline has one cited line per inspection, oldest first. An inspection whose
findings do not mention the theme gets a plain "not mentioned among its
findings" line naming the document checked; silence is never read as the
problem having been fixed. Citations are plain :class:`Cited` records
(assistant/findings.py turns them into an answer's citations).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ingest.findings.index import FindingRec, FindingsIndex, InspectionRec
from ingest.findings.rules import IMPROVEMENT_KINDS

UNNAMED = "council not recognised"
MODEL_NOTE = "found by the language model, quoted from the cited passage"
KIND_LABELS = {
    "strength": "strength",
    "area_for_development": "area for development",
    "needs_to_improve": "what needs to improve",
    "priority_action": "priority action",
    "recommendation": "recommendation",
}
# Judged areas that speak directly to a theme (the overall judgement is always shown).
THEME_AREAS = {
    "care leavers": ("care leavers", "children in care and care leavers"),
    "children in care": ("children in care", "children in care and care leavers"),
    "child protection": ("help and protection",),
    "early help": ("help and protection",),
}


@dataclass
class Cited:
    """Source [n] of a report: the passage a finding or judgement rests on (the fields of an answer's citation)."""

    n: int
    source: str
    title: str
    section: str
    date: str
    url: str
    text: str

    def to_json(self) -> dict:
        return asdict(self)


class Citations:
    """Numbered sources, one per distinct passage, in order of first use."""

    def __init__(self) -> None:
        self.items: list[Cited] = []
        self._numbers: dict[tuple[str, str], int] = {}

    def cite(self, inspection: InspectionRec, *, section: str, text: str, passage_id: str) -> int:
        key = (inspection.source, passage_id or text)
        if key not in self._numbers:
            self._numbers[key] = n = len(self.items) + 1
            self.items.append(Cited(n=n, source=inspection.source, title=inspection.title, section=section,
                                    date=inspection.date, url=inspection.url, text=text))
        return self._numbers[key]


@dataclass
class TimelineEntry:
    inspection: InspectionRec
    findings: list[FindingRec] = field(default_factory=list)

    def to_json(self) -> dict:
        ins = self.inspection
        return {
            "document": ins.title, "source": ins.source, "date": ins.date, "label": ins.label,
            "judgements": {j.key: j.grade for j in ins.judgements},
            "mentioned": bool(self.findings), "findings": [f.to_json() for f in self.findings],
        }


def timeline(index: FindingsIndex, *, authority: str, theme: str, since: int | None = None) -> list[TimelineEntry]:
    """Entries oldest first; ``since`` keeps the latest inspection up to that year as the baseline, and all later ones."""
    inspections = index.of_authority(authority)
    if since is not None:
        before = [i for i in inspections if i.year is not None and i.year <= since]
        start = inspections.index(before[-1]) if before else 0
        inspections = inspections[start:]
    entries = [TimelineEntry(i) for i in inspections]
    for entry in entries:
        entry.findings = [f for f in index.select(authority=authority, theme=theme)
                          if f.inspection.source == entry.inspection.source]
    return entries


def judgement_text(inspection: InspectionRec, theme: str | None, cites: Citations) -> str:
    """'overall effectiveness: good; care leavers: good [3]', or 'no graded judgement stated'."""
    keys = ["overall effectiveness"] + list(THEME_AREAS.get(theme or "", ()))
    parts: list[str] = []
    cited = None
    for key in keys:
        judgement = inspection.judgement(key)
        if judgement is None:
            continue
        parts.append(f"{key}: {judgement.grade}")
        cited = cites.cite(inspection, section=judgement.section, text=judgement.passage_text,
                           passage_id=judgement.passage_id) if judgement.passage_text else cited
    if not parts:
        return "no graded judgement stated"
    return "; ".join(parts) + (f" [{cited}]" if cited else "")


def finding_text(finding: FindingRec, cites: Citations) -> str:
    n = cites.cite(finding.inspection, section=finding.section, text=finding.passage_text, passage_id=finding.passage_id)
    label = KIND_LABELS[finding.kind]
    if finding.previous == "repeated":
        label += ", " + finding.inspection.repeated_note
    elif finding.previous == "addressed":
        label += ", previously an area for development"
    if finding.origin == "model":
        label += f" ({MODEL_NOTE})"
    return f"{label}: “{finding.text}” [{n}]"


def render_timeline(entries: list[TimelineEntry], *, authority: str, theme: str, cites: Citations) -> list[str]:
    lines = [f"{theme.capitalize()} at {authority}, across its inspections (oldest first):"]
    for entry in entries:
        ins = entry.inspection
        head = f"- {ins.label} ({ins.date}; {judgement_text(ins, theme, cites)})"
        if entry.findings:
            lines.append(f"{head}: " + " ".join(finding_text(f, cites) for f in entry.findings))
        else:
            lines.append(f"{head}: {theme} is not mentioned among the findings this {ins.label.split()[-1]} lists "
                         f"(checked: {ins.title}). That does not show it was resolved.")
    return lines


def kb_actions(index: FindingsIndex, *, authority: str | None, theme: str | None) -> dict:
    """What `/kb-actions [authority] [theme]` shows: the findings (JSON rows), and with both an authority and a
    theme the timeline too (entries, lines and numbered citations); ``text`` renders it all."""
    report = actions_report(index, authority=authority, theme=theme)
    report["timeline"] = None
    if authority is not None and theme and authority in index.authorities():
        cites = Citations()
        entries = timeline(index, authority=authority, theme=theme)
        lines = render_timeline(entries, authority=authority, theme=theme, cites=cites)
        sources = [f"[{c.n}] {c.source} — {c.section or '(no section)'}" for c in cites.items]
        report["timeline"] = {"entries": [e.to_json() for e in entries], "lines": lines,
                              "citations": [c.to_json() for c in cites.items]}
        report["text"] += "\n\n" + "\n".join(lines + sources)
    return report


def render_rows(rows: list[FindingRec]) -> str:
    """One block per finding, newest first, each with its citation."""
    if not rows:
        return "No inspection findings match."
    lines: list[str] = []
    for f in rows:
        ins = f.inspection
        flags = [KIND_LABELS[f.kind], f.theme] + ([ins.repeated_note] if f.previous == "repeated" else [])
        flags += [MODEL_NOTE] if f.origin == "model" else []
        lines.append(f"{ins.authority or UNNAMED} — {ins.label} ({ins.date}) — " + " — ".join(flags))
        lines.append(f"  {f.text}")
        if f.judgement:
            lines.append(f"  judgement: {f.judgement}")
        lines.append(f"  source: {ins.source} — {f.section or '(no section)'}")
    return "\n".join(lines)


def actions_report(index: FindingsIndex, *, authority: str | None = None, theme: str | None = None) -> dict:
    """Structured findings (JSON rows) and their text, for `/kb-actions [authority] [theme]` and the CLI."""
    rows = index.select(authority=authority, theme=theme)
    return {"authority": authority, "theme": theme, "findings": [r.to_json() for r in rows], "text": render_rows(rows),
            "improvement_findings": sum(1 for r in rows if r.kind in IMPROVEMENT_KINDS)}
