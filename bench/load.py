"""The web app under load through gradio_client: N users, one reused Client each, on 127.0.0.1 only.

Each user asks gold questions back to back (closed loop, no think time: the harshest case), or
with a think time between answers (how people chat; users then arrive spread over one think time).
A level stops after `max_requests` answers or `max_seconds`, whichever comes first; requests still
in flight then finish (or time out).
Outcomes are counted apart: ok, queue_full (gradio_client's QueueError, the server's 503),
timeout, error (an exception, or an answer with status "error" or without the disclaimer).
The load generator runs on the same 2 cores as the server, so its own CPU use is reported too.
"""

from __future__ import annotations

import random
import resource
import shutil
import tempfile
import threading
import time
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from bench.common import (baseline_cmd, client, cpu_seconds, free_port, gold_questions, log, percentiles, ratio,
                          serve_cmd, server, status_kb)

LEVELS = (1, 8, 32, 64)
OVERLOAD = 128  # more users than the queue holds (64 waiting + 2 running): queue-full answers expected


def _self_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def level(url: str, pid: int, users: int, max_requests: int, max_seconds: float, think: float = 0.0,
          timeout: float = 60.0, check_disclaimer: bool = True) -> dict:
    """Drive one load level; throughput, latency percentiles of answered requests, and outcome counts."""
    from gradio_client.utils import QueueError

    from chat.safety import DISCLAIMER

    questions = gold_questions()
    clients = [client(url) for _ in range(users)]  # connected before the clock starts
    lock = threading.Lock()
    counts = {"ok": 0, "queue_full": 0, "timeout": 0, "error": 0}
    latencies: list[float] = []
    issued = [0]
    errors: list[str] = []
    stop_at = time.perf_counter() + max_seconds

    def worker(c, rng: random.Random) -> None:
        if think:  # people arrive spread out, not all in the same millisecond
            time.sleep(rng.uniform(0, think))
        while True:
            with lock:
                if issued[0] >= max_requests or time.perf_counter() >= stop_at:
                    return
                n = issued[0]
                issued[0] += 1
            question, history = questions[n % len(questions)]
            t0 = time.perf_counter()
            try:
                out = c.submit(question, history, api_name="/ask").result(timeout=timeout)
                bad = out.get("status") == "error" or (check_disclaimer and DISCLAIMER not in out.get("disclaimer", ""))
                outcome = "error" if bad else "ok"
            except QueueError:
                outcome = "queue_full"
            except (FutureTimeout, TimeoutError):
                outcome = "timeout"
            except Exception as exc:  # counted, never fatal to the run
                outcome = "error"
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}"[:200])
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                counts[outcome] += 1
                if outcome == "ok":
                    latencies.append(ms)
            if think:
                time.sleep(rng.uniform(0.5 * think, 1.5 * think))

    threads = [threading.Thread(target=worker, args=(c, random.Random(i)), daemon=True)
               for i, c in enumerate(clients)]
    server_cpu0, client_cpu0, t0 = cpu_seconds(pid), _self_cpu(), time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    done = sum(counts.values())
    for c in clients:
        try:
            c.close()
        except Exception:
            pass
    return {"users": users, "think_seconds": think, "requests": done, "seconds": round(elapsed, 2),
            "throughput_rps": round(counts["ok"] / elapsed, 2), **counts, "latency_ms": percentiles(latencies),
            "server_cpu_ms_per_request": round(1000 * (cpu_seconds(pid) - server_cpu0) / max(done, 1), 1),
            "client_cpu_ms_per_request": round(1000 * (_self_cpu() - client_cpu0) / max(done, 1), 1),
            "server_rss_mib": round(status_kb(pid, "VmRSS") / 1024, 1), "error_samples": errors[:5]}


def scenarios(quick: bool = False) -> list[dict]:
    """The levels to run: closed loop at 1/8/32/64 users, 32 users with a think time, then an overload burst."""
    n = 0.5 if quick else 1.0
    out = [dict(users=u, max_requests=int(max(150, 6 * u) * n), max_seconds=60 * n) for u in LEVELS]
    out.append(dict(users=32, max_requests=int(300 * n), max_seconds=60 * n, think=5.0))
    out.append(dict(users=OVERLOAD, max_requests=int(2 * OVERLOAD * n), max_seconds=45 * n))
    return out


def run(index_dir: Path, quick: bool = False) -> dict:
    """Every scenario against our web app, then against the baseline behind the same server."""
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    apps = {"engine": serve_cmd(index_dir, work / "fb.sqlite3"), "baseline": baseline_cmd("serve")}
    results: dict[str, list[dict]] = {}
    for name, cmd in apps.items():
        with server(cmd, free_port()) as (url, proc, _):
            results[name] = []
            for s in scenarios(quick):
                log(f"load: {name}, {s['users']} users" + (f", think {s['think']}s" if s.get("think") else ""))
                results[name].append(level(url, proc.pid, **s, check_disclaimer=name == "engine"))
                time.sleep(2)  # let the queue drain between levels
    shutil.rmtree(work, ignore_errors=True)
    for eng, base in zip(results["engine"], results["baseline"]):
        eng["ratio_to_baseline"] = {"throughput": ratio(eng["throughput_rps"], base["throughput_rps"]),
                                    "p95": ratio(eng["latency_ms"].get("p95"), base["latency_ms"].get("p95"))}
    return results
