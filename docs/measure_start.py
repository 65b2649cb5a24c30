"""Time from `baclofen-qa serve` starting (index already built) to the page answering a question.

Usage: .venv/bin/python docs/measure_start.py [--index-dir DIR] [--runs 3]
Starts the server as `make run` does, polls the `ask` endpoint with gradio_client until it answers,
prints the seconds for each run, then stops the server.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_run(index_dir: str | None, timeout: float = 300) -> tuple[float, float]:
    """Seconds from the start to the page loading, and to the first answer."""
    import httpx
    from gradio_client import Client

    port = free_port()
    cmd = [str(BIN / "baclofen-qa"), "serve", "--port", str(port), "--feedback-db",
           str(Path(tempfile.mkdtemp()) / "fb.sqlite3")]
    if index_dir:
        cmd += ["--index-dir", index_dir]
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = None
    try:
        while time.perf_counter() - start < timeout:
            if proc.poll() is not None:
                raise SystemExit(f"the server exited with code {proc.returncode}")
            try:
                if page is None and httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200:
                    page = time.perf_counter() - start
                client = Client(f"http://127.0.0.1:{port}", verbose=False, analytics_enabled=False)
                answer = client.predict("What is baclofen used for?", [], api_name="/ask")
                if answer.get("quotes"):
                    return page or 0.0, time.perf_counter() - start
            except Exception:
                time.sleep(0.1)
        raise SystemExit("no answer within the timeout")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--index-dir", default=None, help="index to serve (default: the one `make run` uses)")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    runs = [one_run(args.index_dir) for _ in range(args.runs)]
    for name, times in (("page served", [r[0] for r in runs]), ("first answer", [r[1] for r in runs])):
        print(f"start to {name} (s):", ", ".join(f"{t:.1f}" for t in times),
              f"| median {sorted(times)[len(times) // 2]:.1f}")


if __name__ == "__main__":
    main()
