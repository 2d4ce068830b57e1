"""Commands that answer questions: ask (once, or as JSON), chat (in the terminal), eval (a question set)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.common import StoreOption, console, fail_with, runtime_for, settings_or_exit
from assistant.cli.progress import run_sync


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
        answer = runtime_for(settings).assistant.ask(question)
    except StoreEmpty as exc:
        fail_with(exc)
    if as_json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        print_answer(answer, console)


def chat(store: StoreOption = None) -> None:
    """Ask questions in the terminal; answers are exactly what the Slack bot would say."""
    from assistant.render import print_answer
    from ingest.store import StoreEmpty

    assistant = runtime_for(settings_or_exit(store)).assistant
    try:
        assistant.warm()
    except StoreEmpty as exc:
        fail_with(exc)
    console.print("Ask a question about your procedures or inspection findings. 'new' starts a new thread; "
                  "Ctrl-D or 'quit' leaves.", style="dim")
    previous = ""
    while True:
        try:
            question = console.input("[bold green]?[/bold green] ").strip()
        except (EOFError, KeyboardInterrupt):
            console.print()
            break
        command = question.lower().lstrip("/:")  # Slack habit: "/quit", "/new"; and ":q"
        if command in {"quit", "exit", "q"}:
            break
        if command == "new":
            previous = ""
            continue
        if not question:
            continue
        print_answer(assistant.ask(question, context=previous), console)
        previous = question


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
    runtime = runtime_for(settings.model_copy(update={"store_dir": root}))
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
                "outcome": answer.outcome,
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


def register(app: typer.Typer) -> None:
    app.command()(ask)
    app.command()(chat)
    app.command("eval")(evaluate)
