"""Ack and answer latency of the Slack bot over real HTTP: 50 signed mention events to the bot on a loopback
port, answered from the sample knowledge base, against the local Slack Web API double.

    python benchmarks/slack_latency.py [--events 50] [--burst]

Ack: request sent -> HTTP 200 from /slack/events. Answer: request sent -> chat.postMessage received by the
double. Sequential by default (one question at a time: the latency a user sees on a quiet bot); --burst
sends all events first, then waits (queueing included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "How often do social workers get supervision?",
    "How often are newly qualified social workers supervised?",
    "What should a management oversight record include?",
    "What did Ofsted say about strategy discussions in Stockton?",
    "What are assessment timescales?",
    "How often are team managers supervised?",
    "Within how many working days must a supervision decision be recorded?",
    "What is the capital of France?",
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--burst", action="store_true", help="send every event before waiting for answers")
    args = parser.parse_args()

    from tests.support.payloads import mention
    from tests.support.slack_web_api import SlackDouble
    from tests.support.slack_bot import start_bot

    from assistant.pipeline import Assistant
    from ingest.embedder import MiniLMEmbedder
    from ingest.indexer import sync
    from ingest.store import KnowledgeStore

    work = Path(tempfile.mkdtemp(prefix="slack-bench-"))
    embedder = MiniLMEmbedder()
    store = KnowledgeStore(work / "store")
    sync(store, [ROOT / "knowledge"], embedder=embedder)
    assistant = Assistant(store, embedder=embedder, threshold=0.40)
    assistant.warm()
    double = SlackDouble()
    running = start_bot(double, assistant, work / "state")
    try:
        running.bot.send_event(mention("warm up question about supervision", channel="C0WARMUP0"))
        double.wait_for("chat.postMessage", channel="C0WARMUP0", timeout=60)
        acks: list[float] = []
        answers: list[float] = []
        sent: list[tuple[str, float]] = []
        for i in range(args.events):
            channel = f"C0BENCH{i:03d}"
            event = mention(QUESTIONS[i % len(QUESTIONS)], channel=channel, user=f"U0BENCH{i % 7}")
            started = time.monotonic()
            status, _, _ = running.bot.send_event(event)
            acks.append((time.monotonic() - started) * 1000)
            assert status == 200, status
            sent.append((channel, started))
            if not args.burst:
                posted = double.wait_for("chat.postMessage", channel=channel, timeout=60)[0]
                answers.append((posted.at - started) * 1000)
        if args.burst:
            for channel, started in sent:
                posted = double.wait_for("chat.postMessage", channel=channel, timeout=120)[0]
                answers.append((posted.at - started) * 1000)
    finally:
        running.stop()
        double.close()

    mode = "burst" if args.burst else "sequential"
    print(f"{args.events} mention events over HTTP ({mode}), {os.cpu_count()} CPU cores")
    print(f"ack     p50 {pct(acks, .5):7.1f} ms   p95 {pct(acks, .95):7.1f} ms   max {max(acks):7.1f} ms")
    print(f"answer  p50 {pct(answers, .5):7.1f} ms   p95 {pct(answers, .95):7.1f} ms   max {max(answers):7.1f} ms")
    print(f"(mean answer {statistics.mean(answers):.1f} ms)")


if __name__ == "__main__":
    main()
