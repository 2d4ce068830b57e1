"""`approved`: manager-approved answers (current and stale), newest first, as text or JSON."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from assistant.cli.common import StoreOption, runtime_for, settings_or_exit


def approved(
    as_json: Annotated[bool, typer.Option("--json", help="Print them as a JSON list.")] = False,
    store: StoreOption = None,
) -> None:
    """Manager-approved answers (current and stale), newest first; staleness checked against the live version."""
    from assistant.approved import report

    items = runtime_for(settings_or_exit(store)).approved.listing()
    print(json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=1) if as_json else report(items))


def register(app: typer.Typer) -> None:
    app.command()(approved)
