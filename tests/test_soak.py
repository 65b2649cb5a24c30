"""A bounded soak: 5,000 answers through the web API of a real `baclofen-qa serve`, memory growth bounded."""

from __future__ import annotations

import pytest

from bench.soak import ODD, run
from chat.engine import MAX_QUESTION_CHARS, clean_text

ANSWERS = 5000
MAX_RSS_MIB = 1.2e9 / 2**20  # 1.2 GB
MAX_GROWTH_PCT = 5.0


def _odd_errors(answers: int) -> int:
    """How many of the odd inputs the soak mixes in are empty or oversized (each must be an "error" answer)."""
    bad = [not clean_text(q) or len(clean_text(q)) > MAX_QUESTION_CHARS for q, _ in ODD]
    return sum(bad[n // 50 % len(ODD)] for n in range(answers) if n % 50 == 49)


@pytest.mark.slow
def test_soak_through_the_web_api(index_dir, capsys):
    result = run(index_dir, ANSWERS)
    with capsys.disabled():
        print(f"\nsoak: {result['answers']} answers in {result['seconds']} s ({result['throughput_rps']}/s, "
              f"p95 {result['latency_ms']['p95']} ms); server RSS {result['rss_after_warmup_mib']} MiB after warm-up, "
              f"{result['rss_end_mib']} MiB at the end ({result['growth_pct']:+.2f}%), peak {result['rss_peak_mib']} "
              "MiB (timings are noisy: the machine is shared)")
    assert result["answers"] == ANSWERS
    assert result["failed"] == 0, result["failure_samples"]
    assert result["error_status"] == _odd_errors(ANSWERS) > 0
    assert result["rss_end_mib"] < MAX_RSS_MIB
    assert result["growth_pct"] < MAX_GROWTH_PCT, result["rss_samples_mib"]
