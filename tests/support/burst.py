"""Send many signed Slack deliveries at the same instant (one connection each), timing every ack."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass

from tests.support.payloads import event_envelope
from tests.support.signing import Bot, post, sign


@dataclass
class Delivery:
    event: dict
    event_id: str
    retry_num: int = 0  # > 0: a redelivery, as Slack sends it (X-Slack-Retry-Num)


@dataclass
class Acked:
    delivery: Delivery
    status: int  # -1: the connection failed (refused, reset)
    seconds: float
    error: str = ""


def burst(bot: Bot, deliveries: list[Delivery], *, timeout: float = 30.0) -> list[Acked]:
    """POST every delivery at once (threads released together); returns one result per delivery, in order."""
    bodies = [json.dumps(event_envelope(d.event, event_id=d.event_id)) for d in deliveries]
    results: list[Acked | None] = [None] * len(deliveries)
    gate = threading.Barrier(len(deliveries))

    def send(i: int) -> None:
        d = deliveries[i]
        headers = {"X-Slack-Retry-Num": str(d.retry_num), "X-Slack-Retry-Reason": "http_timeout"} if d.retry_num else {}
        gate.wait()
        started = time.perf_counter()
        try:
            status, _, seconds = post(bot.events_url, bodies[i], content_type="application/json",
                                      headers={**sign(bodies[i], secret=bot.secret), **headers}, timeout=timeout)
            results[i] = Acked(d, status, seconds)
        except OSError as exc:  # a reset or refused connection: a delivery Slack would count as failed
            results[i] = Acked(d, -1, time.perf_counter() - started, type(exc).__name__)

    threads = [threading.Thread(target=send, args=(i,), daemon=True) for i in range(len(deliveries))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout + 10)
    return [r if r is not None else Acked(deliveries[i], -1, timeout, "no-result") for i, r in enumerate(results)]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]
