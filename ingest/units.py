"""Quote units: the spans an answer may quote.

A unit is one sentence, a sentence with the sentences that lean on it ("This condition is
usually caused by ..." needs the sentence before it), or a whole list with its lead-in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import Document

# A sentence opening with one of these points back at the sentence before it.
_ANAPHOR = re.compile(r"^(?:This|These|That|Those|Such|It|Its|They|Their|He|She|His|Her)\b")
_MAX_MERGED_CHARS = 420


@dataclass(frozen=True)
class Unit:
    """A quotable span: `document.text[start:end] == text`. `head` is its first sentence (or lead-in)."""

    id: int
    doc_id: str
    start: int
    end: int
    text: str
    section_id: int
    refs: tuple[int, ...]
    kind: str  # "sentence" | "list"
    sentence_ids: tuple[int, ...]
    head_end: int = 0

    @property
    def head(self) -> str:
        return self.text[: (self.head_end or self.end) - self.start]


def _groups(doc: Document) -> list[tuple[str, tuple[int, ...]]]:
    groups: list[tuple[str, tuple[int, ...]]] = []
    for block in doc.blocks:
        if block.kind == "list":
            groups.append(("list", block.sentence_ids))
            continue
        current: list[int] = []
        for sid in block.sentence_ids:
            s = doc.sentences[sid]
            span = s.end - doc.sentences[current[0]].start if current else 0
            if current and _ANAPHOR.match(s.text) and span <= _MAX_MERGED_CHARS:
                current.append(sid)
                continue
            if current:
                groups.append(("sentence", tuple(current)))
            current = [sid]
        if current:
            groups.append(("sentence", tuple(current)))
    return groups


def quote_units(doc: Document) -> list[Unit]:
    """Units in reading order."""
    units: list[Unit] = []
    for kind, ids in _groups(doc):
        first, last = doc.sentences[ids[0]], doc.sentences[ids[-1]]
        refs = tuple(sorted({r for sid in ids for r in doc.sentences[sid].refs}))
        section_id = doc.blocks[first.block_id].section_id
        units.append(Unit(len(units), doc.doc_id, first.start, last.end, doc.text[first.start:last.end],
                          section_id, refs, kind, ids, first.end))
    return units
