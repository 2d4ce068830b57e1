"""The answering pipeline: understand -> retrieve -> compose (extractive, or a checked model answer).

One :class:`Assistant` serves a process: it keeps the embedding model and the
live index version loaded, and reloads the index when a refresh publishes a
new version (the switch is one pointer read, so a question is answered from
the old version or the new one, never from a half-built one).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import replace
from typing import Protocol

from assistant.answer_types import LEAD_ONLY_KINDS
from assistant.answerability import Judge, of_year
from assistant.answers import NOT_FOUND, Answer, abstain
from assistant.clock import Clock, system_clock, today
from assistant.compose import compose
from assistant.repeats import drop_repeats
from assistant.currency import DocumentDates, annotate, from_manifest
from assistant.retriever import Hit, Retriever
from assistant.spelling import respell, sound_index
from assistant.staff_matters import practice_part, staff_matter, who_knows
from assistant.understand import Query, understand
from ingest.authorities import related
from ingest.embedder import Embedder
from ingest.store import IndexVersion, KnowledgeStore

log = logging.getLogger(__name__)
RETRIEVE_K = 10
YEAR_MENTIONS = 5  # passages read for a mention of an inspection year no inspection document has
_CLAIMED = re.compile(r"\b((?:19|20)\d\d)\s*[,?]?\s*(?:(?:wasn[’']?t|isn[’']?t|was|is)\s+it|right|yeah|correct)\b",
                      re.I)  # "the one before was 2019 wasnt it": a year to check, not one asked about


class Answerer(Protocol):
    """An optional language-model answerer; returns None to fall back to the extractive answer."""

    def answer(self, query: Query, hits: list[Hit], *, fallback: Answer) -> Answer | None: ...


class FindingsSource(Protocol):
    """Answers inspection-findings questions from structured records; None hands the question back."""

    def answer(self, query: Query, hits: list[Hit], *, version: IndexVersion, fallback: bool = False) -> Answer | None:
        """``fallback``: the passages did not answer; broader questions ("what did Ofsted say about X") qualify."""


class Assistant:
    def __init__(
        self,
        store: KnowledgeStore,
        *,
        embedder: Embedder,
        threshold: float | None = None,
        answerer: Answerer | None = None,
        findings: FindingsSource | None = None,
        clock: Clock = system_clock,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.judge = Judge(threshold=threshold)
        self.answerer = answerer
        self.findings = findings
        self.clock = clock
        self._dates: tuple[str, dict[str, DocumentDates]] | None = None
        self._retriever: Retriever | None = None
        self._retired: Retriever | None = None
        self._lock = threading.Lock()
        self._preloading = threading.Lock()

    @property
    def retriever(self) -> Retriever:
        """The retriever for the live version, reloaded when the live pointer has moved (while :meth:`preload`
        loads the new one in the background, questions keep the loaded version: complete and published)."""
        live = self.store.live_name()
        current = self._retriever
        if current is not None and (live is None or current.version.name == live or self._preloading.locked()):
            return current
        with self._lock:
            if self._retriever is None or self._retriever.version.name != self.store.live_name():
                self._swap(self._load())
            return self._retriever

    def preload(self) -> bool:
        """Load the live version if it is not the loaded one, without holding up questions; True if it did."""
        if not self._preloading.acquire(blocking=False):
            return False
        try:
            live = self.store.live_name()
            if live is None or (self._retriever is not None and self._retriever.version.name == live):
                return False
            loaded = self._load()
            with self._lock:  # swapped before questions may load it themselves
                self._swap(loaded)
            return True
        finally:
            self._preloading.release()

    def _load(self) -> Retriever:
        started = time.perf_counter()
        retriever = Retriever(self.store.reader(), embedder=self.embedder)
        retriever.warm()
        log.info("index loaded version=%s passages=%d ms=%.0f", retriever.version.name, len(retriever),
                 (time.perf_counter() - started) * 1000)
        return retriever

    def _swap(self, retriever: Retriever) -> None:
        previous, self._retriever = self._retriever, retriever
        self._retire(previous)

    def _retire(self, retriever: Retriever | None) -> None:
        """Close the reader before last: a question still running on the last one keeps working."""
        if self._retired is not None:
            self.store.close_reader(self._retired.version)
        self._retired = retriever

    def close(self) -> None:
        """Release every reader this assistant opened (their private copies are deleted)."""
        with self._lock:
            for retriever in (self._retired, self._retriever):
                if retriever is not None:
                    self.store.close_reader(retriever.version)
            self._retired = self._retriever = None

    def document_dates(self, version: IndexVersion) -> dict[str, DocumentDates]:
        """The dates of ``version``'s documents (from its manifest, read once per version)."""
        cached = self._dates
        if cached is None or cached[0] != version.name:
            cached = self._dates = (version.name, from_manifest(version.manifest().documents))
        return cached[1]

    def warm(self) -> None:
        """Load the model and the index now rather than on the first question."""
        self.embedder.embed_batch(["warm up"])
        _ = self.retriever
        sound_index()  # words spelt as they sound are read from it

    def _search(self, query: Query) -> tuple[Retriever, Query, list[Hit]]:
        """Search the live version (reading misspelt words as its own words); if a refresh replaced and pruned it
        mid-question, search the new one."""
        seen = self.store.live_name()
        try:
            retriever = self.retriever
            query = respell(query, retriever.weights.counts)
            return retriever, query, retriever.search(query, k=RETRIEVE_K)
        except Exception:
            if self.store.live_name() == seen:
                raise
            log.info("index version replaced during a question; searching the new one")
            with self._lock:
                self._retire(self._retriever)
                self._retriever = None
            retriever = self.retriever
            query = respell(query, retriever.weights.counts)
            return retriever, query, retriever.search(query, k=RETRIEVE_K)

    def ask(self, question: str, *, context: str = "") -> Answer:
        """Answer one question; ``context`` is an earlier question in the same thread."""
        started = time.perf_counter()
        query = understand(question, context=context)
        retriever, query, hits = self._search(query)
        known = set(retriever.authorities)
        missing_inspection, missing = _missing_inspection(query, retriever, hits)
        if query.authorities and not any(related(a, k) for a in query.authorities for k in known):
            names = ", ".join(query.authorities)
            answer = abstain(query, hits, reason="unknown-authority",
                             message=f"{NOT_FOUND} It holds no documents about {names}.")
        elif (matter := staff_matter(query.text, hits)) and (part := practice_part(query.text)):
            # a staff matter asked as an aside to a practice question: the practice part answered, the aside said
            # plainly not to be covered
            answer = self.ask(part, context=context)
            answer.question, answer.latency_ms = query.text, (time.perf_counter() - started) * 1000
            answer.answer += (f' The other part of your message ("{matter}") is a staff matter the documents don\'t '
                              f"cover{_who(matter)}.")
            return answer
        elif matter:
            who = who_knows(matter)
            answer = abstain(query, hits, reason="staff-matter", message=(
                f"{NOT_FOUND} It holds practice documents (procedures, guidance, inspection reports), not staff "
                f"matters such as {matter}{': ' + who if who else ''}."))
        elif self.findings is not None and (found := self.findings.answer(query, hits, version=retriever.version)):
            answer = found  # carries the retrieval hits too
        elif missing_inspection and len(missing) == len(query.years):
            answer = abstain(query, hits, reason="no-inspection-that-year", message=f"{NOT_FOUND} {missing_inspection}")
        else:
            # a year with no inspection asked beside one held ("judgements 2016 vs 2023") is said plainly below: the
            # answer is of the years held
            held = replace(query, years=[y for y in query.years if y not in missing]) if missing_inspection else query
            answer = compose(held, hits, weights=retriever.weights, judge=self.judge,
                             search=lambda alone: retriever.search(alone, k=RETRIEVE_K))
            if answer.abstained and self.findings is not None and query.answer_type in (None, *LEAD_ONLY_KINDS):
                # what inspectors said on the theme, once the passages have not answered; never in place of a fact
                # of the asked kind ("whats the timescale for return home interviews? ofsted said they were out of
                # timescale"): the findings would be about it, not state it
                answer = self.findings.answer(query, hits, version=retriever.version, fallback=True) or answer
            if self.answerer is not None and not answer.abstained:
                answer = self.answerer.answer(query, hits, fallback=answer) or answer
        if missing_inspection and not answer.abstained:
            # one of the years asked has no inspection ("darlo judgements 2020 vs 2022"): said plainly, with what the
            # documents hold for the others, so the answer is only part of what was asked
            said = missing_inspection.replace("It holds", "The knowledge base holds", 1)
            answer.answer = f"{said} What it holds: {answer.answer}"
            answer.outcome, answer.reason = "partial", "no-inspection-that-year"
        answer = drop_repeats(answer)  # no sentence or citation twice, whichever path composed it
        annotate(answer, documents=self.document_dates(retriever.version), today=today(self.clock),
                 wants_latest=query.wants_latest)
        answer.latency_ms = (time.perf_counter() - started) * 1000
        log.info(
            "answered version=%s outcome=%s reason=%s mode=%s cited=%s ms=%.0f",
            retriever.version.name, answer.outcome, answer.reason or "-", answer.mode,
            ",".join(c.source for c in answer.citations) or "-", answer.latency_ms,
        )
        return answer


def _who(matter: str) -> str:
    who = who_knows(matter)
    return f" ({who})" if who else ""


def _missing_inspection(query: Query, retriever: Retriever, hits: list[Hit]) -> tuple[str | None, list[int]]:
    """When an inspection question names councils and years, some of which no inspection document matches and none
    of the best passages about those councils mentions, say what there is; and which years asked are missing."""
    if not (query.wants_inspection and query.authorities and query.years):
        return None, []
    # A later report may speak of that inspection ("since the last inspection in 2019, when ... inadequate"):
    # then the documents may answer after all, and the answerability model decides.
    def about(authorities) -> list[str]:  # the councils named, or within an area named ("the tees lot": Stockton)
        return [b for b in authorities if any(related(a, b) for a in query.authorities)]

    found = {year for year in query.years for hit in hits[:YEAR_MENTIONS]
             if about(hit.passage.authorities) and str(year) in hit.passage.text}
    held: dict[str, list[str]] = {}
    for title, date, doc_type, authorities in retriever.documents.values():
        if not doc_type.startswith("inspection") or not date[:4].isdigit():
            continue
        for authority in set(about(authorities)):
            held.setdefault(authority, []).append(date[:4])
            found |= {year for year in query.years if of_year(date, doc_type, year, title)}
    # Not a year named as a baseline ("since 2019"), one offered as a claim to check ("the one before was 2019 wasnt
    # it"), nor one beside a year held ("22/23"; a report dated the year after its inspection)
    claimed = {int(y) for y in _CLAIMED.findall(query.text)}
    missing = [year for year in query.years if year not in found | set(query.since) | claimed
               and not {year - 1, year + 1} & found]
    if not missing:
        return None, []
    years = ", ".join(str(y) for y in missing)
    names = " or ".join(query.authorities)
    listing = "; ".join(f"{a}: {', '.join(sorted(set(ys)))}" for a, ys in sorted(held.items()))
    return f"It holds no {years} inspection of {names}" + (f" (inspections held — {listing})." if listing else "."), \
        missing
