"""`make bench`: every benchmark part in turn, each saved to bench/results/<part>.json, then docs/benchmarks.md.

    python -m bench.run                          # everything (about 20 minutes on the 2-core box)
    python -m bench.run --parts latency load     # some parts; the report uses the latest JSON of the others
    python -m bench.run --quick                  # shorter load levels, scaling over 1 and 10 copies only
    python -m bench.run --report                 # only re-render docs/benchmarks.md from bench/results/

A benchmark, not a test: it prints and records figures and never fails on them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import cold, latency, load, report, scale, soak
from bench.common import BIN, log, run_measured, save

PARTS = ("latency", "cold", "build", "load", "soak", "scale")


def shared_index() -> Path:
    """A fresh default index (the bundled monograph, the bundled model) for the parts that serve one."""
    path = Path(tempfile.mkdtemp(prefix="bench-index-")) / "index"
    run_measured([str(BIN / "baclofen-qa"), "build", "--index-dir", str(path), "--quiet"])
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    p.add_argument("--quick", action="store_true", help="shorter load levels; scaling over 1 and 10 copies")
    p.add_argument("--copies", nargs="+", type=int, default=None, help="scaling sizes (default 1 10 100)")
    p.add_argument("--cold-runs", type=int, default=3, help="runs per cold-start case (median reported)")
    p.add_argument("--report", action="store_true", help="only re-render docs/benchmarks.md")
    args = p.parse_args(argv)
    if args.report:
        print(report.write())
        return 0
    started = time.perf_counter()
    index_dir = shared_index() if {"latency", "cold", "load", "soak"} & set(args.parts) else None
    copies = tuple(args.copies or ((1, 10) if args.quick else scale.COPIES))
    jobs = {
        "latency": lambda: latency.run(index_dir),
        "cold": lambda: cold.cold_start(index_dir, args.cold_runs),
        "build": lambda: cold.builds(),
        "load": lambda: {"scenarios": load.run(index_dir, args.quick)},
        "soak": lambda: soak.run(index_dir, 1000 if args.quick else 5000),
        "scale": lambda: scale.run(copies, (20_000,) if args.quick else (20_000, 100_000)),
    }
    for part in args.parts:
        t0 = time.perf_counter()
        log(f"{part}: start")
        data = jobs[part]()
        data["wall_seconds"] = round(time.perf_counter() - t0, 1)
        log(f"{part}: done in {data['wall_seconds']:.0f}s -> {save(part, data)}")
    if index_dir:
        shutil.rmtree(index_dir.parent, ignore_errors=True)
    path = report.write()
    log(f"all parts in {time.perf_counter() - started:.0f}s; report: {path}")
    print(path.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
