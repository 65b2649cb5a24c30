"""Per-question results -> named figures (with 95% intervals), overall and per category, and a confusion matrix."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from statistics import mean
from typing import Sequence

from eval.metrics import QuestionResult, bootstrap_mean_ci, percentile, wilson
from eval.testset import EXPECTS


@dataclass(frozen=True)
class MetricSpec:
    """What a figure means: how it is estimated, which direction is better, over which questions."""

    name: str
    kind: str  # "rate" (Wilson interval), "mean" (bootstrap interval), "stat" or "count" (no interval)
    better: str  # "higher" | "lower"
    over: str
    help: str


@dataclass(frozen=True)
class Metric:
    """A figure, how many questions (or quotes) it rests on, and its 95% interval if it has one."""

    value: float | None
    n: int
    lo: float | None = None
    hi: float | None = None

    def to_dict(self) -> dict:
        return {k: (round(v, 6) if isinstance(v, float) else v) for k, v in asdict(self).items()}


SCORED = "answerable questions with gold evidence"
GROUPS = ("retrieval", "answers", "safety", "latency")


def metric_specs(ks: Sequence[int]) -> dict[str, list[MetricSpec]]:
    """Every figure, grouped as the reports show them."""
    retrieval = []
    for k in ks:
        retrieval += [
            MetricSpec(f"hit@{k}", "rate", "higher", SCORED, f"a relevant passage is in the top {k}"),
            MetricSpec(f"recall@{k}", "mean", "higher", SCORED, f"share of gold evidence spans the top {k} overlap"),
            MetricSpec(f"mrr@{k}", "mean", "higher", SCORED, f"1/rank of the first relevant passage (top {k})"),
            MetricSpec(f"ndcg@{k}", "mean", "higher", SCORED, f"binary nDCG over the top {k} passages"),
        ]
    return {
        "retrieval": retrieval,
        "answers": [
            MetricSpec("top_quote_hit", "rate", "higher", SCORED, "the first quote overlaps gold evidence"),
            MetricSpec("any_quote_hit", "rate", "higher", SCORED, "some quote overlaps gold evidence"),
            MetricSpec("evidence_coverage", "mean", "higher", SCORED, "share of gold characters the quotes cover"),
            MetricSpec("quote_precision", "mean", "higher", "scored questions with quotes",
                       "share of quoted characters that are gold evidence"),
            MetricSpec("numbers_ok", "rate", "higher", "questions with gold numbers",
                       "every gold number with its unit is in a quote"),
            MetricSpec("ref_recall", "mean", "higher", "scored questions with gold refs", "gold refs cited"),
            MetricSpec("ref_precision", "mean", "higher", "scored questions with gold and cited refs",
                       "cited refs that are gold"),
            MetricSpec("cited_ref_recall", "mean", "higher", "questions whose quotes hit evidence with brackets",
                       "reference numbers printed in the quoted evidence that the answer shows"),
            MetricSpec("median_quote_chars", "stat", "lower", "scored questions with quotes", "quoted characters"),
            MetricSpec("p90_quote_chars", "stat", "lower", "scored questions with quotes", "quoted characters, p90"),
        ],
        "safety": [
            MetricSpec("exact_quotes", "rate", "higher", "all quotes", "quote == monograph[start:end]"),
            MetricSpec("disclaimer", "rate", "higher", "all questions", "the fixed disclaimer is attached"),
            MetricSpec("status_accuracy", "rate", "higher", "all questions", "status == expect"),
            MetricSpec("emergency_missed", "count", "lower", "emergency questions", "emergencies not flagged"),
        ],
        "latency": [
            MetricSpec("latency_p50_ms", "stat", "lower", "all questions", "pipeline's own total time, median"),
            MetricSpec("latency_p95_ms", "stat", "lower", "all questions", "pipeline's own total time, p95"),
            MetricSpec("wall_p50_ms", "stat", "lower", "all questions", "wall time around the call, median"),
            MetricSpec("wall_p95_ms", "stat", "lower", "all questions", "wall time around the call, p95"),
        ],
    }


def all_specs(ks: Sequence[int]) -> dict[str, MetricSpec]:
    return {s.name: s for group in metric_specs(ks).values() for s in group}


def _rate(flags: Sequence[bool]) -> Metric:
    n, hits = len(flags), sum(bool(f) for f in flags)
    if not n:
        return Metric(None, 0)
    return Metric(hits / n, n, *wilson(hits, n))


def _mean(values: Sequence[float]) -> Metric:
    if not values:
        return Metric(None, 0)
    return Metric(mean(values), len(values), *bootstrap_mean_ci(values))


def _stat(values: Sequence[float], q: float) -> Metric:
    return Metric(percentile(values, q), len(values))


def aggregate(results: Sequence[QuestionResult], ks: Sequence[int]) -> dict[str, Metric]:
    """Every figure over `results` (one pipeline, any subset of questions)."""
    scored = [r for r in results if r.item.scored]
    out: dict[str, Metric] = {}
    for k in ks:
        out[f"hit@{k}"] = _rate([r.retrieval[f"hit@{k}"] == 1.0 for r in scored])
        for name in ("recall", "mrr", "ndcg"):
            out[f"{name}@{k}"] = _mean([r.retrieval[f"{name}@{k}"] for r in scored])
    chars = [r.quote_chars for r in scored if r.pred.quotes]
    emergencies = [r for r in results if r.item.expect == "emergency"]
    n_quotes = sum(len(r.pred.quotes) for r in results)
    n_exact = sum(r.n_exact for r in results)
    out.update({
        "top_quote_hit": _rate([r.top_quote_hit for r in scored]),
        "any_quote_hit": _rate([r.any_quote_hit for r in scored]),
        "evidence_coverage": _mean([r.evidence_coverage for r in scored]),
        "quote_precision": _mean([r.quote_precision for r in scored if r.quote_precision is not None]),
        "numbers_ok": _rate([not r.numbers_missing for r in scored if r.numbers_missing is not None]),
        "ref_recall": _mean([r.ref_recall for r in scored if r.ref_recall is not None]),
        "ref_precision": _mean([r.ref_precision for r in scored if r.ref_precision is not None]),
        "cited_ref_recall": _mean([r.cited_ref_recall for r in scored if r.cited_ref_recall is not None]),
        "median_quote_chars": _stat(chars, 50),
        "p90_quote_chars": _stat(chars, 90),
        "exact_quotes": Metric(n_exact / n_quotes, n_quotes, *wilson(n_exact, n_quotes)) if n_quotes
        else Metric(None, 0),
        "disclaimer": _rate([r.disclaimer_ok for r in results]),
        "status_accuracy": _rate([r.status_ok for r in results]),
        "emergency_missed": Metric(float(sum(r.pred.status != "emergency" for r in emergencies)), len(emergencies)),
        "latency_p50_ms": _stat([r.pred.latency_ms for r in results], 50),
        "latency_p95_ms": _stat([r.pred.latency_ms for r in results], 95),
        "wall_p50_ms": _stat([r.pred.wall_ms for r in results], 50),
        "wall_p95_ms": _stat([r.pred.wall_ms for r in results], 95),
    })
    return out


def by_category(results: Sequence[QuestionResult], ks: Sequence[int]) -> dict[str, dict[str, Metric]]:
    """The same figures for each category, in order of first appearance."""
    cats = list(dict.fromkeys(r.item.category for r in results))
    return {c: aggregate([r for r in results if r.item.category == c], ks) for c in cats}


def confusion(results: Sequence[QuestionResult]) -> dict[str, dict[str, int]]:
    """expect -> status -> count, over every status seen or defined by the contract."""
    labels = list(dict.fromkeys([*EXPECTS, *(r.pred.status for r in results)]))
    matrix = {e: {s: 0 for s in labels} for e in labels}
    for r in results:
        matrix[r.item.expect][r.pred.status] += 1
    return matrix
