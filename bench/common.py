"""Shared helpers for the benchmark: machine details, percentiles, process memory, servers, results files."""

from __future__ import annotations

import json
import os
import platform
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Sequence

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
GOLD = ROOT / "eval" / "gold.jsonl"
QUESTION = "What is baclofen used for?"
LIBRARIES = ("torch", "sentence-transformers", "faiss-cpu", "gradio", "gradio_client", "numpy", "bm25s")


def env() -> dict[str, str]:
    """The environment every child process gets: offline, no telemetry, quiet progress bars."""
    return dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false",
                GRADIO_ANALYTICS_ENABLED="False", HF_HUB_DISABLE_TELEMETRY="1", HF_HUB_DISABLE_PROGRESS_BARS="1")


def machine() -> dict:
    """What the figures were measured on; the load average shows how busy the shared box was."""
    from importlib.metadata import PackageNotFoundError, version

    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next((int(line.split()[1]) for line in _read("/proc/meminfo").splitlines()
                   if line.startswith("MemTotal")), 0)
    libs = {}
    for name in LIBRARIES:
        try:
            libs[name] = version(name)
        except PackageNotFoundError:
            pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kb / 2**20, 1),
            "os": platform.platform(), "python": platform.python_version(), "libraries": libs,
            "load_average": list(os.getloadavg()), "git_commit": commit.strip(),
            "when": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def percentiles(values_ms: Sequence[float]) -> dict:
    """n, mean, p50, p95, p99 and max of a list of milliseconds (nearest-rank-free linear interpolation)."""
    import numpy as np

    if not len(values_ms):
        return {"n": 0}
    a = np.asarray(values_ms, dtype=float)
    p50, p95, p99 = np.percentile(a, [50, 95, 99])
    return {"n": int(a.size), "mean": round(float(a.mean()), 2), "p50": round(float(p50), 2),
            "p95": round(float(p95), 2), "p99": round(float(p99), 2), "max": round(float(a.max()), 2)}


def ratio(a: float | None, b: float | None) -> float | None:
    """a / b rounded, or None when either is missing."""
    return round(a / b, 2) if a is not None and b else None


def status_kb(pid: int, field: str) -> int:
    """A /proc/PID/status memory field in KiB: VmRSS (now) or VmHWM (peak)."""
    for line in _read(f"/proc/{pid}/status").splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far."""
    fields = _read(f"/proc/{pid}/stat").rsplit(")", 1)[-1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") if len(fields) > 12 else 0.0


GNU_TIME = Path("/usr/bin/time")


def run_measured(cmd: Sequence[str], first_line: bool = False) -> dict:
    """Run a command; wall seconds (to its first stdout line when asked, else to exit) and its peak RSS in MiB.

    The peak comes from GNU time when installed: a child forked straight from this (large) process
    would count this process's memory in its own ru_maxrss, since Linux keeps the pre-exec high-water mark.
    """
    import tempfile

    errors, rss_file = tempfile.TemporaryFile(), tempfile.NamedTemporaryFile(suffix=".rss")
    wrapped = [str(GNU_TIME), "-f", "%M", "-o", rss_file.name, *cmd] if GNU_TIME.exists() else list(cmd)
    start = time.perf_counter()
    proc = subprocess.Popen(wrapped, env=env(), stdout=subprocess.PIPE, stderr=errors, cwd=ROOT)
    first = None
    if first_line:
        proc.stdout.readline()
        first = time.perf_counter() - start
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    errors.seek(0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {errors.read().decode(errors='replace')[-800:]}")
    timed = Path(rss_file.name).read_text().strip().splitlines()
    peak_kb = int(timed[-1]) if GNU_TIME.exists() and timed else usage.ru_maxrss
    return {"seconds": round(first if first is not None else wall, 3), "exit_seconds": round(wall, 3),
            "peak_rss_mib": round(peak_kb / 1024, 1), "stdout": out.decode(errors="replace")}


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(url: str):
    """A gradio_client.Client without telemetry (one per worker, reused)."""
    from gradio_client import Client

    return Client(url, verbose=False, analytics_enabled=False)


def wait_for_answer(url: str, proc: subprocess.Popen, start: float, timeout: float = 600) -> float:
    """Poll the `ask` endpoint until it answers; seconds since `start`."""
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            out = client(url).predict(QUESTION, [], api_name="/ask")
            if out.get("quotes"):
                return time.perf_counter() - start
        except Exception:
            time.sleep(0.1)
    raise RuntimeError(f"no answer from {url} within {timeout:.0f}s")


@contextmanager
def server(cmd: Sequence[str], port: int) -> Iterator[tuple[str, subprocess.Popen, float]]:
    """Start a web server (a command that takes --port), yield (url, process, seconds to its first answer)."""
    start = time.perf_counter()
    proc = subprocess.Popen([*cmd, "--port", str(port)], env=env(), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        yield url, proc, wait_for_answer(url, proc, start)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def serve_cmd(index_dir: Path, feedback_db: Path, build: bool = False) -> list[str]:
    """`baclofen-qa serve` on 127.0.0.1 for this index (never rebuilding unless asked)."""
    cmd = [str(BIN / "baclofen-qa"), "serve", "--host", "127.0.0.1", "--index-dir", str(index_dir),
           "--feedback-db", str(feedback_db)]
    return cmd if build else [*cmd, "--no-build"]


def baseline_cmd(*args: str) -> list[str]:
    """The evaluator's quick-start baseline as a program (bench/baseline_app.py)."""
    return [sys.executable, "-m", "bench.baseline_app", *args]


def gold_questions() -> list[tuple[str, list[str]]]:
    """(question, history) of every gold question, in file order."""
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["question"], list(r.get("history", []))) for r in rows]


def save(part: str, data: dict) -> Path:
    """Write bench/results/<part>.json (with the machine's details) and return its path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{part}.json"
    path.write_text(json.dumps({"part": part, "machine": machine(), **data}, indent=2) + "\n", encoding="utf-8")
    return path


def log(message: str) -> None:
    """Progress on stderr, so a long run shows where it is."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
