"""The answer engine end to end with the real bundled model."""

from __future__ import annotations

import pytest

from chat.engine import MAX_QUESTION_CHARS, clean_history, clean_question
from chat.safety import DISCLAIMER
from ingest.errors import InputError


@pytest.mark.parametrize("raw, expected", [
    ("  What is\tbaclofen?\n", "What is baclofen?"),
    ("dose\x00\x07 of\u200b baclofen", "dose of baclofen"),
    ("ｂａｃｌｏｆｅｎ", "baclofen"),
])
def test_clean_question(raw, expected):
    assert clean_question(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "\x00\x01", "\u200b\u200b"])
def test_empty_questions_are_refused(raw):
    with pytest.raises(InputError, match="empty"):
        clean_question(raw)


@pytest.mark.parametrize("size", [MAX_QUESTION_CHARS + 1, 100_000])
def test_oversized_questions_are_refused_with_the_limit(size):
    with pytest.raises(InputError, match=f"{MAX_QUESTION_CHARS:,}"):
        clean_question("a" * size)


def test_history_is_cleaned_and_bounded():
    assert clean_history(["", "  one ", "two"]) == ("one", "two")
    assert len(clean_history([f"q{i}" for i in range(50)])) == 8
    with pytest.raises(InputError, match="history turn 2"):
        clean_history(["one", 3])  # an odd turn is an error, never silently dropped


@pytest.mark.slow
def test_brand_name_is_quoted_exactly_with_section_and_refs(engine):
    answer = engine.answer("What is the brand name of baclofen?")
    top = answer.quotes[0]
    assert "Lioresal" in top.text and top.section == "What is Baclofen?" and top.refs == (1,)
    assert answer.status == "answered"


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "What are the side effects?", "maximum daily dose", "Can I drink alcohol with it?", "😀😀 <b>hi</b>",
    "What is the weather in Paris?", "baclofen " * 100,
])
def test_every_answer_is_exact_and_carries_the_disclaimer(engine, question):
    answer = engine.answer(question)
    assert answer.disclaimer == DISCLAIMER and answer.answer_markdown.rstrip().endswith(f"*{DISCLAIMER}*")
    assert len(answer.quotes) <= 3
    for q in answer.quotes:
        assert engine.index.documents[q.doc_id].text[q.start:q.end] == q.text
    data = answer.to_dict()
    assert data["refs"] == sorted({r for q in data["quotes"] for r in q["refs"]})
    assert "<b>" not in answer.answer_markdown


@pytest.mark.slow
def test_a_list_is_quoted_whole_with_its_lead_in(engine):
    answer = engine.answer("What are the withdrawal symptoms?")
    lists = [q for q in answer.quotes if q.kind == "list"]
    assert lists and lists[0].text.startswith("Some withdrawal symptoms include [27, 28]:")
    assert lists[0].text.rstrip().endswith("Delirium") and lists[0].refs == (27, 28)
