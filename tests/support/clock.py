"""A clock the test moves by hand, for time-to-live and rate-limit checks without waiting."""

from __future__ import annotations

from datetime import datetime, timedelta


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class MovingClock:
    """The one clock (assistant/clock.py: an aware datetime), moved by hand: ``clock.move(minutes=31)``."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def move(self, **delta: float) -> None:
        self.at += timedelta(**delta)
