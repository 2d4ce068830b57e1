"""Screenshot-style examples of the bot's messages for docs/messages.md, made by the real code.

    python scripts/message_examples.py            # print the examples
    python scripts/message_examples.py --write    # replace them in docs/messages.md

Builds a small real index (the documents in tests/support/currency_docs.py, the packaged model), answers with
a fixed clock, and renders each message's Block Kit JSON as text: sections as they read, context lines
prefixed with "│", buttons as [ label ], an overflow menu as [ ⋯ ].
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

START, END = "<!-- examples:start -->", "<!-- examples:end -->"
TODAY = date(2026, 11, 30)


def render(blocks: list[dict]) -> str:
    """Block Kit as a reader sees it, in plain text."""
    lines: list[str] = []
    for block in blocks:
        kind = block["type"]
        if kind == "header":
            lines.append(f"## {block['text']['text']}")
        elif kind == "section":
            lines.append(block["text"]["text"])
        elif kind == "context":
            lines.append("│ " + " ".join(e.get("text", "") for e in block["elements"]))
        elif kind == "actions":
            lines.append("  ".join(f"[ {e['text']['text']} ]" if "text" in e else "[ ⋯ ]" for e in block["elements"]))
        elif kind == "divider":
            lines.append("─" * 40)
        elif kind == "image":
            lines.append(f"[image: {block.get('alt_text', '')}]")
    text = "\n".join(lines)
    return re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2", text).replace("&lt;", "<").replace("&gt;", ">").replace(
        "&amp;", "&")


def example(title: str, note: str, blocks: list[dict]) -> str:
    note = f"{note}\n\n" if note else ""
    return f"### {title}\n\n{note}~~~\n{render(blocks)}\n~~~\n"


def examples() -> str:
    from assistant.clock import fixed_clock
    from assistant.pipeline import Assistant
    from assistant.slack import blocks as bk
    from assistant.slack.manager import overdue_text
    from assistant.status import overdue_sources
    from ingest.embedder import MiniLMEmbedder
    from ingest.indexer import sync
    from ingest.store import KnowledgeStore
    from assistant.digest import build_digest
    from assistant.slack.digest import digest_blocks
    from tests.support.currency_docs import write_currency_docs

    parts: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = KnowledgeStore(Path(tmp) / "store")
        embedder = MiniLMEmbedder()
        sync(store, [write_currency_docs(Path(tmp) / "docs")], embedder=embedder)
        assistant = Assistant(store, embedder=embedder, threshold=0.40, clock=fixed_clock(TODAY))
        overdue = assistant.ask("How quickly must a manager decide what happens to a referral?")
        parts.append(example("An answer citing a procedure whose review is overdue",
                             f"A mention in a channel; the answer in its thread (today: {TODAY:%-d %B %Y}).",
                             bk.answer_blocks(overdue, qid="0f3c9a1b2c4d")))
        superseded = assistant.ask("What does Ofsted say now about private fostering in Stockton?")
        parts.append(example("An older inspection report cited for a question about now",
                             "The 2019 report answers, and the citation names the later report of the same council.",
                             bk.answer_blocks(superseded, qid="1a2b3c4d5e6f")))
        rows = overdue_sources(store, today=TODAY)
        parts.append(example("`/kb-sources overdue` (managers; only the manager sees it)", "",
                             bk.note_blocks(overdue_text(rows))))
        parts.append(example("`/kb-stats` (managers; only the manager sees it)",
                             "Figures from a made-up month of usage; the chart arrives in the manager's DM "
                             "([example chart](img/usage-chart.png)).", stats_example(Path(tmp), store)))
        shutil.copy(ROOT / "knowledge" / "stockton-2011-ucra-letter.txt", Path(tmp) / "docs")
        sync(store, [Path(tmp) / "docs"], embedder=embedder)
        parts.append(example("The weekly digest (a DM to each manager, on `KB_DIGEST_SCHEDULE`)",
                             "Five documents indexed this week, among them the 2011 Stockton letter with its findings.",
                             digest_blocks(build_digest(store, since=date.today() - timedelta(days=6),
                                                        today=date.today()))))
        assistant.close()
    return "\n".join(parts)


def stats_example(folder: Path, store) -> list[dict]:
    """/kb-stats blocks for a made-up month of questions and votes (ids only), and the chart for the docs."""
    from assistant.slack.feedback import SlackRecords
    from assistant.slack.stats import stats_blocks
    from assistant.stats import usage_figures
    from assistant.stats_chart import write_chart
    from assistant.usage import UsageLog

    usage = UsageLog(folder / "slack.sqlite")
    votes = SlackRecords(folder / "slack.sqlite", clock=lambda: datetime(2026, 11, 20, 10, tzinfo=timezone.utc))
    cited = ["referrals.txt", "visits.txt", "referrals.txt", "ofsted-2023-stockton.txt", ""]
    per_week = (9, 14, 21, 16)
    times = [datetime(2026, 11, 2, 9, tzinfo=timezone.utc) + timedelta(days=7 * week, hours=7 * n)
             for week, count in enumerate(per_week) for n in range(count)]
    for n, at in enumerate(times):
        outcome = "not_found" if n % (4 + n // 20) == 3 else "partial" if n % 7 == 5 else "answered"
        usage.record(question_id=f"{n:012x}", surface="mention", outcome=outcome, at=at,
                     cited=[] if outcome == "not_found" else [cited[n % 4]])
        if n % 6 == 0:
            votes.vote(user_id=f"U{n:04d}", question_id=f"{n:012x}", vote="down" if n % 12 == 0 else "up", cited=[])
    usage.close()
    votes.close()
    report = usage_figures(store, records=folder / "slack.sqlite", today=TODAY, since=date(2026, 11, 2))
    write_chart(report, ROOT / "docs" / "img" / "usage-chart.png")
    return stats_blocks(report)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="replace the examples in docs/messages.md")
    args = parser.parse_args()
    text = examples()
    if not args.write:
        print(text)
        return
    path = ROOT / "docs" / "messages.md"
    doc = path.read_text()
    start, end = doc.index(START) + len(START), doc.index(END)
    path.write_text(doc[:start] + "\n" + text + doc[end:])
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
