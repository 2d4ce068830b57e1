"""Purging a document's rows from the project's SQLite files: by its exact name, never part of a longer one."""

from __future__ import annotations

import sqlite3

import pytest

from ingest.sqlite_purge import count_mentions, mentions, purge_source


@pytest.mark.parametrize("value, expected", [
    ("visits.md", True),
    ('["visits.md", "strategy.md"]', True),  # a JSON list of cited documents (feedback, usage)
    ('{"visits.md": "changed"}', True),  # a JSON object keyed by document (approved answers' hashes)
    ('[{"source": "visits.md", "text": "..."}]', True),  # approved answers' citations
    ('{"blocks": [{"value": "{\\"q\\": \\"0a1b\\", \\"d\\": [\\"visits.md\\"]}"}]}', True),  # JSON inside JSON
    ("strategy.md|visits.md", True), ("visits.md,strategy.md", True),  # delimited lists
    ("Sources: [1] visits.md: children are visited.", True),  # a name standing alone in free text
    ("home-visits.md", False), ('["home-visits.md"]', False), ("home-visits.md|strategy.md", False),
    ("sub/visits.md", False), ("visits.md.bak", False), ("old_visits.md", False), ("visits.mdx", False),
    ('[{"source": "home-visits.md", "text": "see visits.md"}]', False),  # another document's quoted text
    (None, False), (b"\x00visits.md", True), (3, False),
])
def test_a_value_names_the_source_exactly(value, expected):
    assert mentions(value, "visits.md") is expected


def test_purge_deletes_rows_naming_the_source_and_keeps_longer_names(tmp_path):
    path = tmp_path / "project.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE cited (id INTEGER PRIMARY KEY, sources TEXT, n INTEGER)")
    db.execute("CREATE VIRTUAL TABLE quotes USING fts5(source, quote)")
    for sources in ('["visits.md"]', '["home-visits.md"]', '["home-visits.md", "visits.md"]', "strategy.md"):
        db.execute("INSERT INTO cited (sources, n) VALUES (?, 1)", (sources,))
    for source in ("visits.md", "home-visits.md"):
        db.execute("INSERT INTO quotes (source, quote) VALUES (?, 'Children are visited.')", (source,))
    db.commit()
    db.close()
    assert count_mentions(path, "visits.md") == 3
    assert purge_source(path, "visits.md") == 3
    db = sqlite3.connect(path)
    assert db.execute("SELECT sources FROM cited ORDER BY id").fetchall() == [('["home-visits.md"]',), ("strategy.md",)]
    assert db.execute("SELECT source FROM quotes").fetchall() == [("home-visits.md",)]
    db.close()
    assert count_mentions(path, "visits.md") == 0 and b'["visits.md"]' not in path.read_bytes()  # vacuumed
