"""In-memory stores with a time-to-live: thread memory, recent answers, seen event ids. Nothing touches disk."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Callable, Generic, TypeVar

V = TypeVar("V")


class TTLCache(Generic[V]):
    """A thread-safe mapping whose entries vanish ``ttl_s`` seconds after they were last written."""

    def __init__(self, ttl_s: float, *, max_items: int = 10_000, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self.max_items = max_items
        self._clock = clock
        self._items: OrderedDict[str, tuple[float, V]] = OrderedDict()
        self._lock = threading.Lock()

    def _purge(self, now: float) -> None:
        while self._items:
            key, (expires, _) = next(iter(self._items.items()))
            if expires > now and len(self._items) <= self.max_items:
                break
            del self._items[key]

    def get(self, key: str) -> V | None:
        with self._lock:
            now = self._clock()
            self._purge(now)
            item = self._items.get(key)
            return item[1] if item and item[0] > now else None

    def put(self, key: str, value: V) -> None:
        with self._lock:
            now = self._clock()
            self._items.pop(key, None)
            self._items[key] = (now + self.ttl_s, value)
            self._purge(now)

    def add(self, key: str) -> bool:
        """Mark ``key`` as seen; False when it was already there (used to drop duplicates)."""
        with self._lock:
            now = self._clock()
            self._purge(now)
            if key in self._items:
                return False
            self._items[key] = (now + self.ttl_s, True)  # type: ignore[arg-type]
            return True

    def __len__(self) -> int:
        with self._lock:
            self._purge(self._clock())
            return len(self._items)


class ThreadMemory:
    """Earlier questions per Slack thread, for follow-ups; also says which threads are the bot's conversations."""

    KEEP = 3

    def __init__(self, ttl_s: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._cache: TTLCache[list[str]] = TTLCache(ttl_s, clock=clock)

    @staticmethod
    def _key(channel: str, thread_ts: str) -> str:
        return f"{channel}:{thread_ts}"

    def context(self, channel: str, thread_ts: str) -> str:
        """The thread's last two questions, oldest first ('' when the thread is unknown or expired)."""
        questions = self._cache.get(self._key(channel, thread_ts)) or []
        return " ".join(questions[-2:])

    def knows(self, channel: str, thread_ts: str) -> bool:
        """True while the bot has answered in this thread within the time-to-live."""
        return self._cache.get(self._key(channel, thread_ts)) is not None

    def remember(self, channel: str, thread_ts: str, *, question: str) -> None:
        key = self._key(channel, thread_ts)
        questions = list(self._cache.get(key) or [])
        questions.append(question)
        self._cache.put(key, questions[-self.KEEP:])
