"""The web chat: plain functions first (tested without a browser), then `build_app(engine)` wraps them.

Nothing here runs at import; `serve()` (called by `baclofen-qa serve`) starts the hardened server
in chat/web.py.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from chat.compose import md_escape, md_unescape
from chat.engine import MAX_QUESTION_CHARS, Engine
from chat.feedback import MAX_COMMENT_CHARS, FeedbackStore, FeedbackUnavailable
from chat.safety import DISCLAIMER
from chat.turns import user_questions
from chat.sources import ALL_SECTIONS, esc, filter_hits, search_html, sources_html
from ingest.errors import InputError

log = logging.getLogger("baclofen_qa.web")
TITLE = "Baclofen monograph Q&A"
EXAMPLES = [
    "What is baclofen used for?",
    "What are the common side effects?",
    "What is the maximum daily dose?",
    "Can I drink alcohol while taking it?",
]
HINT_EMPTY = "Please type a question about baclofen first, or click one of the example questions."
FEEDBACK_OFF = "Feedback is unavailable right now; the chat works as usual."
OOPS = "Sorry, something went wrong while answering. Please try again or rephrase the question."
SHOWN_CHARS = 300


def _note(text: str) -> str:
    return f"\u26a0\ufe0f {md_escape(text)}\n\n---\n*{DISCLAIMER}*"


def answer_message(answer) -> str:
    """The chat bubble: an emergency banner first when needed, the quoted answer, the disclaimer last."""
    body = answer.answer_markdown
    if DISCLAIMER not in body:
        body += f"\n\n---\n*{DISCLAIMER}*"
    parts = []
    if answer.status == "emergency":
        lead = answer.lead or "This may be an emergency. Call your local emergency number now."
        parts.append(f'<div class="bq-emergency">\U0001f6a8 {esc(lead)}</div>')
        first, _, rest = body.partition("\n\n")
        if md_escape(lead) in first:  # the banner says it; the engine's own lead line need not repeat it
            body = rest
    if answer.notice and md_escape(answer.notice) not in body:
        parts.append(f"*{md_escape(answer.notice)}*")
    return "\n\n".join(parts + [body])


def sources_message(answer, documents) -> dict | None:
    """The collapsible 'Sources' bubble under an answer, or None when it quotes nothing."""
    content = sources_html(answer.quotes, documents)
    if not content:
        return None
    return {"role": "assistant", "content": content,
            "metadata": {"title": f"Sources ({len(answer.quotes)}): each quote in its paragraph", "status": "done"}}


def quote_spans(answer) -> list[dict]:
    """Where each quote sits in the monograph (what feedback stores about the answer)."""
    return [{"doc_id": q.doc_id, "start": q.start, "end": q.end, "section": q.section, "refs": list(q.refs)}
            for q in answer.quotes]


def _shown(message: str) -> str:
    text = message if len(message) <= SHOWN_CHARS else message[:SHOWN_CHARS] + "\u2026"
    return md_escape(text)


def _text(content) -> str:
    """A message's text, whether Gradio hands it over as a string or as a list of parts."""
    if isinstance(content, str):
        return content
    parts = content if isinstance(content, list) else [content]
    return "".join(p.get("text", "") for p in parts if isinstance(p, dict) and isinstance(p.get("text"), str))


def recovered(messages: list, questions: list, meta: list) -> tuple[list, list]:
    """The session's records, rebuilt when the server no longer holds them.

    The browser keeps the conversation, the server keeps the questions and feedback records of its
    latest sessions only (chat/web.py SESSION_CAPACITY). For a session pushed out, the questions
    come back from the shown messages (unless one was cut short), so follow-ups still work, and the
    records are padded so a rating still lands on its own answer (older answers can no longer be rated).
    """
    if not questions and messages:
        shown = [_text(m.get("content")) for m in messages if isinstance(m, dict) and m.get("role") == "user"]
        questions = [md_unescape(q) for q in shown if q.strip() and not q.endswith("\u2026")]
    if len(meta) != len(messages):
        meta = (meta + [None] * len(messages))[:len(messages)]
    return questions, meta


def chat_turn(engine: Engine, message: str, messages: list | None, questions: list | None,
              meta: list | None) -> tuple[list, list, list, str, str]:
    """One exchange: (messages, questions so far, per-message feedback records, cleared box, status line)."""
    messages, questions, meta = list(messages or []), list(questions or []), list(meta or [])
    questions, meta = recovered(messages, questions, meta)
    message = message if isinstance(message, str) else ""
    if not message.strip():
        return messages, questions, meta, "", HINT_EMPTY
    try:
        answer = engine.answer(message, questions)
    except InputError as exc:
        reply = _note(str(exc)[:1].upper() + str(exc)[1:])
        keep = message if len(message) <= 4 * MAX_QUESTION_CHARS else ""  # so a long question can be shortened
        return (messages + [{"role": "user", "content": _shown(message)}, {"role": "assistant", "content": reply}],
                questions, meta + [None, None], keep, "")
    except Exception:  # a user never sees a traceback
        log.exception("answer failed")
        oops = [{"role": "user", "content": _shown(message)}, {"role": "assistant", "content": _note(OOPS)}]
        return messages + oops, questions, meta + [None, None], "", ""
    turn = 1 + max((m["turn"] for m in meta if m), default=0)
    record = {"turn": turn, "question": answer.question, "history": list(answer.history), "status": answer.status,
              "quotes": quote_spans(answer), "lead": answer.lead}
    new = [{"role": "user", "content": _shown(answer.question)},
           {"role": "assistant", "content": answer_message(answer)}]
    src = sources_message(answer, engine.index.documents)
    if src:
        new.append(src)
    meta += [None] + [record] * (len(new) - 1)
    status = md_escape(answer.notice) if answer.notice else ""
    return messages + new, questions + [answer.question], meta, "", status


def alert_html(meta: list | None) -> str:
    """A red banner above the conversation while the latest answer is an emergency, else nothing."""
    last = next((m for m in reversed(meta or []) if m), None)
    if not last or last.get("status") != "emergency":
        return ""
    lead = last.get("lead") or "This may be an emergency. Call your local emergency number now."
    return f'<div class="bq-emergency" role="alert">\U0001f6a8 {esc(lead)}</div>'


def _index(value) -> int | None:
    while isinstance(value, (list, tuple)) and value:
        value = value[0]
    return value if isinstance(value, int) else None


def record_like(store: FeedbackStore | None, version: str, meta: list | None, rated: dict | None,
                index, liked) -> tuple[str, dict, int | None, bool]:
    """A thumb click: store, change or withdraw the rating. Returns (status, rated, row id, show comment box)."""
    rated = dict(rated or {})
    if store is None:
        return FEEDBACK_OFF, rated, None, False
    i = _index(index)
    record = meta[i] if meta and i is not None and 0 <= i < len(meta) else None
    if not record:
        return "Only answers can be rated.", rated, None, False
    turn, row = record["turn"], rated.get(record["turn"])
    try:
        if liked is True or liked is False:
            rating = "up" if liked else "down"
            if row is None:
                row = store.add(question=record["question"], history=record["history"], status=record["status"],
                                quotes=record["quotes"], rating=rating, index_version=version)
            else:
                store.set_rating(row, rating)
            rated[turn] = row
            thumb = "\U0001f44d" if liked else "\U0001f44e"
            return f"Thanks for the feedback ({thumb}). You can add a comment below.", rated, row, True
        if row is not None:
            store.delete(row)
            rated.pop(turn, None)
        return "Rating removed.", rated, None, False
    except FeedbackUnavailable:
        log.warning("feedback write failed", exc_info=True)
        return FEEDBACK_OFF, rated, None, False


def save_comment(store: FeedbackStore | None, row_id, comment: str) -> tuple[str, str, bool]:
    """Attach the optional comment to the last rating. Returns (status, comment box, keep the box shown)."""
    comment = (comment or "").strip() if isinstance(comment, str) else ""
    if store is None:
        return FEEDBACK_OFF, "", False
    if row_id is None:
        return "Rate an answer with a thumb first, then add a comment.", comment, False
    if not comment:
        return "The comment is empty; nothing was sent.", "", True
    if len(comment) > MAX_COMMENT_CHARS:
        return f"The comment is too long; please keep it under {MAX_COMMENT_CHARS:,} characters.", comment, True
    try:
        store.set_comment(int(row_id), comment)
    except FeedbackUnavailable:
        log.warning("feedback comment failed", exc_info=True)
        return FEEDBACK_OFF, comment, False
    return "Thanks, your comment was saved.", "", False


def staff_search(engine: Engine, query: str, section: str | None = ALL_SECTIONS, k: int = 5) -> str:
    """The Staff search tab: ranked passages as escaped HTML, or a friendly message."""
    try:
        k = max(1, min(int(k or 5), 50))
        filtered = bool(section) and section != ALL_SECTIONS
        hits = engine.search(query, len(engine.index.chunks) if filtered else k)
        return search_html(query, filter_hits(hits, section, k), engine.index.documents)
    except InputError as exc:
        return f'<p class="bq-none">{esc(str(exc)[:1].upper() + str(exc)[1:])}</p>'
    except Exception:
        log.exception("search failed")
        return '<p class="bq-none">Sorry, the search failed. Please try again.</p>'


def api_ask(engine: Engine, question: str, history: list | None = None) -> dict:
    """The JSON answer contract, for the named API endpoint `ask`."""
    turns: list[str] = []
    try:
        turns = list(user_questions(history))  # earlier questions, or chat messages
        return engine.answer(question, turns).to_dict()
    except InputError as exc:
        error = str(exc)
    except Exception:
        log.exception("api answer failed")
        error = OOPS
    return {"question": str(question)[:SHOWN_CHARS], "history": turns, "status": "error", "error": error,
            "answer_markdown": _note(error), "quotes": [], "refs": [], "disclaimer": DISCLAIMER, "timings_ms": {}}


def open_feedback(path: str | Path | None) -> FeedbackStore | None:
    """The feedback store, or None (and a log line) when it cannot be written."""
    try:
        return FeedbackStore.open(path)
    except FeedbackUnavailable as exc:
        log.warning("%s; feedback is off", exc)
        return None


def build_app(engine: Engine, feedback_db: str | Path | None = None):
    """The Gradio Blocks: Chat, Staff search and Monograph tabs, plus the `ask` API endpoint."""
    from chat.web import build_blocks

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    return build_blocks(engine, open_feedback(feedback_db))


def serve(engine: Engine, host: str = "127.0.0.1", port: int = 7860, feedback_db: str | Path | None = None,
          password: str | None = None) -> None:
    """Start the hardened server (see chat/web.py); binds to this machine only unless told otherwise."""
    from chat.web import run

    run(build_app(engine, feedback_db), host=host, port=port, password=password)
