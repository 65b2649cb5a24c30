"""Recognise web-page furniture (bylines, ratings, comment forms) so the parser can skip it.

The corpus file stays verbatim; these rules only decide which lines become quotable text.
"""

from __future__ import annotations

import re

# Everything from the first of these lines to the end of the file is site furniture.
_TAIL = re.compile(
    r"^(?:#{1,6}\s*)?(?:about the authors?|fda compliance|leave a reply|leave a comment|"
    r"related articles?(?: view all)?|related posts?|comments?|references|sources)\s*:?$",
    re.IGNORECASE,
)
# Single lines that are furniture wherever they appear.
_LINE = re.compile(
    r"^(?:doctor patient"
    r"|evidence based\b.*"
    r"|this post has \d+ references?"
    r"|(?:\d\s*stars?\s*)+"
    r"|\(\s*\d+\s+votes?,\s*average:.*\)"
    r"|your email address will not be published.*"
    r"|required fields are marked.*"
    r"|share (?:this|on)\b.*"
    r")$",
    re.IGNORECASE,
)
# Byline and review lines; only dropped in the header, before the first body paragraph.
_BYLINE = re.compile(
    r"\b(?:written by|medically reviewed by|reviewed by|fact[- ]checked by|last updated|published on)\b",
    re.IGNORECASE,
)


def is_tail_marker(line: str) -> bool:
    """True for a line that starts the trailing furniture (author box, boilerplate, comments)."""
    return bool(_TAIL.match(line.strip()))


def is_furniture_line(line: str) -> bool:
    """True for a line that is furniture anywhere in the page."""
    return bool(_LINE.match(line.strip()))


def is_byline(line: str) -> bool:
    """True for an author, reviewer or date line."""
    return bool(_BYLINE.search(line))
