"""Parse a monograph (plain web-article text or Markdown) into a Document with exact offsets.

Example:
    >>> doc = parse_document("Title\\n\\nWhat is it?\\n\\nIt is a drug [1]. It helps.\\n")
    >>> [s.path_str for s in doc.sections], [s.text for s in doc.sentences]
    (['What is it?'], ['It is a drug [1].', 'It helps.'])
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ingest.furniture import is_byline, is_furniture_line, is_tail_marker
from ingest.headings import Heading, assign_levels, is_heading_line
from ingest.model import Block, Document, Section, Sentence
from ingest.sentences import has_citation, parse_refs, split_sentences, trim_span

_BULLET = re.compile(r"^\s*(?:[•◦▪‣●○■□➢–\-\*\+]|\d{1,3}[.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(\S.*?)\s*#*\s*$")
_LEAD_IN_END = re.compile(r":\s*$")
INTRO_TITLE = "Introduction"


@dataclass
class _Line:
    start: int
    end: int
    text: str


@dataclass
class _Segment:
    kind: str  # "text" | "list" | "md_heading"
    lines: list[_Line]
    md_level: int = 0
    body_words: int = field(default=0)

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def first(self) -> str:
        return self.lines[0].text.strip()


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        content = raw[:-1] if raw.endswith("\r") else raw
        s, e = trim_span(text, pos, pos + len(content))
        out.append(_Line(s, e, text[s:e]))
        pos += len(raw) + 1
    return out


def _segments(lines: list[_Line]) -> list[_Segment]:
    """Group non-blank lines into text runs, bullet runs and Markdown heading lines."""
    segments: list[_Segment] = []
    current: _Segment | None = None
    for line in lines:
        if not line.text:
            current = None
            continue
        md = _MD_HEADING.match(line.text)
        if md:
            segments.append(_Segment("md_heading", [line], md_level=len(md.group(1))))
            current = None
            continue
        kind = "list" if _BULLET.match(line.text) else "text"
        if current is not None and current.kind == kind:
            current.lines.append(line)
        else:
            current = _Segment(kind, [line])
            segments.append(current)
    for seg in segments:  # a lone "2) Alcoholism" line is a numbered heading, not a list
        if seg.kind == "list" and len(seg.lines) == 1 and seg.first[0].isdigit() and is_heading_line(seg.first):
            seg.kind = "text"
    return segments


def _is_body(seg: _Segment) -> bool:
    text = " ".join(line.text for line in seg.lines)
    return seg.kind == "text" and len(text.split()) >= 6 and re.search(r"[.!?]", text) is not None


def _split_header(segments: list[_Segment], markdown: bool) -> tuple[str, list[_Segment]]:
    """Find the title, drop the byline block after it, return (title, remaining segments)."""
    first_body = next((i for i, s in enumerate(segments) if _is_body(s) and not is_byline(s.first)), len(segments))
    title_idx = None
    for i, seg in enumerate(segments[:first_body]):
        if seg.kind == "md_heading" or (not markdown and seg.kind == "text" and not is_byline(seg.first)
                                        and len(seg.lines) == 1 and is_heading_line(seg.first)):
            title_idx = i
            break
    if title_idx is None:
        return "", segments
    title_seg = segments[title_idx]
    title = _heading_title(title_seg)
    last_byline = max((i for i in range(title_idx, first_body) if is_byline(segments[i].first)), default=title_idx)
    return title, segments[:title_idx] + segments[last_byline + 1 :]


def _is_heading_segment(seg: _Segment, markdown: bool, has_next: bool) -> bool:
    if markdown:
        return seg.kind == "md_heading"
    return seg.kind == "text" and len(seg.lines) == 1 and has_next and is_heading_line(seg.first)


def _heading_title(seg: _Segment) -> str:
    return _MD_HEADING.match(seg.first).group(2) if seg.kind == "md_heading" else seg.first


def _short_intro(seg: _Segment) -> bool:
    """One uncited paragraph of at most two sentences: a signpost, not content."""
    body = " ".join(line.text for line in seg.lines)
    return seg.kind == "text" and not has_citation(body) and len(split_sentences(body, 0, len(body))) <= 2


def _headings(segments: list[_Segment], markdown: bool, title_level: int) -> list[int | None]:
    """Per segment: its heading level if it is a heading, else None."""
    flags = [_is_heading_segment(s, markdown, i + 1 < len(segments)) for i, s in enumerate(segments)]
    positions = [i for i, f in enumerate(flags) if f]
    headings = []
    for n, i in enumerate(positions):
        prev = positions[n - 1] if n else -1
        nxt = positions[n + 1] if n + 1 < len(positions) else len(segments)
        body = segments[i + 1 : nxt]
        headings.append(Heading(
            title=_heading_title(segments[i]),
            md_level=max(1, segments[i].md_level - title_level) if markdown else 0,
            preceded_by_body=i - prev > 1,
            body_segments=len(body),
            short_intro=len(body) == 1 and _short_intro(body[0]),
        ))
    levels = iter(assign_levels(headings, markdown))
    return [next(levels) if f else None for f in flags]


def parse_document(text: str, doc_id: str = "monograph", source: str = "") -> Document:
    """Parse monograph text into sections, blocks and sentences; site furniture is skipped."""
    lines = _lines(text)
    cut = next((i for i, line in enumerate(lines) if is_tail_marker(line.text)), len(lines))
    lines = [line if not is_furniture_line(line.text) else _Line(line.start, line.start, "")
             for line in lines[:cut]]
    segments = _segments(lines)
    markdown = any(s.kind == "md_heading" for s in segments)
    title, segments = _split_header(segments, markdown)
    title_level = 1 if markdown and title else 0
    levels = _headings(segments, markdown, title_level)
    return _assemble(text, doc_id, source, title, segments, levels)


def _assemble(text: str, doc_id: str, source: str, title: str,
              segments: list[_Segment], levels: list[int | None]) -> Document:
    sections: list[Section] = []
    blocks: list[dict] = []
    sentences: list[dict] = []
    stack: list[str] = []
    section_id = -1

    def open_section(title_text: str, level: int, start: int) -> None:
        nonlocal section_id, stack
        stack = stack[: level - 1] + [title_text]
        level = len(stack)
        sections.append(Section(len(sections), title_text, level, tuple(stack), start, start))
        section_id = len(sections) - 1

    for seg, level in zip(segments, levels):
        if level is not None:
            open_section(_heading_title(seg), level, seg.start)
            continue
        if section_id < 0:
            open_section(INTRO_TITLE, 1, seg.start)
        if seg.kind == "list":
            _add_list(text, seg, section_id, blocks, sentences)
        else:
            _add_paragraph(text, seg.start, seg.end, section_id, blocks, sentences)
        sections[section_id] = _extend(sections[section_id], seg.end)
    return _freeze(text, doc_id, source, title, sections, blocks, sentences)


def _extend(section: Section, end: int) -> Section:
    return Section(section.id, section.title, section.level, section.path, section.start, max(section.end, end))


def _add_paragraph(text: str, start: int, end: int, section_id: int, blocks: list[dict], sentences: list[dict]) -> None:
    spans = split_sentences(text, start, end)
    refs = parse_refs(text[start:end])
    block = {"kind": "paragraph", "start": start, "end": end, "section_id": section_id, "sentences": []}
    blocks.append(block)
    for s, e in spans:
        own = parse_refs(text[s:e])
        sentences.append({"start": s, "end": e, "section_id": section_id, "block": len(blocks) - 1,
                          "refs": own or refs, "own_refs": bool(own), "kind": "sentence"})
        block["sentences"].append(len(sentences) - 1)


def _add_list(text: str, seg: _Segment, section_id: int, blocks: list[dict], sentences: list[dict]) -> None:
    block = {"kind": "list", "start": seg.start, "end": seg.end, "section_id": section_id, "sentences": []}
    lead_refs: tuple[int, ...] = ()
    prev = blocks[-1] if blocks else None
    if prev and prev["kind"] == "paragraph" and prev["section_id"] == section_id and prev["sentences"]:
        lead_id = prev["sentences"][-1]
        lead = sentences[lead_id]
        if _LEAD_IN_END.search(text[lead["start"]:lead["end"]]) and _adjacent(text, lead["end"], seg.start):
            prev["sentences"].pop()
            if prev["sentences"]:
                prev["end"] = sentences[prev["sentences"][-1]]["end"]
            else:
                blocks.pop()
            lead["kind"] = "lead_in"
            block["start"] = lead["start"]
            block["sentences"].append(lead_id)
            lead_refs = lead["refs"]
    blocks.append(block)
    block_id = len(blocks) - 1
    for sid in block["sentences"]:
        sentences[sid]["block"] = block_id
    for line in seg.lines:
        marker = _BULLET.match(line.text)
        s, e = trim_span(text, line.start + marker.end(), line.end)
        if e <= s:
            continue
        own = parse_refs(text[s:e])
        sentences.append({"start": s, "end": e, "section_id": section_id, "block": block_id,
                          "refs": own or lead_refs, "own_refs": bool(own), "kind": "item"})
        block["sentences"].append(len(sentences) - 1)


def _adjacent(text: str, end: int, start: int) -> bool:
    """True when only whitespace (at most one blank line) lies between a lead-in and its list."""
    gap = text[end:start]
    return not gap.strip() and gap.count("\n") <= 2


def _freeze(text: str, doc_id: str, source: str, title: str, sections: list[Section],
            blocks: list[dict], sentences: list[dict]) -> Document:
    frozen_sentences = tuple(
        Sentence(i, s["start"], s["end"], text[s["start"]:s["end"]], s["section_id"], s["block"],
                 tuple(s["refs"]), s["kind"], s["own_refs"])
        for i, s in enumerate(sentences)
    )
    frozen_blocks = []
    for i, b in enumerate(blocks):
        ids = tuple(sorted(b["sentences"]))
        refs = sorted({r for sid in ids for r in frozen_sentences[sid].refs})
        frozen_blocks.append(Block(i, b["kind"], b["start"], b["end"], b["section_id"], ids, tuple(refs)))
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(doc_id, title or doc_id, text, sha, tuple(sections), tuple(frozen_blocks),
                    frozen_sentences, source)
