"""A bounded soak: thousands of answers through the web API, with the server's resident memory sampled.

Requests go through Gradio's HTTP queue API (`POST /gradio_api/call/ask`, then the event stream),
the same queue and `ask` endpoint gradio_client uses, but light enough on the client that the
2-core machine spends its time in the server. Like people, workers come in visits: a session asks
VISIT questions, then a new session starts (a new browser tab, a new gradio_client), so state the
server keeps per session is part of what is measured. The server is a separate `baclofen-qa serve`
process, so its RSS is the app's own. Growth is measured from the end of the warm-up.

    python -m bench.soak --index-dir DIR [--answers 5000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import free_port, gold_questions, log, percentiles, serve_cmd, server, status_kb

VISIT = 10  # answers per session
STATUSES = {"answered", "not_covered", "out_of_scope", "emergency", "error"}
# Odd inputs mixed in: each must come back as a clear answer or a clear "error" status, never a failure.
ODD = [("", []), ("   \n\t ", []), ("x" * 5000, []), ("baclofen \x00\x07 dose?", ["\x1b[31m"]),
       ("¿Qué es el baclofeno? 🤔", []), ("<script>alert(1)</script> baclofen", []), ("[1] [2] [3]", [])]


def ask_http(http, url: str, question: str, history: list[str], session: str | None = None) -> dict:
    """One answer through Gradio's queue: join (in `session`, else a new one), then read the event stream."""
    r = http.post(f"{url}/gradio_api/call/ask", json={"data": [question, history], "session_hash": session})
    r.raise_for_status()
    r = http.get(f"{url}/gradio_api/call/ask/{r.json()['event_id']}")
    r.raise_for_status()
    event = None
    for line in r.text.splitlines():
        if line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:") and event == "complete":
            return json.loads(line[5:])[0]
    raise RuntimeError(f"no complete event: {r.text[:200]!r}")


def soak(url: str, pid: int, answers: int = 5000, workers: int = 4, warmup: int = 500,
         samples: int = 20) -> dict:
    """Send `answers` questions from `workers` threads; RSS after warm-up and at intervals; outcome counts."""
    import uuid

    import httpx

    from chat.safety import DISCLAIMER

    questions = gold_questions()
    lock = threading.Lock()
    issued, done, sessions = [0], [0], [0]
    counts = {"ok": 0, "error_status": 0, "failed": 0}
    failures: list[str] = []
    latencies: list[float] = []
    rss: list[tuple[int, float]] = []
    every = max(1, (answers - warmup) // samples)

    def worker() -> None:
        session, asked = None, 0
        with httpx.Client(timeout=120) as http:
            while True:
                with lock:
                    if issued[0] >= answers:
                        return
                    n = issued[0]
                    issued[0] += 1
                q, h = ODD[n // 50 % len(ODD)] if n % 50 == 49 else questions[n % len(questions)]
                if asked % VISIT == 0:
                    session = uuid.uuid4().hex[:11]
                    with lock:
                        sessions[0] += 1
                asked += 1
                t0 = time.perf_counter()
                try:
                    out = ask_http(http, url, q, h, session)
                    valid = out.get("status") in STATUSES and DISCLAIMER in out.get("answer_markdown", "")
                    outcome = "failed" if not valid else "error_status" if out["status"] == "error" else "ok"
                    why = f"invalid answer to {q[:40]!r}: {str(out)[:160]}"
                except Exception as exc:
                    outcome, why = "failed", f"{type(exc).__name__}: {exc}"[:200]
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    counts[outcome] += 1
                    latencies.append(ms)
                    if outcome == "failed":
                        failures.append(why)
                    done[0] += 1
                    if done[0] == warmup or (done[0] > warmup and (done[0] - warmup) % every == 0):
                        rss.append((done[0], status_kb(pid, "VmRSS") / 1024))

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    rss.append((done[0], status_kb(pid, "VmRSS") / 1024))
    base = rss[0][1]
    return {"answers": done[0], "workers": workers, "sessions": sessions[0], "seconds": round(elapsed, 1),
            "throughput_rps": round(done[0] / elapsed, 1), **counts, "failure_samples": failures[:5],
            "latency_ms": percentiles(latencies), "rss_after_warmup_mib": round(base, 1),
            "rss_end_mib": round(rss[-1][1], 1), "rss_peak_mib": round(status_kb(pid, "VmHWM") / 1024, 1),
            "growth_pct": round(100 * (rss[-1][1] - base) / base, 2),
            "rss_samples_mib": [(n, round(m, 1)) for n, m in rss]}


def run(index_dir: Path, answers: int = 5000) -> dict:
    """Start `baclofen-qa serve` on this index and soak it."""
    with tempfile.TemporaryDirectory(prefix="bench-soak-") as tmp:
        fb = Path(tmp) / "fb.sqlite3"
        with server(serve_cmd(index_dir, fb), free_port()) as (url, proc, _):
            log(f"soak: {answers} answers through {url}")
            return soak(url, proc.pid, answers)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--index-dir", type=Path, required=True)
    p.add_argument("--answers", type=int, default=5000)
    args = p.parse_args(argv)
    print(json.dumps(run(args.index_dir, args.answers), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
