"""Dataclasses that leave the engine: ranked passages, quotes and the answer (the JSON contract)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.chunk import Chunk

STATUSES = ("answered", "not_covered", "out_of_scope", "emergency")


@dataclass(frozen=True)
class Hit:
    """One retrieved passage (chunk) with its rank and the scores that placed it."""

    chunk: Chunk
    rank: int
    score: float
    dense: float
    lexical: float = 0.0

    def to_dict(self) -> dict:
        c = self.chunk
        return {"rank": self.rank, "score": round(self.score, 4), "dense": round(self.dense, 4),
                "lexical": round(self.lexical, 4), "chunk_id": c.id, "doc_id": c.doc_id,
                "section": " > ".join(c.section_path), "start": c.start, "end": c.end,
                "refs": list(c.refs), "text": c.text}


@dataclass(frozen=True)
class Quote:
    """An exact excerpt: `document.text[start:end] == text`."""

    text: str
    start: int
    end: int
    doc_id: str
    section: str
    refs: tuple[int, ...]
    score: float
    kind: str = "sentence"  # "sentence" | "list"
    role: str = "answer"  # "answer", or "related" for the nearest passage when the monograph is silent
    why: dict = field(default_factory=dict)

    def to_dict(self, explain: bool = False) -> dict:
        out = {"text": self.text, "start": self.start, "end": self.end, "section": self.section,
               "refs": list(self.refs), "score": round(self.score, 4), "doc_id": self.doc_id, "role": self.role}
        if explain:
            out["why"] = self.why
        return out


@dataclass(frozen=True)
class Answer:
    """What the engine returns for one question; `to_dict()` is the JSON contract."""

    question: str
    history: tuple[str, ...]
    status: str
    answer_markdown: str
    quotes: tuple[Quote, ...]
    disclaimer: str
    timings_ms: dict
    passages: tuple[Hit, ...] = ()
    standalone_query: str = ""
    notice: str = ""  # about the input, e.g. "control characters were removed"
    lead: str = ""  # plain-text message shown before the quotes (emergency, not covered, ...)

    @property
    def refs(self) -> list[int]:
        return sorted({r for q in self.quotes for r in q.refs})

    def to_dict(self, explain: bool = False) -> dict:
        out = {"question": self.question, "history": list(self.history), "status": self.status,
               "answer_markdown": self.answer_markdown,
               "quotes": [q.to_dict(explain) for q in self.quotes], "refs": self.refs,
               "disclaimer": self.disclaimer,
               "timings_ms": {k: round(v, 3) for k, v in self.timings_ms.items()}}
        if self.notice:
            out["notice"] = self.notice
        if explain:
            out["standalone_query"] = self.standalone_query
            out["passages"] = [h.to_dict() for h in self.passages]
        return out
