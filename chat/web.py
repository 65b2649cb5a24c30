"""The Gradio layout around chat/app.py's plain functions, and the hardened server that hosts it.

Hardening: the Blocks are mounted on a FastAPI app whose middleware answers 404 for Gradio's file
routes (upload, file=, proxy=, runs), the queue is bounded and the direct-POST API is closed, SSR,
monitoring, run history and analytics are off, and the server binds 127.0.0.1 unless told otherwise.
"""

import hmac
import os
import sys
import threading
import time

from chat import app as core
from chat.assets import CSS, HEAD, SHOW_LATEST_JS
from chat.engine import MAX_QUESTION_CHARS, Engine
from chat.feedback import MAX_COMMENT_CHARS, FeedbackStore
from chat.safety import DISCLAIMER
from chat.sources import ALL_SECTIONS, monograph_html, section_choices

BLOCKED_PREFIXES = ("/gradio_api/upload", "/gradio_api/file=", "/gradio_api/file/", "/gradio_api/proxy=",
                    "/gradio_api/runs", "/file=", "/monitoring")
STAFF_USER = "staff"
QUEUE_MAX = 64
CONCURRENCY = 2  # one answer per core; the rest wait in the bounded queue
# Gradio keeps about 50 KB of block configs per session (10,000 sessions by default) and a record per
# queued event (10,000): bounded lower, the server's memory levels off (docs/benchmarks.md, "Memory").
# A session pushed out keeps its conversation: chat_turn rebuilds what it needs from the messages.
SESSION_CAPACITY = 256
ANALYTICS_EVENTS = "1000"


def build_blocks(engine: Engine, store: FeedbackStore | None):
    """Chat, Staff search and Monograph tabs, plus the `ask` endpoint; no file components anywhere."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr

    docs = engine.index.documents
    version = engine.version

    with gr.Blocks(title=core.TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"## {core.TITLE}\nAnswers are exact quotes from the baclofen monograph, with their section "
                    "and reference numbers.", elem_id="bq-title")
        gr.Markdown(f"**Safety note:** {DISCLAIMER}", elem_id="bq-disclaimer")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                if store is None:
                    gr.Markdown(core.FEEDBACK_OFF, elem_id="bq-feedback-off")
                alert = gr.HTML("", js_on_load=None, elem_id="bq-alert", visible=False)
                chatbot = gr.Chatbot(
                    label="Conversation", height="60vh", min_height=300, buttons=["copy", "copy_all"],
                    latex_delimiters=[], elem_id="bq-chatbot", layout="bubble", autoscroll=False,
                    examples=[{"text": q} for q in core.EXAMPLES],
                    placeholder="Ask a question about baclofen, or pick an example.")
                box = gr.Textbox(show_label=False, placeholder="Ask about baclofen\u2026", lines=1,
                                 max_length=MAX_QUESTION_CHARS, elem_id="bq-input")
                status = gr.Markdown("", elem_id="bq-status")
                with gr.Row():
                    ask = gr.Button("Ask", variant="primary", elem_id="bq-ask")
                    new_chat = gr.Button("New chat", elem_id="bq-new")
                with gr.Row(visible=False, elem_id="bq-comment-row") as comment_row:
                    comment = gr.Textbox(label="Comment on your rating (optional)", max_length=MAX_COMMENT_CHARS,
                                         scale=4, elem_id="bq-comment")
                    send_comment = gr.Button("Send comment", scale=1, elem_id="bq-send-comment")
                questions, meta, rated, last_row = gr.State([]), gr.State([]), gr.State({}), gr.State(None)

            with gr.Tab("Staff search", id="search"):
                with gr.Row():
                    query = gr.Textbox(label="Search the monograph", max_length=MAX_QUESTION_CHARS, scale=4,
                                       elem_id="bq-query")
                    section = gr.Dropdown(section_choices(docs), value=ALL_SECTIONS, label="Section", scale=2,
                                          elem_id="bq-section")
                    k = gr.Slider(1, 20, value=5, step=1, label="Passages", scale=1)
                search = gr.Button("Search", variant="primary", elem_id="bq-search")
                results = gr.HTML("", js_on_load=None, elem_id="bq-results")

            with gr.Tab("Monograph", id="monograph"):
                gr.Markdown("The cleaned monograph. Each heading and paragraph has an anchor; *Show in the "
                            "monograph* links in the Sources open this tab at the quoted paragraph.")
                gr.HTML(monograph_html(docs.values()), js_on_load=None, elem_id="bq-monograph")

        turn_out = [chatbot, questions, meta, box, status, alert]
        turn_opts = dict(concurrency_id="engine", api_visibility="private", show_progress="minimal")

        def turn(message, messages, qs, m):
            out = core.chat_turn(engine, message, messages, qs, m)
            banner = core.alert_html(out[2])
            return *out, gr.update(value=banner, visible=bool(banner))

        def pick_example(evt: gr.SelectData, messages, qs, m):
            value = evt.value if isinstance(evt.value, dict) else {}
            return turn(str(value.get("text", "")), messages, qs, m)

        for event in (box.submit(turn, [box, chatbot, questions, meta], turn_out, **turn_opts),
                      ask.click(turn, [box, chatbot, questions, meta], turn_out, **turn_opts),
                      chatbot.example_select(pick_example, [chatbot, questions, meta], turn_out, **turn_opts)):
            event.then(None, js=SHOW_LATEST_JS)  # the start of the new answer, not the foot of the conversation

        def on_like(evt: gr.LikeData, m, r):
            try:
                msg, r, row, show = core.record_like(store, version, m, r, evt.index, evt.liked)
            except Exception:  # a user never sees a traceback
                core.log.exception("like failed")
                msg, row, show = core.FEEDBACK_OFF, None, False
            return msg, r, row, gr.update(visible=show)

        chatbot.like(on_like, [meta, rated], [status, rated, last_row, comment_row], api_visibility="private")

        def on_comment(row, text):
            try:
                msg, text, show = core.save_comment(store, row, text)
            except Exception:
                core.log.exception("comment failed")
                msg, show = core.FEEDBACK_OFF, False
            return msg, text, gr.update(visible=show)

        send_comment.click(on_comment, [last_row, comment], [status, comment, comment_row], api_visibility="private")
        comment.submit(on_comment, [last_row, comment], [status, comment, comment_row], api_visibility="private")
        fresh = [chatbot, questions, meta, rated, last_row, box, status, alert, comment, comment_row]
        hidden = dict(value="", visible=False)
        new_chat.click(lambda: ([], [], [], {}, None, "", "", gr.update(**hidden), "", gr.update(visible=False)),
                       None, fresh, api_visibility="private", queue=False)
        chatbot.clear(lambda: ([], [], {}, None, "", "", gr.update(**hidden), "", gr.update(visible=False)),
                      None, fresh[1:], api_visibility="private", queue=False)

        search_io = dict(inputs=[query, section, k], outputs=results, concurrency_id="engine",
                         api_visibility="private", show_progress="minimal")
        search.click(lambda q, s, n: core.staff_search(engine, q, s, n), **search_io)
        query.submit(lambda q, s, n: core.staff_search(engine, q, s, n), **search_io)

        def ask_api(question: str, history: list | None = None) -> dict:
            """Answer one question with the JSON contract (history: earlier questions or chat messages, oldest first)."""
            return core.api_ask(engine, question, history)

        gr.api(ask_api, api_name="ask", concurrency_id="engine")
    return demo


def _auth(password: str | None):
    if not password:
        return None
    secret = password.encode("utf-8")

    def check(username: str, given: str) -> bool:
        return username == STAFF_USER and hmac.compare_digest(str(given).encode("utf-8"), secret)

    return check


def _theme():
    """The default theme on the device's own fonts: no font downloads, the same look offline."""
    import gradio as gr

    return gr.themes.Default(font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "Arial", "sans-serif"],
                             font_mono=["ui-monospace", "Menlo", "Consolas", "monospace"])


def create_server(demo, password: str | None = None, host: str = "127.0.0.1"):
    """A FastAPI app with the Blocks mounted at / and Gradio's file routes answered with 404."""
    import gradio as gr
    from fastapi import FastAPI, Request
    from fastapi.responses import PlainTextResponse

    server = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @server.middleware("http")
    async def block_file_routes(request: Request, call_next):
        if request.url.path.startswith(BLOCKED_PREFIXES):
            return PlainTextResponse("Not found", status_code=404)
        return await call_next(request)

    demo.state_session_capacity = SESSION_CAPACITY  # read when the app is created below
    os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", ANALYTICS_EVENTS)  # read by demo.queue()
    demo.queue(api_open=False, default_concurrency_limit=CONCURRENCY, max_size=QUEUE_MAX)
    return gr.mount_gradio_app(
        server, demo, path="/", server_name=host, auth=_auth(password), footer_links=[], run_history=False,
        show_error=False, max_file_size="1kb", ssr_mode=False, enable_monitoring=False, pwa=False,
        mcp_server=False, css=CSS, head=HEAD, theme=_theme(),
        auth_message="Staff deployment: sign in as \u201cstaff\u201d.")


def run(demo, host: str = "127.0.0.1", port: int = 7860, password: str | None = None) -> None:
    """Serve until interrupted."""
    import uvicorn

    app = create_server(demo, password, host)
    print(f"* Running on http://{host}:{port}" + (" (password required)" if password else ""), flush=True)
    if host not in ("127.0.0.1", "localhost", "::1") and not password:
        print("* Reachable from other machines without a password; set BACLOFEN_QA_PASSWORD for staff "
              "deployments.", file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False, server_header=False,
                timeout_graceful_shutdown=3)  # open event streams must not hold up Ctrl+C


def start_in_thread(demo, port: int, host: str = "127.0.0.1", password: str | None = None, timeout: float = 60):
    """Serve in a daemon thread (tests, timing); returns the uvicorn.Server, stop it with `should_exit = True`."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(create_server(demo, password, host), host=host, port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the web server did not start on {host}:{port}")
        time.sleep(0.05)
    return server
