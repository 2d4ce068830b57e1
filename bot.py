"""Command line and entry point (see DESIGN.md): ingest, ask, chat, status, actions, approved, stats, digest, eval,
refresh, rollback, forget, serve. The commands live in assistant/cli/; each takes its parts from one assistant.runtime.Runtime."""

from __future__ import annotations

import os
import sys

# Before any library is imported: nothing is fetched from a model hub, and nothing is sent anywhere.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import typer  # noqa: E402

from assistant.cli import approved, findings, knowledge, questions, reports, serve  # noqa: E402

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Practice assistant for children's social care.")
for group in (knowledge, questions, findings, approved, reports, serve):
    group.register(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
