"""Cold start (process start to first answer) and index builds: CLI, web app and baseline, side by side.

Every case is timed to its first line of output (the answer; "ready" for the bare import), so the
interpreter's exit (about a second with torch loaded) counts for none of them. Runs are interleaved
(floor, CLI, web, baseline CLI, baseline web, then again) so a busy moment on the shared machine
spreads over all of them; the median of the runs is reported.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.common import (BIN, QUESTION, baseline_cmd, free_port, log, ratio, run_measured, serve_cmd, server,
                          status_kb)


def _web(cmd: list[str]) -> dict:
    """Seconds from starting a server to its first answer, and its peak RSS at that moment."""
    with server(cmd, free_port()) as (_, proc, seconds):
        return {"seconds": round(seconds, 3), "peak_rss_mib": round(status_kb(proc.pid, "VmHWM") / 1024, 1)}


def _median(runs: list[dict], key: str = "seconds") -> float:
    return round(statistics.median(r[key] for r in runs), 3)


def cold_start(index_dir: Path, runs: int = 3) -> dict:
    """Median seconds to the first answer: the bare import (floor), our CLI and web app, the baseline's."""
    work = Path(tempfile.mkdtemp(prefix="bench-cold-"))
    cases = {
        "floor_import": lambda: run_measured([sys.executable, "-c", "import sentence_transformers; print('ready')"],
                                             first_line=True),
        "cli": lambda: run_measured([str(BIN / "baclofen-qa"), "ask", QUESTION, "--index-dir", str(index_dir)],
                                    first_line=True),
        "web": lambda: _web(serve_cmd(index_dir, work / "fb.sqlite3")),
        "baseline_cli": lambda: run_measured(baseline_cmd("ask", QUESTION), first_line=True),
        "baseline_web": lambda: _web(baseline_cmd("serve")),
    }
    results: dict[str, list[dict]] = {name: [] for name in cases}
    for n in range(runs):
        for name, case in cases.items():
            log(f"cold start: {name} (run {n + 1}/{runs})")
            r = case()
            results[name].append({k: v for k, v in r.items() if k != "stdout"})
    shutil.rmtree(work, ignore_errors=True)
    med = {name: _median(rs) for name, rs in results.items()}
    rss = {name: _median(rs, "peak_rss_mib") for name, rs in results.items()}
    return {"runs": results, "median_seconds": med, "median_peak_rss_mib": rss,
            "ratio_to_floor": {name: ratio(med[name], med["floor_import"]) for name in med},
            "ratio_to_baseline": {"cli": ratio(med["cli"], med["baseline_cli"]),
                                  "web": ratio(med["web"], med["baseline_web"])}}


def builds(runs: int = 1) -> dict:
    """Index build time and peak RSS: `baclofen-qa build`, `serve` on an empty index dir, the baseline's."""
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    out: dict[str, list[dict]] = {"cli": [], "web": [], "baseline": []}
    for n in range(runs):
        log(f"build: CLI (run {n + 1}/{runs})")
        idx = work / f"cli-{n}"
        r = run_measured([str(BIN / "baclofen-qa"), "build", "--index-dir", str(idx), "--quiet"])
        out["cli"].append({"seconds": r["exit_seconds"], "peak_rss_mib": r["peak_rss_mib"],
                           "build_seconds": _build_seconds(idx)})
        log(f"build: web app on an empty index dir (run {n + 1}/{runs})")
        idx = work / f"web-{n}"
        t0 = time.perf_counter()
        first = _web(serve_cmd(idx, work / "fb.sqlite3", build=True))
        out["web"].append({"seconds_to_first_answer": round(time.perf_counter() - t0, 3),
                           "peak_rss_mib": first["peak_rss_mib"], "build_seconds": _build_seconds(idx)})
        log(f"build: baseline (run {n + 1}/{runs})")
        r = run_measured(baseline_cmd("build"))
        out["baseline"].append({"seconds": r["exit_seconds"], "peak_rss_mib": r["peak_rss_mib"],
                                "build_seconds": json.loads(r["stdout"])["seconds"]})
    shutil.rmtree(work, ignore_errors=True)
    summary = {name: {k: _median(rs, k) for k in rs[0]} for name, rs in out.items()}
    return {"runs": out, "median": summary,
            "ratio_to_baseline": {
                "cli_build_seconds": ratio(summary["cli"]["build_seconds"], summary["baseline"]["build_seconds"]),
                "cli_peak_rss": ratio(summary["cli"]["peak_rss_mib"], summary["baseline"]["peak_rss_mib"]),
                "web_peak_rss": ratio(summary["web"]["peak_rss_mib"], summary["baseline"]["peak_rss_mib"])}}


def _build_seconds(index_dir: Path) -> float:
    """What the manifest says the build itself took (parse, chunk, embed, write; not the model load)."""
    return float(json.loads((index_dir / "manifest.json").read_text())["build_seconds"])
