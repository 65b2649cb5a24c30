"""Compound questions: one message that asks two or three things gets a quote for each.

"What is baclofen approved for, and what is it used for off-label?" is two questions; ranked as
one, the best-scoring part takes every quote. The message is split where a new question starts
(after "?", or at "and"/"but" before a question word) and where one question names two subjects
with the same preposition ("for acid reflux and for hiccups"). Parts too short to stand alone
stay joined, so "side effects and risks" is not split.

Example:
    >>> split_compound("What is baclofen approved for, and what is it used for off-label?")
    ('What is baclofen approved for', 'what is it used for off-label?')
    >>> split_compound("What is the evidence for baclofen in acid reflux and in hiccups?")
    ('What is the evidence for baclofen in acid reflux', 'What is the evidence for baclofen in hiccups?')
    >>> split_compound("Does it cause drowsiness and dizziness?")
    ('Does it cause drowsiness and dizziness?',)
"""

from __future__ import annotations

import re

from chat.query import words

MAX_PARTS = 3
_MIN_WORDS = 3  # a part needs this many words to stand alone ("right?" does not)

_STARTS = (r"what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|should|"
           r"will|would|has|have|may|might|must")
# A new question: after "?" (or ";"), or "and/but" (after a comma or not) before a question word.
_CLAUSE = re.compile(rf"(?<=[?;])\s+(?=\S)|,?\s+(?:and|but|or|also)\s+(?:also\s+)?(?=(?:{_STARTS})\b)",
                     re.IGNORECASE)
# One question, two subjects: "... in acid reflux and in hiccups", "both for spasticity and for withdrawal".
_PREPS = r"in|for|with|during|after|on|to|about|from"
_FACET = re.compile(rf"\s+and\s+(?:also\s+)?({_PREPS})\s+", re.IGNORECASE)


def _facets(part: str) -> list[str]:
    """Split "head PREP x and PREP y" into "head PREP x" and "head PREP y"."""
    m = _FACET.search(part)
    if not m:
        return [part]
    prep = m.group(1).lower()
    first = list(re.finditer(rf"\b{prep}\b", part[:m.start()], re.IGNORECASE))
    if not first:
        return [part]
    head = part[:first[-1].start()]
    left, right = part[:m.start()], head + part[m.start(1):]
    if len(words(head)) < 2:
        return [part]
    return [left, right]


def split_compound(text: str) -> tuple[str, ...]:
    """The questions inside one message, in order; the message itself when it asks one thing."""
    parts: list[str] = []
    for clause in _CLAUSE.split(text.strip()):
        for piece in _facets(clause.strip()):
            piece = piece.strip().strip(",").strip()
            if not piece:
                continue
            if parts and (len(words(piece)) < _MIN_WORDS or len(words(parts[-1])) < _MIN_WORDS):
                parts[-1] = f"{parts[-1]} {piece}"  # too short to stand alone: keep it with its neighbour
            else:
                parts.append(piece)
    if len(parts) < 2 or len(parts) > MAX_PARTS:
        return (text,)
    return tuple(parts)
