"""One version's inspection findings in memory: inspections, judgements and findings, filtered as asked.

Reads a version's ``findings.sqlite`` (ingest/findings/storage.py) and returns
plain records, so the command line, Slack's ``/kb-actions`` and question
answering read the same data (rendered by ingest/findings/report.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest.authorities import find_authorities
from ingest.findings.storage import open_readonly
from ingest.findings.themes import theme_named


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
