"""Find the passages for a query, then rank the quotable units inside them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from chat.answer import Hit
from index.embed import Encoder
from index.store import LoadedIndex


@dataclass(frozen=True)
class RankedUnit:
    """A quote candidate: a row of index.units with the scores that ranked it."""

    row: int
    score: float
    dense: float
    passage_score: float
    passage_rank: int


class Retriever:
    """Dense retrieval over chunk vectors (exact inner product on normalised vectors)."""

    def __init__(self, index: LoadedIndex, encoder: Encoder, k: int = 8):
        self.index = index
        self.encoder = encoder
        self.k = k
        self._rows = {c.id: i for i, c in enumerate(index.chunks)}

    def embed(self, query: str) -> np.ndarray:
        return self.encoder.encode([query])[0]

    def passages(self, qvec: np.ndarray, k: int | None = None) -> list[Hit]:
        k = min(k or self.k, len(self.index.chunks))
        if k <= 0:
            return []
        scores, rows = self.index.chunk_index.search(qvec.reshape(1, -1).astype(np.float32), k)
        return [Hit(self.index.chunks[row], rank, float(score), float(score))
                for rank, (score, row) in enumerate(zip(scores[0], rows[0]), start=1) if row >= 0]

    def rank_units(self, qvec: np.ndarray, hits: list[Hit], passage_weight: float = 0.25) -> list[RankedUnit]:
        """Units of the retrieved passages, best first; a unit's passage lends it some score."""
        best: dict[int, Hit] = {}
        for hit in hits:
            for row in self.index.chunk_units[self._rows[hit.chunk.id]]:
                if row not in best or hit.score > best[row].score:
                    best[row] = hit
        if not best:
            return []
        rows = np.fromiter(best, dtype=np.int64)
        dense = self.index.unit_vectors[rows] @ qvec
        ranked = [RankedUnit(int(r), float((1 - passage_weight) * d + passage_weight * best[int(r)].score),
                             float(d), best[int(r)].score, best[int(r)].rank) for r, d in zip(rows, dense)]
        return sorted(ranked, key=lambda u: -u.score)
