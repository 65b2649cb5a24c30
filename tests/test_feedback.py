"""The feedback store (SQLite, one transaction per row) and `baclofen-qa feedback export|summary`."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading

import pytest

from chat.cli import main
from chat.feedback import (COLUMNS, MAX_COMMENT_CHARS, FeedbackStore, FeedbackUnavailable, default_feedback_db,
                           export, format_summary)

QUOTES = [{"doc_id": "m", "start": 10, "end": 42, "section": "Dosage", "refs": [1, 2]}]


def _add(store: FeedbackStore, rating: str = "up", status: str = "answered", **kw) -> int:
    args = dict(question="What is the dose?", history=["What is baclofen?"], status=status, quotes=QUOTES,
                rating=rating, index_version="v1")
    args.update(kw)
    return store.add(**args)


def _count(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]


def _read_only(monkeypatch) -> None:
    """Simulate a read-only database file (chmod does not stop root, who runs CI)."""
    real = FeedbackStore._connect

    def connect(self, readonly=False):
        conn = real(self, readonly)
        conn.execute("PRAGMA query_only = ON")
        return conn

    monkeypatch.setattr(FeedbackStore, "_connect", connect)


@pytest.fixture
def store(tmp_path) -> FeedbackStore:
    return FeedbackStore.open(tmp_path / "sub" / "fb.sqlite3")


def test_open_creates_file_schema_and_wal(store):
    assert store.path.is_file()
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        cols = [r[1] for r in conn.execute("PRAGMA table_info(feedback)")]
    assert tuple(cols) == COLUMNS
    assert _count(store.path) == 0  # the write probe left nothing behind


def test_row_round_trip_holds_nothing_about_the_person(store):
    row_id = _add(store, comment="Helpful <b>quote</b>")
    [row] = store.rows()
    assert row["id"] == row_id and row["rating"] == "up" and row["status"] == "answered"
    assert row["question"] == "What is the dose?" and row["history"] == ["What is baclofen?"]
    assert row["quotes"] == QUOTES and row["index_version"] == "v1" and row["comment"] == "Helpful <b>quote</b>"
    assert row["created_at"].endswith("+00:00")
    assert set(row) == set(COLUMNS)  # no IP, user agent, session or user id


def test_change_rating_comment_and_delete(store):
    row_id = _add(store)
    store.set_rating(row_id, "down")
    store.set_comment(row_id, "x" * (MAX_COMMENT_CHARS + 50))
    [row] = store.rows()
    assert row["rating"] == "down" and len(row["comment"]) == MAX_COMMENT_CHARS
    store.delete(row_id)
    assert store.rows() == []


def test_bad_rating_writes_nothing(store):
    with pytest.raises(ValueError):
        _add(store, rating="meh")
    assert _count(store.path) == 0


def test_a_failing_insert_leaves_no_half_row(store):
    with sqlite3.connect(store.path) as conn:
        conn.execute("CREATE TRIGGER boom AFTER INSERT ON feedback BEGIN SELECT RAISE(ABORT, 'boom'); END")
    with pytest.raises(FeedbackUnavailable, match="boom"):
        _add(store)
    assert _count(store.path) == 0


def test_missing_directory_is_unavailable(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a directory")
    with pytest.raises(FeedbackUnavailable):
        FeedbackStore.open(blocker / "fb.sqlite3")


def test_read_only_database_is_unavailable(tmp_path, monkeypatch):
    path = tmp_path / "fb.sqlite3"
    store = FeedbackStore.open(path)
    _add(store)
    _read_only(monkeypatch)
    with pytest.raises(FeedbackUnavailable):
        FeedbackStore.open(path)
    with pytest.raises(FeedbackUnavailable, match="readonly"):
        _add(store)
    assert _count(path) == 1


def test_concurrent_writers_each_get_a_whole_row(store):
    errors = []

    def work(n):
        try:
            for i in range(10):
                _add(store, rating="up" if (n + i) % 2 else "down", question=f"q{n}-{i}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = store.rows()
    assert len(rows) == 60 and len({r["question"] for r in rows}) == 60


def test_summary_counts_by_status_and_rating(store):
    _add(store, "up")
    _add(store, "up")
    _add(store, "down", comment="wrong section")
    _add(store, "down", status="not_covered")
    s = store.summary()
    assert s["total"] == 4 and s["with_comment"] == 1
    assert s["by_rating"] == {"up": 2, "down": 2}
    assert s["by_status"] == {"answered": {"up": 2, "down": 1}, "not_covered": {"up": 0, "down": 1}}
    text = format_summary(s)
    assert "answered" in text and "not_covered" in text and text.splitlines()[-1].split() == ["all", "2", "2", "4"]


def test_export_jsonl_is_exact_and_csv_is_spreadsheet_safe(store):
    _add(store, comment="=HYPERLINK(\"http://evil\")", question="Ünïcode 💊 question")
    out = io.StringIO()
    assert export(store, "jsonl", out) == 1
    row = json.loads(out.getvalue())
    assert row["comment"].startswith("=HYPERLINK") and row["question"] == "Ünïcode 💊 question"
    out = io.StringIO()
    export(store, "csv", out)
    header, first = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header) == COLUMNS
    rec = dict(zip(header, first))
    assert rec["comment"].startswith("'=") and json.loads(rec["quotes"]) == QUOTES


def test_cli_export_and_summary(store, tmp_path, capsys):
    _add(store, "up")
    _add(store, "down")
    assert main(["feedback", "export", "--db", str(store.path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(x)["rating"] for x in lines] == ["up", "down"]
    target = tmp_path / "out.csv"
    assert main(["feedback", "export", "--csv", "--db", str(store.path), "-o", str(target)]) == 0
    assert len(list(csv.reader(target.open(encoding="utf-8")))) == 3
    assert main(["feedback", "summary", "--db", str(store.path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["by_rating"] == {"up": 1, "down": 1}
    assert main(["feedback", "summary", "--db", str(store.path)]) == 0
    assert "answered" in capsys.readouterr().out


def test_cli_missing_database_is_one_clear_line(tmp_path, capsys):
    missing = tmp_path / "none.sqlite3"
    assert main(["feedback", "export", "--db", str(missing), "-o", str(tmp_path / "x.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "no feedback database" in err and "Traceback" not in err
    assert not (tmp_path / "x.jsonl").exists() and not missing.exists()


def test_default_path_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BACLOFEN_QA_FEEDBACK_DB", str(tmp_path / "env.sqlite3"))
    assert default_feedback_db() == tmp_path / "env.sqlite3"
    monkeypatch.delenv("BACLOFEN_QA_FEEDBACK_DB")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_feedback_db() == tmp_path / "baclofen-qa" / "feedback.sqlite3"
