"""Who may ask where and how often: the channel allow-list and a per-user rate limit."""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque
from typing import Callable


def channel_allowed(channel: str, allowed: list[str], *, channel_type: str = "") -> bool:
    """Direct messages are always allowed; channels when the allow-list is empty or names them."""
    if channel_type == "im" or channel.startswith("D"):
        return True
    return not allowed or channel in allowed


class RateLimiter:
    """At most ``per_minute`` questions per user in any 60-second window."""

    WINDOW_S = 60.0

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def check(self, user: str) -> int:
        """0 and count the question when allowed; otherwise the whole seconds to wait."""
        with self._lock:
            now = self._clock()
            times = self._seen[user]
            while times and times[0] <= now - self.WINDOW_S:
                times.popleft()
            if len(times) >= self.per_minute:
                return max(1, math.ceil(times[0] + self.WINDOW_S - now))
            times.append(now)
            return 0


def rate_limited_text(wait_s: int) -> str:
    return (f"You've asked a lot of questions in the last minute. Please try again in about {wait_s} "
            f"second{'s' if wait_s != 1 else ''}.")
