"""Frozen dataclasses that carry a parsed monograph between stages."""

from __future__ import annotations

from dataclasses import dataclass

PATH_SEP = " > "


@dataclass(frozen=True)
class Section:
    """A heading and the text under it, up to the next heading.

    `path` holds the titles from the top level down to this one, e.g.
    ("What is Baclofen Used for?", "Off-Label Uses", "2) Alcoholism").
    """

    id: int
    title: str
    level: int
    path: tuple[str, ...]
    start: int
    end: int

    @property
    def path_str(self) -> str:
        return PATH_SEP.join(self.path)


@dataclass(frozen=True)
class Sentence:
    """One quotable unit: a sentence, a list's lead-in line, or one list item.

    `text == document.text[start:end]` always. `refs` are the citation numbers in its own
    brackets, or else those of its paragraph (or of its list's lead-in).
    """

    id: int
    start: int
    end: int
    text: str
    section_id: int
    block_id: int
    refs: tuple[int, ...]
    kind: str = "sentence"  # "sentence" | "lead_in" | "item"
    own_refs: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph, or a bullet list together with its lead-in line."""

    id: int
    kind: str  # "paragraph" | "list"
    start: int
    end: int
    section_id: int
    sentence_ids: tuple[int, ...]
    refs: tuple[int, ...]


@dataclass(frozen=True)
class Document:
    """A parsed monograph: its exact text, title, sections, blocks and sentences."""

    doc_id: str
    title: str
    text: str
    sha256: str
    sections: tuple[Section, ...]
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    source: str = ""

    def section_of(self, sentence: Sentence) -> Section:
        return self.sections[sentence.section_id]
