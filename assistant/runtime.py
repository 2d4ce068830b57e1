"""The composition root: the store, embedding model, chat model, assistant and refresher of one process.

Every entry point (the command line, the Slack app and its /kb-refresh, the
scheduled refresh) takes its parts from one :class:`Runtime`, so they share
one embedding model, one findings model and one refresher, and a refresh
from any of them makes the running assistant preload the new version.
Each part is made on first use; tests may hand in their own.
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import TYPE_CHECKING, Any

from assistant.clock import Clock, system_clock
from config.settings import Settings

if TYPE_CHECKING:
    from assistant.approved import ApprovedAnswers
    from assistant.pipeline import Assistant
    from ingest.embedder import Embedder
    from ingest.indexer import SyncSummary
    from ingest.refresh import Refresher
    from ingest.store import KnowledgeStore

log = logging.getLogger(__name__)
_FROM_SETTINGS: Any = object()


class Runtime:
    """Lazily built parts for ``settings``; pass ``store=``, ``embedder=``, ``chat_model=``, ``assistant=`` or
    ``clock=`` to use ready-made ones (tests; `eval` shares one embedding model between two stores)."""

    def __init__(
        self,
        settings: Settings,
        *,
        store: KnowledgeStore | None = None,
        embedder: Embedder | None = None,
        chat_model: Any = _FROM_SETTINGS,
        assistant: Assistant | None = None,
        clock: Clock = system_clock,
    ) -> None:
        self.settings = settings
        self.clock = clock  # the one clock: review dates, usage figures and the digest read the time from it
        # A part handed in is stored where cached_property keeps a part once made.
        for name, value in (("store", store), ("embedder", embedder), ("assistant", assistant)):
            if value is not None:
                self.__dict__[name] = value
        if chat_model is not _FROM_SETTINGS:
            self.__dict__["chat_model"] = chat_model  # None means no model, whatever the settings say

    @cached_property
    def store(self) -> KnowledgeStore:
        from ingest.store import KnowledgeStore

        s = self.settings
        return KnowledgeStore(s.store_dir, chroma_host=s.chroma_host, chroma_port=s.chroma_port)

    @cached_property
    def embedder(self) -> Embedder:
        from ingest.embedder import MiniLMEmbedder

        return MiniLMEmbedder(self.settings.embedding_model_path)

    @cached_property
    def chat_model(self) -> Any | None:
        """The configured LangChain chat model, or None (extractive answers, rules-only findings)."""
        from assistant.providers import chat_model

        return chat_model(self.settings)

    @cached_property
    def assistant(self) -> Assistant:
        from assistant.findings import FindingsAnswerer
        from assistant.llm import LangChainAnswerer
        from assistant.pipeline import Assistant
        from assistant.support import SupportChecker

        model = self.chat_model
        answerer = None
        if model is not None:  # a model's sentences are checked against their passages with the same embedder
            answerer = LangChainAnswerer(model, support=SupportChecker(self.embedder), max_passages=self.settings.top_k)
        return Assistant(
            self.store,
            embedder=self.embedder,
            threshold=self.settings.abstain_threshold,
            answerer=answerer,
            findings=FindingsAnswerer(),
            clock=self.clock,
        )

    @cached_property
    def approved(self) -> ApprovedAnswers:
        """Manager-approved answers, kept in ``<store>/approved.sqlite`` (outside every index version)."""
        from assistant.approved import ApprovedAnswers
        from assistant.approved_store import ApprovedStore

        return ApprovedAnswers(ApprovedStore(self.settings.store_dir / "approved.sqlite"), knowledge=self.store,
                               embedder=self.embedder, threshold=self.settings.approved_match_threshold)

    @cached_property
    def refresher(self) -> Refresher:
        from ingest.findings.model import ModelFindings
        from ingest.limits import ReadLimits
        from ingest.refresh import Refresher

        model = self.chat_model
        refresher = Refresher(
            self.store,
            embedder=self.embedder,
            sources=self.settings.sources,
            keep_versions=self.settings.versions_kept,
            findings_model=ModelFindings(model) if model is not None else None,
            limits=ReadLimits.from_settings(self.settings),
        )
        refresher.on_publish(self._preload)
        return refresher

    def _preload(self, summary: SyncSummary) -> None:
        """After a refresh: a process that is answering loads the new version now, not on the next question."""
        assistant = self.__dict__.get("assistant")
        if assistant is not None:
            assistant.warm()
            log.info("assistant preloaded version=%s", summary.version)
