"""What every Slack surface shares: settings, the assistant, the refresher, memories, guards and the SQLite records."""

from __future__ import annotations

import functools
import logging
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from assistant.clock import Clock, system_clock
from assistant.slack.feedback import SlackRecords
from assistant.slack.guards import RateLimiter
from assistant.slack.memory import ThreadMemory, TTLCache
from assistant.usage import UsageLog
from assistant.slack.privacy import where

if TYPE_CHECKING:
    from assistant.answers import Answer
    from assistant.pipeline import Assistant
    from assistant.runtime import Runtime
    from config.settings import Settings
    from ingest.refresh import Refresher

log = logging.getLogger(__name__)
EVENT_TTL_S = 3600  # Slack retries within minutes; an hour of event ids is plenty
ANSWERING_AT_ONCE = 2  # the machine's cores: more parallel answers only queue inside torch
WORKERS = 8  # threads for the work after an ack (answers wait for the semaphore above; refreshes; replies)


@dataclass
class Kept:
    """An answer kept briefly for its buttons ("Show passages", "Share in channel")."""

    question: str
    answer: "Answer"
    user: str


@dataclass
class Services:
    settings: "Settings"
    assistant: "Assistant"
    refresher: "Refresher"
    records: SlackRecords
    threads: ThreadMemory
    answers: TTLCache[Kept]
    seen: TTLCache[bool]
    rate: RateLimiter
    usage: UsageLog | None = None  # one row per answered question (ids and counts only)
    clock: Clock = system_clock
    answering: threading.BoundedSemaphore = field(default_factory=lambda: threading.BoundedSemaphore(ANSWERING_AT_ONCE))
    refreshing: threading.Lock = field(default_factory=threading.Lock)
    work: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="slack-work"))

    def offload(self, fn: Callable[..., None]) -> Callable[..., None]:
        """A lazy listener that hands ``fn`` to our own worker pool and returns at once.

        Bolt runs ack functions and lazy listeners on one small pool (5 threads); answers
        held there would delay the next slash command's ack past Slack's 3 seconds.
        Bolt reads the argument names through ``functools.wraps``.
        """

        @functools.wraps(fn)
        def lazy(**kwargs: Any) -> None:
            self.work.submit(self._guarded, fn, kwargs)

        return lazy

    @staticmethod
    def _guarded(fn: Callable[..., None], kwargs: dict[str, Any]) -> None:
        try:
            fn(**kwargs)
        except Exception as exc:  # listeners handle their own errors; this is the last net, ids only
            log.error("background work failed listener=%s error=%s", fn.__name__, where(exc))

    def close(self) -> None:
        """Stop the worker pool (queued work is dropped) and close the records."""
        self.work.shutdown(wait=False, cancel_futures=True)
        self.records.close()
        if self.usage is not None:
            self.usage.close()

    @classmethod
    def create(cls, runtime: "Runtime", *, records: SlackRecords | None = None) -> "Services":
        """The shared state for ``runtime``'s settings, assistant and refresher."""
        settings = runtime.settings
        ttl = settings.thread_ttl_s
        clock = getattr(runtime, "clock", system_clock)
        return cls(
            settings=settings,
            assistant=runtime.assistant,
            refresher=runtime.refresher,
            records=records or SlackRecords(settings.store_dir / "slack.sqlite", clock=clock),
            threads=ThreadMemory(ttl),
            answers=TTLCache(ttl, max_items=2000),
            seen=TTLCache(EVENT_TTL_S, max_items=50_000),
            rate=RateLimiter(settings.rate_limit_per_minute),
            usage=UsageLog(settings.store_dir / "slack.sqlite"),
            clock=clock,
        )


def safe_id(value: object) -> str:
    """``value`` when it has the shape of our question ids, else "invalid": button values come back from
    clients and must not carry text into logs or the database."""
    text = str(value)
    return text if re.fullmatch(r"[0-9a-f]{12}", text) else "invalid"


def new_id() -> str:
    """A short random id for a question (also the reference quoted in an apology)."""
    return uuid.uuid4().hex[:12]
