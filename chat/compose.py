"""Choose the quotes for an answer and render it (Markdown for the web, plain text for the CLI).

Quotes are data: each knows its exact span, section and reference numbers; rendering only
decides how to show them. Everything taken from the corpus or the user is escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Sequence

from chat.answer import Answer, Quote
from chat.lexicon import STOPWORDS
from chat.outline import listed_leaves, names_a_use, outlined, title_stems
from chat.query import stems, words
from chat.safety import REFERENCE_NOTE
from chat.retrieve import RankedUnit
from index.store import LoadedIndex
from ingest.model import PATH_SEP

MAX_QUOTES = 3
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
# A sentence that announces what comes later rather than saying it.
_ANNOUNCES = re.compile(r"\bwe(?:'|’)ll discuss\b|\bin the following sections\b|\bdiscussed (?:below|later)\b|"
                        r"^(?:below (?:are|is)|here (?:are|is)|read on)\b", re.IGNORECASE)
_MD_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+!|~>-])")
# A question asking what follows from something: "what happens if I stop?", "is it dangerous to quit cold turkey?"
CONSEQUENCE = re.compile(r"\bwhat (?:(?:can|could|will|would|might|may) )?(?:happens?|go(?:es)? wrong)\b|\bwhat if\b|"
                         r"\bwhat (?:are|is) the (?:risks?|dangers?|consequences?)\b|"
                         r"\b(?:is it|it's|would it be|could it be) (?:\w+ )?(?:dangerous|risky|harmful|unsafe|bad)\b",
                         re.IGNORECASE)
# A question whether the medicine helps with something: "does it help spasticity from MS?", "can it do anything
# for heartburn?", "would it work for my hiccups?", "is it good for alcoholism?".
_ASKS_HELP = re.compile(r"(?:^|[.?!,;:]\s*|\b(?:and|but|so|also|or|how well|how much)\s+)"
                        r"(?:does|do|can|could|will|would|might|may|is|are)\b(?: [\w'-]+){0,4} (?:help|helps|treat|"
                        r"work|works|do anything|be (?:any )?(?:good|use|useful|effective))\b|"
                        r"\b(?:good|effective|helpful|any use|useful|used|approved|prescribed|an option) for\b|"
                        r"\bused to treat\b", re.IGNORECASE)
# A sentence that says whether a use is approved: "FDA-approved to treat ...", "used off-label for ...".
_USE_STATUS = re.compile(r"\b(?:fda-approved|approved|off-label)\b", re.IGNORECASE)
# The gravest outcomes a sentence can name.
_GRAVE = re.compile(r"\b(?:death|deaths|died|dies|fatal|coma|life-threatening)\b", re.IGNORECASE)
# Words of a list's lead-in that say nothing of what it lists ("Some withdrawal symptoms include [27, 28]:")
_LEAD_IN_WORDS = frozenset({"some", "include", "includes", "including", "following", "other", "these", "those"})


def _overlaps(unit, quotes: Sequence[Quote]) -> bool:
    """The unit shares characters with one of the quotes."""
    return any(q.doc_id == unit.doc_id and q.start < unit.end and unit.start < q.end for q in quotes)


def select_quotes(index: LoadedIndex, ranked: list[RankedUnit], max_quotes: int = MAX_QUOTES,
                  min_score: float = 0.2, spread: float = 0.12, role: str = "answer",
                  taken: Sequence[Quote] = ()) -> list[Quote]:
    """The best unit, then up to `max_quotes - 1` more scoring within `spread` of it (none overlapping `taken`)."""
    quotes: list[Quote] = []
    for cand in ranked:
        if len(quotes) >= max_quotes or cand.score < min_score:
            break
        if quotes and cand.score < quotes[0].score - spread:
            break
        unit = index.units[cand.row]
        if quotes and _ANNOUNCES.search(unit.head):
            continue  # "... which we'll discuss in the following sections" says nothing itself: it leads or is left out
        if _overlaps(unit, (*taken, *quotes)):
            continue
        quotes.append(_quote(index, cand.row, (cand,), role, {"rank": len(taken) + len(quotes) + 1,
                                                            "passage_score": round(cand.passage_score, 4),
                                                            "passage_rank": cand.passage_rank}))
    return quotes


def _section(index: LoadedIndex, unit) -> str:
    return PATH_SEP.join(index.documents[unit.doc_id].sections[unit.section_id].path)


def _quote(index: LoadedIndex, row: int, ranked: Sequence[RankedUnit], role: str, why: dict) -> Quote:
    """Row `row` of the index's units as a quote; `why` gains the scores that ranked it, when `ranked` holds it."""
    unit = index.units[row]
    cand = next((r for r in ranked if r.row == row), None)
    scores = {"dense": round(cand.dense, 4), "lexical": round(cand.lexical, 4)} if cand else {}
    return Quote(text=unit.text, start=unit.start, end=unit.end, doc_id=unit.doc_id, section=_section(index, unit),
                 refs=unit.refs, score=cand.score if cand else 0.0, kind=unit.kind, role=role,
                 why={"rank": why["rank"], **scores, **{k: v for k, v in why.items() if k != "rank"}})


def add_cited_support(index: LoadedIndex, ranked: list[RankedUnit], quotes: list[Quote],
                      max_quotes: int = MAX_QUOTES, within: float = 0.15) -> list[Quote]:
    """`quotes`, and when none carries a reference number or there is only one, the best-ranked unit of the lead's
    own section that carries a number not shown yet, if it scores within `within` of the lead: "The safety of
    baclofen in pregnancy has not been established." is followed by its section's "There is evidence ... [30]".
    Only the lead's section: a cited sentence from elsewhere (a 600 mg/day abuse case under "what's the maximum
    dose?") would answer another question."""
    if not quotes or len(quotes) >= max_quotes or (any(q.refs for q in quotes) and len(quotes) > 1):
        return quotes
    shown = {r for q in quotes for r in q.refs}
    lead = next((index.units[r.row] for r in ranked if index.units[r.row].start == quotes[0].start), None)
    if lead is None:
        return quotes
    for cand in ranked:
        if cand.score < quotes[0].score - within:
            break
        unit = index.units[cand.row]
        if set(unit.refs) - shown and unit.doc_id == lead.doc_id and unit.section_id == lead.section_id:
            extra = select_quotes(index, [cand], 1, 0.0, 1.0, quotes[0].role, taken=quotes)
            return quotes + [replace(q, why={**q.why, "cited_support": True}) for q in extra]
    return quotes


def _listed_kind(head: str) -> frozenset[str]:
    """What a list's lead-in says it lists, as stems: "Some withdrawal symptoms include [27, 28]:" -> withdraw, symptom."""
    return frozenset(stems(w for w in words(head) if w not in STOPWORDS and w not in _LEAD_IN_WORDS
                           and not w.isdigit()))


def add_elaboration(index: LoadedIndex, ranked: list[RankedUnit], quotes: list[Quote],
                    max_quotes: int = MAX_QUOTES) -> list[Quote]:
    """`quotes`, and the list that spells out what one of them names, from the same section: "Baclofen can cause
    withdrawal symptoms if suddenly discontinued" is followed by "Some withdrawal symptoms include [27, 28]: ...".
    For questions asking what follows from something (CONSEQUENCE): the named kind alone does not say what happens.
    The list takes a free slot, or the last one that neither leads nor answers a part of a compound question."""
    for n, quote in enumerate(quotes, 1):
        said = set(stems(words(quote.text)))
        for row, unit in enumerate(index.units):
            kind = _listed_kind(unit.head) if unit.kind == "list" else frozenset()
            if (not kind or not kind <= said or unit.doc_id != quote.doc_id or _section(index, unit) != quote.section
                    or _overlaps(unit, quotes)):
                continue
            spare = [i for i, q in enumerate(quotes) if i and "part" not in q.why]
            if len(quotes) >= max_quotes and not spare:
                return quotes
            keep = quotes if len(quotes) < max_quotes else quotes[:spare[-1]] + quotes[spare[-1] + 1:]
            return keep + [_quote(index, row, ranked, quote.role, {"rank": len(keep) + 1, "elaborates": n})]
    return quotes


def add_gravest(index: LoadedIndex, ranked: list[RankedUnit], quotes: list[Quote]) -> list[Quote]:
    """`quotes`, and, when none names death or coma, the unit of a quoted section that does: for a question
    asking what follows from something (CONSEQUENCE), the gravest outcome the section tells is never left out.
    "What happens if the pump suddenly stops working?" quotes the withdrawal symptoms and now also "There are
    several case reports where abrupt discontinuation of intrathecal baclofen has led to death [29]." It may be
    a quote beyond the usual three (`ask --json` marks it `gravest`)."""
    if not quotes or any(_GRAVE.search(q.text) for q in quotes):
        return quotes
    quoted = {(q.doc_id, q.section) for q in quotes}
    for row, unit in enumerate(index.units):
        if (unit.doc_id, _section(index, unit)) in quoted and _GRAVE.search(unit.text) and not _overlaps(unit, quotes):
            return quotes + [_quote(index, row, ranked, quotes[0].role, {"rank": len(quotes) + 1, "gravest": True})]
    return quotes


def add_use_status(index: LoadedIndex, ranked: list[RankedUnit], quotes: list[Quote], question: str,
                   said: str) -> list[Quote]:
    """`quotes`, and, for a question whether the medicine helps with a condition (`_ASKS_HELP`) that one of the
    monograph's uses is about (a section such as "Multiple Sclerosis" or "4) Acid Reflux" under its numbered uses,
    chat/outline.py), the sentence saying whether that use is FDA-approved or off-label, when no quote says so:
    "does baclofen help spasticity from MS?" adds "Baclofen is a muscle relaxant that is FDA-approved to treat
    muscle spasticity that is associated with multiple sclerosis or spinal cord injury [1]"; "can baclofen do
    anything for heartburn?" adds "Baclofen is used off-label for ... acid reflux [1]". `said` is the question
    with the lexicon's terms ("heartburn": acid reflux); of uses whose titles it names, the most specific ("alcohol
    withdrawal" is not "alcoholism"). It may be a quote beyond the usual three (`ask --json` marks it
    `use_status`): the quotes it would displace answer the question too."""
    if not quotes or not _ASKS_HELP.search(question):
        return quotes
    asked = set(stems(words(said)))
    for doc_id, doc in index.documents.items():
        named = [(leaf, title_stems(leaf.title)) for leaf in listed_leaves(doc.sections)]
        named = [(leaf, title) for leaf, title in named if title and title <= asked]
        for leaf, title in named:
            if any(title < other for _, other in named):
                continue
            if any(_USE_STATUS.search(q.text) and title <= set(stems(words(q.text))) for q in quotes):
                return quotes
            for row, unit in enumerate(index.units):
                if (unit.doc_id != doc_id or not _USE_STATUS.search(unit.text) or _overlaps(unit, quotes)
                        or not title <= set(stems(words(unit.text)))):
                    continue
                return quotes + [_quote(index, row, ranked, quotes[0].role,
                                        {"rank": len(quotes) + 1, "use_status": leaf.title})]
    return quotes


def add_outline(index: LoadedIndex, ranked: list[RankedUnit], quotes: list[Quote], question: str,
                keep: int = 1) -> list[Quote]:
    """`quotes`, or, for a question restating a heading over numbered subsections ("What conditions is baclofen
    used for off-label?" over "2) Alcoholism" ... "6) Hiccups"), the first `keep` of them and the others from
    outside that heading, then one unit of each subsection, in the document's order: the list the monograph
    gives as headings (chat/outline.py). A compound question keeps the quotes of all its parts, "what is
    baclofen used for?" its overview sentences. Of a subsection, the unit naming most of its title,
    then one that names a use, then the first: "baclofen is sometimes used to help treat severe cases of
    persistent hiccups", not "A hiccup is caused by ..."."""
    for doc_id, doc in index.documents.items():
        found = outlined(question, doc.sections)
        if found:
            break
    else:
        return quotes
    heading, items = found
    listed = PATH_SEP.join(heading.path)
    out = quotes[:keep] + [q for q in quotes[keep:] if q.doc_id != doc_id or not q.section.startswith(listed)]
    for item in items:
        depth = len(item.path)
        under = {s.id for s in doc.sections if s.path[:depth] == item.path}
        rows = [row for row, u in enumerate(index.units) if u.doc_id == doc_id and u.section_id in under
                and not _ANNOUNCES.search(u.head)]
        if not rows:
            continue
        title = title_stems(item.title)
        row = max(rows, key=lambda r: (len(title & set(stems(words(index.units[r].text)))),
                                       names_a_use(index.units[r].text), -index.units[r].start))
        if _overlaps(index.units[row], out):
            continue
        role = out[0].role if out else "answer"
        out.append(_quote(index, row, ranked, role, {"rank": len(out) + 1, "outline": heading.title}))
    return out if any("outline" in q.why for q in out) else quotes


def select_for_parts(index: LoadedIndex, parts: Sequence[tuple[str, list[RankedUnit]]], overall: list[RankedUnit],
                     max_quotes: int = MAX_QUOTES, min_score: float = 0.2, spread: float = 0.12,
                     covered_within: int = 2, covered_margin: float = 0.05, clear_dense: float = 0.5,
                     shared_within: int = 3) -> list[Quote]:
    """A compound question: the whole message's best quote when it answers one of the parts, then the best for
    each part no quote answers yet, then more of the message's best within `spread`.

    A quote answers a part when it is the part's best. A part whose best is no clear match (dense similarity
    below `clear_dense`: "how long was it?", "is it too much for me?") says too little to rank on its own, so a
    quote among its top `covered_within`, within `covered_margin` of its best, answers it too. The message's
    best that is no part's best answers every part when it is among the top `shared_within` of each, within
    `covered_margin` of their bests: "how much was the mother taking and what happened to the baby?" asks two
    things of one case report."""

    def among(quote: Quote, ranked: list[RankedUnit], n: int) -> bool:
        top = [r for r in ranked[:n] if r.score >= ranked[0].score - covered_margin]
        return any(index.units[r.row].start == quote.start and index.units[r.row].doc_id == quote.doc_id for r in top)

    def answers(quote: Quote, ranked: list[RankedUnit]) -> bool:
        return among(quote, ranked, 1 if ranked[0].dense >= clear_dense else covered_within)

    ranked_parts = [ranked for _, ranked in parts if ranked]
    quotes = select_quotes(index, overall, 1, min_score, spread)
    shared = False
    if not any(answers(q, ranked) for q in quotes for ranked in ranked_parts):  # a blend of the parts leads nothing,
        shared = bool(quotes) and len(ranked_parts) > 1 and all(
            among(q, ranked, shared_within) for q in quotes for ranked in ranked_parts)
        quotes = quotes if shared else []  # unless it is close to the best of each
    for part, ranked in parts:
        if len(quotes) >= max_quotes:
            break
        if ranked and (shared or any(answers(q, ranked) for q in quotes)):
            continue
        for quote in select_quotes(index, ranked, 1, min_score, spread, taken=quotes):
            quotes.append(replace(quote, why={**quote.why, "part": part}))
    if overall and len(quotes) < max_quotes:
        close = [r for r in overall if r.score >= overall[0].score - spread]
        quotes += select_quotes(index, close, max_quotes - len(quotes), min_score, spread, taken=quotes)
    return quotes


def md_escape(text: str) -> str:
    """Make corpus or user text inert in Markdown: HTML is escaped, markup characters backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def md_unescape(text: str) -> str:
    """The text md_escape was given (for a shown question that was not cut short)."""
    return html.unescape(_MD_ESCAPED.sub(r"\1", text))


def refs_label(refs: tuple[int, ...] | list[int]) -> str:
    return "refs [" + ", ".join(str(r) for r in refs) + "]" if refs else "no reference number"


def quote_markdown(quote: Quote) -> str:
    """A blockquote keeping the quote's own line breaks, then its section and reference numbers."""
    lines = [md_escape(line.strip()) for line in quote.text.splitlines() if line.strip()]
    body = "  \n".join(lines)
    return "> " + body.replace("\n", "\n> ") + f"\n>\n> — *{md_escape(quote.section)}* · {md_escape(refs_label(quote.refs))}"


def render_markdown(status: str, quotes: list[Quote], disclaimer: str, lead: str = "",
                    examples: tuple[str, ...] = ()) -> str:
    """The answer as the web chat shows it; the disclaimer is always the last line."""
    parts = []
    if lead:
        parts.append(f"🚨 **{md_escape(lead)}**" if status == "emergency" else md_escape(lead))
    if examples:
        parts.append("You could ask, for example:\n" + "\n".join(f"- {md_escape(e)}" for e in examples))
    if status == "emergency" and quotes:
        parts.append(f"*{md_escape(REFERENCE_NOTE)}*")
    for q in quotes:
        if q.role == "related":
            parts.append("*Related passage (not an answer):*")
        parts.append(quote_markdown(q))
    parts.append(f"---\n*{disclaimer}*")
    return "\n\n".join(parts)


def render_plain(answer: Answer) -> str:
    """The answer for a terminal: quotes verbatim, each with section and references."""
    from chat.scope import EXAMPLE_QUESTIONS

    out = [text for text in (answer.notice, answer.lead) if text]
    if answer.status == "out_of_scope":
        out.append("You could ask, for example:\n" + "\n".join(f"  - {e}" for e in EXAMPLE_QUESTIONS))
    if answer.status == "emergency" and answer.quotes:
        out.append(REFERENCE_NOTE)
    for n, q in enumerate(answer.quotes, start=1):
        body = "\n".join("   " + line.strip() for line in q.text.splitlines() if line.strip())
        label = "Related passage (not an answer)\n" if q.role == "related" else ""
        out.append(f"{label}[{n}] {body.lstrip()}\n    — {q.section} · {refs_label(q.refs)}")
    out.append(f"Note: {answer.disclaimer}")
    return "\n\n".join(out)
