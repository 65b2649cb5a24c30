"""Which FAISS index holds the chunk vectors: exact inner product while small, HNSW beyond a documented size.

Up to EXACT_LIMIT chunk vectors an exact `IndexFlatIP` is used: scanning 20,000 MiniLM vectors
(384 floats) takes about 3 ms per question on this project's 2-core machine and is always right.
Above it, `IndexHNSWFlat` (inner product, M=32) answers in a fraction of a millisecond with a
recall@10 of about 0.97-0.99 against the exact index on MiniLM-like vectors (`make bench`, see
docs/benchmarks.md). HNSW keeps the full vectors, so `reconstruct_n` still returns them exactly
and the rest of the engine is unchanged. HNSW handles exact duplicates badly (many identical
vectors crowd each other's links), so identical documents should be removed before indexing.

Example:
    >>> choose_index_type(34), choose_index_type(50_000)
    ('flat-ip', 'hnsw-ip')
    >>> recall_at_k([[1, 2, 3]], [[3, 2, 9]])
    0.6666666666666666
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

EXACT_LIMIT = 20_000  # chunk vectors; at or below this the index is exact
FLAT = "flat-ip"
HNSW = "hnsw-ip"
HNSW_M = 32  # graph degree: more = better recall, more memory (M * 8 bytes per vector and layer)
HNSW_EF_CONSTRUCTION = 200  # 80 gave recall@10 0.89 at 100,000 vectors, 200 gives 0.97
HNSW_EF_SEARCH = 256  # well above the 64 candidates chat/retrieve.py asks for, so recall@64 stays high


def choose_index_type(n_vectors: int, exact_limit: int = EXACT_LIMIT) -> str:
    """'flat-ip' up to `exact_limit` vectors, 'hnsw-ip' above."""
    return FLAT if n_vectors <= exact_limit else HNSW


def ann_params(index_type: str) -> dict:
    """The settings worth recording in the manifest for this index type."""
    if index_type == HNSW:
        return {"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION, "efSearch": HNSW_EF_SEARCH}
    return {}


def make_index(vectors: np.ndarray, index_type: str = FLAT):
    """A FAISS inner-product index of `index_type` holding `vectors` (row i = id i)."""
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    if index_type == FLAT:
        index = faiss.IndexFlatIP(dim)
    elif index_type == HNSW:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        raise ValueError(f"unknown index type {index_type!r} (expected {FLAT!r} or {HNSW!r})")
    if len(vectors):
        index.add(vectors)
    return index


def index_type_of(index) -> str:
    """The type name of a loaded FAISS index, as the manifest records it ('flat-ip', 'hnsw-ip', or its class)."""
    import faiss

    if isinstance(index, faiss.IndexHNSWFlat) and index.metric_type == faiss.METRIC_INNER_PRODUCT:
        return HNSW
    if isinstance(index, faiss.IndexFlatIP):
        return FLAT
    return type(index).__name__


def recall_at_k(exact_ids: Sequence[Sequence[int]], approx_ids: Sequence[Sequence[int]],
                exact_scores: Sequence[Sequence[float]] | None = None,
                approx_scores: Sequence[Sequence[float]] | None = None, tol: float = 1e-5) -> float:
    """Mean share of the exact top-k found by the approximate search.

    With scores given, ties count: an approximate hit scoring at least the exact k-th score
    (minus `tol`) is as good as the id it displaced, which matters when documents repeat.
    """
    found = total = 0
    for q, (exact, approx) in enumerate(zip(exact_ids, approx_ids)):
        exact = [int(i) for i in exact if i >= 0]
        if not exact:
            continue
        hits = len(set(exact) & {int(i) for i in approx if i >= 0})
        if exact_scores is not None and approx_scores is not None:
            kth = float(exact_scores[q][len(exact) - 1])
            hits = sum(1 for i, s in zip(approx, approx_scores[q]) if i >= 0 and float(s) >= kth - tol)
            hits = min(hits, len(exact))
        found += hits
        total += len(exact)
    return found / total if total else 1.0
