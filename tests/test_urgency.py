"""The emergency second opinion: fitted once, cached, and adding emergencies the rules miss."""

from __future__ import annotations

import numpy as np
import pytest

from chat import urgency
from chat.safety import detect_emergency, only_asks_about

# Not in chat/data/urgency_examples.jsonl, and no rule in chat/safety.py names them.
UNFORESEEN = ["my flatmate is sprawled across the sofa staring at nothing and twitching",
              "mum's lips have gone a funny colour and she's really hard to keep awake",
              "my son is all wobbly and breathing weird after getting into my meds"]


def test_examples_are_balanced_enough_and_unique():
    texts, labels = urgency.read_examples()
    assert len(texts) == len(set(texts)) >= 300
    assert 0.25 < labels.mean() < 0.5


def test_the_model_is_a_logistic_regression_with_the_documented_threshold():
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(1, 1, (40, 5)), rng.normal(-1, 1, (40, 5))]).astype(np.float32)
    y = np.array([True] * 40 + [False] * 40)
    model = urgency.fit(x, y)
    assert model.threshold == urgency.THRESHOLD
    assert model.is_urgent(np.ones(5, dtype=np.float32)) and not model.is_urgent(-np.ones(5, dtype=np.float32))
    assert 0.0 < model.probability(np.zeros(5, dtype=np.float32)) < 1.0


@pytest.mark.parametrize("question, asks", [
    ("Has anyone ever died from stopping it abruptly?", True), ("how many patients were in it?", True),
    ("what happened to the man who took more than he was prescribed?", True),
    ("Years ago I passed out on it.", True),
    ("my dad is grey and won't talk", False), ("how many would it take. asking for myself", False),
    ("the woman in the pregnancy case - what dose was she on?", True),  # opens by naming a case's person
    ("the guy in my flat - he took 20 of my pills, is he ok?", False),  # the user's own people are no case
])
def test_only_asks_about(question, asks):
    assert only_asks_about(question) is asks


@pytest.mark.slow
def test_cached_after_the_first_fit(engine, real_encoder, tmp_path, monkeypatch):
    prepare = lambda q: engine.analyzer.analyze(q).text  # noqa: E731
    first = urgency.load_or_fit(real_encoder, prepare, tmp_path / "cache", "v1")
    [cached] = (tmp_path / "cache").glob("urgency-*.npz")
    monkeypatch.setattr(urgency, "fit", lambda *a: pytest.fail("fitted again instead of reading the cache"))
    again = urgency.load_or_fit(real_encoder, prepare, tmp_path / "cache", "v1")
    assert np.allclose(first.coef, again.coef) and first.intercept == pytest.approx(again.intercept)
    cached.write_bytes(b"not a numpy file")
    monkeypatch.undo()
    assert np.allclose(urgency.load_or_fit(real_encoder, prepare, tmp_path / "cache", "v1").coef, first.coef)


@pytest.mark.slow
def test_a_change_in_how_questions_are_prepared_refits(real_encoder, tmp_path):
    """The cached model is keyed on the examples as prepared: after a lexicon change it must not be reused."""
    urgency.load_or_fit(real_encoder, lambda q: q, tmp_path / "cache", "v1")
    urgency.load_or_fit(real_encoder, lambda q: q + " baclofen", tmp_path / "cache", "v1")
    assert len(list((tmp_path / "cache").glob("urgency-*.npz"))) == 2


@pytest.mark.slow
def test_an_unwritable_cache_still_gives_a_model(engine, real_encoder, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    model = urgency.load_or_fit(real_encoder, lambda q: q, blocker / "cache", "v1")
    assert model.coef.shape == (real_encoder.dim,)


@pytest.mark.slow
@pytest.mark.parametrize("question", UNFORESEEN)
def test_the_model_escalates_what_no_rule_names(engine, question):
    assert not detect_emergency(question)
    assert engine.answer(question).status == "emergency"


@pytest.mark.slow
@pytest.mark.parametrize("question", ["How many people took part in the pump study?",
                                      "Has anyone died from baclofen withdrawal?", "what are the side effects"])
def test_questions_about_the_monograph_stay_questions(engine, question):
    assert engine.answer(question).status != "emergency"
