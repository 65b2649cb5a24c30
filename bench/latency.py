"""Warm latency: the engine and the evaluator's baseline in this process, the gold set asked over and over."""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import gold_questions, log, percentiles, ratio


def _timed(ask, items: list, warmup: int) -> list[float]:
    for item in items[:warmup]:
        ask(item)
    out = []
    for item in items:
        t0 = time.perf_counter()
        ask(item)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def run(index_dir: Path, min_questions: int = 1000, warmup: int = 50) -> dict:
    """p50/p95/p99 of `engine.answer` and `baseline.ask` over the same >= `min_questions` questions."""
    from bench.baseline_app import item, load_baseline
    from chat.engine import Engine

    gold = gold_questions()
    items = gold * -(-min_questions // len(gold))
    engine = Engine.load(index_dir)
    baseline = load_baseline()
    log(f"latency: {len(items)} questions through the engine")
    engine_ms = _timed(lambda q: engine.answer(*q), items, warmup)
    log(f"latency: {len(items)} questions through the baseline")
    baseline_ms = _timed(lambda q: baseline.ask(item(*q)), items, warmup)
    e, b = percentiles(engine_ms), percentiles(baseline_ms)
    return {"questions": len(items), "distinct": len(gold), "warmup": warmup, "engine_ms": e, "baseline_ms": b,
            "ratio": {k: ratio(e[k], b[k]) for k in ("p50", "p95", "p99", "mean")}}
