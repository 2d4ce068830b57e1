"""Answers for the terminal (rich) and as JSON (the DESIGN.md contract)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from assistant.answers import Answer, Citation, human_date

QUOTE_CHARS = 400


def citation_line(citation: Citation, *, notes: bool = True) -> str:
    """'Title — Section — 9 June 2011', the label a citation carries everywhere, then (unless ``notes`` is
    False) what makes it less than current: '— review overdue since April 2022', '— superseded by …'."""
    parts = [citation.title, citation.section, human_date(citation.date)] + (citation.notes() if notes else [])
    return " — ".join(part for part in parts if part)


def print_answer(answer: Answer, console: Console) -> None:
    style = "yellow" if answer.abstained else "bold"
    console.print(escape(answer.answer), style=style)
    if answer.citations:
        console.print("\nSources", style="bold underline")
    for citation in answer.citations:
        notes = " — ".join(citation.notes())
        warning = f" [bold yellow]— {escape(notes)}[/bold yellow]" if notes else ""
        console.print(f"[{citation.n}] {escape(citation_line(citation, notes=False))}{warning}", style="cyan",
                      highlight=False)
        where = citation.source + "".join(f" · also {name}" for name in citation.also)
        where += f" · {citation.url}" if citation.url else ""
        console.print(f"    {escape(where)}", style="dim", highlight=False)
        quote = citation.text if len(citation.text) <= QUOTE_CHARS else citation.text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
        console.print("    " + escape(quote).replace("\n", "\n    "), style="italic", highlight=False)
    console.print(f"\n({answer.latency_ms:.0f} ms)", style="dim")
