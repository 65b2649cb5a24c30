"""Load test sets (JSONL or CSV) and resolve every gold evidence text to a character span of the corpus.

Gold is a span of the monograph, never a chunk id, so re-chunking never breaks a label.

Example:
    >>> corpus = "Uses\\n\\nIt relaxes muscles [1]. It treats spasms [2].\\n"
    >>> items = parse_rows([({"id": "q1", "question": "What does it do?", "expect": "answered",
    ...                       "evidence": ["It treats spasms [2]."]}, "t.jsonl:1")], corpus, "doc")
    >>> items[0].evidence[0].start, items[0].evidence[0].end
    (30, 51)
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from chat.turns import user_questions
from ingest.errors import InputError

EXPECTS = ("answered", "not_covered", "out_of_scope", "emergency")
SPLITS = ("dev", "test")
LIST_FIELDS = ("history", "evidence", "refs", "numbers")
DEFAULT_TESTSET = Path(__file__).resolve().parent / "gold.jsonl"


class TestSetError(InputError):
    """A test-set file or row that cannot be used; the message starts with "file:line:"."""

    __test__ = False  # not a pytest class


@dataclass(frozen=True)
class GoldSpan:
    """Gold evidence: `corpus[start:end] == text` in document `doc_id`."""

    text: str
    start: int
    end: int
    doc_id: str


@dataclass(frozen=True)
class GoldItem:
    """One test question with what a correct answer must show."""

    id: str
    question: str
    history: tuple[str, ...]
    category: str
    expect: str
    evidence: tuple[GoldSpan, ...]
    refs: tuple[int, ...]
    numbers: tuple[str, ...]
    answer: str
    split: str | None
    source: str  # "file:line", for messages

    @property
    def scored(self) -> bool:
        """Counts toward retrieval and quote metrics: an answerable question with gold evidence."""
        return self.expect == "answered" and bool(self.evidence)


def _normal(text: str) -> str:
    """Loose form for hints only: quotes, dashes and spaces unified."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u2018\u2019\u201a\u201b`]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e]", '"', text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def _short(text: str, n: int = 60) -> str:
    return repr(text if len(text) <= n else text[: n - 1] + "…")


def resolve_evidence(value: object, corpus: str, doc_id: str, where: str) -> GoldSpan:
    """An exact text (found once in the corpus) or a {text, start, end} object, checked against the corpus."""
    if isinstance(value, dict):
        text, start, end = value.get("text"), value.get("start"), value.get("end")
        if not isinstance(text, str) or not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
            raise TestSetError(f"{where}: evidence objects need a text string and integer start and end")
        if corpus[start:end] != text or not 0 <= start < end:
            raise TestSetError(f"{where}: evidence span {start}-{end} does not hold {_short(text)} in the monograph "
                               f"(it holds {_short(corpus[max(start, 0):max(end, 0)])})")
        return GoldSpan(text, start, end, doc_id)
    if not isinstance(value, str) or not value.strip():
        raise TestSetError(f"{where}: evidence must be exact monograph text or a {{text, start, end}} object")
    count = corpus.count(value)
    if count == 1:
        start = corpus.index(value)
        return GoldSpan(value, start, start + len(value), doc_id)
    if count > 1:
        raise TestSetError(f"{where}: evidence {_short(value)} occurs {count} times in the monograph; "
                           "give it as {\"text\", \"start\", \"end\"} to say which")
    hint = ("; it differs only in quotes, dashes, spaces or case: copy the exact text"
            if _normal(value) in _normal(corpus) else "")
    raise TestSetError(f"{where}: evidence is not in the monograph: {_short(value)}{hint}")


def _csv_cell(value: str, key: str, where: str) -> object:
    """A CSV cell of a list column: a JSON array, else one value (refs may be "1, 4")."""
    if not value.strip():
        return []
    if value.lstrip().startswith("["):
        try:
            return json.loads(value)
        except ValueError as exc:
            raise TestSetError(f"{where}: {key!r} is not a valid JSON array ({exc.msg})") from None
    if key == "refs":
        return [int(n) for n in re.findall(r"\d+", value)] or value
    return [value]


def _as_list(row: dict, key: str, where: str) -> list:
    value = row.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise TestSetError(f"{where}: {key!r} must be a list")
    return value


def parse_row(row: object, where: str, corpus: str, doc_id: str) -> GoldItem:
    """One validated GoldItem from a decoded row; TestSetError names `where` (file:line)."""
    if not isinstance(row, dict):
        raise TestSetError(f"{where}: expected an object with id, question and expect")
    for key in ("id", "question"):
        if not isinstance(row.get(key), str) or not row[key].strip():
            raise TestSetError(f"{where}: {key!r} must be a non-empty string")
    expect = row.get("expect")
    if expect not in EXPECTS:
        raise TestSetError(f"{where}: unknown expect {expect!r} (use one of: {', '.join(EXPECTS)})")
    split = row.get("split") or None
    if split is not None and split not in SPLITS:
        raise TestSetError(f"{where}: unknown split {split!r} (use dev, test, or leave it out)")
    category = row.get("category") or "uncategorized"
    if not isinstance(category, str):
        raise TestSetError(f"{where}: 'category' must be a string")
    lists = {key: _as_list(row, key, where) for key in LIST_FIELDS}
    try:
        history = user_questions(lists["history"])
    except InputError as exc:
        raise TestSetError(f"{where}: {exc}") from None
    if not all(isinstance(r, int) and not isinstance(r, bool) for r in lists["refs"]):
        raise TestSetError(f"{where}: 'refs' must be a list of reference numbers")
    if not all(isinstance(n, str) and n.strip() for n in lists["numbers"]):
        raise TestSetError(f"{where}: 'numbers' must be a list of strings such as \"10 mg\"")
    answer = row.get("answer") or ""
    if not isinstance(answer, str):
        raise TestSetError(f"{where}: 'answer' must be a string")
    evidence = tuple(resolve_evidence(e, corpus, doc_id, f"{where}: evidence {n}" if len(lists["evidence"]) > 1
                                      else where) for n, e in enumerate(lists["evidence"], start=1))
    return GoldItem(row["id"].strip(), row["question"], history, category, expect, evidence,
                    tuple(sorted(set(lists["refs"]))), tuple(lists["numbers"]), answer, split, where)


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise TestSetError(f"test set not found: {path}") from None
    except UnicodeDecodeError as exc:
        raise TestSetError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise TestSetError(f"cannot read test set {path}: {exc.strerror or exc}") from None


def read_rows(path: Path) -> Iterable[tuple[object, str]]:
    """(row, "file:line") for each non-blank record of a .jsonl or .csv file."""
    text = _read_text(path)
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text, newline=""))
        missing = {"id", "question", "expect"} - set(reader.fieldnames or ())
        if missing:
            raise TestSetError(f"{path}:1: CSV header lacks column(s): {', '.join(sorted(missing))}")
        for row in reader:  # line_num is where the record ends: exact for one-line records
            if None in row:
                raise TestSetError(f"{path}:{reader.line_num}: more cells than header columns")
            where = f"{path}:{reader.line_num}"
            yield {k: _csv_cell(v or "", k, where) if k in LIST_FIELDS else v for k, v in row.items()}, where
        return
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield json.loads(line), f"{path}:{n}"
        except ValueError as exc:
            raise TestSetError(f"{path}:{n}: not valid JSON ({exc.msg})") from None


def parse_rows(rows: Iterable[tuple[object, str]], corpus: str, doc_id: str) -> list[GoldItem]:
    """Validate rows in order; ids must be unique across all of them."""
    items: list[GoldItem] = []
    seen: dict[str, str] = {}
    for row, where in rows:
        item = parse_row(row, where, corpus, doc_id)
        if item.id in seen:
            raise TestSetError(f"{where}: duplicate id {item.id!r} (first at {seen[item.id]})")
        seen[item.id] = where
        items.append(item)
    return items


def load_testsets(paths: Sequence[str | Path], corpus: str, doc_id: str, split: str = "all") -> list[GoldItem]:
    """All questions of the given files that belong to `split` (dev, test or all), gold verified."""
    items: list[GoldItem] = []
    for path in map(Path, paths):
        if path.suffix.lower() not in (".jsonl", ".csv"):
            raise TestSetError(f"{path}: test sets are .jsonl or .csv files")
        loaded = parse_rows(read_rows(path), corpus, doc_id)
        if not loaded:
            raise TestSetError(f"{path}: the test set is empty")
        items.extend(loaded)
    ids: dict[str, str] = {}
    for item in items:
        if item.id in ids:
            raise TestSetError(f"{item.source}: duplicate id {item.id!r} (first at {ids[item.id]})")
        ids[item.id] = item.source
    chosen = [i for i in items if split == "all" or i.split == split]
    if not chosen:
        raise TestSetError(f"{', '.join(map(str, paths))}: no questions with split {split!r} "
                           "(rows without a split are used only with --split all)")
    return chosen
