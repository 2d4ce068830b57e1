"""Usage records: one row per answered question, ids, times and counts only (never a word of the question).

Table ``usage`` in ``<store>/slack.sqlite`` (beside the feedback votes, outside every index version, so
refreshes and rollbacks keep it): the question id, when (UTC), the surface (mention, dm, thread, ask), the
outcome (answered | partial | not_found) and the cited document ids. No user id: the figures are counts.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

log = logging.getLogger(__name__)
OUTCOMES = ("answered", "partial", "not_found")
SCHEMA = """
CREATE TABLE IF NOT EXISTS usage (
    id INTEGER PRIMARY KEY,
    question_id TEXT NOT NULL,
    at TEXT NOT NULL,              -- ISO-8601 UTC
    surface TEXT NOT NULL,         -- mention | dm | thread | ask
    outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'partial', 'not_found')),
    cited TEXT NOT NULL            -- JSON list of cited document ids (file names)
);
CREATE INDEX IF NOT EXISTS usage_at ON usage (at);
"""


class UsageLog:
    """Appends usage rows to one SQLite file; safe to use from the listener threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)

    def record(self, *, question_id: str, surface: str, outcome: str, cited: list[str],
               at: datetime | None = None) -> None:
        """One answered question. ``cited`` holds document ids (sources), never passage text."""
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        when = (at or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
        with self._lock:
            self._db.execute("INSERT INTO usage (question_id, at, surface, outcome, cited) VALUES (?, ?, ?, ?, ?)",
                             (question_id, when, surface, outcome, json.dumps(sorted(set(cited)))))

    def close(self) -> None:
        with self._lock:
            self._db.close()
