"""The report as plain text for a terminal (also saved as report.txt): headline, tables, failed questions."""

from __future__ import annotations

from typing import Sequence

from eval.report import ENGINE, Report
from eval.tables import category_rows, failure_lines, headline, overall_rows, OVERALL_HEADER

RULE = "─"


def align(header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Columns padded to width: the first left-aligned, the rest right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return (indent + "  ".join(parts)).rstrip()
    return [line(header), indent + RULE * (sum(widths) + 2 * (len(widths) - 1))] + [line(r) for r in rows]


def title_line(report: Report) -> str:
    c, cfg = report.corpus, report.config
    return (f"baclofen-qa eval · split {report.split} · {len(report.questions)} questions · "
            f"corpus {c.get('doc_id')} sha256 {str(c.get('sha256'))[:12]} · index {cfg.get('index_version', '?')} · "
            f"{report.created}")


def render_text(report: Report, max_failures: int | None = None) -> str:
    """Everything a person reads after `baclofen-qa eval`."""
    out = [title_line(report), "", "ENGINE vs BASELINE (quick-start recipe: 1000-char chunks, dense top-1 chunk "
           "as the answer)"]
    out += ["  " + line for line in headline(report)]
    for group, rows in overall_rows(report):
        out += ["", f"OVERALL · {group}"] + align(OVERALL_HEADER, rows)
    header, rows = category_rows(report)
    out += ["", "PER CATEGORY (engine; 'base top' is the baseline's top-quote hit)"] + align(header, rows[:-1] + [
        ["─" * len(header[0])] + [""] * (len(header) - 1), rows[-1]])
    out += ["", "STATUS (rows: expected, columns: engine's status)"] + confusion_lines(report)
    failed = report.failed(ENGINE)
    out += ["", f"FAILED QUESTIONS (engine): {len(failed)} of {len(report.questions)}"]
    shown = failed if max_failures is None else failed[:max_failures]
    for q in shown:
        out.append(f"  ✗ {q.id} [{q.category}] {q.source}")
        out += [f"      {label:<9} {text}" for label, text in failure_lines(q)]
    if len(shown) < len(failed):
        out.append(f"  … and {len(failed) - len(shown)} more (see report.md)")
    if report.gates:
        out += ["", "GATE"] + [f"  {'ok  ' if g.ok else 'FAIL'} {g.rule}  (value "
                               f"{'none' if g.value is None else f'{g.value:.4g}'})" for g in report.gates]
    return "\n".join(out) + "\n"


def confusion_lines(report: Report) -> list[str]:
    matrix = report.pipelines[ENGINE].confusion
    labels = [s for s in matrix if any(matrix[s].values()) or any(matrix[e][s] for e in matrix)]
    rows = [[e] + [str(matrix[e][s]) for s in labels] for e in labels]
    return align(["expect \\ got"] + labels, rows)
