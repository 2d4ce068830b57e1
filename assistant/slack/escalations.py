"""Escalations ("Ask a person") in ``<store>/slack.sqlite``: Slack identifiers, states and times only.

A row says which answer was escalated (question id, channel, thread and message
timestamps), who asked for a person, where the escalation was posted, and when
and by whom it was resolved. Never a question, an answer or any other text:
every value is checked against the shape of a Slack id or timestamp first.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

SCHEMA = """
CREATE TABLE IF NOT EXISTS escalations (
    id TEXT PRIMARY KEY,            -- random hex: the "Mark resolved" button's value
    question_id TEXT NOT NULL UNIQUE, -- the answer's id: one escalation per answer
    outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'partial', 'not_found')),
    asked_channel TEXT NOT NULL,
    asked_thread_ts TEXT,           -- the thread the answer is in (NULL: a private /ask answer)
    answer_ts TEXT,                 -- the answer message (NULL: ephemeral)
    raised_by TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    post_channel TEXT NOT NULL,
    post_ts TEXT,                   -- the escalation post (NULL until posted)
    state TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
    resolved_by TEXT,
    resolved_at TEXT
);
"""
OUTCOMES = ("answered", "partial", "not_found")
_ID = re.compile(r"[A-Z0-9]{2,32}")
_TS = re.compile(r"\d{1,12}\.\d{1,9}")


class NotAnId(ValueError):
    """A value that should be a Slack id or timestamp is not (it never reaches the database)."""


def slack_id(value: object) -> str:
    """``value`` when it has the shape of a Slack user or channel id; else :class:`NotAnId`."""
    text = str(value or "")
    if not _ID.fullmatch(text):
        raise NotAnId("not a Slack id")
    return text


def slack_ts(value: object, *, optional: bool = False) -> str | None:
    """``value`` when it has the shape of a Slack message timestamp (None allowed when ``optional``)."""
    if optional and not value:
        return None
    text = str(value or "")
    if not _TS.fullmatch(text):
        raise NotAnId("not a Slack timestamp")
    return text


def now(clock: Callable[[], datetime] | None = None) -> str:
    """ISO-8601 UTC time, from ``clock`` (the process's one clock, assistant/clock.py) or the system's."""
    return (clock() if clock else datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Escalation:
    id: str
    question_id: str
    outcome: str
    asked_channel: str
    asked_thread_ts: str | None
    answer_ts: str | None
    raised_by: str
    raised_at: str
    post_channel: str
    post_ts: str | None
    state: str
    resolved_by: str | None
    resolved_at: str | None


class Escalations:
    """The ``escalations`` table; safe to use from the listener threads."""

    def __init__(self, path: Path, *, clock: Callable[[], datetime] | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock  # usage figures count escalations by these times, on the same clock as the rest
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)

    def open(self, *, question_id: str, outcome: str, asked_channel: str, asked_thread_ts: str | None,
             answer_ts: str | None, raised_by: str, post_channel: str) -> Escalation | None:
        """A new open escalation; None when this answer was escalated already (see :meth:`for_question`)."""
        if outcome not in OUTCOMES or not re.fullmatch(r"[0-9a-f]{12}", question_id):
            raise NotAnId("not an answer id or outcome")
        row = (uuid.uuid4().hex[:16], question_id, outcome, slack_id(asked_channel),
               slack_ts(asked_thread_ts, optional=True), slack_ts(answer_ts, optional=True), slack_id(raised_by),
               now(self._clock), slack_id(post_channel), None, "open", None, None)
        with self._lock:
            try:
                self._db.execute(f"INSERT INTO escalations VALUES ({', '.join('?' * len(row))})", row)
            except sqlite3.IntegrityError:
                return None
        return Escalation(*row)

    def posted(self, escalation_id: str, *, post_ts: str) -> None:
        with self._lock:
            self._db.execute("UPDATE escalations SET post_ts = ? WHERE id = ?", (slack_ts(post_ts), escalation_id))

    def withdraw(self, escalation_id: str) -> None:
        """Forget an escalation whose post never reached the channel (so the asker can try again)."""
        with self._lock:
            self._db.execute("DELETE FROM escalations WHERE id = ? AND post_ts IS NULL", (escalation_id,))

    def resolve(self, escalation_id: str, *, user: str) -> Escalation | None:
        """Mark it resolved by ``user``; None when it is unknown or was resolved already."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE escalations SET state = 'resolved', resolved_by = ?, resolved_at = ? "
                "WHERE id = ? AND state = 'open'", (slack_id(user), now(self._clock), escalation_id))
            if cursor.rowcount != 1:
                return None
        return self.get(escalation_id)

    def get(self, escalation_id: str) -> Escalation | None:
        return self._one("SELECT * FROM escalations WHERE id = ?", escalation_id)

    def for_question(self, question_id: str) -> Escalation | None:
        return self._one("SELECT * FROM escalations WHERE question_id = ?", question_id)

    def all(self) -> list[Escalation]:
        with self._lock:
            return [Escalation(*row) for row in self._db.execute("SELECT * FROM escalations ORDER BY raised_at")]

    def _one(self, sql: str, value: str) -> Escalation | None:
        with self._lock:
            row = self._db.execute(sql, (value,)).fetchone()
        return Escalation(*row) if row else None

    def close(self) -> None:
        with self._lock:
            self._db.close()
