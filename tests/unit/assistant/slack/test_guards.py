"""Guards: a sliding-minute rate limit per user and the channel allow list."""

from __future__ import annotations

from assistant.slack.guards import RateLimiter, channel_allowed
from tests.support.clock import Clock


def test_rate_limiter_counts_a_sliding_minute_per_user():
    clock = Clock()
    limiter = RateLimiter(2, clock=clock)
    assert limiter.check("U1") == 0 and limiter.check("U1") == 0
    assert limiter.check("U1") == 60 and limiter.check("U2") == 0
    clock.now += 30
    assert limiter.check("U1") == 30
    clock.now += 30
    assert limiter.check("U1") == 0

def test_channel_allow_list():
    assert channel_allowed("C1", [])
    assert channel_allowed("C1", ["C1"]) and not channel_allowed("C2", ["C1"])
    assert channel_allowed("D9", ["C1"], channel_type="im")
