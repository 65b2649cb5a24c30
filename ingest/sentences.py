"""Sentence boundaries with exact character spans, and citation numbers like [27, 28].

Example:
    >>> text = "Baclofen is a drug [1]. It relaxes muscles."
    >>> [text[s:e] for s, e in split_sentences(text, 0, len(text))]
    ['Baclofen is a drug [1].', 'It relaxes muscles.']
    >>> parse_refs("as shown [19, 20, 21] and [3-5]")
    (3, 4, 5, 19, 20, 21)
"""

from __future__ import annotations

import re

# A sentence may end in ., ! or ?, then closing quotes or brackets, then whitespace.
_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s)")
_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs dr mr mrs ms prof approx fig figs al no nos st inc ltd jr sr cf ca".split()
)
_CITATION = re.compile(r"\[\s*(\d{1,4}(?:\s*[-–—,;]\s*\d{1,4})*)\s*\]")
_MAX_RANGE = 50  # a "range" wider than this is a typo, not a citation list


def _word_before(text: str, pos: int) -> str:
    i = pos
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "."):
        i -= 1
    return text[i:pos].lower()


def _is_boundary(text: str, end: int, limit: int) -> bool:
    """True when the punctuation ending at `end` closes a sentence."""
    j = end
    while j < limit and text[j].isspace():
        j += 1
    if j >= limit:
        return True
    if text[j].islower():
        return False
    dot = text.rfind(".", 0, end)
    if dot >= 0 and text[dot + 1 : end].strip("\"”’')]") == "":
        word = _word_before(text, dot)
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
    return True


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] into trimmed, non-empty sentence spans (absolute offsets)."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _END.finditer(text, start, end):
        if _is_boundary(text, match.end(), end):
            spans.append(trim_span(text, cursor, match.end()))
            cursor = match.end()
    spans.append(trim_span(text, cursor, end))
    return [(s, e) for s, e in spans if e > s]


def _expand(body: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", body):
        bounds = [int(n) for n in re.split(r"\s*[-–—]\s*", part) if n]
        if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= _MAX_RANGE:
            numbers.extend(range(bounds[0], bounds[1] + 1))
        else:
            numbers.extend(bounds)
    return numbers


def parse_refs(text: str) -> tuple[int, ...]:
    """Sorted, unique citation numbers from brackets such as [1], [27, 28] or [19-21]."""
    found: set[int] = set()
    for match in _CITATION.finditer(text):
        found.update(_expand(match.group(1)))
    return tuple(sorted(found))


def has_citation(text: str) -> bool:
    """True when the text carries at least one numeric citation bracket."""
    return _CITATION.search(text) is not None
