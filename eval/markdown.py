"""The report as Markdown (report.md): the same tables as the console, and every failed question."""

from __future__ import annotations

from typing import Sequence

from eval.console import title_line
from eval.report import ENGINE, Report
from eval.tables import OVERALL_HEADER, category_rows, failure_lines, headline, overall_rows


def cell(text: str) -> str:
    """A table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def table(header: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> list[str]:
    """A GitHub table; the first `left` columns left-aligned, the rest right-aligned."""
    out = ["| " + " | ".join(cell(h) for h in header) + " |",
           "|" + "|".join(":--" if i < left else "--:" for i in range(len(header))) + "|"]
    return out + ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]


def render_markdown(report: Report) -> str:
    """report.md: headline, overall and per-category tables, status confusion, failed questions, config."""
    out = [f"# Evaluation report — split `{report.split}`", "", title_line(report), "",
           "## Engine vs baseline", "",
           "The baseline is the common quick-start recipe: fixed 1000-character chunks (200 overlap) of the raw "
           "text, dense MiniLM top-k, the top chunk shown as the answer.", "", "```"]
    out += headline(report) + ["```"]
    for group, rows in overall_rows(report):
        out += ["", f"## Overall · {group}", ""] + table(OVERALL_HEADER, rows)
    header, rows = category_rows(report)
    out += ["", "## Per category (engine)", ""] + table(header, rows)
    out += ["", "## Status (rows: expected; columns: engine's status)", ""] + confusion_table(report)
    failed = report.failed(ENGINE)
    out += ["", f"## Failed questions (engine): {len(failed)} of {len(report.questions)}"]
    for q in failed:
        out += ["", f"### {cell(q.id)} · {cell(q.category)}", ""]
        out += [f"- **{label}**: {cell(text)}" for label, text in failure_lines(q, width=400)]
    if report.gates:
        out += ["", "## Gate", ""] + table(["rule", "value", "result"], [
            [g.rule, "—" if g.value is None else f"{g.value:.4g}", "ok" if g.ok else "FAILED"] for g in report.gates])
    out += ["", "## Configuration", ""] + table(["setting", "value"], config_rows(report), left=2)
    return "\n".join(out) + "\n"


def confusion_table(report: Report, pipeline: str = ENGINE) -> list[str]:
    matrix = report.pipelines[pipeline].confusion
    labels = list(matrix)
    return table(["expect \\ got"] + labels, [[e] + [str(matrix[e][s]) for s in labels] for e in labels])


def config_rows(report: Report) -> list[list[str]]:
    """Flat (setting, value) rows of the config, corpus and versions."""
    rows = [["corpus", f"{report.corpus.get('path')} (sha256 {report.corpus.get('sha256')})"]]
    for key, value in report.config.items():
        if isinstance(value, dict):
            rows += [[f"{key}.{k}", str(v)] for k, v in value.items()]
        elif key == "testsets":
            rows += [["testset", f"{t['path']} (sha256 {t['sha256'][:12]})"] for t in value]
        else:
            rows.append([key, str(value)])
    return rows + [[f"version.{k}", str(v)] for k, v in report.versions.items()]
