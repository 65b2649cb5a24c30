"""Decide which lines are headings and how deep each one sits.

Markdown headings carry their level (`##` is one deeper than `#`). Plain web-article text
has lost its typography, so levels are inferred from the page's shape:

1. a heading directly under another heading (no text between) is its child;
2. a numbered heading "N) ..." is the sibling of "N-1) ..."; "1) ..." opens a run under
   the current heading;
3. a heading whose next heading continues an open numbered run (e.g. "Off-Label Uses"
   before "2) Alcoholism") is the sibling of that run's parent;
4. a *group* heading, whose own text is empty or one short uncited intro paragraph,
   starts a new top-level part when it follows body text; the next heading is its child;
5. otherwise a heading after text is a child of a numbered heading, else a sibling of
   the previous heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBERED = re.compile(r"^(\d{1,2})([).])\s+\S")
_MAX_CHARS = 100
_MAX_WORDS = 12


@dataclass(frozen=True)
class Heading:
    """What the level rules need to know about one heading."""

    title: str
    md_level: int = 0  # 0 for plain text
    preceded_by_body: bool = True
    body_segments: int = 0
    short_intro: bool = False

    @property
    def number(self) -> tuple[int, str] | None:
        m = _NUMBERED.match(self.title)
        return (int(m.group(1)), m.group(2)) if m else None

    @property
    def is_group(self) -> bool:
        return self.body_segments == 0 or (self.body_segments == 1 and self.short_intro)


def is_heading_line(line: str) -> bool:
    """True for a short, title-like line: no closing period or colon, no citation."""
    s = line.strip()
    if not (2 <= len(s) <= _MAX_CHARS) or len(s.split()) > _MAX_WORDS:
        return False
    if s[-1] in ".,;:!" or re.search(r"\[\d", s) or s.startswith(("•", "-", "*", "+", ">")):
        return False
    first = s[0]
    return first.isdigit() or (first.isalpha() and first.isupper()) or first in "“\"‘'("


def assign_levels(headings: list[Heading], markdown: bool) -> list[int]:
    """Level (1 = top) for each heading, in document order."""
    if markdown:
        return [h.md_level for h in headings]
    levels: list[int] = []
    stack: list[int] = []  # indices into headings, outermost first
    for i, h in enumerate(headings):
        nxt = headings[i + 1] if i + 1 < len(headings) else None
        top = headings[stack[-1]] if stack else None
        top_level = levels[stack[-1]] if stack else 0
        run = _open_run(headings, levels, stack, h.number) if h.number else None
        parent_run = _open_run(headings, levels, stack, nxt.number) if nxt and nxt.number else None
        if run is not None:
            level = levels[run]
        elif not stack:
            level = 1
        elif not h.preceded_by_body:
            level = top_level + 1
        elif h.number is None and parent_run is not None:
            level = max(1, levels[parent_run] - 1)
        elif h.number is None and h.is_group and nxt is not None:
            level = 1
        elif top is not None and (top.number is not None or (top.is_group and top.body_segments)):
            level = top_level + 1
        else:
            level = top_level
        while stack and levels[stack[-1]] >= level:
            stack.pop()
        level = min(level, (levels[stack[-1]] + 1) if stack else 1)
        levels.append(level)
        stack.append(i)
    return levels


def _open_run(headings: list[Heading], levels: list[int], stack: list[int],
              number: tuple[int, str] | None) -> int | None:
    """Index of the heading numbered just before `number` if that run is still open."""
    if number is None or number[0] < 2:
        return None
    want = (number[0] - 1, number[1])
    for idx in reversed(stack):
        if headings[idx].number == want:
            return idx
    return None
