"""Report charts drawn with matplotlib (no pyplot, no display) and returned as base64 PNG for inline <img>."""

from __future__ import annotations

import base64
import io
from typing import Sequence

from eval.report import BASELINE, ENGINE, Report
from ingest.errors import ConfigError

ENGINE_COLOUR, BASELINE_COLOUR, OLD_COLOUR = "#2b6cb0", "#c05621", "#a0aec0"


def _figure(width: float, height: float, ncols: int = 1):
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise ConfigError("report charts need matplotlib; install it with: pip install matplotlib") from None
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots(1, ncols, squeeze=False)[0]


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _bars(ax, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None], str]], title: str) -> None:
    """Grouped horizontal bars, one group per label; missing values are left out."""
    n = len(series)
    height = 0.8 / n
    for i, (name, values, colour) in enumerate(series):
        ys = [y + (i - (n - 1) / 2) * height for y in range(len(labels))]
        ax.barh(ys, [v if v is not None else 0 for v in values], height=height, color=colour, label=name)
        for y, v in zip(ys, values):
            ax.text((v or 0) + 0.01, y, "n/a" if v is None else f"{v:.2f}", va="center", fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.12)
    ax.set_title(title, fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")


def category_bars(report: Report) -> str:
    """Per category, engine vs baseline: top-quote hit and status accuracy."""
    cats = report.categories
    scored = [c for c in cats if report.pipelines[ENGINE].categories[c]["top_quote_hit"].n]
    fig, (left, right) = _figure(11, 0.38 * len(cats) + 1.4, 2)
    for ax, metric, labels, title in ((left, "top_quote_hit", scored, "Top-quote hit (answerable questions)"),
                                      (right, "status_accuracy", cats, "Status accuracy (all questions)")):
        series = [(name, [report.pipelines[name].categories[c][metric].value for c in labels], colour)
                  for name, colour in ((ENGINE, ENGINE_COLOUR), (BASELINE, BASELINE_COLOUR))]
        _bars(ax, labels, series, title)
    return _png(fig)


def latency_histogram(report: Report) -> str:
    """Distribution of per-question latency (the pipelines' own totals), engine and baseline overlaid."""
    fig, (ax,) = _figure(7, 3.2)
    values = {name: report.pipelines[name].latencies_ms for name in (ENGINE, BASELINE)}
    every = [x for v in values.values() for x in v] or [0.0, 1.0]
    low, high = min(every), max(every) + 1e-9
    bins = [low + (high - low) * i / 30 for i in range(31)]
    for (name, v), colour in zip(values.items(), (ENGINE_COLOUR, BASELINE_COLOUR)):
        if v:
            ax.hist(v, bins=bins, alpha=0.6, color=colour, label=f"{name} (p50 {sorted(v)[len(v) // 2]:.0f} ms)")
    ax.set_xlabel("milliseconds per question", fontsize=9)
    ax.set_ylabel("questions", fontsize=9)
    ax.set_title("Latency", fontsize=10)
    ax.legend(fontsize=8)
    return _png(fig)


def confusion_chart(report: Report) -> str:
    """Expected status (rows) against the returned status (columns), engine and baseline side by side."""
    fig, axes = _figure(10, 3.6, 2)
    for ax, name in zip(axes, (ENGINE, BASELINE)):
        matrix = report.pipelines[name].confusion
        labels = list(matrix)
        grid = [[matrix[e][s] for s in labels] for e in labels]
        peak = max(max(row) for row in grid) or 1
        ax.imshow(grid, cmap="Blues", vmin=0, vmax=peak)
        for i, row in enumerate(grid):
            for j, v in enumerate(row):
                ax.text(j, i, str(v), ha="center", va="center", fontsize=9,
                        color="white" if v > peak * 0.6 else "black")
        short = [label.replace("_", " ") for label in labels]
        ax.set_xticks(range(len(labels)), short, rotation=30, ha="right", fontsize=8)
        ax.set_yticks(range(len(labels)), short, fontsize=8)
        ax.set_xlabel("returned", fontsize=9)
        ax.set_ylabel("expected", fontsize=9)
        ax.set_title(f"Status: {name}", fontsize=10)
    return _png(fig)


def compare_bars(labels: Sequence[str], old: Sequence[float | None], new: Sequence[float | None], title: str,
                 old_name: str = "before", new_name: str = "after") -> str:
    """Grouped bars of one figure per category, before vs after."""
    fig, (ax,) = _figure(7, 0.38 * len(labels) + 1.4)
    _bars(ax, labels, [(old_name, old, OLD_COLOUR), (new_name, new, ENGINE_COLOUR)], title)
    return _png(fig)
