"""The command line: bad input gets one clear line and exit code 2; answers keep the JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chat.cli import main
from chat.safety import DISCLAIMER
from index.store import build_index
from ingest.corpus import DEFAULT_CORPUS

from conftest import FakeEncoder

BAD_CORPORA = {
    "missing": None,
    "empty": b"",
    "whitespace": b"  \n\n\t ",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "latin1": "Baclofen est un médicament.".encode("latin-1"),
}


@pytest.mark.parametrize("kind", BAD_CORPORA)
def test_bad_corpus_is_one_line_exit_2_and_the_index_is_untouched(kind, tmp_path, capsys):
    index_dir = tmp_path / "idx"
    build_index([DEFAULT_CORPUS], index_dir, FakeEncoder())
    before = {p.name: p.read_bytes() for p in index_dir.iterdir()}
    corpus = tmp_path / f"{kind}.txt"
    if BAD_CORPORA[kind] is not None:
        corpus.write_bytes(BAD_CORPORA[kind])
    code = main(["build", "--corpus", str(corpus), "--index-dir", str(index_dir), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.count("\n") == 0 and err.startswith("baclofen-qa: error:") and str(corpus) in err
    assert {p.name: p.read_bytes() for p in index_dir.iterdir()} == before


@pytest.mark.parametrize("argv, message", [
    (["ask", ""], "empty"),
    (["ask", "   \t\n "], "empty"),
    (["ask", "x" * 100_000], "100,000 characters"),
    (["ask"], "no question"),
    (["search", ""], "empty"),
    (["search", "dose", "--k", "0"], "--k"),
])
def test_bad_questions_exit_2_with_a_clear_message(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize("lines, where", [
    (['{"question": "What is baclofen?"}', "{oops"], ":2: not valid JSON"),
    (['{"question": "a"}', '{"q": "b"}', '{"question": "c"}'], ':2: expected an object with a "question"'),
    (['{"question": "a", "history": "not a list"}'], ':1: "history" must be a list'),
    (['{"question": "ok"}', "", '{"question": "   "}'], ":3: the question is empty"),
    ([], "no questions"),
])
def test_malformed_batch_names_the_line(lines, where, tmp_path, capsys):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(lines), encoding="utf-8")
    assert main(["ask", "--batch", str(batch)]) == 2
    captured = capsys.readouterr()
    assert where in captured.err and captured.out == ""


def test_missing_index_names_the_fix(tmp_path, capsys):
    assert main(["ask", "What is baclofen?", "--index-dir", str(tmp_path / "none")]) == 2
    assert "baclofen-qa build" in capsys.readouterr().err


@pytest.mark.slow
def test_ask_json_quotes_lioresal_exactly(index_dir, corpus_text, capsys):
    assert main(["ask", "What is the brand name of baclofen?", "--json", "--index-dir", str(index_dir)]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert set(answer) >= {"question", "history", "status", "answer_markdown", "quotes", "refs", "disclaimer",
                           "timings_ms"}
    assert "Lioresal" in answer["quotes"][0]["text"]
    assert answer["quotes"][0]["section"] == "What is Baclofen?" and 1 in answer["refs"]
    assert answer["disclaimer"] == DISCLAIMER and DISCLAIMER in answer["answer_markdown"]
    for q in answer["quotes"]:
        assert corpus_text[q["start"]:q["end"]] == q["text"]
    assert set(answer["timings_ms"]) == {"retrieve", "compose", "total"}


@pytest.mark.slow
def test_batch_answers_in_order_one_line_each(index_dir, tmp_path, capsys):
    rows = [{"question": "What is the brand name of baclofen?"},
            {"question": "What about in children?", "history": ["What is baclofen used for?"]},
            {"question": "Which receptors does it activate?"}]
    batch = tmp_path / "b.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["ask", "--batch", str(batch), "--index-dir", str(index_dir)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["question"] for o in out] == [r["question"] for r in rows]
    assert out[1]["history"] == ["What is baclofen used for?"]
    assert all(o["disclaimer"] == DISCLAIMER for o in out)


@pytest.mark.slow
def test_plain_ask_and_search(index_dir, capsys):
    assert main(["ask", "What is the brand name of baclofen?", "--index-dir", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert "Lioresal" in out and "What is Baclofen?" in out and DISCLAIMER in out
    assert main(["search", "withdrawal symptoms", "--json", "--k", "3", "--index-dir", str(index_dir)]) == 0
    passages = json.loads(capsys.readouterr().out)["passages"]
    assert [p["rank"] for p in passages] == [1, 2, 3]
    assert passages[0]["score"] >= passages[1]["score"] >= passages[2]["score"]
    assert any("Withdrawal" in p["section"] for p in passages)


@pytest.mark.slow
def test_build_command_writes_a_loadable_index(tmp_path, capsys):
    corpus = tmp_path / "mono.txt"
    corpus.write_text("Title\n\nUses\n\nBaclofen treats spasms [1]. Baclofen relaxes muscles [2].\n", encoding="utf-8")
    assert main(["build", "--corpus", str(corpus), "--index-dir", str(tmp_path / "idx"), "--quiet"]) == 0
    assert "1 document(s)" in capsys.readouterr().err
    assert main(["ask", "Does it treat spasms?", "--json", "--index-dir", str(tmp_path / "idx")]) == 0
    quotes = [q["text"] for q in json.loads(capsys.readouterr().out)["quotes"]]
    assert quotes[0] == "Baclofen treats spasms [1]."
    assert set(quotes) <= {"Baclofen treats spasms [1].", "Baclofen relaxes muscles [2]."}


def test_a_reader_that_stops_early_gets_no_traceback(index_dir, tmp_path):
    """`baclofen-qa ask --batch ... | head -1`: the command stops quietly when the pipe closes."""
    import os
    import subprocess
    import sys

    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"question": f"What are the side effects of baclofen? ({i})"}) + "\n"
                             for i in range(80)), encoding="utf-8")
    env = {**os.environ, "BACLOFEN_QA_INDEX_DIR": str(index_dir)}
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from chat.cli import main; sys.exit(main())",
                             "ask", "--json", "--batch", str(batch)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=Path(__file__).parents[1])
    assert proc.stdout.read(100)
    proc.stdout.close()  # the reader leaves, as `head` does
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
