"""Short-lived memory: a time-to-live cache, and a thread's last questions."""

from __future__ import annotations

from assistant.slack.memory import ThreadMemory, TTLCache
from tests.support.clock import Clock


def test_ttl_cache_forgets_after_the_time_to_live():
    clock = Clock()
    cache = TTLCache(60, clock=clock)
    cache.put("a", 1)
    assert cache.get("a") == 1
    clock.now += 61
    assert cache.get("a") is None and len(cache) == 0
    assert cache.add("e1") and not cache.add("e1")

def test_thread_memory_keeps_recent_questions_for_a_short_time():
    clock = Clock()
    memory = ThreadMemory(600, clock=clock)
    assert memory.context("C1", "1.1") == "" and not memory.knows("C1", "1.1")
    for q in ("first?", "second?", "third?"):
        memory.remember("C1", "1.1", question=q)
    assert memory.context("C1", "1.1") == "second? third?"
    assert memory.knows("C1", "1.1") and not memory.knows("C1", "2.2")
    clock.now += 601
    assert memory.context("C1", "1.1") == "" and not memory.knows("C1", "1.1")
