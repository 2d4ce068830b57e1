"""Manager-approved answers on disk: ``<store>/approved.sqlite``, beside (never inside) the index versions.

A row holds what a manager approved (a short title they wrote, the wording,
the cited passages with the content hash of each cited document) and, for
matching later questions, the question's embedding vector. Never the question
text: a question may name a child, and the vector is all that matching needs.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from assistant.answers import Citation

SCHEMA = """
CREATE TABLE IF NOT EXISTS approved (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,             -- written by the approving manager
    wording TEXT NOT NULL,           -- quoted from the cited passages, with [n] markers
    citations TEXT NOT NULL,         -- JSON list of citations (document id, title, section, date, url, passage)
    hashes TEXT NOT NULL,            -- JSON {document id: content hash when approved}
    vector BLOB NOT NULL,            -- float32 embedding of the question (the question itself is not kept)
    approved_by TEXT NOT NULL,       -- Slack user id, or "cli"
    approved_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('active', 'stale')),
    stale_sources TEXT,              -- JSON {document id: "changed" | "removed"}
    stale_at TEXT,
    notified_at TEXT                 -- when managers were told it went stale (once)
);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Approved:
    id: str
    title: str
    wording: str
    citations: list[Citation]
    hashes: dict[str, str]
    approved_by: str
    approved_at: str
    state: str = "active"
    stale_sources: dict[str, str] = field(default_factory=dict)
    stale_at: str | None = None
    notified_at: str | None = None

    @property
    def approved_on(self) -> str:
        """The approval date, 'YYYY-MM-DD' (UTC)."""
        return self.approved_at[:10]

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "wording": self.wording, "state": self.state,
                "approved_by": self.approved_by, "approved_at": self.approved_at,
                "citations": [c.to_json() for c in self.citations], "document_hashes": self.hashes,
                "stale_sources": self.stale_sources, "stale_at": self.stale_at, "managers_told_at": self.notified_at}


class ApprovedStore:
    """The ``approved`` table; safe to share between threads. Vectors are cached in memory for matching."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA secure_delete = ON")  # a removed answer's bytes do not linger in free pages
        self._db.executescript(SCHEMA)
        self._vectors: tuple[list[str], np.ndarray] | None = None

    def add(self, *, title: str, wording: str, citations: list[Citation], hashes: dict[str, str],
            vector: list[float], approved_by: str) -> Approved:
        item = Approved(id=uuid.uuid4().hex[:12], title=title, wording=wording, citations=citations,
                        hashes=hashes, approved_by=approved_by, approved_at=_now())
        blob = np.asarray(vector, dtype=np.float32).tobytes()
        with self._lock:
            self._db.execute(
                "INSERT INTO approved (id, title, wording, citations, hashes, vector, approved_by, approved_at, state)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active')",
                (item.id, title, wording, json.dumps([c.to_json() for c in citations]), json.dumps(hashes), blob,
                 approved_by, item.approved_at))
            self._vectors = None
        return item

    def get(self, approved_id: str) -> Approved | None:
        rows = self._select("WHERE id = ?", (approved_id,))
        return rows[0] if rows else None

    def all(self) -> list[Approved]:
        """Every approved answer, newest first."""
        return self._select("ORDER BY approved_at DESC, id", ())

    def remove(self, approved_id: str) -> bool:
        with self._lock:
            removed = self._db.execute("DELETE FROM approved WHERE id = ?", (approved_id,)).rowcount == 1
            self._vectors = None
        return removed

    def mark_stale(self, approved_id: str, *, sources: dict[str, str]) -> None:
        with self._lock:
            self._db.execute("UPDATE approved SET state = 'stale', stale_sources = ?, stale_at = ? "
                             "WHERE id = ? AND state = 'active'", (json.dumps(sources), _now(), approved_id))
            self._vectors = None

    def mark_notified(self, approved_id: str) -> bool:
        """Record that managers were told; False when someone already had (so each is told once)."""
        with self._lock:
            cursor = self._db.execute("UPDATE approved SET notified_at = ? WHERE id = ? AND notified_at IS NULL "
                                      "AND state = 'stale'", (_now(), approved_id))
            return cursor.rowcount == 1

    def nearest(self, vector: list[float], *, at_least: float) -> list[tuple[str, float]]:
        """Active approved answers whose question's cosine similarity to ``vector`` is ``at_least``, best first."""
        with self._lock:
            if self._vectors is None:
                rows = self._db.execute("SELECT id, vector FROM approved WHERE state = 'active'").fetchall()
                matrix = np.stack([np.frombuffer(blob, dtype=np.float32) for _, blob in rows]) if rows else None
                self._vectors = ([row[0] for row in rows], matrix)
            ids, matrix = self._vectors
        if matrix is None:
            return []
        scores = matrix @ np.asarray(vector, dtype=np.float32)
        order = np.argsort(-scores)
        return [(ids[i], float(scores[i])) for i in order if scores[i] >= at_least]

    def _select(self, clause: str, params: tuple) -> list[Approved]:
        columns = ("id, title, wording, citations, hashes, approved_by, approved_at, state, stale_sources, "
                   "stale_at, notified_at")
        with self._lock:
            rows = self._db.execute(f"SELECT {columns} FROM approved {clause}", params).fetchall()
        return [Approved(id=r[0], title=r[1], wording=r[2], citations=[Citation(**c) for c in json.loads(r[3])],
                         hashes=json.loads(r[4]), approved_by=r[5], approved_at=r[6], state=r[7],
                         stale_sources=json.loads(r[8] or "{}"), stale_at=r[9], notified_at=r[10])
                for r in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()
