"""HTML for the web chat's Sources, Monograph and Staff search views, built from quotes and Documents.

Every piece of corpus or user text passes through `html.escape`: gr.HTML is not sanitised, so a
corpus containing `<script>` or `<img onerror=...>` must arrive in the page as inert text. Output
is kept on one line per entry so Markdown never re-reads it.

Example:
    >>> esc_mark("a <b> c", 2, 5)
    'a <mark class="bq-hl">&lt;b&gt;</mark> c'
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Iterable, Mapping, Sequence

from ingest.model import PATH_SEP, Block, Document

ALL_SECTIONS = "All sections"
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_BREAKS = re.compile(r"[ \t]*(?:\r?\n[ \t]*)+")


def esc(text: str) -> str:
    """Escape text for HTML content or a quoted attribute."""
    return html.escape(str(text), quote=True)


def esc_lines(text: str) -> str:
    """Escape, and turn each run of line breaks into one <br> (no blank lines, so Markdown leaves the HTML alone)."""
    return _BREAKS.sub("<br>", esc(text))


def esc_mark(text: str, start: int, end: int) -> str:
    """Escape `text`, wrapping text[start:end] in a highlight."""
    start, end = max(0, start), min(len(text), end)
    return f'{esc_lines(text[:start])}<mark class="bq-hl">{esc_lines(text[start:end])}</mark>{esc_lines(text[end:])}'


def _slug(doc_id: str) -> str:
    return _ID_UNSAFE.sub("-", doc_id)


def section_anchor(doc_id: str, section_id: int) -> str:
    """The element id of a section heading in the Monograph tab."""
    return f"sec-{_slug(doc_id)}-{int(section_id)}"


def block_anchor(doc_id: str, block_id: int) -> str:
    """The element id of a paragraph or list in the Monograph tab."""
    return f"blk-{_slug(doc_id)}-{int(block_id)}"


def refs_text(refs: Sequence[int]) -> str:
    return "refs [" + ", ".join(str(r) for r in refs) + "]" if refs else "no reference number"


def find_block(doc: Document, start: int, end: int) -> Block | None:
    """The paragraph or list that contains the span (or, failing that, the first one it overlaps)."""
    inside = [b for b in doc.blocks if b.start <= start and end <= b.end]
    if inside:
        return min(inside, key=lambda b: b.end - b.start)
    return next((b for b in doc.blocks if b.start < end and start < b.end), None)


def source_html(n: int, quote, doc: Document | None) -> str:
    """One quote shown inside its paragraph, the quoted part highlighted, with a link to its place."""
    head = f'<strong>[{n}]</strong> {esc(quote.section)} · {esc(refs_text(quote.refs))}'
    block = find_block(doc, quote.start, quote.end) if doc else None
    if block is None:
        body = f'<mark class="bq-hl">{esc_lines(quote.text.strip())}</mark>'
        link = ""
    else:
        para = doc.text[block.start:block.end]
        body = esc_mark(para, quote.start - block.start, quote.end - block.start)
        link = (f' · <a class="bq-goto" href="#{block_anchor(doc.doc_id, block.id)}">'
                "Show in the monograph</a>")
    return f'<div class="bq-src"><div class="bq-src-head">{head}{link}</div><div class="bq-src-body">{body}</div></div>'


def sources_html(quotes: Sequence, documents: Mapping[str, Document]) -> str:
    """The Sources part of an answer: every quote in context; empty when there are no quotes."""
    return "".join(source_html(n, q, documents.get(q.doc_id)) for n, q in enumerate(quotes, start=1))


def _block_html(doc: Document, block: Block) -> str:
    anchor = block_anchor(doc.doc_id, block.id)
    if block.kind != "list":
        return f'<p id="{anchor}">{esc_lines(doc.text[block.start:block.end])}</p>'
    sentences = [doc.sentences[i] for i in block.sentence_ids]
    lead = "".join(f"<p>{esc_lines(s.text)}</p>" for s in sentences if s.kind != "item")
    items = "".join(f"<li>{esc_lines(s.text)}</li>" for s in sentences if s.kind == "item")
    return f'<div id="{anchor}">{lead}<ul>{items}</ul></div>'


def monograph_html(documents: Iterable[Document]) -> str:
    """The cleaned monograph(s): a heading with an anchor per section, then its paragraphs and lists."""
    parts = []
    for doc in documents:
        by_section: dict[int, list[Block]] = {}
        for block in doc.blocks:
            by_section.setdefault(block.section_id, []).append(block)
        parts.append(f'<article class="bq-mono"><h1>{esc(doc.title)}</h1>')
        for sec in doc.sections:
            level = min(6, sec.level + 1)
            parts.append(f'<h{level} id="{section_anchor(doc.doc_id, sec.id)}">{esc(sec.title)}</h{level}>')
            parts.extend(_block_html(doc, b) for b in by_section.get(sec.id, []))
        parts.append("</article>")
    return "\n".join(parts)


def section_choices(documents: Mapping[str, Document]) -> list[str]:
    """Section paths for the staff search filter, in document order, first one 'All sections'."""
    seen = dict.fromkeys(s.path_str for d in documents.values() for s in d.sections if s.path)
    return [ALL_SECTIONS, *seen]


def in_section(section_path: Sequence[str], section: str | None) -> bool:
    """True when a passage lies in `section` or one of its subsections (or no filter is set)."""
    if not section or section == ALL_SECTIONS:
        return True
    path = PATH_SEP.join(section_path)
    return path == section or path.startswith(section + PATH_SEP)


def citation(text: str, section: str, refs: Sequence[int], title: str = "") -> str:
    """A plain-text citation: the quote, its section and its reference numbers."""
    quote = " ".join(text.split())
    where = f"{title}, {section}" if title else section
    return f"\u201c{quote}\u201d \u2014 {where} ({refs_text(refs)})"


def search_html(query: str, hits: Sequence, documents: Mapping[str, Document]) -> str:
    """Ranked passages with score, section and refs, each with a copy-citation button."""
    if not hits:
        return f'<p class="bq-none">No passages found for \u201c{esc(query)}\u201d.</p>'
    rows = []
    for hit in hits:
        c = hit.chunk
        section = PATH_SEP.join(c.section_path)
        doc = documents.get(c.doc_id)
        cite = citation(c.text, section, c.refs, doc.title if doc else "")
        sec_link = ""
        if doc is not None and 0 <= c.section_id < len(doc.sections):
            href = section_anchor(c.doc_id, c.section_id)
            sec_link = f' · <a class="bq-goto" href="#{href}">Show in the monograph</a>'
        rows.append(
            f'<div class="bq-hit"><div class="bq-hit-head"><strong>#{hit.rank}</strong> '
            f'<span class="bq-score">score {hit.score:.3f}</span> · {esc(section)} · {esc(refs_text(c.refs))}'
            f'{sec_link}</div><div class="bq-hit-body">{esc_lines(c.text)}</div>'
            f'<button type="button" class="bq-copy" data-cite="{esc(cite)}">Copy citation</button></div>')
    return "".join(rows)


def filter_hits(hits: Sequence, section: str | None, k: int) -> list:
    """Keep the hits in one section and its subsections (or all), at most k, renumbered from 1."""
    keep = [h for h in hits if in_section(h.chunk.section_path, section)]
    return [replace(h, rank=i) for i, h in enumerate(keep[:k], start=1)]
