"""Per-question figures: span-overlap relevance, IR metrics at k, quote checks; plus the interval statistics.

Example:
    >>> rel = [False, True, False, True]          # relevance of ranked passages
    >>> hit_at_k(rel, 1), hit_at_k(rel, 3), rr_at_k(rel, 10)
    (0.0, 1.0, 0.5)
    >>> round(ndcg_at_k(rel, 10, n_relevant=2), 4)
    0.6509
    >>> tuple(round(x, 4) for x in wilson(8, 10))
    (0.4902, 0.9433)
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Sequence

from eval.pipeline import Prediction, Span
from eval.testset import GoldItem, GoldSpan
from ingest.sentences import parse_refs

Z95 = 1.959963984540054


def overlaps(a: Span | GoldSpan, b: Span | GoldSpan) -> bool:
    """Same document and at least one character in common."""
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def relevance(passages: Sequence[Span], gold: Sequence[GoldSpan]) -> list[bool]:
    """A passage is relevant if its span overlaps any gold evidence span."""
    return [any(overlaps(p, g) for g in gold) for p in passages]


def hit_at_k(rel: Sequence[bool], k: int) -> float:
    return float(any(rel[:k]))


def rr_at_k(rel: Sequence[bool], k: int) -> float:
    """Reciprocal rank of the first relevant passage in the top k, else 0."""
    return next((1.0 / rank for rank, r in enumerate(rel[:k], start=1) if r), 0.0)


def ndcg_at_k(rel: Sequence[bool], k: int, n_relevant: int) -> float:
    """Binary nDCG@k; the ideal ranking puts all `n_relevant` passages of the pool first."""
    dcg = sum(1.0 / math.log2(rank + 1) for rank, r in enumerate(rel[:k], start=1) if r)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(k, n_relevant) + 1))
    return dcg / ideal if ideal else 0.0


def recall_at_k(passages: Sequence[Span], gold: Sequence[GoldSpan], k: int) -> float:
    """Fraction of gold evidence spans overlapped by at least one of the top-k passages."""
    if not gold:
        return 0.0
    return sum(any(overlaps(p, g) for p in passages[:k]) for g in gold) / len(gold)


def _merged(spans: Sequence[Span | GoldSpan]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for doc, start, end in sorted((s.doc_id, s.start, s.end) for s in spans if s.end > s.start):
        if out and out[-1][0] == doc and start <= out[-1][2]:
            out[-1] = (doc, out[-1][1], max(out[-1][2], end))
        else:
            out.append((doc, start, end))
    return out


def shared_chars(a: Sequence[Span | GoldSpan], b: Sequence[Span | GoldSpan]) -> tuple[int, int, int]:
    """(characters covered by a, by b, by both), overlapping spans counted once."""
    ma, mb = _merged(a), _merged(b)
    both = sum(max(0, min(e1, e2) - max(s1, s2)) for d1, s1, e1 in ma for d2, s2, e2 in mb if d1 == d2)
    return sum(e - s for _, s, e in ma), sum(e - s for _, s, e in mb), both


def _num_norm(text: str) -> str:
    """Lower case, one dash style, no space around dashes or between a number and its unit."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"\s*[-\u2010-\u2015\u2212]\s*", "-", text)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"(\d) (?=[^\W\d]|%)", r"\1", text).strip()


def missing_numbers(numbers: Sequence[str], quotes: Sequence[Span]) -> tuple[str, ...]:
    """Gold number+unit strings that no quote contains ("40 – 80 mg" == "40-80mg", but "10 mg" != "110 mg")."""
    quoted = [_num_norm(q.text) for q in quotes]
    missing = []
    for number in numbers:
        pattern = re.compile(r"(?<!\d)(?<!\d[.,])" + re.escape(_num_norm(number)))
        if not any(pattern.search(q) for q in quoted):
            missing.append(number)
    return tuple(missing)


@dataclass(frozen=True)
class QuestionResult:
    """Every per-question figure for one pipeline; None where a figure does not apply."""

    item: GoldItem
    pred: Prediction
    status_ok: bool
    retrieval: dict = field(default_factory=dict)  # "hit@5" -> 1.0, ... (scored questions only)
    top_quote_hit: bool | None = None
    any_quote_hit: bool | None = None
    quote_chars: int = 0
    n_exact: int = 0
    disclaimer_ok: bool = False
    ref_recall: float | None = None
    ref_precision: float | None = None
    cited_ref_recall: float | None = None  # of the numbers printed in the gold evidence the quotes hit
    evidence_coverage: float | None = None  # share of gold characters the quotes cover
    quote_precision: float | None = None  # share of quoted characters that are gold
    numbers_missing: tuple[str, ...] | None = None  # None: not a numbers question

    @property
    def failures(self) -> list[str]:
        """Why this question failed, in words; empty when it passed."""
        out = []
        if not self.status_ok:
            out.append(f"status {self.pred.status}, expected {self.item.expect}")
        if self.any_quote_hit is False:
            out.append("no quote overlaps the evidence")
        elif self.top_quote_hit is False:
            out.append("first quote misses the evidence")
        if self.numbers_missing:
            out.append("numbers not quoted: " + ", ".join(self.numbers_missing))
        if self.n_exact < len(self.pred.quotes):
            out.append(f"{len(self.pred.quotes) - self.n_exact} quote(s) not exact")
        if not self.disclaimer_ok:
            out.append("no disclaimer")
        return out


def score_question(item: GoldItem, pred: Prediction, pool: Sequence[Span], documents: dict[str, str],
                   disclaimer: str, ks: Sequence[int]) -> QuestionResult:
    """All figures for one question: `documents` maps doc_id -> text for the exact-quote check."""
    n_exact = sum(documents.get(q.doc_id, "")[q.start:q.end] == q.text and q.end > q.start for q in pred.quotes)
    common = dict(item=item, pred=pred, status_ok=pred.status == item.expect, n_exact=n_exact,
                  disclaimer_ok=bool(disclaimer) and pred.disclaimer.strip() == disclaimer.strip(),
                  quote_chars=sum(len(q.text) for q in pred.quotes))
    if not item.scored:
        return QuestionResult(**common)
    gold = item.evidence
    rel = relevance(pred.passages, gold)
    n_relevant = max(sum(relevance(pool, gold)), sum(rel))  # keeps nDCG <= 1 if the pool is partial
    retrieval = {}
    for k in ks:
        retrieval[f"hit@{k}"] = hit_at_k(rel, k)
        retrieval[f"recall@{k}"] = recall_at_k(pred.passages, gold, k)
        retrieval[f"mrr@{k}"] = rr_at_k(rel, k)
        retrieval[f"ndcg@{k}"] = ndcg_at_k(rel, k, n_relevant)
    hits = relevance(pred.quotes, gold)
    gold_refs, got_refs = set(item.refs), set(pred.refs)
    cited = {r for g in gold if any(overlaps(q, g) for q in pred.quotes) for r in parse_refs(g.text)}
    gold_chars, quoted_chars, both = shared_chars(gold, pred.quotes)
    return QuestionResult(
        **common, retrieval=retrieval, top_quote_hit=bool(hits[:1] and hits[0]), any_quote_hit=any(hits),
        ref_recall=len(gold_refs & got_refs) / len(gold_refs) if gold_refs else None,
        ref_precision=len(gold_refs & got_refs) / len(got_refs) if gold_refs and got_refs else None,
        cited_ref_recall=len(cited & got_refs) / len(cited) if cited else None,
        evidence_coverage=both / gold_chars, quote_precision=both / quoted_chars if quoted_chars else None,
        numbers_missing=missing_numbers(item.numbers, pred.quotes) if item.numbers else None,
    )


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def bootstrap_mean_ci(values: Sequence[float], resamples: int = 2000, seed: int = 0) -> tuple[float, float]:
    """95% percentile-bootstrap interval of a mean (seeded: the same data give the same interval)."""
    import numpy as np

    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return (0.0, 0.0)
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, data.size, size=(resamples, data.size))].mean(axis=1)
    return (float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5)))


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default), None for no values."""
    import numpy as np

    return float(np.percentile(np.asarray(values, dtype=float), q)) if len(values) else None
