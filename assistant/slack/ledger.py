"""The delivery ledger: which messages the bot has taken on and answered (ids only), and the outbox of replies
Slack did not take, kept for a short time-to-live. One SQLite file, ``<store>/slack-delivery.sqlite``.

The outbox is the only place a reply's text touches disk: a reply is held
only after the Web API client's own retries are spent, for at most the
time-to-live, and deleted once posted or given up. Deleted rows are zeroed
(``secure_delete``) and the write-ahead log is truncated, so the text does not
linger in the file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

SCHEMA = """
CREATE TABLE IF NOT EXISTS taken (      -- one row per message the bot answers: ids and times only
    key TEXT PRIMARY KEY,               -- channel:message_ts, whichever event (or redelivery) brought it
    ref TEXT NOT NULL,                  -- our question id, the reference people are given
    channel TEXT NOT NULL,
    thread_ts TEXT NOT NULL,            -- where the reply goes
    message_ts TEXT NOT NULL,
    user_id TEXT NOT NULL,
    boot TEXT NOT NULL,                 -- the process that took it on
    done INTEGER NOT NULL DEFAULT 0,    -- 1 once replied to, or handed to the outbox
    reply_ts TEXT,                      -- our reply's ts once posted: never post a second one
    at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (     -- replies waiting for another try: the one table holding text
    key TEXT PRIMARY KEY,
    ref TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- thread (chat.postMessage) | hook (a response_url)
    target TEXT NOT NULL,               -- JSON: channel, thread_ts, message_ts | url
    reply TEXT NOT NULL,                -- JSON: the rendered reply (text, blocks)
    attempts INTEGER NOT NULL,
    due REAL NOT NULL,
    expires REAL NOT NULL
);
"""


@dataclass
class Taken:
    key: str
    ref: str
    channel: str
    thread_ts: str
    message_ts: str
    user_id: str


@dataclass
class Held:
    key: str
    ref: str
    kind: str
    target: dict[str, Any]
    reply: dict[str, Any]
    attempts: int
    due: float
    expires: float


def message_key(channel: str, ts: str) -> str:
    """One key per Slack message: its app_mention and message events, and every redelivery, share it."""
    return f"{channel}:{ts}"


class Ledger:
    """Thread-safe; every method is one short transaction. ``boot`` names this process's run."""

    def __init__(self, path: Path, *, boot: str, keep_s: float = 3600.0,
                 clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.boot = boot
        self.keep_s = keep_s  # Slack redelivers within minutes; an hour of ids is plenty
        self._clock = clock
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.touch(mode=0o600, exist_ok=True)
        os.chmod(self.path, 0o600)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # survives a killed process; acks stay fast
        self._db.execute("PRAGMA secure_delete=ON")
        self._db.executescript(SCHEMA)

    # -- messages taken on ------------------------------------------------------------------
    def take(self, key: str, *, ref: str, channel: str, thread_ts: str, message_ts: str, user_id: str) -> bool:
        """Record that this process answers ``key``; False when it was already taken (a duplicate)."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO taken (key, ref, channel, thread_ts, message_ts, user_id, boot, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (key, ref, channel, thread_ts, message_ts, user_id, self.boot, self._clock()))
            return cursor.rowcount == 1

    def finish(self, key: str) -> None:
        """The message was replied to, or its reply is in the outbox."""
        with self._lock:
            self._db.execute("UPDATE taken SET done = 1 WHERE key = ?", (key,))

    def posted(self, key: str, *, reply_ts: str) -> None:
        with self._lock:
            self._db.execute("UPDATE taken SET reply_ts = ?, done = 1 WHERE key = ?", (reply_ts, key))

    def reply_ts(self, key: str) -> str | None:
        """Our reply's ts when one was posted for ``key``."""
        with self._lock:
            row = self._db.execute("SELECT reply_ts FROM taken WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def unfinished(self) -> list[Taken]:
        """Messages an earlier run took on and neither answered nor handed to the outbox (it was stopped)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT key, ref, channel, thread_ts, message_ts, user_id FROM taken "
                "WHERE done = 0 AND boot != ? ORDER BY at", (self.boot,)).fetchall()
        return [Taken(*row) for row in rows]

    def working(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM taken WHERE done = 0 AND boot = ?",
                                    (self.boot,)).fetchone()[0]

    # -- the outbox --------------------------------------------------------------------------
    def hold(self, key: str, *, ref: str, kind: str, target: dict[str, Any], reply: dict[str, Any], due: float,
             ttl_s: float) -> None:
        """Keep ``reply`` for another try at ``due`` (at most ``ttl_s`` from now); marks the message finished."""
        with self._lock:
            now = self._clock()
            self._db.execute("BEGIN")
            try:
                self._db.execute(
                    "INSERT OR IGNORE INTO outbox (key, ref, kind, target, reply, attempts, due, expires) "
                    "VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
                    (key, ref, kind, json.dumps(target), json.dumps(reply), due, now + ttl_s))
                self._db.execute("UPDATE taken SET done = 1 WHERE key = ?", (key,))
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def due(self, *, limit: int = 20) -> list[Held]:
        with self._lock:
            rows = self._db.execute(
                "SELECT key, ref, kind, target, reply, attempts, due, expires FROM outbox WHERE due <= ? "
                "ORDER BY due LIMIT ?", (self._clock(), limit)).fetchall()
        return [Held(k, r, kind, json.loads(t), json.loads(reply), a, d, e) for k, r, kind, t, reply, a, d, e in rows]

    def next_due(self) -> float | None:
        with self._lock:
            return self._db.execute("SELECT min(due) FROM outbox").fetchone()[0]

    def postpone(self, key: str, *, due: float) -> None:
        with self._lock:
            self._db.execute("UPDATE outbox SET attempts = attempts + 1, due = ? WHERE key = ?", (due, key))

    def release(self, key: str) -> None:
        """Delete a held reply (posted, or given up): its text is zeroed in the file and the log truncated."""
        with self._lock:
            self._db.execute("DELETE FROM outbox WHERE key = ?", (key,))
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def held(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM outbox").fetchone()[0]

    def purge(self) -> int:
        """Forget finished messages older than ``keep_s``; returns how many rows went."""
        with self._lock:
            cursor = self._db.execute("DELETE FROM taken WHERE done = 1 AND at < ?", (self._clock() - self.keep_s,))
            return cursor.rowcount

    def close(self) -> None:
        with self._lock:
            try:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                self._db.close()
