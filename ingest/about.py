"""What a web monograph says about itself: its byline, its author box, its site disclaimer.

The parser leaves these out of the quotable body (they answer nothing about the drug). They
still answer "who wrote this?", "who reviewed it?" or "has the FDA evaluated this page?", so
they are found here, with exact offsets, for the engine to quote on exactly such questions.

Example:
    >>> text = ("Title\\n\\nWritten by Ann Lee, PharmD\\n\\nIt treats spasms in adults [1].\\n\\n"
    ...         "About the Author\\n\\nAnn Lee\\n\\nAnn is a pharmacist with ten years of clinical experience.\\n")
    >>> [(p.section, p.text) for p in about_passages(text)]
    [('Byline', 'Written by Ann Lee, PharmD'), ('About the Author', 'Ann is a pharmacist with ten years of clinical experience.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.furniture import is_byline, is_furniture_line, is_tail_marker
from ingest.sentences import split_sentences, trim_span

BYLINE = "Byline"
# Trailing sections that speak about the page itself (the rest of the tail is comments, links, references).
_ABOUT_TITLES = re.compile(r"^(?:#{1,6}\s*)?(about the authors?|fda compliance|(?:medical )?disclaimer)\s*:?$",
                           re.IGNORECASE)
_MIN_WORDS = 6  # shorter tail lines are names under a photo, not sentences


@dataclass(frozen=True)
class AboutPassage:
    """A sentence (or byline) about the page; `text == document_text[start:end]`."""

    start: int
    end: int
    text: str
    section: str


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for raw in text.split("\n"):
        spans.append(trim_span(text, pos, pos + len(raw)))
        pos += len(raw) + 1
    return spans


def about_passages(text: str) -> list[AboutPassage]:
    """The byline lines of the header and the sentences of the author box and site disclaimer."""
    lines = [(s, e, text[s:e]) for s, e in _lines(text)]
    return _bylines(text, lines) + _tail(text, lines)


def _bylines(text: str, lines: list[tuple[int, int, str]]) -> list[AboutPassage]:
    """Byline lines before the first paragraph; "Medically reviewed by" takes the next line with it."""
    out: list[AboutPassage] = []
    body = [line for line in lines if line[2]]
    covered = -1
    for i, (s, e, line) in enumerate(body):
        if len(line.split()) >= 12 and re.search(r"[.!?]$", line) and not is_byline(line):
            break  # the first paragraph: the header is over
        if s <= covered or not is_byline(line):
            continue
        if re.search(r"\bby$", line, re.IGNORECASE) and i + 1 < len(body):
            e = body[i + 1][1]  # "Medically reviewed by" + the names on the next line
        out.append(AboutPassage(s, e, text[s:e], BYLINE))
        covered = e
    return out


def _tail(text: str, lines: list[tuple[int, int, str]]) -> list[AboutPassage]:
    out: list[AboutPassage] = []
    section = None
    for s, e, line in lines:
        if is_tail_marker(line) or _ABOUT_TITLES.match(line):
            title = _ABOUT_TITLES.match(line)
            section = line.lstrip("#").strip().rstrip(":").strip() if title else None  # as the page shows it
            continue
        if section is None or not line or is_furniture_line(line) or len(line.split()) < _MIN_WORDS:
            continue
        out += [AboutPassage(a, b, text[a:b], section) for a, b in split_sentences(text, s, e)]
    return out
