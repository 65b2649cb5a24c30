"""The embedding model tuned to the monograph: clean examples, cached once per recipe, averaged with the base."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import index.tune as tune
from eval.testset import DEFAULT_TESTSET
from ingest.errors import ConfigError

_FILLER = {"the", "a", "an", "of", "is", "it", "does", "do", "can", "what", "for", "to", "in", "and", "baclofen",
           "i", "you"}


def _words(question: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", question.lower())) - _FILLER


def test_no_example_is_a_near_duplicate_of_a_gold_question():
    """Training on the evaluator's questions (or close copies) would make its figures meaningless."""
    gold = [_words(json.loads(line)["question"]) for line in DEFAULT_TESTSET.read_text(encoding="utf-8").splitlines()]
    for line in tune.EXAMPLES.read_text(encoding="utf-8").splitlines():
        words = _words(json.loads(line)["question"])
        close = [g for g in gold if g and len(words & g) / len(words | g) >= 0.5]
        assert not close, json.loads(line)["question"]


def test_every_example_gives_pairs_of_its_question_and_the_sentences_that_answer_it():
    rows = [json.loads(line) for line in tune.EXAMPLES.read_text(encoding="utf-8").splitlines()]
    pairs = tune.training_pairs()
    questions = {q for q, _ in pairs}
    assert len(rows) >= 150 and len(pairs) >= len(rows)
    for row in rows:
        assert " ".join([row["question"], *row["history"][-1:]]) in questions
    first = rows[0]
    passages = [p for q, p in pairs if q.startswith(first["question"])]
    evidence = re.sub(r"\s*\[[\d, ]+\]", "", first["evidence"][0]).rstrip(".")
    assert any(evidence in p for p in passages)


def test_a_bad_example_names_its_line(tmp_path):
    examples = tmp_path / "examples.jsonl"
    examples.write_text('{"question": "q", "evidence": ["Baclofen is a muscle relaxant"]}\n{"question": "x"}\n',
                        encoding="utf-8")
    with pytest.raises(ConfigError, match=r"examples.jsonl:2"):
        tune.training_pairs(examples)


def test_the_tuned_model_is_made_once_per_recipe(tmp_path, monkeypatch):
    calls = []

    def fake_fine_tune(base_dir, pairs, settings, out_dir):
        calls.append(settings)
        (Path(out_dir) / "model.safetensors").write_bytes(b"weights")

    monkeypatch.setattr(tune, "fine_tune", fake_fine_tune)
    first = tune.tuned_model_dir(tmp_path / "base", "a" * 64, root=tmp_path, progress=False)
    again = tune.tuned_model_dir(tmp_path / "base", "a" * 64, root=tmp_path, progress=False)
    other = tune.tuned_model_dir(tmp_path / "base", "a" * 64, settings=tune.TuneSettings(epochs=1), root=tmp_path,
                                 progress=False)
    new_base = tune.tuned_model_dir(tmp_path / "base", "b" * 64, root=tmp_path, progress=False)
    assert first == again and len({first, other, new_base}) == 3 and len(calls) == 3
    assert not list(tmp_path.glob(".tuning-*"))  # no half-made model left behind


def test_tuning_averages_with_the_base_weights(tmp_path, real_encoder):
    from safetensors.torch import load_file

    from index.embed import DEFAULT_MODEL, resolve_model_dir

    base_dir = resolve_model_dir(DEFAULT_MODEL)
    base = load_file(str(base_dir / "model.safetensors"))
    pairs = [("is baclofen a narcotic?", "Baclofen, Is Baclofen a Narcotic?: Baclofen is not a narcotic."),
             ("can kids take it?", "Baclofen, Children: Baclofen is sometimes used in children.")]
    kept = tmp_path / "kept"
    kept.mkdir()
    tune.fine_tune(base_dir, pairs, tune.TuneSettings(epochs=1, batch_size=2, mix=0.0), kept)
    same = load_file(str(kept / "model.safetensors"))
    assert same.keys() <= base.keys() and all((v == base[k]).all() for k, v in same.items())
    moved = tmp_path / "moved"
    moved.mkdir()
    tune.fine_tune(base_dir, pairs, tune.TuneSettings(epochs=1, batch_size=2, learning_rate=1e-3, mix=0.5), moved)
    tuned = load_file(str(moved / "model.safetensors"))
    assert any(not (v == base[k]).all() for k, v in tuned.items())
