"""The command line's one way to refuse: a red line on stderr, exit 2 (3 when another refresh holds the store)."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from assistant.cli.common import fail, fail_with
from ingest.store import StoreBusy, StoreEmpty


def _app(action) -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def run() -> None:
        action()

    @app.command()
    def other() -> None:  # two commands, so `run` is a subcommand as in bot.py
        pass

    return app


def test_fail_prints_the_message_as_written_and_exits_2():
    result = CliRunner().invoke(_app(lambda: fail("[Errno 2] no folder [docs]")), ["run"])
    assert result.exit_code == 2
    assert "[Errno 2] no folder [docs]" in result.output  # not read as markup


def test_busy_store_exits_3_other_refusals_2():
    def busy():
        fail_with(StoreBusy("another refresh of this knowledge base is running"))

    def empty():
        fail_with(StoreEmpty("no knowledge base yet"))

    result = CliRunner().invoke(_app(busy), ["run"])
    assert result.exit_code == 3 and "another refresh" in result.output
    result = CliRunner().invoke(_app(empty), ["run"])
    assert result.exit_code == 2 and "no knowledge base yet" in result.output
