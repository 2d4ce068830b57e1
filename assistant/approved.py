"""Manager-approved answers: approve one (quoted, cited, checked), find one for a new question, retire stale ones.

A later question meets an approved answer when the cosine similarity of the
two questions' embeddings (the packaged MiniLM model) reaches the calibrated
threshold (docs/approved-answers.md). An approved answer goes stale, and is
never shown again, as soon as a document it cites changes or leaves the
knowledge base: the content hashes kept at approval are compared with the
live version's manifest whenever the live version has moved.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Callable

from assistant.answers import Citation
from assistant.approved_store import Approved, ApprovedStore
from assistant.quoting import NotQuoted, check_quoted

if TYPE_CHECKING:
    from ingest.embedder import Embedder
    from ingest.store import KnowledgeStore

log = logging.getLogger(__name__)
TITLE_CHARS = 80


class ApprovedAnswers:
    """The approved answers of one store folder, with the embedding model that matches questions to them."""

    def __init__(self, records: ApprovedStore, *, knowledge: "KnowledgeStore", embedder: "Embedder",
                 threshold: float) -> None:
        self.records = records
        self.knowledge = knowledge
        self.embedder = embedder
        self.threshold = threshold
        self._checked_version: str | None = None
        self._lock = threading.Lock()
        self._listeners: list[Callable[[list[Approved]], None]] = []

    def on_stale(self, listener: Callable[[list[Approved]], None]) -> None:
        """Call ``listener`` with the approved answers that have just gone stale (to tell managers)."""
        self._listeners.append(listener)

    def documents(self) -> dict[str, str]:
        """Document id -> content hash in the live version ({} when nothing is live)."""
        from ingest.store import StoreEmpty

        try:
            manifest = self.knowledge.live().manifest()
        except StoreEmpty:
            return {}
        return {source: info.get("hash", "") for source, info in manifest.documents.items()}

    def check(self, *, title: str, wording: str, passages: list[Citation]) -> tuple[str, str, list[Citation]]:
        """(title, cited wording, citations renumbered) when the form checks out; else :class:`NotQuoted`."""
        title = " ".join((title or "").split())
        problems, fields = [], []
        if not title:
            problems.append("Give it a short title (no names), e.g. “Supervision frequency for NQSWs”.")
        elif len(title) > TITLE_CHARS:
            problems.append(f"Keep the title under {TITLE_CHARS} characters.")
        fields += ["title"] * len(problems)
        live = self.documents()
        for source in sorted({p.source for p in passages if p.source not in live}):
            problems.append(f"{source} is no longer in the knowledge base; ask the question again.")
            fields.append("passages")
        try:
            quoted = check_quoted(wording, [p.text for p in passages], labels=[p.title or p.source for p in passages])
        except NotQuoted as exc:
            problems, fields = problems + exc.problems, fields + exc.fields
        if problems:
            raise NotQuoted(problems, fields=fields)
        cited = [passages[i] for i in quoted.used]
        citations = [Citation(n=n, source=c.source, title=c.title, section=c.section, date=c.date, url=c.url,
                              text=c.text) for n, c in enumerate(cited, start=1)]
        return title, quoted.wording, citations

    def approve(self, *, question: str, title: str, wording: str, passages: list[Citation], user: str) -> Approved:
        """Check (see :meth:`check`) and store an approved answer.

        ``question`` is embedded for matching and then dropped; ``passages`` are the ticked citations.
        """
        title, wording, citations = self.check(title=title, wording=wording, passages=passages)
        live = self.documents()
        hashes = {c.source: live.get(c.source, "") for c in citations}
        if not all(hashes.values()):  # a refresh removed a document since the check
            raise NotQuoted(["A cited document has just left the knowledge base; ask the question again."],
                            fields=["passages"])
        vector = self.embedder.embed_batch([question])[0]
        item = self.records.add(title=title, wording=wording, citations=citations, hashes=hashes, vector=vector,
                                approved_by=user)
        log.info("approved answer added id=%s by=%s cited=%s", item.id, user, ",".join(sorted(item.hashes)))
        return item

    def match(self, question: str) -> tuple[Approved, float] | None:
        """The current approved answer whose question means the same as ``question``, with the similarity."""
        self.retire_stale()
        vector = self.embedder.embed_batch([question])[0]
        nearest = self.records.nearest(vector)
        if nearest is None or nearest[1] < self.threshold:
            return None
        item = self.records.get(nearest[0])
        if item is None or item.state != "active":
            return None
        log.info("approved answer matched id=%s similarity=%.3f", item.id, nearest[1])
        return item, nearest[1]

    def retire_stale(self, *, force: bool = False) -> list[Approved]:
        """Mark approved answers whose cited documents changed or went; returns the ones marked now.

        Cheap when the live version has not moved since the last check (one pointer read).
        """
        live_name = self.knowledge.live_name()
        with self._lock:
            if not force and live_name == self._checked_version:
                return []
            live = self.documents()
            retired = []
            for item in self.records.all():
                if item.state != "active":
                    continue
                changes = {source: ("removed" if source not in live else "changed")
                           for source, digest in item.hashes.items() if live.get(source) != digest}
                if changes:
                    self.records.mark_stale(item.id, sources=changes)
                    retired.append(self.records.get(item.id) or item)
                    log.info("approved answer stale id=%s documents=%s", item.id, ",".join(sorted(changes)))
            self._checked_version = live_name
        if retired:
            for listener in list(self._listeners):
                listener(retired)
        return retired

    def awaiting_notice(self) -> list[Approved]:
        """Stale approved answers that managers have not yet been told about."""
        return [item for item in self.records.all() if item.state == "stale" and item.notified_at is None]

    def remove(self, approved_id: str, *, user: str) -> bool:
        removed = self.records.remove(approved_id)
        log.info("approved answer removed id=%s by=%s found=%s", approved_id, user, removed)
        return removed

    def listing(self) -> list[Approved]:
        """Every approved answer, newest first, with staleness brought up to date."""
        self.retire_stale()
        return self.records.all()

    def close(self) -> None:
        self.records.close()
