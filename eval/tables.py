"""What the report tables say, as rows of strings; the console, Markdown and HTML writers only lay them out."""

from __future__ import annotations

from typing import Sequence

from eval.aggregate import GROUPS, Metric, MetricSpec, all_specs, metric_specs
from eval.report import BASELINE, ENGINE, QuestionRecord, Report

DASH = "—"
HEADLINE = ("top_quote_hit", "any_quote_hit", "evidence_coverage", "quote_precision", "median_quote_chars",
            "status_accuracy", "disclaimer")


def decimals(spec: MetricSpec) -> int:
    """Shown precision: 3 for fractions, 1 for milliseconds, 0 for counts and characters."""
    if spec.kind == "count" or spec.name.endswith("_chars"):
        return 0
    return 1 if spec.name.endswith("_ms") else 3


def fmt_value(value: float | None, spec: MetricSpec) -> str:
    """0.859 for fractions, 3 for counts, 12.3 for milliseconds, 180 for characters."""
    return DASH if value is None else f"{value:.{decimals(spec)}f}"


def fmt_ci(m: Metric) -> str:
    return f"[{m.lo:.2f}, {m.hi:.2f}]" if m.lo is not None and m.hi is not None and m.value is not None else ""


def fmt_delta(a: float | None, b: float | None, spec: MetricSpec) -> str:
    """a - b, signed, in the figure's own format; "" when either is missing."""
    if a is None or b is None:
        return ""
    d = round(a - b, decimals(spec))
    return ("+" if d > 0 else "-" if d < 0 else "±") + fmt_value(abs(d), spec)


def mark(a: float | None, b: float | None, spec: MetricSpec) -> str:
    """▲ when a is better than b, ▼ when worse (differences below the shown precision are neither)."""
    if a is None or b is None or round(a - b, decimals(spec)) == 0:
        return ""
    return "▲" if (a > b) == (spec.better == "higher") else "▼"


def pick_k(ks: Sequence[int], want: int) -> int:
    """The k closest to `want` among those computed."""
    return min(ks, key=lambda k: (abs(k - want), k))


def headline(report: Report) -> list[str]:
    """One line per headline figure: engine vs baseline, with intervals and the gap."""
    specs = all_specs(report.ks)
    eng, base = report.pipelines[ENGINE].overall, report.pipelines[BASELINE].overall
    names = list(HEADLINE) + [f"hit@{pick_k(report.ks, 5)}"]
    lines = []
    for name in names:
        s, e, b = specs[name], eng[name], base[name]
        ci_e, ci_b = fmt_ci(e), fmt_ci(b)
        lines.append(f"{name:<19} engine {fmt_value(e.value, s):>6} {ci_e:<13}  baseline {fmt_value(b.value, s):>6} "
                     f"{ci_b:<13}  gap {fmt_delta(e.value, b.value, s):>7} {mark(e.value, b.value, s)}".rstrip())
    return lines


OVERALL_HEADER = ["metric", "n", "engine", "95% CI", "baseline", "95% CI", "gap"]


def overall_rows(report: Report) -> list[tuple[str, list[list[str]]]]:
    """(group, rows) for the overall table: every figure, engine vs baseline."""
    eng, base = report.pipelines[ENGINE].overall, report.pipelines[BASELINE].overall
    out = []
    groups = metric_specs(report.ks)
    for group in GROUPS:
        rows = []
        for s in groups[group]:
            e, b = eng[s.name], base[s.name]
            rows.append([s.name, str(e.n), fmt_value(e.value, s), fmt_ci(e), fmt_value(b.value, s), fmt_ci(b),
                         f"{fmt_delta(e.value, b.value, s)} {mark(e.value, b.value, s)}".strip()])
        out.append((group, rows))
    return out


def category_columns(ks: Sequence[int]) -> list[str]:
    k5, kmax = pick_k(ks, 5), max(ks)
    return ["status_accuracy", "top_quote_hit", "any_quote_hit", f"hit@{k5}", f"mrr@{kmax}", f"ndcg@{kmax}",
            "numbers_ok", "ref_recall", "median_quote_chars", "latency_p50_ms"]


SHORT = {"status_accuracy": "status", "top_quote_hit": "top hit", "any_quote_hit": "any hit", "numbers_ok": "numbers",
         "ref_recall": "ref R", "median_quote_chars": "chars", "latency_p50_ms": "p50 ms"}


def category_rows(report: Report) -> tuple[list[str], list[list[str]]]:
    """Header and one row per category (engine figures, then the baseline's top-quote hit)."""
    specs = all_specs(report.ks)
    cols = category_columns(report.ks)
    header = ["category", "n"] + [SHORT.get(c, c) for c in cols] + ["base top"]
    eng, base = report.pipelines[ENGINE].categories, report.pipelines[BASELINE].categories
    rows = []
    for cat, figures in eng.items():
        n = sum(q.category == cat for q in report.questions)
        rows.append([cat, str(n)] + [fmt_value(figures[c].value, specs[c]) for c in cols]
                    + [fmt_value(base[cat]["top_quote_hit"].value, specs["top_quote_hit"])])
    overall = report.pipelines[ENGINE].overall
    rows.append(["ALL", str(len(report.questions))] + [fmt_value(overall[c].value, specs[c]) for c in cols]
                + [fmt_value(report.pipelines[BASELINE].overall["top_quote_hit"].value, specs["top_quote_hit"])])
    return header, rows


def clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def failure_lines(q: QuestionRecord, pipeline: str = ENGINE, width: int = 160) -> list[tuple[str, str]]:
    """(label, text) lines describing one failed question: why, the question, the gold, what was quoted."""
    a = q.answers[pipeline]
    lines = [("why", "; ".join(a.failures)), ("question", clip(q.question, width))]
    if q.history:
        lines.append(("history", clip(" | ".join(q.history), width)))
    for g in q.evidence:
        lines.append(("expected", f"[{g.start}-{g.end}] {clip(g.text, width)}"))
    if q.numbers:
        lines.append(("numbers", ", ".join(q.numbers)))
    for n, s in enumerate(a.quotes, start=1):
        lines.append((f"quote {n}", f"[{s.start}-{s.end}] {clip(s.text, width)}"))
    if not a.quotes:
        lines.append(("quoted", "nothing"))
    return lines
