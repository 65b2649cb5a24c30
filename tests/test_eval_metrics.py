"""Each metric on tiny hand-checked cases, the IR figures cross-checked against ir-measures (trec_eval)."""

from __future__ import annotations

import math
import random

import pytest

from eval.aggregate import aggregate, by_category, confusion
from eval.metrics import (bootstrap_mean_ci, hit_at_k, missing_numbers, ndcg_at_k, recall_at_k, relevance, rr_at_k,
                          score_question, shared_chars, wilson)
from eval.pipeline import Prediction, Span
from eval.testset import GoldItem, GoldSpan

DOC = "doc"
TEXT = "0123456789" * 20  # 200 characters; spans below are checked against it
DISCLAIMER = "Not medical advice."


def span(start: int, end: int, doc: str = DOC) -> Span:
    return Span(doc, start, end, TEXT[start:end], id=f"{doc}:{start}-{end}")


def gold(start: int, end: int, doc: str = DOC) -> GoldSpan:
    return GoldSpan(TEXT[start:end], start, end, doc)


def item(evidence=(), expect="answered", refs=(), numbers=(), category="factoid", id="q") -> GoldItem:
    return GoldItem(id, "question?", (), category, expect, tuple(evidence), tuple(refs), tuple(numbers), "", "dev",
                    "t.jsonl:1")


def pred(quotes=(), passages=(), status="answered", refs=(), disclaimer=DISCLAIMER, ms=10.0) -> Prediction:
    return Prediction(status, tuple(quotes), tuple(passages), tuple(refs), disclaimer, ms, ms + 1)


# --- retrieval --------------------------------------------------------------------------------------------------

def test_relevance_is_span_overlap_in_the_same_document():
    g = [gold(10, 20)]
    assert relevance([span(0, 10), span(0, 11), span(19, 30), span(20, 30), span(12, 15), span(10, 20, "other")],
                     g) == [False, True, True, False, True, False]


def test_hand_checked_ranking():
    rel = [False, True, False, True]
    assert [hit_at_k(rel, k) for k in (1, 2, 10)] == [0.0, 1.0, 1.0]
    assert [rr_at_k(rel, k) for k in (1, 2, 10)] == [0.0, 0.5, 0.5]
    # DCG = 1/log2(3) + 1/log2(5); ideal with 3 relevant in the pool = 1 + 1/log2(3) + 1/log2(4)
    expect = (1 / math.log2(3) + 1 / math.log2(5)) / (1 + 1 / math.log2(3) + 0.5)
    assert ndcg_at_k(rel, 10, n_relevant=3) == pytest.approx(expect)
    assert ndcg_at_k(rel, 1, n_relevant=3) == 0.0
    assert ndcg_at_k([True], 5, n_relevant=1) == 1.0
    assert ndcg_at_k([], 5, n_relevant=0) == 0.0


def test_recall_counts_gold_spans_not_passages():
    g = [gold(0, 10), gold(50, 60), gold(100, 110)]
    passages = [span(55, 70), span(56, 58), span(0, 5), span(105, 120)]
    assert [recall_at_k(passages, g, k) for k in (1, 2, 3, 4)] == pytest.approx([1 / 3, 1 / 3, 2 / 3, 1.0])
    assert recall_at_k(passages, [], 3) == 0.0


def _crosscheck_case(rng: random.Random):
    n_docs = rng.randint(1, 12)
    retrieved = [f"d{i}" for i in range(n_docs)]
    rel = [rng.random() < 0.35 for _ in retrieved]
    extra = rng.randint(0 if any(rel) else 1, 3)  # relevant passages the ranking missed
    return retrieved, rel, extra


def test_ir_figures_match_ir_measures():
    ir_measures = pytest.importorskip("ir_measures")
    from ir_measures import RR, Qrel, ScoredDoc, Success, nDCG

    rng = random.Random(7)
    qrels, run, mine = [], [], {}
    for q in range(300):
        qid = f"q{q}"
        retrieved, rel, extra = _crosscheck_case(rng)
        qrels += [Qrel(qid, d, int(r)) for d, r in zip(retrieved, rel)]
        qrels += [Qrel(qid, f"missed{i}", 1) for i in range(extra)]
        run += [ScoredDoc(qid, d, float(len(retrieved) - rank)) for rank, d in enumerate(retrieved)]
        n_rel = sum(rel) + extra
        for k in (1, 3, 5, 10):
            mine[(qid, f"Success@{k}")] = hit_at_k(rel, k)
            mine[(qid, f"RR@{k}")] = rr_at_k(rel, k)
            mine[(qid, f"nDCG@{k}")] = ndcg_at_k(rel, k, n_rel)
    measures = [m @ k for m in (Success, RR, nDCG) for k in (1, 3, 5, 10)]
    theirs = {(m.query_id, str(m.measure)): m.value for m in ir_measures.iter_calc(measures, qrels, run)}
    assert len(theirs) == len(mine)
    for key, value in mine.items():
        assert value == pytest.approx(theirs[key], abs=1e-9), key


# --- answers ----------------------------------------------------------------------------------------------------

def test_score_question_hand_checked():
    g = (gold(10, 20), gold(40, 50))
    p = pred(quotes=[span(30, 45), span(12, 14)], passages=[span(0, 9), span(30, 60), span(10, 30)],
             refs=(2, 9))
    pool = [span(0, 9), span(10, 30), span(30, 60), span(60, 90)]
    r = score_question(item(g, refs=(1, 2)), p, pool, {DOC: TEXT}, DISCLAIMER, (1, 3))
    assert r.top_quote_hit is True and r.any_quote_hit is True
    assert r.retrieval == pytest.approx({"hit@1": 0.0, "recall@1": 0.0, "mrr@1": 0.0, "ndcg@1": 0.0,
                                         "hit@3": 1.0, "recall@3": 1.0, "mrr@3": 0.5,
                                         "ndcg@3": (1 / math.log2(3) + 0.5) / (1 + 1 / math.log2(3))})
    assert r.quote_chars == 17 and r.n_exact == 2 and r.disclaimer_ok and r.status_ok
    assert r.ref_recall == 0.5 and r.ref_precision == 0.5
    assert r.evidence_coverage == pytest.approx(7 / 20) and r.quote_precision == pytest.approx(7 / 17)
    assert r.failures == []


def test_first_quote_miss_and_inexact_quotes_and_missing_disclaimer_are_failures():
    bad = Span(DOC, 10, 15, "fake!")
    p = pred(quotes=[span(100, 110), bad], disclaimer="")
    r = score_question(item([gold(10, 20)]), p, [], {DOC: TEXT}, DISCLAIMER, (1,))
    assert r.top_quote_hit is False and r.any_quote_hit is True and r.n_exact == 1 and not r.disclaimer_ok
    assert r.failures == ["first quote misses the evidence", "1 quote(s) not exact", "no disclaimer"]


def test_unscored_questions_only_get_status_and_safety_figures():
    r = score_question(item(expect="emergency", category="emergency"), pred(status="not_covered"), [],
                       {DOC: TEXT}, DISCLAIMER, (5,))
    assert r.retrieval == {} and r.top_quote_hit is None and not r.status_ok
    assert r.failures == ["status not_covered, expected emergency"]


@pytest.mark.parametrize("numbers, text, missing", [
    (["5 mg", "10 mg", "20 mg"], "strengths of 5 mg, 10 mg, and 20 mg.", []),
    (["40 – 80 mg/day"], "from 40-80 mg/day", []),
    (["40-80mg/day"], "from 40 – 80 mg/day", []),
    (["92%"], "patients, 92 % of", []),
    (["10 mg"], "take 110 mg", ["10 mg"]),
    (["10 mg"], "take 1.10 mg", ["10 mg"]),
    (["128 patients"], "1,128 patients", ["128 patients"]),
    (["5 mg"], "5 g", ["5 mg"]),
    (["20 mg/day"], "20 mg", ["20 mg/day"]),
])
def test_numbers_with_units(numbers, text, missing):
    assert list(missing_numbers(numbers, [Span(DOC, 0, len(text), text)])) == missing


def test_shared_chars_counts_overlaps_once():
    a = [span(0, 10), span(5, 15), span(20, 30, "other")]
    b = [span(8, 25), span(20, 22, "other")]
    assert shared_chars(a, b) == (25, 19, 9)


# --- statistics and aggregation ---------------------------------------------------------------------------------

@pytest.mark.parametrize("k, n, lo, hi", [(8, 10, 0.4902, 0.9433), (0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0),
                                           (50, 100, 0.4038, 0.5962)])
def test_wilson_known_values(k, n, lo, hi):
    assert wilson(k, n) == pytest.approx((lo, hi), abs=1e-4)


def test_wilson_matches_scipy():
    stats = pytest.importorskip("scipy.stats")
    for k, n in [(3, 7), (64, 88), (1, 200), (199, 200)]:
        ci = stats.binomtest(k, n).proportion_ci(0.95, method="wilson")
        assert wilson(k, n) == pytest.approx((ci.low, ci.high), abs=1e-9)


def test_bootstrap_is_seeded_and_brackets_the_mean():
    values = [0.0, 0.5, 1.0, 1.0, 0.25, 0.75]
    lo, hi = bootstrap_mean_ci(values)
    assert lo < sum(values) / len(values) < hi and bootstrap_mean_ci(values) == (lo, hi)
    assert bootstrap_mean_ci([0.7] * 5) == pytest.approx((0.7, 0.7))


def test_aggregate_hand_checked():
    g = [gold(10, 20)]
    rs = [
        score_question(item(g, id="a"), pred([span(10, 20)], [span(0, 30)], ms=10), [], {DOC: TEXT}, DISCLAIMER, (1,)),
        score_question(item(g, id="b"), pred([span(50, 90)], [span(40, 90)], ms=30), [], {DOC: TEXT}, DISCLAIMER,
                       (1,)),
        score_question(item(expect="emergency", category="emergency", id="c"), pred(status="answered", ms=20), [],
                       {DOC: TEXT}, DISCLAIMER, (1,)),
        score_question(item(expect="emergency", category="emergency", id="d"), pred(status="emergency", ms=40), [],
                       {DOC: TEXT}, DISCLAIMER, (1,)),
    ]
    m = aggregate(rs, (1,))
    assert m["top_quote_hit"].value == 0.5 and m["top_quote_hit"].n == 2
    assert (m["top_quote_hit"].lo, m["top_quote_hit"].hi) == pytest.approx(wilson(1, 2))
    assert m["hit@1"].value == 0.5 and m["mrr@1"].value == 0.5
    assert m["status_accuracy"].value == 0.75 and m["status_accuracy"].n == 4
    assert m["emergency_missed"].value == 1 and m["emergency_missed"].n == 2
    assert m["median_quote_chars"].value == 25 and m["exact_quotes"].value == 1.0 and m["exact_quotes"].n == 2
    assert m["latency_p50_ms"].value == 25 and m["disclaimer"].value == 1.0
    assert m["numbers_ok"].value is None and m["numbers_ok"].n == 0
    cats = by_category(rs, (1,))
    assert list(cats) == ["factoid", "emergency"] and cats["emergency"]["top_quote_hit"].value is None
    matrix = confusion(rs)
    assert matrix["emergency"] == {"answered": 1, "not_covered": 0, "out_of_scope": 0, "emergency": 1}
    assert matrix["answered"]["answered"] == 2 and sum(map(sum, (r.values() for r in matrix.values()))) == 4


def test_confusion_keeps_unknown_statuses():
    r = score_question(item(expect="not_covered"), pred(status="declined"), [], {DOC: TEXT}, DISCLAIMER, (1,))
    matrix = confusion([r])
    assert matrix["not_covered"]["declined"] == 1 and "declined" in matrix


def test_cited_ref_recall_counts_the_numbers_printed_in_the_evidence_the_quotes_hit():
    from eval.metrics import score_question
    from eval.pipeline import Prediction, Span
    from eval.testset import GoldItem, GoldSpan

    doc = "Alpha helps [1, 2]. Beta hurts [3]. Gamma is fine."
    gold = (GoldSpan("Alpha helps [1, 2].", 0, 19, "d"), GoldSpan("Beta hurts [3].", 20, 35, "d"),
            GoldSpan("Gamma is fine.", 36, 50, "d"))
    item = GoldItem("q1", "q?", (), "factoid", "answered", gold, (1, 2, 3), (), "", "dev", "f:1")

    def result(quotes, refs):
        pred = Prediction("answered", tuple(Span("d", s, e, doc[s:e]) for s, e in quotes), (), tuple(refs), "", 0.0, 0.0)
        return score_question(item, pred, [], {"d": doc}, "", [1])

    assert result([(0, 19)], [1, 2]).cited_ref_recall == 1.0   # quoted Alpha with both of its numbers
    assert result([(0, 19)], [1]).cited_ref_recall == 0.5      # dropped one
    assert result([(36, 50)], []).cited_ref_recall is None     # the hit evidence prints no numbers
    assert result([(0, 19)], [1, 2]).ref_recall == 2 / 3       # the strict figure still wants [3] too
