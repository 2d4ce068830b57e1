"""Inspection findings for managers: filtered lists, per-theme timelines, JSON rows and plain text.

Reads the live version's ``findings.sqlite`` (see ingest/findings_store.py).
Everything here returns plain data plus a text rendering, so the command
line, the Slack ``/kb-actions`` command and question answering share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answers import Citation
from ingest.authorities import find_authorities
from ingest.findings import IMPROVEMENT_KINDS
from ingest.findings_store import open_readonly
from ingest.themes import theme_named

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
class JudgementRec:
    area: str
    key: str
    grade: str
    section: str
    passage_text: str
    passage_id: str


@dataclass
class InspectionRec:
    source: str
    title: str
    date: str
    url: str
    authority: str
    inspection_type: str
    inspection_dates: str
    previous_inspection: str = ""
    judgements: list[JudgementRec] = field(default_factory=list)

    @property
    def repeated_note(self) -> str:
        """'repeated from the previous inspection, 5 and 6 January 2010'."""
        when = f", {self.previous_inspection}" if self.previous_inspection else ""
        return f"repeated from the previous inspection{when}"

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date[:4].isdigit() else None

    @property
    def label(self) -> str:
        """'2011 letter' / '2023 report': how managers name an inspection."""
        letter = "letter" in self.title.lower() or self.inspection_type.startswith(("unannounced", "focused", "monitoring"))
        return f"{self.year or 'undated'} {'letter' if letter else 'report'}"

    def judgement(self, key: str) -> JudgementRec | None:
        return next((j for j in self.judgements if j.key == key), None)


@dataclass
class FindingRec:
    inspection: InspectionRec
    position: int
    kind: str
    theme: str
    themes: list[str]
    text: str
    previous: str
    judgement: str
    section: str
    passage_text: str
    passage_id: str
    origin: str = "rules"  # "model": added by the language model, verified against its passage

    def to_json(self) -> dict:
        """The `actions --json` contract."""
        ins = self.inspection
        return {
            "authority": ins.authority, "document": ins.title, "date": ins.date, "kind": self.kind,
            "theme": self.theme, "text": self.text, "repeated": self.previous == "repeated",
            "judgement": self.judgement,
            "citation": {"source": ins.source, "section": self.section, "text": self.passage_text},
        }


class FindingsIndex:
    """All findings of one index version, in memory (a council holds tens of inspections, not thousands)."""

    def __init__(self, version_dir: Path) -> None:
        self.inspections: list[InspectionRec] = []
        self.findings: list[FindingRec] = []
        db = open_readonly(version_dir)
        if db is None:
            return
        with db:
            by_source: dict[str, InspectionRec] = {}
            for row in db.execute("SELECT * FROM documents WHERE inspection = 1 ORDER BY date, source"):
                by_source[row["source"]] = InspectionRec(
                    row["source"], row["title"], row["date"], row["url"], row["authority"],
                    row["inspection_type"], row["inspection_dates"], row["previous_inspection"] or "")
            for row in db.execute("SELECT * FROM judgements ORDER BY rowid"):
                if row["source"] in by_source:
                    by_source[row["source"]].judgements.append(JudgementRec(
                        row["area"], row["area_key"], row["grade"], row["section"] or "", row["passage_text"] or "",
                        row["passage_id"] or ""))
            for row in db.execute("SELECT * FROM findings ORDER BY source, position"):
                if row["source"] in by_source:
                    self.findings.append(FindingRec(
                        by_source[row["source"]], row["position"], row["kind"], row["theme"],
                        [t for t in row["themes"].split("|") if t], row["text"], row["previous"], row["judgement"],
                        row["section"] or "", row["passage_text"] or "", row["passage_id"] or "", row["origin"]))
        db.close()
        self.inspections = list(by_source.values())

    def authorities(self) -> list[str]:
        """Authorities with inspections; '' stands for documents whose council was not recognised."""
        return sorted({i.authority for i in self.inspections})

    def of_authority(self, authority: str) -> list[InspectionRec]:
        """The authority's inspections, oldest first."""
        return sorted((i for i in self.inspections if i.authority == authority), key=lambda i: (i.date, i.source))

    def select(self, *, authority: str | None = None, theme: str | None = None,
               kinds: tuple[str, ...] | None = None) -> list[FindingRec]:
        """Findings newest first (document order within a document)."""
        rows = [f for f in self.findings
                if (authority is None or f.inspection.authority == authority)
                and (theme is None or theme in f.themes or f.theme == theme)
                and (kinds is None or f.kind in kinds)]
        rows.sort(key=lambda f: f.position)
        rows.sort(key=lambda f: (f.inspection.date, f.inspection.source), reverse=True)
        return rows


def citation(n: int, inspection: InspectionRec, *, section: str, text: str) -> Citation:
    return Citation(n=n, source=inspection.source, title=inspection.title, section=section, date=inspection.date,
                    url=inspection.url, text=text)


def parse_actions_args(text: str, index: FindingsIndex) -> tuple[str | None, str | None]:
    """(authority, theme) from free text such as '/kb-actions stockton supervision'."""
    known = index.authorities()
    named = [a for a in find_authorities(text) if a in known]
    authority = named[0] if named else None
    rest = text
    for word in re.findall(r"[\w-]+", text):
        if find_authorities(word):
            rest = rest.replace(word, " ")
    theme = theme_named(rest) if rest.strip() else None
    return authority, theme


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
