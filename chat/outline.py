"""Lists given as numbered headings, and the questions that ask for them.

A web monograph often lists things as numbered headings rather than bullets: "Off-Label Uses" holds
"2) Alcoholism" ... "6) Hiccups". "What conditions is baclofen used for off-label?" restates that heading
and asks for the list: the answer quotes one unit of each numbered subsection (compose.add_outline). The
sections under such headings are also what "does it help with X?" can be about (compose.add_use_status).

    >>> restates("What conditions is baclofen used for off-label?")
    frozenset({'label', 'use'})
    >>> restates("Off-Label Uses") == restates("what are the off label uses of baclofen?")
    True
    >>> asks_for_list("Is baclofen used off-label?"), asks_for_list("which conditions does it treat?")
    (False, True)
"""

from __future__ import annotations

import re
from typing import Iterable

from chat.lexicon import BACLOFEN_NAMES, STOPWORDS
from chat.query import stems, words
from ingest.model import Section

# "2) Alcoholism", "3. Alcohol Withdrawal": a heading that is an item of a list.
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+\S")
# Words that ask what a medicine is for: "what conditions does it treat?" restates "Uses".
_USE_WORDS = frozenset("""use uses used using treat treats treated treating condition conditions disorder disorders
disease diseases illness illnesses problem problems purpose purposes reason reasons prescribe prescribes prescribed
indication indications""".split())
# Words that change nothing of what such a list is: "what else", "the main uses", "all the conditions".
_NEUTRAL = frozenset("else different main various several common kind kinds type types sort sorts list name show "
                     "medication medicine drug".split())
# A question asking for things, not yes or no: "what ...", "which ...", "list the ...", "for what ...".
_WH = re.compile(r"^\W*(?:(?:and|so|but|ok|okay|then|also)\W+)?(?:what|which|list|name|tell|give|show)\b|"
                 r"\bfor what\b", re.IGNORECASE)
MAX_ITEMS = 8


def restates(text: str) -> frozenset[str]:
    """What a heading or question says, as stems: use-words are one word, function words and the drug's names
    say nothing ("What is Baclofen Used for?" and "what does baclofen treat?" both say {"use"})."""
    out = set()
    for word in words(text):
        for part in filter(None, word.split("-")):
            if part in _USE_WORDS:
                out.add("use")
            elif part not in STOPWORDS and part not in _NEUTRAL and part not in BACLOFEN_NAMES and not part.isdigit():
                out.update(stems([part]))
    return frozenset(out)


# Words of a sentence saying what a medicine is used for.
_USED_FOR = frozenset("use uses used treat treats treated treating prescribe prescribed approved indicated".split())


def names_a_use(text: str) -> bool:
    """The text says what something is used for: "baclofen is sometimes used to help treat ... hiccups", not
    "Muscle spasticity occurs when ... This condition is usually caused by ..."."""
    return any(part in _USED_FOR for word in words(text) for part in word.split("-"))


def asks_for_list(text: str) -> bool:
    return bool(_WH.search(text))


def numbered_items(sections: tuple[Section, ...], heading: Section) -> list[Section]:
    """The numbered headings under `heading`, in the document's order."""
    depth = len(heading.path)
    return [s for s in sections if len(s.path) > depth and s.path[:depth] == heading.path and _NUMBERED.match(s.title)]


def listed_leaves(sections: tuple[Section, ...]) -> list[Section]:
    """The sections with no subsection of their own under a heading over numbered items: under "What is Baclofen
    Used for?", "Multiple Sclerosis", "Spinal Cord Injury", "2) Alcoholism" ... "6) Hiccups"."""
    out: dict[int, Section] = {}
    for heading in sections:
        if _NUMBERED.match(heading.title) or len(numbered_items(sections, heading)) < 2:
            continue
        depth = len(heading.path)
        for s in sections:
            n = len(s.path)
            if n > depth and s.path[:depth] == heading.path and not any(
                    len(c.path) > n and c.path[:n] == s.path for c in sections):
                out[s.id] = s
    return [out[k] for k in sorted(out)]


def title_stems(title: str) -> frozenset[str]:
    """A heading's content words as stems: "4) Acid Reflux" -> {"acid", "reflux"}."""
    return frozenset(stems(w for w in words(title) if w not in STOPWORDS and not w.isdigit()))


def outlined(question: str, sections: Iterable[Section]) -> tuple[Section, list[Section]] | None:
    """The heading `question` restates, when at least two numbered headings lie under it, and those headings
    (of several such headings, the one over the most); None for any other question."""
    if not asks_for_list(question):
        return None
    said = restates(question)
    sections = tuple(sections)
    found = None
    for heading in sections:
        if not _NUMBERED.match(heading.title) and restates(heading.title) == said and said:
            items = numbered_items(sections, heading)
            if len(items) >= 2 and (found is None or len(items) > len(found[1])):
                found = (heading, items[:MAX_ITEMS])
    return found
