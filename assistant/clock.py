"""The one clock: the time now in England. Handed in (Runtime, Assistant, reports) so tests can fix it."""

from __future__ import annotations

import time as _time
from datetime import date, datetime, time
from typing import Callable
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, as an aware datetime in Europe/London."""
    return datetime.now(LONDON)


def fixed_clock(at: datetime | date) -> Clock:
    """A clock that always says ``at`` (a date means midday that day, London time)."""
    moment = at if isinstance(at, datetime) else datetime.combine(at, time(12), LONDON)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return lambda: moment


def today(clock: Clock) -> date:
    """The date in England by ``clock``."""
    return clock().astimezone(LONDON).date()


def seconds(clock: Clock) -> Callable[[], float]:
    """A seconds counter for time-to-live caches, from ``clock``: the monotonic one for the system clock (never
    jumps with the wall clock), the given clock's time otherwise (a test moving "now" moves the caches too)."""
    if clock is system_clock:
        return _time.monotonic
    return lambda: clock().timestamp()
