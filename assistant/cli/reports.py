"""`stats` and `digest`: usage figures for managers (counts only, with a chart) and the digest of what changed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.cli.common import StoreOption, err, fail, runtime_for, settings_or_exit

SinceOption = Annotated[Optional[str], typer.Option("--since", help="From this date (YYYY-MM-DD), inclusive.")]


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--since wants a date written YYYY-MM-DD, e.g. 2026-11-01 (got {value!r})")


def stats(
    since: SinceOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    chart: Annotated[Optional[Path], typer.Option("--chart", help="Also write the weekly chart to this PNG file.")] = None,
    store: StoreOption = None,
) -> None:
    """Usage figures per day and week (questions, outcomes, votes, escalations, most- and never-cited documents)."""
    from assistant.clock import today
    from assistant.stats import stats_text, usage_figures

    settings = settings_or_exit(store)
    runtime = runtime_for(settings)
    report = usage_figures(runtime.store, records=settings.store_dir / "slack.sqlite", today=today(runtime.clock),
                           since=_date(since) if since else None)
    if chart is not None:
        from assistant.stats_chart import write_chart

        try:
            write_chart(report, chart)
        except OSError as exc:
            fail(f"cannot write the chart to {chart} ({exc.strerror})")
        err.print(f"chart written: {chart}", highlight=False)
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(stats_text(report, slack=False))


def digest(
    since: Annotated[str, typer.Option("--since", help="From this date (YYYY-MM-DD), inclusive.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the digest as JSON.")] = False,
    store: StoreOption = None,
) -> None:
    """New and changed documents since a date, and the inspection findings they brought, each cited."""
    from assistant.clock import today
    from assistant.digest import build_digest, digest_text

    settings = settings_or_exit(store)
    runtime = runtime_for(settings)
    report = build_digest(runtime.store, since=_date(since), today=today(runtime.clock))
    if as_json:
        print(json.dumps({key: value for key, value in report.items() if key != "lines"}, ensure_ascii=False))
    else:
        print(digest_text(report, slack=False))


def register(app: typer.Typer) -> None:
    app.command()(stats)
    app.command()(digest)
