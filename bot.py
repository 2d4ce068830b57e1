"""Command line and entry point: ingest, ask, chat, status, eval, refresh, rollback, forget (see DESIGN.md)."""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import typer  # noqa: E402
from rich.console import Console  # noqa: E402

from config.settings import Settings, SettingsError, check_store_writable, load_settings  # noqa: E402

from assistant.cli import reports  # noqa: E402

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Practice assistant for children's social care.")
reports.register(app)  # stats, digest (assistant/cli/reports.py)
console = Console()
err = Console(stderr=True)
StoreOption = Annotated[Optional[Path], typer.Option("--store", help="Index folder (default: KB_STORE_DIR or ./store).")]


def settings_or_exit(store: Path | None = None) -> Settings:
    try:
        settings = load_settings(store_dir=store)
        check_store_writable(settings.store_dir)
    except SettingsError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    from assistant import logs

    logs.configure(settings.log_level)
    return settings


def make_runtime(settings: Settings, **parts):
    """The composition root (assistant/runtime.py): every command takes its parts from here."""
    from assistant.runtime import Runtime

    return Runtime(settings, **parts)


def run_sync(runtime, sources: list[Path] | None = None, *, quiet: bool = False):
    """Run the runtime's refresher (over ``sources`` when given) with a progress bar; print the summary."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from ingest.store import StoreBusy

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True, disable=quiet) as progress:
        task = progress.add_task("embedding passages", total=None)

        def on_progress(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        try:
            summary = runtime.refresher.run(sources, progress=on_progress)
        except StoreBusy as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(3) from None
        except FileNotFoundError as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from None
    if not quiet:
        print_summary(summary)
    return summary


def print_summary(summary) -> None:
    state = "knowledge base updated" if summary.changed else "knowledge base already up to date"
    err.print(
        f"{state}: {summary.documents} documents, {summary.passages} passages "
        f"(added {len(summary.added)}, updated {len(summary.updated)}, removed {len(summary.removed)}, "
        f"unchanged {len(summary.unchanged)}; embedded {summary.embedded}) in {summary.seconds:.1f} s"
    )
    from assistant.status import summary_notes

    for line in summary_notes(summary):
        err.print(line, style="yellow", highlight=False, markup=False)


@app.command()
def ingest(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Folders or files (default: the configured sources).")] = None,
    store: StoreOption = None,
) -> None:
    """Index documents: the store then mirrors exactly these folders."""
    run_sync(make_runtime(settings_or_exit(store)), paths or None)


@app.command()
def ask(
    question: str,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    store: StoreOption = None,
) -> None:
    """Answer one question from the knowledge base."""
    from assistant.render import print_answer
    from ingest.store import StoreEmpty

    settings = settings_or_exit(store)
    try:
        answer = make_runtime(settings).assistant.ask(question)
    except StoreEmpty as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    if as_json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        print_answer(answer, console)


@app.command()
def chat(store: StoreOption = None) -> None:
    """Ask questions in the terminal; answers are exactly what the Slack bot would say."""
    from assistant.render import print_answer
    from ingest.store import StoreEmpty

    settings = settings_or_exit(store)
    assistant = make_runtime(settings).assistant
    try:
        assistant.warm()
    except StoreEmpty as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    console.print("Ask a question about your procedures or inspection findings. 'new' starts a new thread; "
                  "Ctrl-D or 'quit' leaves.", style="dim")
    previous = ""
    while True:
        try:
            question = console.input("[bold green]?[/bold green] ").strip()
        except (EOFError, KeyboardInterrupt):
            console.print()
            break
        if question.lower() in {"quit", "exit", "q"}:
            break
        if question.lower() == "new":
            previous = ""
            continue
        if not question:
            continue
        print_answer(assistant.ask(question, context=previous), console)
        previous = question


@app.command()
def status(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    store: StoreOption = None,
) -> None:
    """Documents, passages, last ingest, model, store; files quarantined, withheld sentences, encodings, duplicates."""
    from assistant.status import knowledge_status, status_notes

    settings = settings_or_exit(store)
    info = knowledge_status(make_runtime(settings).store)
    if as_json:
        print(json.dumps(info, ensure_ascii=False))
        return
    for key in ("store", "version", "last_ingest", "documents", "passages", "model", "versions_kept"):
        console.print(f"{key.replace('_', ' ')}: {info.get(key)}", highlight=False)
    for line in status_notes(info):
        console.print(line, style="yellow", highlight=False, markup=False)


@app.command()
def actions(
    authority: Annotated[Optional[str], typer.Option("--authority", help="Only this council (e.g. 'Stockton').")] = None,
    theme: Annotated[Optional[str], typer.Option("--theme", help="Only this theme (e.g. 'supervision').")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as a JSON list.")] = False,
    store: StoreOption = None,
) -> None:
    """Inspection findings (strengths, areas for development, what needs to improve...), newest first, cited."""
    from ingest.findings.index import FindingsIndex
    from ingest.findings.report import kb_actions
    from ingest.authorities import find_authorities
    from ingest.store import StoreEmpty
    from ingest.findings.themes import NAMES, theme_named

    settings = settings_or_exit(store)
    try:
        index = FindingsIndex(make_runtime(settings).store.live().path)
    except StoreEmpty as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    wanted_theme = theme_named(theme) if theme else None
    if theme and wanted_theme is None:
        err.print(f"[red]unknown theme '{theme}'; themes: {', '.join(NAMES)}[/red]")
        raise typer.Exit(2)
    wanted_authority = None
    if authority:
        named = find_authorities(authority) or [authority]
        wanted_authority = next((a for a in named if a in index.authorities()), named[0])
    report = kb_actions(index, authority=wanted_authority, theme=wanted_theme)
    if as_json:
        print(json.dumps(report["findings"], ensure_ascii=False, indent=1))
        return
    print(report["text"])


@app.command()
def approved(
    as_json: Annotated[bool, typer.Option("--json", help="Print them as a JSON list.")] = False,
    store: StoreOption = None,
) -> None:
    """Manager-approved answers (current and stale), newest first; staleness checked against the live version."""
    from assistant.approved import report

    items = make_runtime(settings_or_exit(store)).approved.listing()
    print(json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=1) if as_json else report(items))


@app.command("eval")
def evaluate(
    questions: Path,
    corpus: Annotated[Path, typer.Option("--corpus", help="Folder of documents the questions are about.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write one JSON line per question.")],
    store: StoreOption = None,
) -> None:
    """Index CORPUS (reusing an up-to-date index), answer every question, print the metrics."""
    from rich.table import Table

    from assistant.evaluation import load_questions, score

    settings = settings_or_exit(store)
    root = store or settings.store_dir / "eval" / re.sub(r"[^A-Za-z0-9_.-]", "_", corpus.resolve().name)
    runtime = make_runtime(settings.model_copy(update={"store_dir": root}))
    run_sync(runtime, [corpus])
    assistant = runtime.assistant
    assistant.warm()
    items = load_questions(questions)
    results = []
    with out.open("w") as handle:
        for item in items:
            answer = assistant.ask(item["question"])
            line = {
                "id": item["id"],
                "question": item["question"],
                "abstained": answer.abstained,
                "answer": answer.answer,
                "citations": [{"source": c.source, "text": c.text} for c in answer.citations],
                "retrieved": [{"source": h.passage.source, "text": h.passage.text, "score": round(h.score, 4)}
                              for h in answer.hits[:10]],
                "latency_ms": round(answer.latency_ms, 1),
            }
            results.append(line)
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    metrics = score(items, results)
    table = Table(title=f"{questions.name} over {corpus}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in metrics.rows():
        table.add_row(name, value)
    console.print(table)


@app.command()
def refresh(
    source: Annotated[Optional[list[Path]], typer.Option("--source", help="Document folder (repeatable; default: the configured sources).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    store: StoreOption = None,
) -> None:
    """Bring the index in step with the sources: add new, re-index changed, remove deleted documents."""
    summary = run_sync(make_runtime(settings_or_exit(store)), source or None, quiet=as_json)
    if as_json:
        print(json.dumps(summary.to_json(), ensure_ascii=False))


@app.command()
def rollback(store: StoreOption = None) -> None:
    """Make the previously live version live again (a second rollback undoes the first)."""
    from ingest.rollback import NothingToRollBack, rollback as roll_back
    from ingest.store import StoreBusy, StoreEmpty

    settings = settings_or_exit(store)
    try:
        was, now = roll_back(make_runtime(settings).store)
    except (StoreBusy, StoreEmpty, NothingToRollBack) as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(3 if isinstance(exc, StoreBusy) else 2) from None
    err.print(f"rolled back: live version is now {now} (was {was})", highlight=False)


@app.command()
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
    kb = make_runtime(settings).store
    try:
        name = resolve_source(kb, source)
        summary = erase(kb, name)
    except (StoreBusy, UnknownSource) as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(3 if isinstance(exc, StoreBusy) else 2) from None
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


@app.command()
def serve(
    http: Annotated[bool, typer.Option("--http", help="Serve the Events API over HTTP instead of Socket Mode.")] = False,
    port: Annotated[int, typer.Option("--port", help="HTTP port (with --http).")] = 3000,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (--http, --health-port).")] = "0.0.0.0",
    health_port: Annotated[Optional[int], typer.Option(
        "--health-port", help="Socket Mode: also serve /healthz on this port.")] = None,
    store: StoreOption = None,
) -> None:
    """Run the Slack bot: Socket Mode when SLACK_APP_TOKEN is set, or --http (/slack/events and /healthz)."""
    from slack_bolt.error import BoltError

    from assistant.slack.app import build_app
    from assistant.slack.server import make_http_server, serve_http_in_thread, serve_socket_mode
    from ingest.store import StoreEmpty

    settings = settings_or_exit(store)
    missing = [name for name, value in (("SLACK_BOT_TOKEN", settings.slack_bot_token),
                                        ("SLACK_SIGNING_SECRET" if http else "SLACK_APP_TOKEN",
                                         settings.slack_signing_secret if http else settings.slack_app_token))
               if not value]
    if missing:
        hint = "" if http else " (or run with --http and SLACK_SIGNING_SECRET for the Events API over HTTP)"
        err.print(f"[red]set {' and '.join(missing)} in the environment{hint}; see docs/slack.md[/red]")
        raise typer.Exit(2)
    runtime = make_runtime(settings)
    assistant = runtime.assistant
    try:
        assistant.warm()  # the model is loaded once, before the first question
    except StoreEmpty:
        err.print("[yellow]the knowledge base is empty: the bot will say so until a manager runs /kb-refresh "
                  "(or you run `python bot.py ingest`)[/yellow]")
    try:
        bolt = build_app(runtime, socket_mode=not http)
    except BoltError:
        err.print(f"[red]Slack refused the bot token (auth.test failed at {settings.slack_api_url})[/red]")
        raise typer.Exit(2) from None
    from assistant.slack.digest import start_from_settings as start_digest
    from ingest.schedule import start_from_settings

    try:
        scheduler = start_from_settings(settings, runtime.refresher)
        digest = start_digest(settings, bolt.client, runtime.store, clock=runtime.clock)
    except SettingsError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    if scheduler is not None:
        err.print(f"scheduled refresh: {settings.refresh_schedule} (Europe/London)", highlight=False)
    if digest is not None:
        err.print(f"managers' digest by DM: {settings.digest_schedule} (Europe/London)", highlight=False)
    grace = settings.shutdown_grace_s
    if http:
        server = make_http_server(bolt, assistant, host=host, port=port, backlog=settings.http_backlog, grace_s=grace)
        err.print(f"serving the Events API on http://{host}:{server.server_port}/slack/events "
                  f"(health: /healthz); Ctrl-C or SIGTERM stops")
        try:
            server.serve_forever()  # on SIGTERM: stop listening, let answers in progress finish, exit 0
        finally:
            server.server_close()
    else:
        if health_port is not None:
            health = make_http_server(None, assistant, host=host, port=health_port)
            serve_http_in_thread(health)
            err.print(f"health: http://{host}:{health.server_port}/healthz")
        err.print("connecting to Slack in Socket Mode; Ctrl-C or SIGTERM stops")
        serve_socket_mode(bolt, settings.slack_app_token, grace_s=grace)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
