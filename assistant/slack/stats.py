"""/kb-stats [since YYYY-MM-DD]: usage figures (counts only) to the manager who asked, privately, and the chart
(questions per week, share not found) uploaded to their direct message with files_upload_v2."""

from __future__ import annotations

import logging
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from assistant.clock import today
from assistant.slack import blocks as bk
from assistant.slack.managers import Gate, failed, say
from assistant.slack.services import Services, new_id
from assistant.slack.webapi import call

log = logging.getLogger(__name__)
COMMAND = "/kb-stats"
USAGE = ("Usage figures since a date: `/kb-stats` (everything recorded) or `/kb-stats since 2026-11-01`. "
         "Counts only: no question is ever stored.")
CHART_TITLE = "Questions per week and share not found"


def parse_since(text: str) -> date | None:
    """None for no text; the date in 'since 2026-11-01' / '2026-11-01'; ValueError for anything else."""
    text = text.strip().lower()
    if not text:
        return None
    match = re.fullmatch(r"(?:since|from)?\s*(\d{4}-\d{2}-\d{2})", text)
    if not match:
        raise ValueError("not a date")
    return date.fromisoformat(match.group(1))


def stats_blocks(report: dict[str, Any]) -> list[dict[str, Any]]:
    """One section per part of the report (summary, weeks, days, most cited, never cited), then a context line."""
    from assistant.stats import stats_parts

    blocks = [bk.section(part) for part in stats_parts(report, slack=True, escape=bk.inert, never_shown=20)]
    return blocks + [bk.context("The chart of questions per week is in your direct messages with me.")]


def register(app: App, services: Services) -> None:
    gate = Gate.for_services(services)
    records_path = services.settings.store_dir / "slack.sqlite"

    def acknowledge(ack: Ack) -> None:
        ack()

    def kb_stats(command: dict, client: WebClient, respond: Respond) -> None:
        from assistant.stats import stats_text, usage_figures

        user = command.get("user_id", "")
        if not gate.allowed(COMMAND, user=user, client=client, respond=respond):
            return
        try:
            since = parse_since(command.get("text", ""))
        except ValueError:
            services.records.audit(user_id=user, command=COMMAND, allowed=True, outcome="bad-input")
            say(respond, USAGE)
            return
        try:
            report = usage_figures(services.assistant.store, records=records_path, today=today(services.clock),
                                   since=since)
        except Exception as exc:
            services.records.audit(user_id=user, command=COMMAND, allowed=True, outcome="failed")
            say(respond, failed(exc, COMMAND))
            return
        call(respond, what="respond", response_type="ephemeral", replace_original=False,
             text=stats_text(report, slack=True, escape=bk.inert)[:3000], blocks=bk.checked(stats_blocks(report)))
        problem = upload_chart(client, report, user=user)
        if problem:
            say(respond, f"Sorry, I couldn't send you the chart. Reference: `{problem}`.")
        services.records.audit(user_id=user, command=COMMAND, allowed=True, outcome="no-chart" if problem else "ok")
        log.info("usage figures sent user=%s weeks=%d chart=%s", user, len(report["weeks"]), not problem)

    app.command(COMMAND)(ack=acknowledge, lazy=[services.offload(kb_stats)])


def upload_chart(client: WebClient, report: dict[str, Any], *, user: str) -> str:
    """Draw the chart and upload it to the direct message with ``user`` (conversations.open, files_upload_v2);
    returns '' when it arrived, else the reference its failure was logged under."""
    from assistant.stats_chart import write_chart

    ref = new_id()
    opened = call(client.conversations_open, what="conversations.open", ref=ref, users=user)
    channel = (opened.get("channel") or {}).get("id") if opened is not None else None
    if not channel:
        return ref
    with tempfile.TemporaryDirectory(prefix="kb-stats-") as folder:
        try:
            path = write_chart(report, Path(folder) / "usage.png")
        except Exception as exc:
            log.error("chart not drawn ref=%s error=%s", ref, type(exc).__name__)
            return ref
        done = call(client.files_upload_v2, what="files_upload_v2", ref=ref, channel=channel, file=str(path),
                    filename="usage.png", title=CHART_TITLE,
                    initial_comment=f"{CHART_TITLE}, {report['since']} to {report['until']} (from /kb-stats).")
    return "" if done is not None else ref
