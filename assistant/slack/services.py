"""What every Slack surface shares: settings, the assistant, the refresher, memories, guards, the records, the
delivery ledger and outbox, and the bot's own worker pool (with a graceful stop)."""

from __future__ import annotations

import functools
import logging
import re
import threading
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from slack_sdk import WebClient

from assistant.clock import Clock, seconds, system_clock
from assistant.slack.delivery import Courier
from assistant.slack.escalations import Escalations
from assistant.slack.feedback import SlackRecords
from assistant.slack.guards import RateLimiter
from assistant.slack.ledger import Ledger
from assistant.slack.memory import ThreadMemory, TTLCache
from assistant.slack.privacy import where
from assistant.slack.webapi import Hook, make_client
from assistant.usage import UsageLog

if TYPE_CHECKING:
    from assistant.answers import Answer
    from assistant.approved import ApprovedAnswers
    from assistant.approved_store import Approved
    from assistant.pipeline import Assistant
    from assistant.runtime import Runtime
    from config.settings import Settings
    from ingest.refresh import Refresher

log = logging.getLogger(__name__)
EVENT_TTL_S = 3600  # Slack retries within minutes; an hour of event ids is plenty
ANSWERING_AT_ONCE = 2  # the machine's cores: more parallel answers only queue inside torch
WORKERS = 8  # threads for the work after an ack (answers wait for the semaphore above; refreshes; replies)
LEDGER_FILE = "slack-delivery.sqlite"


@dataclass
class Kept:
    """An answer kept briefly for its buttons ("Show passages", "Share in channel", "Approve")."""

    question: str
    answer: "Answer"
    user: str
    approved: "Approved | None" = None  # the manager-approved answer shown above it, if any


@dataclass
class Services:
    settings: "Settings"
    assistant: "Assistant"
    refresher: "Refresher"
    records: SlackRecords
    escalations: Escalations
    approved: "ApprovedAnswers"
    threads: ThreadMemory
    answers: TTLCache[Kept]
    seen: TTLCache[bool]
    rate: RateLimiter
    ledger: Ledger
    courier: Courier
    usage: UsageLog | None = None  # one row per answered question (ids and counts only)
    clock: Clock = system_clock
    answering: threading.BoundedSemaphore = field(default_factory=lambda: threading.BoundedSemaphore(ANSWERING_AT_ONCE))
    refreshing: threading.Lock = field(default_factory=threading.Lock)
    refresh_waiting: threading.Lock = field(default_factory=threading.Lock)  # guards the two below together
    refresh_waiters: list[Any] = field(default_factory=list)  # response_urls of managers told "already running"
    work: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="slack-work"))
    _pending: set[Future] = field(default_factory=set)
    _pending_lock: threading.Lock = field(default_factory=threading.Lock)

    def submit(self, fn: Callable[..., None], /, **kwargs: Any) -> None:
        """Run ``fn(**kwargs)`` on the bot's own pool (never on Bolt's small ack pool); failures are logged by
        type and place only."""
        future = self.work.submit(self._guarded, fn, kwargs)
        with self._pending_lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: Future) -> None:
        with self._pending_lock:
            self._pending.discard(future)

    def offload(self, fn: Callable[..., None]) -> Callable[..., None]:
        """A lazy listener that hands ``fn`` to our own worker pool and returns at once.

        Bolt runs ack functions and lazy listeners on one small pool; answers
        held there would delay the next slash command's ack past Slack's 3 seconds.
        Bolt reads the argument names through ``functools.wraps``.
        """

        @functools.wraps(fn)
        def lazy(**kwargs: Any) -> None:
            self.submit(fn, **kwargs)

        return lazy

    def later(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the worker pool (errors logged by type and place only)."""
        self.submit(fn)

    @staticmethod
    def _guarded(fn: Callable[..., None], kwargs: dict[str, Any]) -> None:
        try:
            fn(**kwargs)
        except Exception as exc:  # listeners handle their own errors; this is the last net, ids only
            log.error("background work failed listener=%s error=%s", getattr(fn, "__name__", "?"), where(exc))

    def in_flight(self) -> int:
        with self._pending_lock:
            return len(self._pending)

    def hook(self, response_url: str | None) -> Hook:
        """A response_url poster with the Web API's retry handlers (Bolt's ``respond`` has none)."""
        return Hook(response_url, retries=self.settings.slack_retries, timeout_s=self.settings.slack_timeout_s)

    def stats(self) -> dict[str, int]:
        """Counts for /healthz: work in progress and replies waiting in the outbox."""
        return {"in_flight": self.in_flight(), "outbox": self.ledger.held(),
                "delivered_later": self.courier.delivered_later}

    def stop(self, *, grace_s: float) -> int:
        """Let the work in progress finish for up to ``grace_s`` seconds, then drop what has not started
        (the next start tells those people to ask again); returns how many were dropped."""
        started = time.monotonic()
        with self._pending_lock:
            pending = set(self._pending)
        log.info("stopping: answers in progress=%d grace_s=%.0f", len(pending), grace_s)
        _, not_done = wait(pending, timeout=grace_s)
        dropped = sum(1 for f in not_done if f.cancel())
        self.work.shutdown(wait=False, cancel_futures=True)
        self.courier.stop()
        log.info("stopped: finished=%d dropped=%d still_running=%d seconds=%.1f", len(pending) - len(not_done),
                 dropped, len(not_done) - dropped, time.monotonic() - started)
        return dropped

    def close(self) -> None:
        """Stop the worker pool (queued work is dropped), the outbox, and close the records."""
        self.work.shutdown(wait=False, cancel_futures=True)
        self.courier.stop()
        self.records.close()
        self.escalations.close()
        self.ledger.close()
        if self.usage is not None:
            self.usage.close()

    @classmethod
    def create(cls, runtime: "Runtime", *, client: WebClient | None = None, records: SlackRecords | None = None,
               boot: str | None = None) -> "Services":
        """The shared state for ``runtime``'s settings, assistant and refresher; ``client`` posts the replies."""
        settings = runtime.settings
        client = client or make_client(settings.slack_bot_token, base_url=settings.slack_api_url,
                                       retries=settings.slack_retries, timeout_s=settings.slack_timeout_s)
        ttl = settings.thread_ttl_s
        clock = getattr(runtime, "clock", system_clock)
        ledger = Ledger(settings.store_dir / LEDGER_FILE, boot=boot or new_id())
        courier = Courier(client, ledger, ttl_s=settings.outbox_ttl_s, first_retry_s=settings.outbox_retry_s,
                          hook=lambda url: Hook(url, retries=settings.slack_retries, timeout_s=settings.slack_timeout_s))
        return cls(
            settings=settings,
            assistant=runtime.assistant,
            refresher=runtime.refresher,
            records=records or SlackRecords(settings.store_dir / "slack.sqlite", clock=clock),
            escalations=Escalations(settings.store_dir / "slack.sqlite", clock=clock),
            approved=runtime.approved,
            threads=ThreadMemory(ttl, clock=seconds(clock)),  # thread memory forgets on the one clock
            answers=TTLCache(ttl, max_items=2000, clock=seconds(clock)),
            seen=TTLCache(EVENT_TTL_S, max_items=50_000),
            rate=RateLimiter(settings.rate_limit_per_minute),
            ledger=ledger,
            courier=courier,
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
