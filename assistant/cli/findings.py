"""`actions`: inspection findings, newest first, each cited; with a council and a theme, the timeline too."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from assistant.cli.common import StoreOption, fail, fail_with, runtime_for, settings_or_exit


def actions(
    authority: Annotated[Optional[str], typer.Option("--authority", help="Only this council (e.g. 'Stockton').")] = None,
    theme: Annotated[Optional[str], typer.Option("--theme", help="Only this theme (e.g. 'supervision').")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as a JSON list.")] = False,
    store: StoreOption = None,
) -> None:
    """Inspection findings (strengths, areas for development, what needs to improve...), newest first, cited."""
    from ingest.authorities import find_authorities
    from ingest.findings.index import FindingsIndex
    from ingest.findings.report import kb_actions
    from ingest.findings.themes import NAMES, theme_named
    from ingest.store import StoreEmpty

    settings = settings_or_exit(store)
    try:
        index = FindingsIndex(runtime_for(settings).store.live().path)
    except StoreEmpty as exc:
        fail_with(exc)
    wanted_theme = theme_named(theme) if theme else None
    if theme and wanted_theme is None:
        fail(f"unknown theme '{theme}'; themes: {', '.join(NAMES)}")
    wanted_authority = None
    if authority:
        named = find_authorities(authority) or [authority]
        wanted_authority = next((a for a in named if a in index.authorities()), named[0])
    report = kb_actions(index, authority=wanted_authority, theme=wanted_theme)
    if as_json:
        print(json.dumps(report["findings"], ensure_ascii=False, indent=1))
        return
    print(report["text"])


def register(app: typer.Typer) -> None:
    app.command()(actions)
