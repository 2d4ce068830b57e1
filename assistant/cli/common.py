"""What every command shares: the consoles, the ``--store`` option, settings, the runtime, and "print red, exit N"."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape

from config.settings import Settings, SettingsError, check_store_writable, load_settings

if TYPE_CHECKING:
    from assistant.runtime import Runtime

console = Console()
err = Console(stderr=True)
StoreOption = Annotated[Optional[Path], typer.Option("--store", help="Index folder (default: KB_STORE_DIR or ./store).")]
BUSY = 3  # exit code when another refresh holds the store; 2 for every other refusal


def fail(message: str, *, code: int = 2) -> NoReturn:
    """Print ``message`` in red on stderr and exit with ``code``."""
    err.print(f"[red]{escape(message)}[/red]")
    raise typer.Exit(code) from None


def fail_with(exc: BaseException) -> NoReturn:
    """Refuse with one of our own errors (their messages are written for operators): exit 3 when busy, else 2."""
    from ingest.store import StoreBusy

    fail(str(exc), code=BUSY if isinstance(exc, StoreBusy) else 2)


def settings_or_exit(store: Path | None = None) -> Settings:
    """The settings (``store`` overrides the store folder), with logging configured; exit 2 when invalid."""
    try:
        settings = load_settings(store_dir=store)
        check_store_writable(settings.store_dir)
    except SettingsError as exc:
        fail(str(exc))
    from assistant import logs

    logs.configure(settings.log_level)
    return settings


def runtime_for(settings: Settings, **parts) -> Runtime:
    """The composition root every command takes its store, models, assistant and refresher from."""
    from assistant.runtime import Runtime

    return Runtime(settings, **parts)
