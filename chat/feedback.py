"""Thumbs up/down on answers, kept in an embedded SQLite file; export and summary for staff.

A row holds the question, its history, the answer's status and quote spans, the rating, an
optional comment, the time (UTC) and the index version: nothing about the person. Each write is
one transaction, so a row is either stored whole or not at all.

Example:
    store = FeedbackStore.open("/tmp/fb.sqlite3")
    row_id = store.add(question="What is baclofen?", history=[], status="answered",
                       quotes=[{"doc_id": "m", "start": 0, "end": 9}], rating="up", index_version="v1")
    store.summary()   # {"total": 1, "by_status": {"answered": {"up": 1, "down": 0}}, ...}
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import sys
from datetime import datetime, timezone
from pathlib import Path

from ingest.errors import QAError

ENV_DB = "BACLOFEN_QA_FEEDBACK_DB"
RATINGS = ("up", "down")
MAX_COMMENT_CHARS = 2000
COLUMNS = ("id", "created_at", "rating", "comment", "status", "question", "history", "quotes", "index_version")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at    TEXT NOT NULL,
    rating        TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment       TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    question      TEXT NOT NULL,
    history       TEXT NOT NULL,
    quotes        TEXT NOT NULL,
    index_version TEXT NOT NULL
)"""


class FeedbackUnavailable(QAError):
    """The feedback database cannot be opened or written; the chat works without it."""


def default_feedback_db() -> Path:
    """$BACLOFEN_QA_FEEDBACK_DB, else feedback.sqlite3 beside the default index (~/.cache/baclofen-qa/)."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "baclofen-qa" / "feedback.sqlite3"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class FeedbackStore:
    """One SQLite file in WAL mode; a short-lived connection per operation, so threads never share one."""

    def __init__(self, path: Path):
        self.path = Path(path)

    @classmethod
    def open(cls, path: str | Path | None = None) -> "FeedbackStore":
        """Create the file and schema if needed and check it is writable, else FeedbackUnavailable."""
        store = cls(Path(path) if path else default_feedback_db())
        try:
            store.path.parent.mkdir(parents=True, exist_ok=True)
            conn = store._connect()
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT INTO feedback (created_at, rating, status, question, history, quotes, "
                             "index_version) VALUES ('', 'up', '', '', '[]', '[]', '')")
            finally:
                conn.rollback()  # the write probe leaves nothing behind
                conn.close()
        except (OSError, sqlite3.Error) as exc:
            raise FeedbackUnavailable(f"feedback database {store.path} is not writable: {exc}") from None
        return store

    def _connect(self, readonly: bool = False) -> sqlite3.Connection:
        mode = "ro" if readonly else "rwc"
        conn = sqlite3.connect(f"file:{self.path.as_posix()}?mode={mode}", uri=True, timeout=10,
                               isolation_level=None)
        conn.row_factory = sqlite3.Row
        if not readonly:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)
        return conn

    def add(self, *, question: str, history: list[str], status: str, quotes: list[dict], rating: str,
            index_version: str, comment: str = "") -> int:
        """Store one rating in one transaction; returns its row id."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}")
        row = (_now(), rating, comment[:MAX_COMMENT_CHARS], status, question,
               json.dumps(list(history), ensure_ascii=False), json.dumps(list(quotes), ensure_ascii=False),
               index_version)
        return self._write("INSERT INTO feedback (created_at, rating, comment, status, question, history, quotes, "
                           "index_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)

    def set_rating(self, row_id: int, rating: str) -> None:
        """Change the rating of a stored row (the user clicked the other thumb)."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}")
        self._write("UPDATE feedback SET rating = ? WHERE id = ?", (rating, int(row_id)))

    def set_comment(self, row_id: int, comment: str) -> None:
        """Attach the optional comment to a stored row."""
        self._write("UPDATE feedback SET comment = ? WHERE id = ?", (comment[:MAX_COMMENT_CHARS], int(row_id)))

    def delete(self, row_id: int) -> None:
        """Forget a rating the user took back."""
        self._write("DELETE FROM feedback WHERE id = ?", (int(row_id),))

    def _write(self, sql: str, params: tuple) -> int:
        try:
            conn = self._connect()
            try:
                with conn:  # BEGIN ... COMMIT, or ROLLBACK on any error: never half a row
                    conn.execute("BEGIN IMMEDIATE")
                    return conn.execute(sql, params).lastrowid
            finally:
                conn.close()
        except (OSError, sqlite3.Error) as exc:
            raise FeedbackUnavailable(f"cannot write feedback to {self.path}: {exc}") from None

    def rows(self) -> list[dict]:
        """Every row, oldest first, with history and quotes decoded."""
        if not self.path.is_file():
            raise QAError(f"no feedback database at {self.path}; set --db or ${ENV_DB}")
        try:
            conn = self._connect(readonly=True)
            try:
                raw = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id").fetchall()
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise QAError(f"cannot read feedback database {self.path}: {exc}") from None
        return [dict(r, history=json.loads(r["history"]), quotes=json.loads(r["quotes"])) for r in raw]

    def summary(self) -> dict:
        """Counts by status and rating."""
        rows = self.rows()
        by_status: dict[str, dict[str, int]] = {}
        for r in rows:
            counts = by_status.setdefault(r["status"], {k: 0 for k in RATINGS})
            counts[r["rating"]] += 1
        totals = {k: sum(c[k] for c in by_status.values()) for k in RATINGS}
        return {"db": str(self.path), "total": len(rows), "by_rating": totals,
                "by_status": dict(sorted(by_status.items())),
                "with_comment": sum(1 for r in rows if r["comment"])}


def _csv_cell(value) -> str:
    """JSON for lists; a leading quote stops spreadsheets running user text as a formula."""
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export(store: FeedbackStore, fmt: str, out) -> int:
    """Write every row as JSONL (exact) or CSV (spreadsheet-safe); returns the row count."""
    rows = store.rows()
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for r in rows:
            writer.writerow([_csv_cell(r[c]) for c in COLUMNS])
    else:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(rows)


def format_summary(s: dict) -> str:
    """The summary as a small text table."""
    lines = [f"{s['db']}: {s['total']} rating(s), {s['with_comment']} with a comment",
             f"{'status':<14}{'up':>6}{'down':>6}{'total':>7}"]
    for status, c in s["by_status"].items():
        lines.append(f"{status:<14}{c['up']:>6}{c['down']:>6}{c['up'] + c['down']:>7}")
    lines.append(f"{'all':<14}{s['by_rating']['up']:>6}{s['by_rating']['down']:>6}{s['total']:>7}")
    return "\n".join(lines)


def add_parser(sub) -> None:
    """`baclofen-qa feedback export|summary`, added to the main CLI's subparsers."""
    p = sub.add_parser("feedback", help="export or summarise the web chat's thumbs up/down (for staff)")
    fsub = p.add_subparsers(dest="feedback_command", required=True, metavar="ACTION")
    e = fsub.add_parser("export", help="every rating as JSONL (default) or CSV")
    fmt = e.add_mutually_exclusive_group()
    fmt.add_argument("--jsonl", dest="fmt", action="store_const", const="jsonl", help="JSON lines (default)")
    fmt.add_argument("--csv", dest="fmt", action="store_const", const="csv", help="CSV with a header row")
    e.add_argument("--output", "-o", type=Path, default=None, help="write to a file instead of stdout")
    s = fsub.add_parser("summary", help="counts by status and rating")
    s.add_argument("--json", action="store_true", help="print JSON")
    for q in (e, s):
        q.add_argument("--db", type=Path, default=None, help=f"feedback database (default: ${ENV_DB} or "
                       "~/.cache/baclofen-qa/feedback.sqlite3)")
    e.set_defaults(func=cmd_export, fmt="jsonl")
    s.set_defaults(func=cmd_summary)


def cmd_export(args: argparse.Namespace) -> int:
    store = FeedbackStore(args.db or default_feedback_db())
    if args.output is None:
        n = export(store, args.fmt, sys.stdout)
    else:
        store.rows()  # fail before creating the output file
        tmp = args.output.with_name(args.output.name + ".tmp")
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as out:
                n = export(store, args.fmt, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, args.output)
        except OSError as exc:
            raise QAError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"exported {n} rating(s) from {store.path}", file=sys.stderr)
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    s = FeedbackStore(args.db or default_feedback_db()).summary()
    print(json.dumps(s, indent=2) if args.json else format_summary(s))
    return 0
