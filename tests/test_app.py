"""The web chat's plain functions, without a browser: turns, sources, monograph, search, feedback, escaping."""

from __future__ import annotations

import html
import re

import pytest

from chat import app as web
from chat.answer import Answer, Quote
from chat.compose import md_escape, md_unescape, refs_label, render_markdown
from chat.engine import MAX_QUESTION_CHARS, Engine
from chat.feedback import FeedbackStore
from chat.safety import DISCLAIMER
from chat.sources import (ALL_SECTIONS, block_anchor, find_block, monograph_html, search_html, section_anchor,
                          section_choices)
from conftest import FakeEncoder

EVIL = """Evil Drug Monograph

What is Evil <img src=x onerror=alert(2)>?

Evildrug <script>alert(1)</script> is a prescription medicine used to treat muscle spasms [1]. It can cause \
<img src=x onerror=alert(1)> drowsiness in some people [2].

Side Effects

Common side effects include drowsiness, dizziness and <b>weakness</b> according to trials [3]. Ask "your" \
doctor & pharmacist about javascript:alert(3) links [4].

The following may happen [5]:

  • Nausea <svg onload=alert(4)>
  • Headache
"""
RAW_HTML = re.compile(r"<\s*(script|img|svg)\b|<b>", re.I)


@pytest.fixture(scope="module")
def evil_engine(tmp_path_factory) -> Engine:
    """An engine over a corpus full of HTML, with the fast fake encoder."""
    from index.store import build_index

    root = tmp_path_factory.mktemp("evil")
    corpus = root / "evil.txt"
    corpus.write_text(EVIL, encoding="utf-8")
    build_index([corpus], root / "idx", FakeEncoder())
    return Engine.from_encoder(root / "idx", FakeEncoder())


def hostile_quotes(engine: Engine) -> tuple[Quote, ...]:
    """Every sentence of the hostile corpus as a quote, whatever the engine would choose."""
    doc = engine.index.documents["evil"]
    return tuple(Quote(s.text, s.start, s.end, "evil", doc.sections[s.section_id].path_str, s.refs, 1.0)
                 for s in doc.sentences)


def _texts(messages) -> list[str]:
    return [m["content"] for m in messages]


def _emergency(lead="Call 911 <now> & stay calm") -> Answer:
    q = Quote("Evildrug text", 0, 13, "evil", "Side Effects", (3,), 0.9)
    md = render_markdown("emergency", [q], DISCLAIMER, lead)
    return Answer("I took 50 pills", (), "emergency", md, (q,), DISCLAIMER, {}, lead=lead)


# --- rendering an answer -------------------------------------------------------------------------------

def test_emergency_banner_comes_first_escaped_and_once():
    text = web.answer_message(_emergency())
    assert text.startswith('<div class="bq-emergency">')
    assert "Call 911 &lt;now&gt; &amp; stay calm" in text.split("\n", 1)[0]
    assert "<now>" not in text
    assert text.count("stay calm") == 1  # the engine's own lead line is not repeated under the banner
    assert text.rstrip().endswith(f"*{DISCLAIMER}*")


def test_page_alert_follows_the_latest_answer():
    emergency = {"turn": 1, "status": "emergency", "lead": "Call <112>"}
    assert web.alert_html([None, emergency, emergency]).startswith('<div class="bq-emergency" role="alert">')
    assert "Call &lt;112&gt;" in web.alert_html([None, emergency])
    assert web.alert_html([None, emergency, None, {"turn": 2, "status": "answered", "lead": ""}]) == ""
    assert web.alert_html([]) == web.alert_html(None) == ""


def test_disclaimer_is_added_when_the_markdown_lacks_it():
    a = Answer("q", (), "answered", "> some quote", (), DISCLAIMER, {})
    assert web.answer_message(a).endswith(f"*{DISCLAIMER}*")
    assert "bq-emergency" not in web.answer_message(a)


def test_answered_turn_has_quotes_refs_sources_and_disclaimer(engine):
    messages, questions, meta, box, status = web.chat_turn(engine, "What is baclofen used for?", [], [], [])
    user, bot, sources = messages
    assert user["role"] == "user" and bot["role"] == "assistant" and box == "" and status == ""
    assert bot["content"].rstrip().endswith(f"*{DISCLAIMER}*")
    for span in meta[1]["quotes"]:
        assert md_escape(refs_label(span["refs"])) in bot["content"]
    assert sources["metadata"]["title"].startswith("Sources (")
    assert questions == ["What is baclofen used for?"]
    assert meta[0] is None and meta[1] == meta[2] and meta[1]["status"] == "answered" and meta[1]["turn"] == 1
    doc = engine.index.documents
    for span in meta[1]["quotes"]:
        block = find_block(doc[span["doc_id"]], span["start"], span["end"])
        assert block_anchor(span["doc_id"], block.id) in sources["content"]


def test_sources_show_each_quote_highlighted_inside_its_paragraph(engine):
    answer = engine.answer("What are the side effects of baclofen?")
    content = web.sources_message(answer, engine.index.documents)["content"]
    marked = re.findall(r'<mark class="bq-hl">(.*?)</mark>', content)
    assert len(marked) == len(answer.quotes) >= 1
    for q, m in zip(answer.quotes, marked):
        assert " ".join(html.unescape(m.replace("<br>", " ")).split()) == " ".join(q.text.split())
        doc = engine.index.documents[q.doc_id]
        block = find_block(doc, q.start, q.end)
        assert block.start <= q.start and q.end <= block.end
        assert f'href="#{block_anchor(q.doc_id, block.id)}"' in content
        assert f'id="{block_anchor(q.doc_id, block.id)}"' in monograph_html(engine.index.documents.values())


def test_follow_up_uses_the_chat_history(engine):
    messages, questions, meta, _, _ = web.chat_turn(engine, "What is the maximum daily dose?", [], [], [])
    messages, questions, meta, _, _ = web.chat_turn(engine, "And for children?", messages, questions, meta)
    assert questions == ["What is the maximum daily dose?", "And for children?"]
    assert meta[-1]["history"] == ["What is the maximum daily dose?"] and meta[-1]["turn"] == 2



def _as_gradio_sends(messages: list) -> list:
    """Messages as Gradio 6 hands them back to a handler: content as a list of text parts."""
    return [{**m, "content": [{"type": "text", "text": m["content"]}]} for m in messages]


def test_a_session_the_server_forgot_keeps_its_follow_ups_and_ratings(engine, tmp_path):
    """Gradio keeps State for its latest sessions only; the browser still sends the conversation."""
    first = "What is the maximum daily dose (in mg/day)?"
    shown, _, _, _, _ = web.chat_turn(engine, first, [], [], [])
    messages, questions, meta, _, _ = web.chat_turn(engine, "And for children?", _as_gradio_sends(shown), [], [])
    assert questions == [first, "And for children?"]
    k = len(shown)
    assert len(meta) == len(messages) and meta[:k + 1] == [None] * (k + 1)
    assert meta[k + 1]["history"] == [first] and meta[k + 1]["question"] == "And for children?"
    store = FeedbackStore.open(tmp_path / "fb.sqlite3")
    assert web.record_like(store, "v", meta, {}, k + 1, True)[2] is not None
    assert store.rows()[0]["question"] == "And for children?" and store.rows()[0]["history"] == [first]
    assert web.record_like(store, "v", meta, {}, 1, True)[0] == "Only answers can be rated."


def test_records_out_of_step_with_the_messages_are_realigned(engine):
    messages, questions, meta, _, _ = web.chat_turn(engine, "What is baclofen used for?", [], [], [])
    k = len(messages)
    messages2, questions2, meta2, _, _ = web.chat_turn(engine, "Side effects?", messages, questions, meta[:1])
    assert questions2 == [questions[0], "Side effects?"]
    assert len(meta2) == len(messages2) and meta2[:k] == [meta[0]] + [None] * (k - 1)
    assert meta2[k + 1]["question"] == "Side effects?"


def test_shown_questions_come_back_exactly():
    for text in ["a*b_c [1] <b>&amp; \\x # - > ~ `code`", "What about kids?", "  "]:
        assert md_unescape(md_escape(text)) == text

# --- bad input -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("message", ["", "   ", "\n\t", None])
def test_empty_message_is_ignored_with_a_hint(evil_engine, message):
    messages, questions, meta, box, status = web.chat_turn(evil_engine, message, [], [], [])
    assert messages == [] and questions == [] and status == web.HINT_EMPTY


@pytest.mark.parametrize("message", [
    "x" * 100_000,
    "y" * (MAX_QUESTION_CHARS + 1),
    "\x00\x01\x02\x1b\u200b\x7f",
])
def test_oversized_or_unusable_message_gets_a_clear_reply(evil_engine, message):
    messages, questions, meta, box, _ = web.chat_turn(evil_engine, message, [], [], [])
    reply = messages[-1]["content"]
    assert messages[-1]["role"] == "assistant" and DISCLAIMER in reply and "Traceback" not in reply
    assert questions == [] and meta == [None, None]
    assert len(messages[0]["content"]) < 2 * web.SHOWN_CHARS
    if len(message) > 4 * MAX_QUESTION_CHARS:
        assert "100,000 characters" in reply and "limit" in reply and box == ""


@pytest.mark.parametrize("message", [
    "What are the side effects? 💊😀",
    "<script>alert(1)</script> side effects?",
    '<img src=x onerror="alert(1)"> drowsiness',
    "side\x00effects\u200b of <b>evil</b>",
    "\x1b[31m drowsiness \x1b[0m",
])
def test_html_emoji_and_control_characters_are_answered_inertly(evil_engine, message):
    messages, *_ = web.chat_turn(evil_engine, message, [], [], [])
    assert messages[1]["role"] == "assistant" and DISCLAIMER in messages[1]["content"]
    for text in _texts(messages):
        assert not RAW_HTML.search(text), text


def test_an_engine_crash_is_a_friendly_message(evil_engine, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(evil_engine, "answer", boom)
    messages, *_ = web.chat_turn(evil_engine, "What is it?", [], [], [])
    assert web.OOPS.split(".")[0] in messages[-1]["content"] and "secret" not in messages[-1]["content"]
    assert web.api_ask(evil_engine, "What is it?")["status"] == "error"


# --- a hostile corpus renders inert everywhere ---------------------------------------------------------

def test_hostile_corpus_is_inert_in_chat_sources_monograph_and_search(evil_engine):
    docs = evil_engine.index.documents
    messages, *_ = web.chat_turn(evil_engine, "Evildrug spasms drowsiness nausea", [], [], [])
    quotes = hostile_quotes(evil_engine)
    emergency = Answer("q", (), "emergency", render_markdown("emergency", list(quotes), DISCLAIMER, "<b>x</b>"),
                       quotes, DISCLAIMER, {}, lead="<img src=x onerror=alert(7)>")
    sources = web.sources_message(emergency, docs)["content"]
    assert sources.count('<mark class="bq-hl">') == len(quotes) >= 6
    page = _texts(messages) + [sources, web.answer_message(emergency), monograph_html(docs.values()),
                               web.staff_search(evil_engine, "nausea drowsiness evil", ALL_SECTIONS, 10)]
    for text in page:
        assert not RAW_HTML.search(text), text
    mono = monograph_html(docs.values())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in mono and "&lt;img src=x onerror=alert(1)&gt;" in mono
    assert "&lt;svg onload=alert(4)&gt;" in mono
    assert f'id="{section_anchor("evil", 0)}"' in mono and "What is Evil &lt;img" in mono


def test_monograph_has_one_anchored_heading_per_section(engine):
    docs = engine.index.documents
    mono = monograph_html(docs.values())
    for doc in docs.values():
        for sec in doc.sections:
            assert mono.count(f'id="{section_anchor(doc.doc_id, sec.id)}"') == 1
        for block in doc.blocks:
            assert mono.count(f'id="{block_anchor(doc.doc_id, block.id)}"') == 1
    ids = re.findall(r'id="([^"]+)"', mono)
    assert len(ids) == len(set(ids))


# --- staff search -------------------------------------------------------------------------------------

def test_staff_search_ranks_filters_and_offers_citations(engine):
    out = web.staff_search(engine, "alcohol withdrawal", ALL_SECTIONS, 3)
    assert re.findall(r"<strong>#(\d+)</strong>", out) == ["1", "2", "3"]
    assert "score " in out and "refs [" in out
    cites = [html.unescape(c) for c in re.findall(r'data-cite="([^"]*)"', out)]
    assert len(cites) == 3 and all(c.startswith("\u201c") and "refs [" in c for c in cites)
    top = engine.search("alcohol withdrawal", 1)[0].chunk
    assert " > ".join(top.section_path) in cites[0] and " ".join(top.text.split()) in cites[0]

    section = "Baclofen Safety"
    assert section in section_choices(engine.index.documents)
    filtered = web.staff_search(engine, "drowsiness", section, 4)
    heads = re.findall(r'<div class="bq-hit-head">(.*?)</div>', filtered)
    assert heads and all(f"· {section}" in h for h in heads)
    assert re.findall(r"<strong>#(\d+)</strong>", filtered) == [str(i) for i in range(1, len(heads) + 1)]
    unfiltered = web.staff_search(engine, "drowsiness", ALL_SECTIONS, 20)
    assert any(f"· {section}" not in h for h in re.findall(r'<div class="bq-hit-head">(.*?)</div>', unfiltered))


def test_staff_search_bad_query_is_a_message(evil_engine):
    assert "empty" in web.staff_search(evil_engine, "   ")
    assert "limit" in web.staff_search(evil_engine, "z" * 5000)
    assert "No passages" in search_html("<q>", [], {}) and "&lt;q&gt;" in search_html("<q>", [], {})


# --- feedback -------------------------------------------------------------------------------------------

def test_like_stores_then_changes_then_withdraws_one_row(evil_engine, tmp_path):
    store = FeedbackStore.open(tmp_path / "fb.sqlite3")
    messages, questions, meta, _, _ = web.chat_turn(evil_engine, "Evildrug side effects", [], [], [])
    status, rated, row, show = web.record_like(store, "v9", meta, {}, 1, True)
    assert show and row is not None and "Thanks" in status
    [stored] = store.rows()
    assert stored["rating"] == "up" and stored["question"] == "Evildrug side effects"
    assert stored["index_version"] == "v9" and stored["quotes"] == meta[1]["quotes"] and stored["history"] == []
    status, rated, row2, _ = web.record_like(store, "v9", meta, rated, [2], False)  # the Sources bubble
    assert row2 == row and [r["rating"] for r in store.rows()] == ["down"]
    assert web.save_comment(store, row, "  Quote was off  ")[0].startswith("Thanks")
    assert store.rows()[0]["comment"] == "Quote was off"
    status, rated, row3, show = web.record_like(store, "v9", meta, rated, 1, "")
    assert store.rows() == [] and rated == {} and row3 is None and not show


def test_like_on_a_user_message_or_without_a_store(evil_engine, tmp_path):
    store = FeedbackStore.open(tmp_path / "fb.sqlite3")
    _, _, meta, _, _ = web.chat_turn(evil_engine, "Evildrug", [], [], [])
    assert web.record_like(store, "v", meta, {}, 0, True)[0] == "Only answers can be rated."
    assert web.record_like(None, "v", meta, {}, 1, True)[0] == web.FEEDBACK_OFF
    assert web.save_comment(None, 1, "hi")[0] == web.FEEDBACK_OFF
    assert "first" in web.save_comment(store, None, "hi")[0]
    assert store.rows() == []


def test_feedback_failing_mid_chat_keeps_the_chat_working(evil_engine, tmp_path, monkeypatch):
    from test_feedback import _read_only

    store = FeedbackStore.open(tmp_path / "fb.sqlite3")
    messages, questions, meta, _, _ = web.chat_turn(evil_engine, "Evildrug", [], [], [])
    _read_only(monkeypatch)
    status, rated, row, show = web.record_like(store, "v", meta, {}, 1, True)
    assert status == web.FEEDBACK_OFF and row is None and not show
    messages, *_ = web.chat_turn(evil_engine, "Side effects?", messages, questions, meta)
    assert DISCLAIMER in messages[-2]["content"] or DISCLAIMER in messages[-1]["content"]


def test_unwritable_feedback_db_still_builds_a_page_that_says_so(evil_engine, tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    demo = web.build_app(evil_engine, blocker / "fb.sqlite3")
    values = [getattr(b, "value", None) for b in demo.blocks.values()]
    assert web.FEEDBACK_OFF in values


# --- API contract and the page's components -------------------------------------------------------------

def test_api_ask_returns_the_json_contract(engine):
    history = ["hello", {"role": "assistant", "content": "hi"}, {"role": "user", "content": "spasms?"}]
    out = web.api_ask(engine, "What is baclofen?", history)
    assert out == engine.answer("What is baclofen?", ["hello", "spasms?"]).to_dict() | {"timings_ms": out["timings_ms"]}
    odd = web.api_ask(engine, "What is baclofen?", ["hello", 3, None])
    assert odd["status"] == "error" and "history turn 2" in odd["error"] and odd["quotes"] == []
    bad = web.api_ask(engine, "q" * 100_000, None)
    assert bad["status"] == "error" and "limit" in bad["error"] and bad["disclaimer"] == DISCLAIMER
    assert len(bad["question"]) <= web.SHOWN_CHARS


def test_page_has_no_file_components_and_one_ask_endpoint(evil_engine, tmp_path):
    demo = web.build_app(evil_engine, tmp_path / "fb.sqlite3")
    kinds = {type(b).__name__ for b in demo.blocks.values()}
    assert not kinds & {"File", "Files", "UploadButton", "Image", "Audio", "Video", "Gallery", "Model3D",
                        "MultimodalTextbox", "ImageEditor", "DownloadButton", "FileExplorer"}
    assert {"Chatbot", "HTML", "Tabs"} <= kinds
    assert demo.analytics_enabled is False
    public = [fn.api_name for fn in demo.fns.values() if fn.api_visibility == "public"]
    assert public == ["ask"]
