"""Questions about the page itself: who wrote or reviewed it, what the site says of its own advice.

They are answered from the page's byline, author box and site disclaimer (ingest/about.py), never
from the drug text, and only when the question is plainly about the page: "Who wrote this?",
"Has the FDA checked the information on this site?". A question about when it was written or
updated is not covered when the byline shows no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from chat.answer import Quote
from chat.lexicon import STOPWORDS
from chat.query import stems, words
from ingest.about import BYLINE, AboutPassage, about_passages

_PAGE = r"(?:this|the|your|that) (?:(?:baclofen|drug|medical|health|medicine) )?(?:article|page|site|website|web ?site|web ?page|monograph|post|blog|info|information)"
_STUDY = r"(?: (?:the|a|these|those|this|that|all))?(?: \d+| \w+)? (?:trials?|stud(?:y|ies)|research|reviews?|data|evidence|papers?|cases?|meta-analys[ie]s|analys[ie]s)"
_ASKS = re.compile(
    rf"\b(?:who|which(?: \w+)?) (?:wrote|writes|authored|reviewed|fact[- ]checked|is behind|put together|created)\b(?!{_STUDY}\b)|"
    rf"\b(?:the |its |this )?(?:authors?|writers?|reviewers?)\b(?! of{_STUDY}\b)|\b(?:written|reviewed) by\b|"
    r"\bmedically reviewed\b|"
    rf"\b{_PAGE}\b.{{0,60}}\b(?:evaluat\w*|approved|checked|reviewed|reliable|trust\w*|accurate|credible|"
    r"medical advice|replace|instead|substitute|diagnos\w*|written|updated|fda|educational)\b|"
    rf"\b(?:evaluat\w*|checked|reviewed|trust|rely on|replace|instead of|substitute for)\b.{{0,40}}\b{_PAGE}\b",
    re.IGNORECASE)
_ASKS_WHO = re.compile(r"\bwho\b|\bwhich \w+ (?:wrote|reviewed)\b|\b(?:written|reviewed) by\b|\bnames? of\b", re.IGNORECASE)
_ASKS_DATE = re.compile(r"\b(?:when|what date|how (?:old|recent)|last updated|updated|published)\b", re.IGNORECASE)
_DATE = re.compile(r"\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d", re.IGNORECASE)
MAX_QUOTES = 2
SPREAD = 0.1  # a second passage must come this close to the first
SHARED_WORD = 0.1  # each content word a passage shares with the question adds this to its similarity
BYLINE_BONUS = 0.2  # "who ...?" is answered by the byline, which names the writer and the reviewers


def _content(text: str) -> set[str]:
    return set(stems([w for w in words(text) if w not in STOPWORDS]))


def asks_about_the_page(question: str) -> bool:
    """True for a question about the page's author, reviewers or standing, not about the drug."""
    return bool(_ASKS.search(question))


@dataclass(frozen=True)
class _Item:
    doc_id: str
    passage: AboutPassage


class AboutThePage:
    """The pages' own passages with their vectors, built once when the engine loads."""

    def __init__(self, documents: dict, encoder):
        self.items = [_Item(doc_id, p) for doc_id, doc in documents.items() for p in about_passages(doc.text)]
        self.vectors = encoder.encode([i.passage.text for i in self.items]) if self.items else np.zeros((0, 1))
        self.stems = [_content(i.passage.text) for i in self.items]

    def answer(self, question: str, qvec: np.ndarray) -> tuple[str, list[Quote]]:
        """(status, quotes): "answered" with the closest passages, or "not_covered" with the byline as related
        when the question asks for a date the byline does not give (or the page says nothing of itself)."""
        if not self.items:
            return "not_covered", []
        asked = _content(question)
        sims = self.vectors @ qvec + SHARED_WORD * np.array([len(asked & own) for own in self.stems])
        if _ASKS_WHO.search(question):
            sims = sims + BYLINE_BONUS * np.array([i.passage.section == BYLINE for i in self.items])
        order = [int(i) for i in np.argsort(-sims, kind="stable")]
        if _ASKS_DATE.search(question) and not any(_DATE.search(i.passage.text) for i in self.items):
            bylines = [n for n in order if self.items[n].passage.section == BYLINE] or order
            return "not_covered", [self._quote(bylines[0], sims, 1, "related")]
        best = float(sims[order[0]])
        keep = [n for n in order[:MAX_QUOTES] if float(sims[n]) >= best - SPREAD]
        return "answered", [self._quote(n, sims, rank) for rank, n in enumerate(keep, start=1)]

    def _quote(self, n: int, sims: np.ndarray, rank: int, role: str = "answer") -> Quote:
        item = self.items[n]
        p = item.passage
        return Quote(text=p.text, start=p.start, end=p.end, doc_id=item.doc_id, section=p.section, refs=(),
                     score=float(sims[n]), role=role, why={"rank": rank, "dense": round(float(sims[n]), 4),
                                                           "about_the_page": True})
