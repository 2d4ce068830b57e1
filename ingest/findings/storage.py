"""Inspection findings on disk: ``versions/<name>/findings.sqlite`` beside each index version.

Each index version carries its own findings, so publishing a version swaps
passages and findings in the same step. Ingest writes the file once (fresh
documents extracted now, unchanged ones copied from the live version) and
readers open it read-only. A document that leaves the index leaves this file.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from ingest.findings.rules import RULES_VERSION, Inspection, extract
from ingest.models import Document, Passage

if TYPE_CHECKING:
    from ingest.findings.model import ModelFindings

log = logging.getLogger(__name__)
FILENAME = "findings.sqlite"
SCHEMA_VERSION = "1"  # bump with any change to SCHEMA below
EXTRACTOR = f"rules-{RULES_VERSION}/schema-{SCHEMA_VERSION}"  # stored in meta; a different value means re-extract

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    source TEXT PRIMARY KEY, content_hash TEXT NOT NULL, title TEXT, date TEXT, url TEXT,
    authority TEXT, authorities TEXT, inspection INTEGER NOT NULL,
    inspection_type TEXT, inspection_dates TEXT, previous_inspection TEXT
);
CREATE TABLE judgements (
    source TEXT NOT NULL, area TEXT NOT NULL, area_key TEXT NOT NULL, grade TEXT NOT NULL,
    passage_id TEXT, section TEXT, passage_text TEXT
);
CREATE TABLE findings (
    source TEXT NOT NULL, position INTEGER NOT NULL, kind TEXT NOT NULL, theme TEXT NOT NULL, themes TEXT NOT NULL,
    text TEXT NOT NULL, previous TEXT NOT NULL, judgement TEXT NOT NULL,
    passage_id TEXT, section TEXT, passage_text TEXT, origin TEXT NOT NULL DEFAULT 'rules'
);
CREATE INDEX findings_source ON findings (source);
"""
_TABLES = ("documents", "judgements", "findings")


def findings_path(version_dir: Path) -> Path:
    return Path(version_dir) / FILENAME


def is_current(version_dir: Path) -> bool:
    """Does this version hold findings written by the current extraction rules?"""
    path = findings_path(version_dir)
    if not path.is_file():
        return False
    try:
        with _open(path) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'extractor'").fetchone()
    except sqlite3.Error:
        return False
    return bool(row) and row[0] == EXTRACTOR


def _open(path: Path, *, readonly: bool = True) -> sqlite3.Connection:
    if readonly:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return sqlite3.connect(path)


def open_readonly(version_dir: Path) -> sqlite3.Connection | None:
    path = findings_path(version_dir)
    if not path.is_file():
        return None
    db = _open(path)
    db.row_factory = sqlite3.Row
    return db


def _insert(db: sqlite3.Connection, document: Document, inspection: Inspection | None) -> int:
    authority = document.authorities[0] if document.authorities else ""
    db.execute(
        "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (document.source, document.content_hash, document.title, document.date, document.url, authority,
         "|".join(document.authorities), int(inspection is not None),
         inspection.inspection_type if inspection else "", inspection.inspection_dates if inspection else "",
         inspection.previous if inspection else ""),
    )
    if inspection is None:
        return 0
    for judgement, passage in inspection.judgements:
        db.execute("INSERT INTO judgements VALUES (?,?,?,?,?,?,?)",
                   (document.source, judgement.area, judgement.key, judgement.grade, *_cite(passage, judgement.line)))
    for f in inspection.findings:
        db.execute(
            "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (document.source, f.position, f.kind, f.theme, "|".join(f.themes), f.text, f.previous, f.judgement,
             *_cite(f.passage, f.text), f.origin),
        )
    return len(inspection.findings)


def _cite(passage: Passage | None, words: str) -> tuple[str | None, str | None, str]:
    """The citing passage; failing that, the document's own words (never an empty citation)."""
    return (passage.id, passage.section, passage.text) if passage else (None, None, words)


def write_version_findings(
    version_dir: Path,
    fresh: Iterable[tuple[Document, list[Passage]]],
    *,
    keep: Iterable[str],
    previous_dir: Path | None,
    reload: Callable[[str], tuple[Document, list[Passage]] | None] | None = None,
    model: "ModelFindings | None" = None,
) -> int:
    """Write ``version_dir/findings.sqlite``: extract ``fresh`` documents, copy ``keep`` ones from the
    previous version (re-extracting through ``reload`` when it has none for them, or older rules). Returns findings."""
    started = time.perf_counter()
    path = findings_path(version_dir)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = _open(tmp, readonly=False)
    total = copied = 0
    try:
        db.executescript(SCHEMA)
        db.execute("INSERT INTO meta VALUES ('extractor', ?)", (EXTRACTOR,))
        def read(document: Document, passages: list[Passage]) -> Inspection | None:
            inspection = extract(document, passages)
            if inspection is not None and model is not None:
                model.add_to(inspection, passages)  # it may only add verified, passage-backed findings
            return inspection

        for document, passages in fresh:
            total += _insert(db, document, read(document, passages))
        keep = sorted(set(keep))
        have: set[str] = set()
        if keep and previous_dir is not None and is_current(previous_dir):
            db.execute("ATTACH DATABASE ? AS old", (str(findings_path(previous_dir)),))
            marks = ",".join("?" * len(keep))
            for table in _TABLES:
                db.execute(f"INSERT INTO {table} SELECT * FROM old.{table} WHERE source IN ({marks})", keep)
            have = {row[0] for row in db.execute("SELECT source FROM documents")}
            copied = db.execute(f"SELECT COUNT(*) FROM findings WHERE source IN ({marks})", keep).fetchone()[0]
            db.commit()
            db.execute("DETACH DATABASE old")
        for source in keep:
            if source in have or reload is None:
                continue
            loaded = reload(source)  # no findings for it yet (older store or older rules): read it again
            if loaded is not None:
                total += _insert(db, loaded[0], read(*loaded))
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)
    log.info("findings written version=%s extracted=%d copied=%d ms=%.0f",
             Path(version_dir).name, total, copied, (time.perf_counter() - started) * 1000)
    return total + copied
