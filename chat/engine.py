"""The answer engine: question (+ history) -> retrieve -> exact quotes -> Answer.

Example:
    engine = Engine.load()                      # reads the index and the model once
    answer = engine.answer("What is the brand name of baclofen?")
    answer.quotes[0].text                       # exact text from the monograph
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from chat.answer import Answer, Hit
from chat.compose import render_markdown, select_quotes
from chat.retrieve import Retriever
from chat.safety import DISCLAIMER
from index.embed import Encoder, load_encoder
from index.store import LoadedIndex, load_index
from ingest.errors import InputError

MAX_QUESTION_CHARS = 1000
MAX_HISTORY_TURNS = 8
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def default_index_dir() -> Path:
    """$BACLOFEN_QA_INDEX_DIR, else ~/.cache/baclofen-qa/index."""
    env = os.environ.get("BACLOFEN_QA_INDEX_DIR")
    if env:
        return Path(env).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "baclofen-qa" / "index"


def clean_text(text: str) -> str:
    """Drop control and invisible characters, normalise Unicode, collapse whitespace."""
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", text)).strip()


def clean_question(question: str, limit: int = MAX_QUESTION_CHARS) -> str:
    """The question ready for retrieval, or InputError with a message a user can act on."""
    if not isinstance(question, str):
        raise InputError("the question must be text")
    if len(question) > limit * 4:
        raise InputError(f"the question is {len(question):,} characters long; the limit is {limit:,}. "
                         "Please ask a shorter question.")
    text = clean_text(question)
    if not text:
        raise InputError("the question is empty; please type a question about baclofen")
    if len(text) > limit:
        raise InputError(f"the question is {len(text):,} characters long; the limit is {limit:,}. "
                         "Please ask a shorter question.")
    return text


def clean_history(history: Sequence[str] | None) -> tuple[str, ...]:
    """Earlier user questions, oldest first: cleaned, empty ones dropped, only the last few kept."""
    turns = [clean_text(h)[:MAX_QUESTION_CHARS] for h in (history or ()) if isinstance(h, str)]
    return tuple(t for t in turns if t)[-MAX_HISTORY_TURNS:]


def standalone_query(question: str, history: tuple[str, ...]) -> str:
    """The query used for retrieval: short follow-ups borrow the previous question."""
    if history and len(question.split()) <= 6:
        return f"{history[-1]} {question}"
    return question


@dataclass(frozen=True)
class EngineSettings:
    passages_k: int = 8
    max_quotes: int = 3
    min_score: float = 0.2


class Engine:
    """Holds the loaded index and model; `answer()` and `search()` are safe to call concurrently."""

    def __init__(self, index: LoadedIndex, encoder: Encoder, settings: EngineSettings = EngineSettings()):
        self.index = index
        self.encoder = encoder
        self.settings = settings
        self.retriever = Retriever(index, encoder, k=settings.passages_k)

    @classmethod
    def load(cls, index_dir: str | Path | None = None, model: str | None = None,
             settings: EngineSettings = EngineSettings()) -> "Engine":
        """Load the model, then the index verified against it (IndexLoadError names the fix)."""
        return cls.from_encoder(index_dir, load_encoder(model), settings)

    @classmethod
    def from_encoder(cls, index_dir: str | Path | None, encoder: Encoder,
                     settings: EngineSettings = EngineSettings()) -> "Engine":
        """An engine over the index at `index_dir`, with the model warmed up so answers are fast."""
        index = load_index(index_dir or default_index_dir(), encoder.weights_sha256)
        encoder.encode(["warm up"])
        return cls(index, encoder, settings)

    @property
    def version(self) -> str:
        return self.index.manifest.version

    def answer(self, question: str, history: Sequence[str] | None = None) -> Answer:
        """Answer one question with exact quotes; raises InputError for an empty or oversized question."""
        t0 = time.perf_counter()
        text = clean_question(question)
        turns = clean_history(history)
        query = standalone_query(text, turns)
        qvec = self.retriever.embed(query)
        hits = self.retriever.passages(qvec)
        ranked = self.retriever.rank_units(qvec, hits)
        t1 = time.perf_counter()
        quotes = select_quotes(self.index, ranked, self.settings.max_quotes, self.settings.min_score)
        status = "answered" if quotes else "not_covered"
        lead = "" if quotes else "The monograph does not seem to cover this question."
        markdown = render_markdown(status, quotes, DISCLAIMER, lead)
        t2 = time.perf_counter()
        timings = {"retrieve": (t1 - t0) * 1000, "compose": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
        return Answer(question=text, history=turns, status=status, answer_markdown=markdown, quotes=tuple(quotes),
                      disclaimer=DISCLAIMER, timings_ms=timings, passages=tuple(hits), standalone_query=query,
                      lead=lead)

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """Ranked passages with scores, for staff look-ups."""
        text = clean_question(query)
        return self.retriever.passages(self.retriever.embed(text), k)
