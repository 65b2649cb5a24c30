"""What a pipeline did for one question, reduced to spans: the common ground of the engine and the baseline."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Sequence

from eval.testset import GoldItem
from ingest.errors import InputError


@dataclass(frozen=True)
class Span:
    """A passage or a quote: `text` should equal `document[start:end]` of `doc_id`."""

    doc_id: str
    start: int
    end: int
    text: str
    refs: tuple[int, ...] = ()
    id: str = ""


@dataclass(frozen=True)
class Prediction:
    """One pipeline's answer to one question, as the metrics see it."""

    status: str
    quotes: tuple[Span, ...]
    passages: tuple[Span, ...]  # ranked, best first: the passages actually used
    refs: tuple[int, ...]
    disclaimer: str
    latency_ms: float  # the pipeline's own total
    wall_ms: float  # measured around the call


@dataclass(frozen=True)
class PipelineRun:
    """A pipeline's predictions for a list of questions, plus every passage it could have retrieved."""

    name: str
    predictions: tuple[Prediction, ...]
    pool: tuple[Span, ...]  # all passages of the pipeline, for the ideal ranking of nDCG


def from_answer(answer, wall_ms: float) -> Prediction:
    """A chat.answer.Answer (the JSON contract) as a Prediction."""
    quotes = tuple(Span(q.doc_id, q.start, q.end, q.text, tuple(q.refs)) for q in answer.quotes)
    passages = tuple(Span(h.chunk.doc_id, h.chunk.start, h.chunk.end, h.chunk.text, tuple(h.chunk.refs), h.chunk.id)
                     for h in answer.passages)
    total = answer.timings_ms.get("total", wall_ms) if isinstance(answer.timings_ms, dict) else wall_ms
    return Prediction(answer.status, quotes, passages, tuple(answer.refs), answer.disclaimer or "", float(total),
                      wall_ms)


def run_questions(name: str, items: Sequence[GoldItem], ask: Callable[[GoldItem], Prediction],
                  pool: Sequence[Span], progress: bool = True) -> PipelineRun:
    """Ask every question in order, with a progress bar on stderr; a bad question names its file and line."""
    from tqdm import tqdm

    out = []
    for item in tqdm(items, desc=f"eval {name}", unit="q", disable=not progress, leave=False, dynamic_ncols=True):
        try:
            out.append(ask(item))
        except InputError as exc:
            raise InputError(f"{item.source}: {exc}") from None
    return PipelineRun(name, tuple(out), tuple(pool))


def engine_asker(engine) -> Callable[[GoldItem], Prediction]:
    """Ask the engine with the item's history, timing the call."""
    def ask(item: GoldItem) -> Prediction:
        t0 = time.perf_counter()
        answer = engine.answer(item.question, list(item.history))
        return from_answer(answer, (time.perf_counter() - t0) * 1000)
    return ask


def engine_pool(engine) -> tuple[Span, ...]:
    """Every chunk in the engine's index."""
    return tuple(Span(c.doc_id, c.start, c.end, c.text, tuple(c.refs), c.id) for c in engine.index.chunks)
