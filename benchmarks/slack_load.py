"""Slack under load: N concurrent signed mentions from N people to `python bot.py serve --http` (a real process)
against the local Web API double, each on its own connection, all released at once.

    python benchmarks/slack_load.py [--people 50 200] [--faults] [--old-root DIR] [--redeliveries 10]

Prints, per server and burst size: acks that failed (connection refused or reset), ack p50 / p95 / max, time
from the burst to the last answer, answers lost (threads with no reply) and duplicated (threads with more
than one). ``--faults``: chat.postMessage answers 500 until three replies are waiting in the outbox, then
three 429s with Retry-After: 1 and one call that stalls past the client's timeout. ``--old-root``: also run
another checkout's bot (e.g. the wsgiref server, unpacked with `git archive <commit> | tar -x -C DIR`) side
by side; it has no outbox counters on /healthz, so its answers are counted once none arrived for 10 s.
Each server answers one question before its burst (not counted), so a burst meets a warm process.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.payloads import mention  # noqa: E402
from tests.support.slack_web_api import SlackDouble  # noqa: E402
from tests.support.bot_process import BotProcess, copy_store  # noqa: E402
from tests.support.burst import Delivery, burst, percentile  # noqa: E402

QUESTIONS = [
    "How often do social workers get supervision?",
    "How often are newly qualified social workers supervised?",
    "What should a management oversight record include?",
    "What did Ofsted say about strategy discussions in Stockton?",
    "What are assessment timescales?",
    "What is the capital of France?",
]
QUIET_S = 10.0


def run(label: str, root: Path, *, store: Path, people: int, faults: bool, redeliveries: int,
        timeout: float) -> dict:
    double = SlackDouble()
    try:
        with BotProcess(double, store, root=root, KB_SLACK_TIMEOUT_S="2", KB_OUTBOX_RETRY_S="1") as bot:
            events = [mention(QUESTIONS[i % len(QUESTIONS)], channel=f"C0LOAD{i:04d}", user=f"U0LOAD{i:04d}")
                      for i in range(people)]
            deliveries = [Delivery(e, f"EvLOAD{i:06d}") for i, e in enumerate(events)]
            deliveries += [Delivery(d.event, d.event_id, retry_num=1) for d in deliveries[:redeliveries]]
            warm = mention(QUESTIONS[0], channel="C0WARMUP", user="U0WARMUP")  # one answer first, not counted
            bot.bot.send_event(warm)
            double.wait_for("chat.postMessage", channel="C0WARMUP", timeout=timeout)
            if faults:
                double.break_method("chat.postMessage", status=500)
            started = time.monotonic()
            acks = burst(bot.bot, deliveries)
            if faults:
                bot.wait_health(lambda h: h.get("outbox", 3) >= 3, timeout=timeout)
                double.fail_next("chat.postMessage", status=429, retry_after=1, times=3)
                double.stall_next("chat.postMessage", seconds=3)
                double.mend("chat.postMessage")
            settled = wait_settled(bot, double, events, timeout=timeout)
            counts = double.posts_per_thread()
            per_thread = [counts.get((e["channel"], e["ts"]), 0) for e in events]
            posts = [c.at for c in double.of("chat.postMessage") if c.args.get("channel") != "C0WARMUP"]
            ok = [a.seconds for a in acks if a.status == 200]
            return {
                "server": label, "people": people, "deliveries": len(deliveries), "faults": faults,
                "acks_failed": sum(a.status != 200 for a in acks),
                "ack_p50_ms": round(percentile(ok, 50) * 1000, 1), "ack_p95_ms": round(percentile(ok, 95) * 1000, 1),
                "ack_min_ms": round(min(ok) * 1000, 1) if ok else None,
                "ack_max_ms": round(max(ok) * 1000, 1) if ok else None,
                "last_answer_s": round(max(posts) - started, 2) if posts else None,
                "lost": sum(n == 0 for n in per_thread), "duplicated": sum(n > 1 for n in per_thread),
                "settled": settled,
            }
    finally:
        double.close()


def wait_settled(bot: BotProcess, double: SlackDouble, events: list[dict], *, timeout: float) -> str:
    """Ours: until /healthz shows no work and no held reply. Another server: until no answer came for 10 s."""
    deadline = time.monotonic() + timeout
    last_count, last_change = -1, time.monotonic()
    while time.monotonic() < deadline:
        health = bot.health()
        posted = len(double.of("chat.postMessage")) - 1  # the warm-up's answer
        if "in_flight" in health:
            if health["in_flight"] == 0 and health["outbox"] == 0 and posted >= len(events):
                return "drained"
            if health["in_flight"] == 0 and health["outbox"] == 0 and time.monotonic() - last_change > QUIET_S:
                return "drained"
        elif time.monotonic() - last_change > QUIET_S:
            return "quiet"
        if posted != last_count:
            last_count, last_change = posted, time.monotonic()
        time.sleep(0.2)
    return "timeout"


def build_store(work: Path) -> Path:
    store = work / "store"
    subprocess.run([sys.executable, str(ROOT / "bot.py"), "ingest", "--store", str(store)], cwd=ROOT, check=True,
                   capture_output=True)
    return store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--faults", action="store_true")
    parser.add_argument("--redeliveries", type=int, default=0)
    parser.add_argument("--old-root", type=Path, help="another checkout to run side by side")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="slack-load-"))
    try:
        base = build_store(work)
        servers = [("ours (uvicorn)", ROOT)] + ([("old", args.old_root.resolve())] if args.old_root else [])
        for n, people in enumerate(args.people):
            for label, root in servers:
                store = copy_store(base, work / f"store-{label.split()[0]}-{n}")
                row = run(label, root, store=store, people=people, faults=args.faults,
                          redeliveries=args.redeliveries, timeout=args.timeout)
                print(json.dumps(row) if args.json else _line(row), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _line(row: dict) -> str:
    return (f"{row['server']:<15} people={row['people']:<4} deliveries={row['deliveries']:<4} "
            f"faults={'yes' if row['faults'] else 'no ':<3} acks_failed={row['acks_failed']:<3} "
            f"ack min={row['ack_min_ms']} p50={row['ack_p50_ms']} p95={row['ack_p95_ms']} max={row['ack_max_ms']} ms  "
            f"last answer={row['last_answer_s']} s  lost={row['lost']} duplicated={row['duplicated']} "
            f"({row['settled']})")


if __name__ == "__main__":
    main()
