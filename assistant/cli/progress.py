"""A refresh from the command line: the runtime's refresher behind a progress bar, then a summary on stderr."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.cli.common import err, fail_with

if TYPE_CHECKING:
    from assistant.runtime import Runtime
    from ingest.indexer import SyncSummary


def run_sync(runtime: Runtime, sources: list[Path] | None = None, *, quiet: bool = False) -> SyncSummary:
    """Run the one refresher (over ``sources`` instead of the configured folders, when given); exit 3 when
    another refresh is running, 2 when a folder is missing."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from ingest.store import StoreBusy

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True, disable=quiet) as progress:
        task = progress.add_task("embedding passages", total=None)

        def on_progress(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        try:
            summary = runtime.refresher.run(sources, progress=on_progress)
        except (StoreBusy, FileNotFoundError) as exc:
            fail_with(exc)
    if not quiet:
        print_summary(summary)
    return summary


def print_summary(summary: SyncSummary) -> None:
    state = "knowledge base updated" if summary.changed else "knowledge base already up to date"
    err.print(
        f"{state}: {summary.documents} documents, {summary.passages} passages "
        f"(added {len(summary.added)}, updated {len(summary.updated)}, removed {len(summary.removed)}, "
        f"unchanged {len(summary.unchanged)}; embedded {summary.embedded}) in {summary.seconds:.1f} s"
    )
    from assistant.status import summary_notes

    for line in summary_notes(summary):
        err.print(line, style="yellow", highlight=False, markup=False)
