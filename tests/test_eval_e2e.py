"""The evaluator with the real model on the bundled gold set's test split, as `make test` gates it."""

from __future__ import annotations

import json

import pytest

from chat.cli import main


@pytest.mark.slow
def test_eval_on_the_test_split_with_the_real_model(index_dir, tmp_path, capsys):
    out = tmp_path / "report"
    code = main(["eval", "--split", "test", "--index-dir", str(index_dir), "--out", str(out), "--quiet",
                 "--fail-under", "exact_quotes=1", "--fail-under", "disclaimer=1"])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    engine, baseline = data["pipelines"]["engine"]["overall"], data["pipelines"]["baseline"]["overall"]
    assert len(data["questions"]) == 77 and len(data["pipelines"]["engine"]["categories"]) == 11
    assert engine["exact_quotes"]["value"] == 1.0 and engine["disclaimer"]["value"] == 1.0
    assert baseline["disclaimer"]["value"] == 0.0 and baseline["median_quote_chars"]["value"] == 1000
    # the engine quotes far less text than the baseline's 1000-character chunk, and more of it is evidence
    assert engine["median_quote_chars"]["value"] < 600
    assert engine["quote_precision"]["value"] > baseline["quote_precision"]["value"]
    assert engine["hit@10"]["value"] >= 0.8
    assert "engine" in printed.out and "baseline" in printed.out
    assert (out / "report.html").read_text(encoding="utf-8").count("data:image/png;base64,") == 3
