"""Property-based tests (hypothesis): arbitrary Unicode, control characters, very long and empty input.

Parser and chunker: never a crash, every span exact, no sentence lost, no chunk over its budget.
Engine and web API: always a valid answer with the disclaimer and exact quotes; an InputError only
for an empty or oversized question.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chat.answer import Answer
from chat.engine import MAX_QUESTION_CHARS, clean_text
from chat.outline import MAX_ITEMS
from chat.safety import DISCLAIMER
from ingest.chunk import ChunkSettings, chunk_document
from ingest.errors import InputError
from ingest.parse import parse_document
from ingest.units import quote_units

STATUSES = {"answered", "not_covered", "out_of_scope", "emergency"}
# Corpus text comes from UTF-8 files, so it can hold anything but lone surrogates (category Cs).
CHARS = st.characters(codec="utf-8")
# Questions can hold them: a JSON "\ud800" escape or undecodable argv bytes become lone surrogates.
QCHARS = st.one_of(CHARS, CHARS, st.integers(0xD800, 0xDFFF).map(chr))
CONTROL = st.sampled_from(["\x00", "\x07", "\x1b", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x85", "\u2028", "\u2029",
                           "\u200b", "\ufeff", "\u202e", "\x7f"])
PIECES = st.one_of(
    st.sampled_from(["What is Baclofen?", "# Side Effects", "## Dosage", "Uses", "Warnings & Precautions",
                     "- a bullet item [1]", "• another item", "1) first", "2. second",
                     "Baclofen relaxes muscles [1].",
                     "It is taken by mouth [2, 3]. Doses vary [4-6].", "Dr. Smith et al. found e.g. 3.5 mg/day.",
                     "[1]", "References", "About the Author", "Related Articles", "", "", "   "]),
    st.text(CHARS, max_size=80), CONTROL)
MONOGRAPH_LIKE = st.lists(PIECES, max_size=40).map("\n".join)
ANY_TEXT = st.one_of(st.text(CHARS, max_size=2000), MONOGRAPH_LIKE,
                     st.lists(st.one_of(st.text(CHARS, max_size=20), CONTROL), max_size=50).map("".join))
SMALL = ChunkSettings(max_tokens=24, overlap_tokens=8)  # small windows exercise the cutting and the overlap


def _check_document(text: str, chunk_settings: ChunkSettings) -> None:
    doc = parse_document(text, "doc")
    assert doc.text == text
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(text) and text[s.start:s.end] == s.text
        assert 0 <= s.section_id < len(doc.sections)
    for sec in doc.sections:
        assert 0 <= sec.start <= sec.end <= len(text) and sec.path[-1] == sec.title
    for b in doc.blocks:
        assert all(doc.sentences[i].block_id == b.id for i in b.sentence_ids)
    chunks = chunk_document(doc, chunk_settings)
    for c in chunks:
        assert text[c.start:c.end] == c.text and c.text
        assert c.n_tokens <= chunk_settings.max_tokens
        assert {doc.sentences[i].section_id for i in c.sentence_ids} == {c.section_id}
    assert {i for c in chunks for i in c.sentence_ids} == {s.id for s in doc.sentences}  # nothing lost
    for u in quote_units(doc):
        assert text[u.start:u.end] == u.text and u.head and u.text.startswith(u.head)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
@example("")
@example("\x00" * 50)
@example("\r\n\r\n\r\n")
@example("Title\n\nUses\n\n" + "x" * 20_000)  # one huge "word": cut inside it
@example("Title\n\nUses\n\n" + "word " * 5_000)  # one huge sentence: cut at whitespace
@example("# T\n\n## S\n\n- " + "\n- ".join(["item [1]"] * 300))
def test_parser_and_chunker_never_crash_and_every_span_is_exact(text):
    _check_document(text, SMALL)


@settings(max_examples=60, deadline=None)
@given(MONOGRAPH_LIKE, st.integers(8, 200), st.data())
def test_any_chunk_settings_keep_every_span_exact(text, max_tokens, data):
    overlap = data.draw(st.integers(0, max_tokens - 1))
    _check_document(text, ChunkSettings(max_tokens=max_tokens, overlap_tokens=overlap))


def _expect_input_error(question) -> bool:
    if not isinstance(question, str) or len(question) > 4 * MAX_QUESTION_CHARS:
        return True
    cleaned = clean_text(question)
    return not cleaned or len(cleaned) > MAX_QUESTION_CHARS


def _check_answer(engine, answer: Answer, question: str) -> None:
    assert isinstance(answer, Answer) and answer.status in STATUSES
    assert DISCLAIMER in answer.answer_markdown and answer.disclaimer == DISCLAIMER
    assert answer.question == clean_text(question)
    listed = [q for q in answer.quotes if "outline" in q.why]  # a list given as numbered headings (chat/outline.py)
    gravest = [q for q in answer.quotes if q.why.get("gravest")]  # death or coma, for "what happens if ...?"
    status = [q for q in answer.quotes if q.why.get("use_status")]  # approved or off-label, for "does it help X?"
    assert len(answer.quotes) - len(listed) - len(gravest) - len(status) <= 3
    assert len(listed) <= MAX_ITEMS and len(gravest) <= 1 and len(status) <= 1
    assert bool(answer.quotes) if answer.status == "answered" else True
    assert not answer.quotes if answer.status == "out_of_scope" else True
    for q in answer.quotes:
        assert engine.index.documents[q.doc_id].text[q.start:q.end] == q.text
    json.dumps(answer.to_dict(explain=True), ensure_ascii=False).encode("utf-8")  # what the CLI and web send


QUESTIONS = st.one_of(
    st.text(QCHARS, max_size=300),
    st.sampled_from(["What is baclofen used for?", "side effects", "Can I stop taking it suddenly?",
                     "max dose per day", "I took 20 pills", "what about alcohol?"]).flatmap(
        lambda q: st.tuples(st.text(QCHARS, max_size=30), st.just(q), st.text(QCHARS, max_size=30)).map("".join)),
    st.lists(st.one_of(st.text(QCHARS, max_size=10), CONTROL), max_size=30).map("".join),
    st.text(CHARS, min_size=990, max_size=1010),
)
HISTORY = st.lists(st.one_of(st.text(QCHARS, max_size=200), st.just("What is baclofen?"), CONTROL), max_size=12)


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(QUESTIONS, HISTORY)
@example("", [])
@example(" \t\n\x00\u200b ", [])
@example("a" * MAX_QUESTION_CHARS, [])
@example("a" * (MAX_QUESTION_CHARS + 1), [])
@example("x" * 100_000, [])
@example("\u01c4" * 999, [])  # NFKC turns each into two characters: over the limit once normalised
@example("What is baclofen?\x00\x1b[31m", ["\x00" * 5000, "y" * 100_000])
@example("<script>alert(1)</script> **bold** [link](javascript:x) baclofen", ["</div>"])
@example("¿Qué es el baclofeno? 🤔 バクロフェン", ["مرحبا"])
def test_engine_always_answers_validly(engine, question, history):
    if _expect_input_error(question):
        with pytest.raises(InputError):
            engine.answer(question, history)
        return
    _check_answer(engine, engine.answer(question, history), question)


ODD_VALUES = st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.booleans(),
                       st.lists(st.text(CHARS, max_size=10), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                                          st.integers(), max_size=2))


def _history_ok(history) -> bool:
    from chat.turns import user_questions

    try:
        user_questions(history)
    except InputError:
        return False
    return True


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(QUESTIONS, ODD_VALUES), st.one_of(HISTORY, ODD_VALUES, st.lists(ODD_VALUES, max_size=3)))
def test_web_api_contract_never_fails(engine, question, history):
    from chat.app import api_ask

    out = api_ask(engine, question, history)
    assert out["status"] in STATUSES | {"error"}
    assert out["disclaimer"] == DISCLAIMER and DISCLAIMER in out["answer_markdown"]
    if out["status"] == "error":
        assert (_expect_input_error(question) or not _history_ok(history)) and out["error"] and not out["quotes"]
    else:
        assert _history_ok(history)  # a history of another shape is an error, never silently dropped
    for q in out["quotes"]:
        assert engine.index.documents[q["doc_id"]].text[q["start"]:q["end"]] == q["text"]
    json.dumps(out)  # as Gradio sends it (ASCII escapes); an error answer echoes the raw input


@pytest.mark.slow
@pytest.mark.parametrize("question, history", [("what is \ud800 baclofen", []), ("baclofen dose", ["\udcff"])])
def test_lone_surrogates_never_reach_the_answer(engine, question, history):
    answer = engine.answer(question, history)
    assert "\ud800" not in answer.question and "\udcff" not in "".join(answer.history)
    json.dumps(answer.to_dict(), ensure_ascii=False).encode("utf-8")
