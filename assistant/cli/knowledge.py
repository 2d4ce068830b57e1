"""Commands that build and look after the knowledge base: ingest, refresh, rollback, forget, status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.cli.common import StoreOption, console, err, fail_with, runtime_for, settings_or_exit
from assistant.cli.progress import run_sync


def ingest(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Folders or files (default: the configured sources).")] = None,
    store: StoreOption = None,
) -> None:
    """Index documents: the store then mirrors exactly these folders."""
    run_sync(runtime_for(settings_or_exit(store)), paths or None)


def refresh(
    source: Annotated[Optional[list[Path]], typer.Option("--source", help="Document folder (repeatable; default: the configured sources).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    store: StoreOption = None,
) -> None:
    """Bring the index in step with the sources: add new, re-index changed, remove deleted documents."""
    summary = run_sync(runtime_for(settings_or_exit(store)), source or None, quiet=as_json)
    if as_json:
        print(json.dumps(summary.to_json(), ensure_ascii=False))


def rollback(store: StoreOption = None) -> None:
    """Make the previously live version live again (a second rollback undoes the first)."""
    from ingest.lifecycle import VersionCheckFailed
    from ingest.rollback import NothingToRollBack, rollback as roll_back
    from ingest.store import StoreBusy, StoreEmpty

    try:
        was, now = roll_back(runtime_for(settings_or_exit(store)).store)
    except (StoreBusy, StoreEmpty, NothingToRollBack, VersionCheckFailed) as exc:
        fail_with(exc)
    err.print(f"rolled back: live version is now {now} (was {was})", highlight=False)


def forget(
    source: Annotated[str, typer.Argument(help="The document's source, as `status`/`sources` list it.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    store: StoreOption = None,
) -> None:
    """Erase a document's text and embeddings from every kept version and the project's files."""
    from ingest.forget import UnknownSource, forget as erase, resolve_source
    from ingest.boundary import scan
    from ingest.store import StoreBusy

    settings = settings_or_exit(store)
    kb = runtime_for(settings).store
    try:
        name = resolve_source(kb, source)
        summary = erase(kb, name)
    except (StoreBusy, UnknownSource) as exc:
        fail_with(exc)
    if as_json:
        print(json.dumps(summary.to_json(), ensure_ascii=False))
    else:
        err.print(f"forgotten: {name} — {summary.passages_removed} passages removed from "
                  f"{len(summary.rebuilt)} versions, {summary.rows_removed} other rows deleted", highlight=False)
    try:
        still_there = [f.path for f in scan(settings.sources).found if f.source == name]
    except FileNotFoundError:
        still_there = []
    for path in still_there:
        err.print(f"[yellow]{path} is still in a source folder: delete it, or the next refresh adds it back[/yellow]")
    err.print("[yellow]restart the bot if it is running: a process that answered from the old versions can write "
              "fragments of them back into the index files (docs/refresh.md)[/yellow]")
    if kb.server_mode:
        err.print("[yellow]the Chroma server keeps deleted records in its own files until vacuumed: stop it, run "
                  "`chroma vacuum --path <its data folder> --force` and `python -m ingest.hnsw_scrub <its data folder>`, "
                  "start it again (docs/refresh.md)[/yellow]")


def status(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    store: StoreOption = None,
) -> None:
    """Documents, passages, last ingest, model, store; files quarantined, withheld sentences, encodings, duplicates."""
    from assistant.status import knowledge_status, status_notes

    info = knowledge_status(runtime_for(settings_or_exit(store)).store)
    if as_json:
        print(json.dumps(info, ensure_ascii=False))
        return
    for key in ("store", "version", "last_ingest", "documents", "passages", "model", "versions_kept"):
        console.print(f"{key.replace('_', ' ')}: {info.get(key)}", highlight=False)
    for line in status_notes(info):
        console.print(line, style="yellow", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    for command in (ingest, status, refresh, rollback, forget):
        app.command()(command)
