"""Delete every row that mentions a document from the project's SQLite files, then compact them.

The project keeps small SQLite files beside the index (findings in each version
folder, Slack feedback in the store root). Erasing a document must reach them
too: any row with a column that names the document's source *exactly* is
deleted (the whole value, an item of a JSON list or object, nested JSON, an
item of a "|" / "," / ";" list, or a name standing alone in free text: never
part of a longer name, so forgetting ``visits.md`` keeps rows citing
``home-visits.md``); then VACUUM rewrites the file so no freed page keeps the
old bytes, and a WAL checkpoint empties the write-ahead log.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any, Callable, Iterator

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


def mentions(value: Any, source: str) -> bool:
    """Whether a column value names ``source`` exactly (see the module docstring); never a longer name."""
    if value is None or not source:
        return False
    text = value.decode("utf-8", "replace") if isinstance(value, (bytes, bytearray, memoryview)) else str(value)
    if source not in text:
        return False
    return any(_names(leaf, source, prose=prose) for leaf, prose in _leaves(text, depth=0))


def _leaves(text: str, *, depth: int) -> Iterator[tuple[str, bool]]:
    """The strings inside a value: a JSON value's keys and strings (nested JSON too), else the value itself
    (flagged as free text, where a name may stand among other words)."""
    stripped = text.strip()
    if depth < 4 and stripped[:1] in ("[", "{", '"'):
        try:
            data = json.loads(stripped)
        except ValueError:
            data = None
        if data is not None:
            yield from _json_strings(data, depth=depth + 1)
            return
    yield text, depth == 0


def _json_strings(data: Any, *, depth: int) -> Iterator[tuple[str, bool]]:
    if isinstance(data, str):
        yield from _leaves(data, depth=depth)
    elif isinstance(data, list):
        for item in data:
            yield from _json_strings(item, depth=depth)
    elif isinstance(data, dict):
        for key, item in data.items():
            yield str(key), False
            yield from _json_strings(item, depth=depth)


_SEPARATORS = re.compile(r"\s*[|,;\n]\s*")
_NAME_CHARS = r"[\w.\-/\\]"


def _names(leaf: str, source: str, *, prose: bool) -> bool:
    if leaf.strip() == source or source in _SEPARATORS.split(leaf.strip()):
        return True
    if not prose:
        return False
    # A name in free text: not preceded or followed by what would make it part of a longer file name.
    return re.search(rf"(?<!{_NAME_CHARS}){re.escape(source)}(?!{_NAME_CHARS}*[\w/\\-])", leaf) is not None


def _matcher(source: str) -> Callable[[Any], int]:
    return lambda value: int(mentions(value, source))


def count_mentions(path: Path, source: str) -> int:
    """How many rows of ``path`` name ``source`` exactly (read only)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        connection.create_function("names_source", 1, _matcher(source), deterministic=True)
        total = 0
        for table in _plain_tables(connection):
            condition = _condition(connection, table)
            if condition:
                total += connection.execute(f"SELECT count(*) FROM {_quote(table)} WHERE {condition}").fetchone()[0]
        return total
    finally:
        connection.close()


def purge_source(path: Path, source: str) -> int:
    """Delete rows of ``path`` naming ``source`` exactly in any column; returns how many went."""
    connection = sqlite3.connect(path, timeout=30)
    try:
        connection.create_function("names_source", 1, _matcher(source), deterministic=True)
        connection.execute("PRAGMA secure_delete = ON")
        removed = 0
        for table in _plain_tables(connection):
            condition = _condition(connection, table)
            if not condition:
                continue
            cursor = connection.execute(f"DELETE FROM {_quote(table)} WHERE {condition}")
            removed += max(cursor.rowcount, 0)
        connection.commit()
        connection.execute("VACUUM")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return removed
    finally:
        connection.close()


def _condition(connection: sqlite3.Connection, table: str) -> str:
    columns = [row[1] for row in connection.execute(f"PRAGMA table_info({_quote(table)})")]
    return " OR ".join(f"names_source({_quote(c)})" for c in columns)


def _plain_tables(connection: sqlite3.Connection) -> list[str]:
    """Tables to delete from: ordinary ones and virtual ones (FTS), never a virtual table's shadow tables."""
    rows = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    shadows = {f"{v}_{suffix}" for v in virtual for suffix in _SHADOW_SUFFIXES}
    return [name for name, _ in rows if not name.startswith("sqlite_") and name not in shadows]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
