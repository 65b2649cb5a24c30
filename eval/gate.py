"""The CI gate: `--fail-under` rules such as `top_quote_hit=0.8`, `emergency_missed<=0`, `numeric:numbers_ok>=0.9`.

`NAME=VALUE` is a floor for figures where higher is better and a ceiling for those where lower is
better (emergency_missed, *_quote_chars, *_ms); write `>=` or `<=` to say it explicitly.

Example:
    >>> parse_rule("emergency_missed=0", ["emergency_missed"], {"emergency_missed": "lower"})
    Rule(category=None, metric='emergency_missed', op='<=', value=0.0, text='emergency_missed=0')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from eval.aggregate import Metric, all_specs
from eval.report import ENGINE, GateResult, Report
from ingest.errors import InputError

_RULE = re.compile(r"^\s*(?:(?P<cat>[\w-]+):)?(?P<metric>[\w@]+)\s*(?P<op>>=|<=|=)\s*"
                   r"(?P<value>[-+]?[\d.]+(?:e-?\d+)?)\s*$")


@dataclass(frozen=True)
class Rule:
    """One threshold on one figure of the engine (overall, or of one category)."""

    category: str | None
    metric: str
    op: str  # ">=" | "<="
    value: float
    text: str

    def passes(self, value: float | None) -> bool:
        if value is None:
            return False
        return value >= self.value - 1e-12 if self.op == ">=" else value <= self.value + 1e-12


def parse_rule(text: str, names: Sequence[str], better: Mapping[str, str]) -> Rule:
    """A Rule, or InputError naming the figures that can be gated."""
    m = _RULE.match(text)
    if not m:
        raise InputError(f"--fail-under {text!r}: write METRIC=VALUE, METRIC>=VALUE or METRIC<=VALUE "
                         "(optionally CATEGORY:METRIC...), e.g. top_quote_hit=0.8 or emergency_missed<=0")
    metric = m["metric"]
    if metric not in names:
        raise InputError(f"--fail-under {text!r}: unknown metric {metric!r}; choose from: {', '.join(names)}")
    try:
        value = float(m["value"])
    except ValueError:
        raise InputError(f"--fail-under {text!r}: {m['value']!r} is not a number") from None
    op = m["op"] if m["op"] != "=" else (">=" if better[metric] == "higher" else "<=")
    return Rule(m["cat"], metric, op, value, text.strip())


def parse_rules(texts: Sequence[str], ks: Sequence[int]) -> list[Rule]:
    """Rules for the figures this run computes; rates and means must be thresholds between 0 and 1."""
    specs = all_specs(ks)
    rules = [parse_rule(t, list(specs), {n: s.better for n, s in specs.items()}) for t in texts]
    for rule in rules:
        if specs[rule.metric].kind in ("rate", "mean") and not 0 <= rule.value <= 1:
            raise InputError(f"--fail-under {rule.text!r}: {rule.metric} is a fraction; give a value from 0 to 1")
    return rules


def check(report: Report, rules: Sequence[Rule], pipeline: str = ENGINE) -> list[GateResult]:
    """Each rule against the report's figures for `pipeline`."""
    scores = report.pipelines[pipeline]
    out = []
    for rule in rules:
        if rule.category is not None and rule.category not in scores.categories:
            raise InputError(f"--fail-under {rule.text!r}: no category {rule.category!r} in this test set "
                             f"(categories: {', '.join(scores.categories)})")
        figures: Mapping[str, Metric] = scores.categories[rule.category] if rule.category else scores.overall
        value = figures[rule.metric].value
        out.append(GateResult(rule.text, value, rule.passes(value)))
    return out


def failure_lines(results: Sequence[GateResult], rules: Sequence[Rule]) -> list[str]:
    """One line per failed rule: the figure, its value and the threshold."""
    lines = []
    for result, rule in zip(results, rules):
        if result.ok:
            continue
        where = f"{rule.category}:{rule.metric}" if rule.category else rule.metric
        got = "no value (no questions it applies to)" if result.value is None else f"{result.value:.4g}"
        bound = "at least" if rule.op == ">=" else "at most"
        lines.append(f"gate failed: {where} = {got}, needs {bound} {rule.value:g}")
    return lines
