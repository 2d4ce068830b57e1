"""The usage chart: questions per week (bars) and the share not found (line), as a PNG. Counts only."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

WIDTH_IN, HEIGHT_IN, DPI = 9.0, 4.5, 100


def write_chart(report: dict[str, Any], path: Path) -> Path:
    """Draw ``report`` (assistant.stats.usage_report) to ``path`` with matplotlib's Agg backend; returns ``path``."""
    # The object-oriented API with an Agg canvas: no pyplot state, so listener threads can draw at once.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    weeks = report["weeks"]
    labels = [f"{date.fromisoformat(w['week_start']):%-d %b}" for w in weeks]
    asked = [w["questions"] for w in weeks]
    rate = [w["not_found_rate"] * 100 if w["not_found_rate"] is not None else float("nan") for w in weeks]

    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    positions = list(range(len(weeks)))
    axes.bar(positions, asked, color="#1d3557", label="questions")
    axes.set_ylabel("questions per week")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max(asked + [1]) * 1.3)  # room for the legend above the tallest bar
    axes.set_xticks(positions, labels, rotation=45 if len(weeks) > 8 else 0, ha="right" if len(weeks) > 8 else "center")
    axes.set_xlabel("week commencing")
    share = axes.twinx()
    share.plot(positions, rate, color="#e63946", marker="o", label="not found")
    share.set_ylim(0, 100)
    share.yaxis.set_major_formatter(PercentFormatter())
    share.set_ylabel("not found (% of questions)")
    since, until = date.fromisoformat(report["since"]), date.fromisoformat(report["until"])
    axes.set_title(f"Questions per week and share not found, {since:%-d %b %Y} to {until:%-d %b %Y}")
    handles = axes.get_legend_handles_labels()[0] + share.get_legend_handles_labels()[0]
    axes.legend(handles, ["questions", "not found (%)"], loc="upper left")
    figure.tight_layout()
    path = Path(path)
    figure.savefig(path, format="png")
    return path
