"""Many writers at once on the feedback store: every row present exactly once, none half written."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import threading

from chat.feedback import FeedbackStore

THREADS = 16
PER_THREAD = 25


def _payload(writer: str, n: int) -> dict:
    """A row whose every field says who wrote it, long enough that a torn write would show."""
    tag = f"{writer}-{n}"
    return {"question": f"Q {tag} ¿dosis? 🤔 " + "x" * (n * 37 % 900), "history": [f"h{tag}", "前の質問"],
            "status": ("answered", "not_covered", "emergency")[n % 3],
            "quotes": [{"doc_id": "baclofen_monograph", "start": n, "end": n + 10, "section": tag, "refs": [n]}],
            "rating": ("up", "down")[n % 2], "index_version": tag}


def _write_many(path: str, writer: str, count: int, barrier=None) -> list[int]:
    store = FeedbackStore(path)
    if barrier is not None:
        barrier.wait()  # every writer starts at the same moment
    ids = []
    for n in range(count):
        row_id = store.add(**_payload(writer, n))
        if n % 5 == 0:  # changes to its own rows interleave with everyone else's inserts
            store.set_comment(row_id, f"comment {writer}-{n}")
            store.set_rating(row_id, "down" if _payload(writer, n)["rating"] == "up" else "up")
        ids.append(row_id)
    return ids


def _check(store: FeedbackStore, writers: list[str], count: int) -> None:
    rows = store.rows()
    assert len(rows) == len(writers) * count and len({r["id"] for r in rows}) == len(rows)
    by_version = {r["index_version"]: r for r in rows}
    for writer in writers:
        for n in range(count):
            want, row = _payload(writer, n), by_version[f"{writer}-{n}"]
            assert (row["question"], row["history"], row["status"], row["quotes"]) == \
                   (want["question"], want["history"], want["status"], want["quotes"])
            flipped = n % 5 == 0
            assert row["rating"] == ({"up": "down", "down": "up"}[want["rating"]] if flipped else want["rating"])
            assert row["comment"] == (f"comment {writer}-{n}" if flipped else "")
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_many_threads_write_at_once(tmp_path):
    store = FeedbackStore.open(tmp_path / "fb.sqlite3")
    barrier = threading.Barrier(THREADS)
    results: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            results[name] = _write_many(str(store.path), name, PER_THREAD, barrier)
        except BaseException as exc:  # surfaced below: a thread's failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f"t{i}",)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    _check(store, sorted(results), PER_THREAD)
    assert json.loads(json.dumps(store.summary()))["total"] == THREADS * PER_THREAD


def test_several_processes_and_their_threads_write_at_once(tmp_path):
    store = FeedbackStore.open(tmp_path / "fb.sqlite3")
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(3) as pool:
        jobs = [pool.apply_async(_write_many, (str(store.path), f"p{i}", 20)) for i in range(3)]
        local = threading.Thread(target=_write_many, args=(str(store.path), "main", 20))
        local.start()
        ids = [j.get(timeout=120) for j in jobs]
        local.join()
    assert all(len(i) == 20 for i in ids)
    _check(store, ["main", "p0", "p1", "p2"], 20)


def test_a_failed_write_leaves_no_row(tmp_path):
    store = FeedbackStore.open(tmp_path / "fb.sqlite3")
    store.add(**_payload("ok", 1))
    try:
        store.add(**{**_payload("bad", 2), "rating": "sideways"})
    except ValueError:
        pass
    with sqlite3.connect(store.path) as conn:  # a rating the schema refuses, straight to SQLite
        try:
            conn.execute("INSERT INTO feedback (created_at, rating, status, question, history, quotes, "
                         "index_version) VALUES ('', 'meh', '', '', '[]', '[]', 'bad')")
        except sqlite3.IntegrityError:
            pass
    assert [r["index_version"] for r in store.rows()] == ["ok-1"]
