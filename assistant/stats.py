"""Usage figures, counts only: questions and outcomes, votes, escalations, most- and never-cited documents.

Read from ``<store>/slack.sqlite`` (tables ``usage``, ``feedback`` and, when "Ask a person" has created it,
``escalations`` with ``raised_at`` / ``resolved_at``), opened read-only. Days and weeks (Monday to Sunday) are
England's; ``days`` lists the days with any activity, ``weeks`` every week from the first to the current one.
Nothing here reads or returns a question, an answer or a user id.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable

from assistant.clock import LONDON
from ingest.store import KnowledgeStore, StoreEmpty

log = logging.getLogger(__name__)
COUNTS = ("questions", "answered", "partial", "not_found", "helpful", "not_helpful", "escalations_raised",
          "escalations_resolved")
MOST_CITED = 10


def _day(stamp: str | None) -> date | None:
    """The England date of an ISO-8601 UTC time, or None."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return moment.astimezone(LONDON).date()


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _rows(db: sqlite3.Connection, sql: str) -> list[tuple]:
    try:
        return db.execute(sql).fetchall()
    except sqlite3.OperationalError:  # a table (or column) this store does not have yet
        return []


def _read(path: Path) -> tuple[list[tuple], list[tuple], list[tuple], bool]:
    """(usage, feedback, escalations rows, whether the escalations table exists)."""
    if not path.is_file():
        return [], [], [], False
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        usage = _rows(db, "SELECT at, outcome, cited FROM usage")
        votes = _rows(db, "SELECT at, vote FROM feedback")
        has_escalations = bool(_rows(db, "SELECT name FROM sqlite_master WHERE type='table' AND name='escalations'"))
        escalations = _rows(db, "SELECT raised_at, resolved_at FROM escalations") if has_escalations else []
    finally:
        db.close()
    return usage, votes, escalations, has_escalations


def usage_report(path: Path, *, documents: dict[str, str], today: date, since: date | None = None) -> dict[str, Any]:
    """Figures per day and per week from ``since`` (default: the first record) to ``today``.

    ``documents`` maps the live version's document ids to titles (for most- and never-cited documents).
    """
    usage, votes, escalations, has_escalations = _read(path)
    per_day: dict[date, Counter] = {}
    cited: Counter = Counter()

    def count(day: date | None, key: str) -> None:
        if day is not None and (since is None or day >= since) and day <= today:
            per_day.setdefault(day, Counter())[key] += 1

    for at, outcome, sources in usage:
        day = _day(at)
        if day is None or (since is not None and day < since) or day > today:
            continue
        count(day, "questions")
        count(day, outcome)
        try:
            cited.update(set(json.loads(sources or "[]")))
        except ValueError:
            log.warning("usage row with unreadable cited ids skipped")
    for at, vote in votes:
        count(_day(at), "helpful" if vote == "up" else "not_helpful")
    for raised, resolved in escalations:
        count(_day(raised), "escalations_raised")
        count(_day(resolved), "escalations_resolved")

    start = since or (min(per_day) if per_day else today)
    weeks: dict[date, Counter] = {}
    cursor = week_start(start)
    while cursor <= today:
        weeks[cursor] = Counter()
        cursor += timedelta(days=7)
    for day, counts in per_day.items():
        weeks.setdefault(week_start(day), Counter()).update(counts)
    totals: Counter = sum(per_day.values(), Counter())
    return {
        "since": start.isoformat(),
        "until": today.isoformat(),
        "escalations_recorded": has_escalations,
        "totals": _figures(totals),
        "days": [{"date": day.isoformat(), **_figures(per_day[day])} for day in sorted(per_day)],
        "weeks": [{"week_start": week.isoformat(), **_figures(weeks[week])} for week in sorted(weeks)],
        "most_cited": [{"source": source, "title": documents.get(source, ""), "citations": n}
                       for source, n in sorted(cited.items(), key=lambda item: (-item[1], item[0]))[:MOST_CITED]],
        "never_cited": [{"source": source, "title": title} for source, title in sorted(documents.items())
                        if source not in cited],
    }


def _figures(counts: Counter) -> dict[str, Any]:
    figures: dict[str, Any] = {key: int(counts.get(key, 0)) for key in COUNTS}
    asked = figures["questions"]
    figures["not_found_rate"] = round(figures["not_found"] / asked, 3) if asked else None
    return figures


HEADINGS = ("asked", "answered", "partial", "not found", "👍", "👎", "esc. raised", "resolved")
WIDTHS = (5, 8, 7, 9, 4, 4, 11, 8)


def table(label: str, rows: list[tuple[str, dict[str, Any]]]) -> str:
    """A fixed-width table of figures, one row per period (the emoji columns are two cells wide)."""
    first = max([len(label)] + [len(name) for name, _ in rows])
    head = label.ljust(first) + "".join(" " + h.rjust(w - (1 if h in "👍👎" else 0)) for h, w in zip(HEADINGS, WIDTHS))
    body = [name.ljust(first) + "".join(f" {f[key]:>{w}}" for key, w in zip(COUNTS, WIDTHS)) for name, f in rows]
    return "\n".join([head] + body)


def stats_text(report: dict[str, Any], *, slack: bool, escape: Callable[[str], str] = str) -> str:
    """The report as text: Slack mrkdwn (bold, code blocks, ``escape`` for titles) or plain for a terminal."""
    return "\n".join(stats_parts(report, slack=slack, escape=escape))


def stats_parts(report: dict[str, Any], *, slack: bool, days_shown: int = 14, weeks_shown: int = 12,
                escape: Callable[[str], str] = str, never_shown: int = 30) -> list[str]:
    """The report in parts (summary, weeks, days, most cited, never cited), each under 3,000 characters
    when ``slack`` (one Slack section each, so no code block is ever cut in two)."""
    bold, code, tick = ("*", "```", "`") if slack else ("", "\n", "")
    since, until = date.fromisoformat(report["since"]), date.fromisoformat(report["until"])
    total = report["totals"]
    rate = f", {total['not_found_rate']:.0%} not found" if total["not_found_rate"] is not None else ""
    lines = [f"{bold}Usage, {since:%-d %B %Y} to {until:%-d %B %Y}{bold}: {total['questions']} questions{rate} "
             "(counts only; no question is ever stored)"]
    if not report["escalations_recorded"]:
        lines.append("Escalations: none recorded in this store yet.")
    weeks = report["weeks"][-weeks_shown:]
    days = report["days"][-days_shown:]
    rows = [(f"{date.fromisoformat(w['week_start']):%-d %b %Y}", w) for w in weeks] + [("total", total)]
    parts = ["\n".join(lines)]
    parts.append(f"{bold}Per week{bold}" + (f" (the last {len(weeks)})" if len(report["weeks"]) > len(weeks) else "")
                 + f"\n{code}{table('week of', rows)}{code}")
    day_rows = [(f"{date.fromisoformat(d['date']):%a %-d %b %Y}", d) for d in days]
    parts.append(f"{bold}Per day{bold} (days with activity" + (
        f", the last {len(days)})" if len(report["days"]) > len(days) else ")")
        + (f"\n{code}{table('day', day_rows)}{code}" if day_rows else "\n• none"))
    cited = [f"• {escape(row['title'] or row['source'])} ({tick}{escape(row['source'])}{tick}): cited in "
             f"{row['citations']} answer{'s' if row['citations'] != 1 else ''}" for row in report["most_cited"]]
    parts.append("\n".join([f"{bold}Most-cited documents{bold}"] + (cited or ["• none yet"])))
    never = report["never_cited"]
    listed = [f"• {escape(row['title'] or row['source'])} ({tick}{escape(row['source'])}{tick})"
              for row in never[:never_shown]]
    more = [f"…and {len(never) - never_shown} more"] if len(never) > never_shown else []
    parts.append("\n".join([f"{bold}Documents never cited{bold} in this period ({len(never)})"]
                            + (listed or ["• none"]) + more))
    return [part[:2990] for part in parts] if slack else parts


def usage_figures(store: KnowledgeStore, *, records: Path, today: date, since: date | None = None) -> dict[str, Any]:
    """:func:`usage_report` for the records file ``records`` and the live version's documents."""
    try:
        documents = {source: str(meta.get("title", "")) for source, meta in store.live().manifest().documents.items()}
    except StoreEmpty:
        documents = {}
    return usage_report(records, documents=documents, today=today, since=since)
