"""The web chat: plain functions first, then `build_app(engine)` wraps them in Gradio Blocks.

Nothing here runs at import; `serve()` (called by `baclofen-qa serve`) launches the app.
"""

from __future__ import annotations

import os

from chat.compose import md_escape
from chat.engine import MAX_QUESTION_CHARS, Engine
from chat.safety import DISCLAIMER
from ingest.errors import InputError

TITLE = "Baclofen monograph Q&A"
EXAMPLES = [
    "What is baclofen used for?",
    "What are the common side effects?",
    "What is the maximum daily dose?",
    "Can I drink alcohol while taking it?",
]


def chat_turn(engine: Engine, message: str, messages: list[dict] | None,
              questions: list[str] | None) -> tuple[list[dict], list[str], str]:
    """One chat exchange: returns the new message list, the questions so far, and the cleared input box."""
    messages = list(messages or [])
    questions = list(questions or [])
    if not (message or "").strip():
        return messages, questions, ""
    try:
        answer = engine.answer(message, questions)
    except InputError as exc:
        reply = f"⚠️ {md_escape(str(exc).capitalize())}\n\n---\n*{DISCLAIMER}*"
        shown = message if len(message) <= 200 else message[:200] + "…"
        return messages + [_user(shown), {"role": "assistant", "content": reply}], questions, ""
    messages += [_user(answer.question), {"role": "assistant", "content": answer.answer_markdown}]
    return messages, questions + [answer.question], ""


def _user(text: str) -> dict:
    return {"role": "user", "content": md_escape(text)}


def api_ask(engine: Engine, question: str, history: list | None = None) -> dict:
    """The JSON answer contract, for the named API endpoint `ask`."""
    turns = [h for h in (history or []) if isinstance(h, str)]
    try:
        return engine.answer(question, turns).to_dict()
    except InputError as exc:
        return {"question": str(question)[:200], "history": turns, "status": "error", "error": str(exc),
                "answer_markdown": f"{md_escape(str(exc))}\n\n---\n*{DISCLAIMER}*", "quotes": [], "refs": [],
                "disclaimer": DISCLAIMER, "timings_ms": {}}


def build_app(engine: Engine):
    """The Gradio Blocks app around `chat_turn` and `api_ask`."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr

    with gr.Blocks(title=TITLE, analytics_enabled=False) as app:
        gr.Markdown(f"## {TITLE}\nAnswers are exact quotes from the baclofen monograph, with their section "
                    "and reference numbers.")
        gr.Markdown(f"**Safety note:** {DISCLAIMER}", elem_id="disclaimer")
        chatbot = gr.Chatbot(label="Conversation", height=520, buttons=["copy", "copy_all"],
                             latex_delimiters=[], elem_id="chatbot")
        questions = gr.State([])
        box = gr.Textbox(label="Your question", placeholder="Ask about baclofen…", max_length=MAX_QUESTION_CHARS,
                         lines=1, autofocus=True)
        with gr.Row():
            send = gr.Button("Ask", variant="primary")
            gr.ClearButton([chatbot, box, questions], value="New chat")
        gr.Examples(EXAMPLES, inputs=[box], label="Try")
        for trigger in (box.submit, send.click):
            trigger(lambda m, msgs, qs: chat_turn(engine, m, msgs, qs), [box, chatbot, questions],
                    [chatbot, questions, box], api_visibility="private")
        with gr.Row(visible=False):
            api_q, api_h, api_out = gr.Textbox(), gr.JSON(), gr.JSON()
            gr.Button(visible=False).click(lambda q, h: api_ask(engine, q, h), [api_q, api_h], api_out,
                                           api_name="ask")
    return app


def serve(engine: Engine, host: str = "127.0.0.1", port: int = 7860, max_size: int = 64, concurrency: int = 4) -> None:
    """Launch the app; binds to this machine only unless told otherwise."""
    app = build_app(engine)
    app.queue(default_concurrency_limit=concurrency, max_size=max_size, api_open=False)
    app.launch(server_name=host, server_port=port, ssr_mode=False, footer_links=[], show_error=False,
               enable_monitoring=False, run_history=False, max_file_size="1kb", quiet=False)
