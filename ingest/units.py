"""Quote units: the spans an answer may quote — one sentence, or a whole list with its lead-in."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.model import Document


@dataclass(frozen=True)
class Unit:
    """A quotable span: `document.text[start:end] == text`."""

    id: int
    doc_id: str
    start: int
    end: int
    text: str
    section_id: int
    refs: tuple[int, ...]
    kind: str  # "sentence" | "list"
    sentence_ids: tuple[int, ...]


def quote_units(doc: Document) -> list[Unit]:
    """Units in reading order: each paragraph sentence alone, each list whole with its lead-in."""
    units: list[Unit] = []
    for block in doc.blocks:
        if block.kind == "list":
            groups = [block.sentence_ids]
        else:
            groups = [(sid,) for sid in block.sentence_ids]
        for ids in groups:
            first, last = doc.sentences[ids[0]], doc.sentences[ids[-1]]
            refs = tuple(sorted({r for sid in ids for r in doc.sentences[sid].refs}))
            units.append(Unit(len(units), doc.doc_id, first.start, last.end, doc.text[first.start:last.end],
                              block.section_id, refs, block.kind if block.kind == "list" else "sentence", ids))
    return units
