"""Feedback votes and the manager-command audit log, in SQLite under the store folder. Ids only, never text."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    cited TEXT NOT NULL            -- JSON list of cited document ids (file names)
);
CREATE UNIQUE INDEX IF NOT EXISTS feedback_one_vote ON feedback (user_id, question_id);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id TEXT NOT NULL,
    command TEXT NOT NULL,
    allowed INTEGER NOT NULL,
    outcome TEXT NOT NULL          -- a fixed word: refused | not-configured | ok | busy | failed | bad-input | no-chart
);
"""


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class SlackRecords:
    """One SQLite file (``<store>/slack.sqlite``); safe to use from the listener threads. Times come from
    ``clock`` (the process's one clock, assistant/clock.py), stored as ISO-8601 UTC."""

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self.path = Path(path)
        self._clock = clock
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)

    def _now(self) -> str:
        return self._clock().astimezone(timezone.utc).isoformat(timespec="seconds")

    def vote(self, *, user_id: str, question_id: str, vote: str, cited: list[str]) -> None:
        with self._lock:
            self._db.execute(  # one vote per person and answer: a second click changes it
                "INSERT INTO feedback (at, user_id, question_id, vote, cited) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (user_id, question_id) DO UPDATE SET at = excluded.at, vote = excluded.vote, "
                "cited = excluded.cited",
                (self._now(), user_id, question_id, vote, json.dumps(sorted(set(cited)))),
            )

    def audit(self, *, user_id: str, command: str, allowed: bool, outcome: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO audit (at, user_id, command, allowed, outcome) VALUES (?, ?, ?, ?, ?)",
                (self._now(), user_id, command, int(allowed), outcome),
            )

    def rows(self, table: str) -> list[dict]:
        """Every row of ``feedback`` or ``audit`` (for tests and reports)."""
        if table not in {"feedback", "audit"}:
            raise ValueError(table)
        with self._lock:
            cursor = self._db.execute(f"SELECT * FROM {table} ORDER BY id")
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def close(self) -> None:
        with self._lock:
            self._db.close()
