"""The quick-start baseline: fixed character windows of the raw text, dense top-k, the top chunk as the answer."""

from __future__ import annotations

import pytest

from conftest import FakeEncoder
from eval.baseline import Baseline, char_windows
from eval.testset import GoldItem


@pytest.mark.parametrize("n", [1, 999, 1000, 1001, 1800, 1801, 14588])
def test_windows_cover_the_text_with_200_overlap(n):
    spans = list(char_windows("x" * n))
    assert spans[0][0] == 0 and spans[-1][1] == n
    assert all(0 < e - s <= 1000 for s, e in spans)
    assert all(b[0] == a[0] + 800 for a, b in zip(spans, spans[1:]))
    assert all(a[1] - b[0] == 200 for a, b in zip(spans[:-1], spans[1:-1]))


def test_top_chunk_is_the_answer_and_quotes_are_exact(corpus_text):
    base = Baseline.build(corpus_text, "doc", FakeEncoder(), k=4)
    target = base.chunks[5]
    item = GoldItem("q", target.text, ("ignored history",), "factoid", "answered", (), (), (), "", None, "t:1")
    pred = base.ask(item)
    assert pred.status == "answered" and pred.disclaimer == "" and len(pred.passages) == 4
    assert pred.quotes == (target,) and pred.passages[0] == target and pred.refs == target.refs
    assert all(corpus_text[c.start:c.end] == c.text for c in base.chunks)
    assert base.chunks[-1].end == len(corpus_text)
