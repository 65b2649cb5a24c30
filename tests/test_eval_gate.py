"""--fail-under rules: the direction of each figure, clear errors, and checks against a report's figures."""

from __future__ import annotations

import pytest

from eval.gate import Rule, parse_rules
from ingest.errors import InputError


@pytest.mark.parametrize("text, expect", [
    ("top_quote_hit=0.8", Rule(None, "top_quote_hit", ">=", 0.8, "top_quote_hit=0.8")),
    ("emergency_missed=0", Rule(None, "emergency_missed", "<=", 0.0, "emergency_missed=0")),
    ("emergency_missed<=0", Rule(None, "emergency_missed", "<=", 0.0, "emergency_missed<=0")),
    ("median_quote_chars=400", Rule(None, "median_quote_chars", "<=", 400.0, "median_quote_chars=400")),
    ("latency_p95_ms <= 250", Rule(None, "latency_p95_ms", "<=", 250.0, "latency_p95_ms <= 250")),
    ("hit@5>=0.9", Rule(None, "hit@5", ">=", 0.9, "hit@5>=0.9")),
    ("numeric:numbers_ok=1", Rule("numeric", "numbers_ok", ">=", 1.0, "numeric:numbers_ok=1")),
    ("multi_section:mrr@10=0.5", Rule("multi_section", "mrr@10", ">=", 0.5, "multi_section:mrr@10=0.5")),
])
def test_rules_take_the_direction_of_their_figure(text, expect):
    assert parse_rules([text], (1, 3, 5, 10)) == [expect]


@pytest.mark.parametrize("rule, value, ok", [
    (Rule(None, "x", ">=", 0.8, ""), 0.8, True), (Rule(None, "x", ">=", 0.8, ""), 0.79, False),
    (Rule(None, "x", "<=", 0.0, ""), 0.0, True), (Rule(None, "x", "<=", 0.0, ""), 1.0, False),
    (Rule(None, "x", ">=", 0.0, ""), None, False),
])
def test_passes(rule, value, ok):
    assert rule.passes(value) is ok


@pytest.mark.parametrize("text, message", [
    ("bogus=1", "unknown metric 'bogus'"), ("hit@7=0.5", "unknown metric 'hit@7'"),
    ("status_accuracy=95", "fraction"), ("status_accuracy", "write METRIC=VALUE"),
    ("status_accuracy=high", "write METRIC=VALUE"), ("disclaimer=1.0.0", "not a number"),
])
def test_bad_rules(text, message):
    with pytest.raises(InputError, match=message):
        parse_rules([text], (1, 3, 5, 10))


@pytest.mark.parametrize("module", ["eval.testset", "eval.metrics", "eval.baseline", "eval.gate"])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
