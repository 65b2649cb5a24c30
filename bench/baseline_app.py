"""The evaluator's quick-start baseline (eval/baseline.py) as a program, so it can be timed like ours.

    python -m bench.baseline_app ask "What is baclofen used for?"   # load, chunk, embed, answer, exit
    python -m bench.baseline_app build                               # load, chunk, embed, exit
    python -m bench.baseline_app serve --port 7861                   # the same behind our hardened web server

The baseline keeps no index on disk, so its start-up always includes embedding its chunks.
Its web server is chat/web.py's `create_server` (same queue bound and concurrency) around one
`ask` endpoint, so load figures compare the pipelines, not two different servers.
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def load_baseline():
    """The baseline over the bundled monograph, with the bundled model off the shelf."""
    from eval.baseline import Baseline
    from index.embed import DEFAULT_MODEL, load_encoder
    from index.store import doc_ids_for
    from ingest.corpus import DEFAULT_CORPUS, read_corpus

    return Baseline.build(read_corpus(DEFAULT_CORPUS), doc_ids_for([DEFAULT_CORPUS])[0], load_encoder(DEFAULT_MODEL))


def item(question: str, history: list[str] | None = None):
    """A gold-set item holding just a question, which is all the baseline reads."""
    from eval.testset import GoldItem

    return GoldItem("q", question, tuple(history or ()), "", "answered", (), (), (), "", None, "bench")


def answer(baseline, question: str, history: list | None = None) -> dict:
    """The baseline's answer in the shape of our JSON contract (status, quotes)."""
    if not isinstance(question, str) or not question.strip():
        return {"status": "error", "error": "the question is empty", "quotes": []}
    p = baseline.ask(item(question))
    return {"question": question, "status": p.status, "refs": list(p.refs), "timings_ms": {"total": p.latency_ms},
            "quotes": [{"text": s.text, "start": s.start, "end": s.end, "doc_id": s.doc_id} for s in p.quotes]}


def serve(baseline, port: int) -> None:
    """One `ask` endpoint behind chat/web.py's hardened server."""
    import gradio as gr
    import uvicorn

    from chat.web import create_server

    with gr.Blocks(analytics_enabled=False) as demo:
        def ask(question: str, history: list[str] | None = None) -> dict:
            """The baseline's answer."""
            return answer(baseline, question, history)

        gr.api(ask, api_name="ask", concurrency_id="engine")
    uvicorn.run(create_server(demo), host="127.0.0.1", port=port, log_level="warning")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("mode", choices=("ask", "build", "serve"))
    p.add_argument("question", nargs="?", default="What is baclofen used for?")
    p.add_argument("--port", type=int, default=7861)
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    baseline = load_baseline()
    if args.mode == "build":
        print(json.dumps({"chunks": len(baseline.chunks), "seconds": round(time.perf_counter() - t0, 3)}))
    elif args.mode == "ask":
        print(json.dumps(answer(baseline, args.question), ensure_ascii=False))
    else:
        serve(baseline, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
