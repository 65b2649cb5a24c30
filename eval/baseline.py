"""The quick-start reference pipeline: fixed 1000-character chunks (200 overlap) of the raw text, dense top-k,
the top chunk shown as the answer. No history, no disclaimer, never declines.

Example:
    >>> [(s, e) for s, e in char_windows("x" * 2500)]
    [(0, 1000), (800, 1800), (1600, 2500)]
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from eval.pipeline import Prediction, Span
from eval.testset import GoldItem
from ingest.sentences import parse_refs

CHUNK_CHARS = 1000
OVERLAP_CHARS = 200


def char_windows(text: str, size: int = CHUNK_CHARS, overlap: int = OVERLAP_CHARS) -> Iterator[tuple[int, int]]:
    """(start, end) of fixed windows; the last one ends at the end of the text."""
    step = size - overlap
    start = 0
    while True:
        end = min(start + size, len(text))
        yield start, end
        if end >= len(text):
            return
        start += step


@dataclass
class Baseline:
    """Chunks and their vectors, built once; `ask(item)` is the recipe's answer to one question."""

    encoder: object
    chunks: tuple[Span, ...]
    vectors: np.ndarray
    k: int = 10

    @classmethod
    def build(cls, text: str, doc_id: str, encoder, k: int = 10, size: int = CHUNK_CHARS,
              overlap: int = OVERLAP_CHARS) -> "Baseline":
        """Chunk the raw corpus text and embed every chunk with `encoder`."""
        chunks = tuple(Span(doc_id, s, e, text[s:e], parse_refs(text[s:e]), f"base-{n}")
                       for n, (s, e) in enumerate(char_windows(text, size, overlap)))
        vectors = encoder.encode([c.text for c in chunks])
        return cls(encoder, chunks, np.asarray(vectors, dtype=np.float32), k)

    def ask(self, item: GoldItem) -> Prediction:
        """The question alone (the recipe keeps no history) -> top-k chunks; the first is the answer."""
        t0 = time.perf_counter()
        qvec = np.asarray(self.encoder.encode([item.question])[0], dtype=np.float32)
        scores = self.vectors @ qvec
        order = np.argsort(-scores, kind="stable")[: self.k]
        passages = tuple(self.chunks[i] for i in order)
        ms = (time.perf_counter() - t0) * 1000
        top = passages[:1]
        return Prediction("answered", top, passages, top[0].refs if top else (), "", ms, ms)
