"""Delete every row that mentions a document from the project's SQLite files, then compact them.

The project keeps small SQLite files beside the index (findings in each version
folder, Slack feedback in the store root). Erasing a document must reach them
too: any row with a column equal to or containing the document's source is
deleted, then VACUUM rewrites the file so no freed page keeps the old bytes,
and a WAL checkpoint empties the write-ahead log.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SUFFIXES = (".sqlite", ".sqlite3", ".db")
# Tables SQLite maintains behind FTS3/4/5 and R*Tree virtual tables: written through the virtual table only.
_SHADOW_SUFFIXES = ("data", "idx", "content", "docsize", "config", "segments", "segdir", "stat", "node", "rowid",
                    "parent")


def sqlite_files(folder: Path, *, recursive: bool, skip: tuple[str, ...] = ("chroma",)) -> list[Path]:
    """SQLite files the project keeps under ``folder`` (Chroma's own folder excluded)."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*") if recursive else folder.iterdir()):
        relative = path.relative_to(folder).parts
        if any(part in skip for part in relative[:-1]) or path.name in skip:
            continue
        if path.is_file() and path.suffix in SUFFIXES:
            found.append(path)
    return found


def purge_source(path: Path, source: str) -> int:
    """Delete rows of ``path`` mentioning ``source`` in any column; returns how many went."""
    connection = sqlite3.connect(path, timeout=30)
    try:
        connection.execute("PRAGMA secure_delete = ON")
        removed = 0
        for table in _plain_tables(connection):
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({_quote(table)})")]
            if not columns:
                continue
            condition = " OR ".join(f"instr(CAST({_quote(c)} AS TEXT), ?) > 0" for c in columns)
            cursor = connection.execute(f"DELETE FROM {_quote(table)} WHERE {condition}", [source] * len(columns))
            removed += max(cursor.rowcount, 0)
        connection.commit()
        connection.execute("VACUUM")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return removed
    finally:
        connection.close()


def _plain_tables(connection: sqlite3.Connection) -> list[str]:
    """Tables to delete from: ordinary ones and virtual ones (FTS), never a virtual table's shadow tables."""
    rows = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    shadows = {f"{v}_{suffix}" for v in virtual for suffix in _SHADOW_SUFFIXES}
    return [name for name, _ in rows if not name.startswith("sqlite_") and name not in shadows]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
