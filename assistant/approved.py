"""Manager-approved answers: approve one (quoted, cited, checked), find one for a new question, retire stale ones.

A later question meets an approved answer when the cosine similarity of the
two questions' embeddings (the packaged MiniLM model, abbreviations spelled
out) reaches the calibrated threshold, and any council or year it names is one
the cited documents are about (docs/approved-answers.md). An approved answer goes stale, and is
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
from assistant.understand import Query, understand

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
        self._manifest: tuple[str | None, dict[str, dict]] | None = None
        self._lock = threading.Lock()
        self._listeners: list[Callable[[list[Approved]], None]] = []

    def on_stale(self, listener: Callable[[list[Approved]], None]) -> None:
        """Call ``listener`` with the approved answers that have just gone stale (to tell managers)."""
        self._listeners.append(listener)

    def documents(self) -> dict[str, str]:
        """Document id -> content hash in the live version ({} when nothing is live)."""
        return {source: info.get("hash", "") for source, info in self._manifest_documents().items()}

    def _manifest_documents(self) -> dict[str, dict]:
        """The live version's manifest entries, read once per live version."""
        from ingest.store import StoreEmpty

        name = self.knowledge.live_name()
        cached = self._manifest
        if cached is not None and cached[0] == name:
            return cached[1]
        try:
            documents = self.knowledge.live().manifest().documents if name else {}
        except StoreEmpty:
            documents = {}
        self._manifest = (name, documents)
        return documents

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
        vector = self.embedder.embed_batch([understand(question).expanded])[0]
        item = self.records.add(title=title, wording=wording, citations=citations, hashes=hashes, vector=vector,
                                approved_by=user)
        log.info("approved answer added id=%s by=%s cited=%s", item.id, user, ",".join(sorted(item.hashes)))
        return item

    def match(self, question: str) -> tuple[Approved, float] | None:
        """The current approved answer whose question means the same as ``question``, with the similarity."""
        self.retire_stale()
        query = understand(question)
        vector = self.embedder.embed_batch([query.expanded])[0]
        for approved_id, similarity in self.records.nearest(vector, at_least=self.threshold):
            item = self.records.get(approved_id)
            if item is not None and item.state == "active" and self.in_scope(query, item):
                log.info("approved answer matched id=%s similarity=%.3f", item.id, similarity)
                return item, similarity
        return None

    def in_scope(self, query: Query, item: Approved) -> bool:
        """A council or year the question names must be one the approved answer's documents are about: a
        question about another council, or another inspection, reads almost the same to the model."""
        manifest = self._manifest_documents()
        councils = {a for c in item.citations for a in manifest.get(c.source, {}).get("authorities") or []}
        years = {int(c.date[:4]) for c in item.citations if c.date[:4].isdigit()}
        if query.authorities and not set(query.authorities) <= councils:
            return False
        return all(any(abs(year - held) <= 1 for held in years) for year in query.years)

    def retire_stale(self, *, force: bool = False) -> list[Approved]:
        """Mark approved answers whose cited documents changed or went; returns the ones marked now.

        Cheap when the live version has not moved since the last check (one pointer read).
        """
        live_name = self.knowledge.live_name()
        if live_name is None:
            return []  # nothing live to compare with: an empty or unreadable store retires nothing
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


def report(items: list[Approved]) -> str:
    """`bot.py approved`: one block per approved answer, current ones first."""
    if not items:
        return "No approved answers."
    blocks = []
    for item in sorted(items, key=lambda i: i.state != "active"):
        stale = "" if item.state == "active" else " — " + ", ".join(
            f"{source} {why}" for source, why in sorted(item.stale_sources.items()))
        sources = "; ".join(f"[{c.n}] {c.source}" for c in item.citations)
        blocks.append(f"{item.id}  {item.title}  ({item.state}{stale})\n  approved {item.approved_at} by "
                      f"{item.approved_by}; cites {sources}\n  {item.wording}")
    return "\n\n".join(blocks)
