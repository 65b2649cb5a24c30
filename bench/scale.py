"""Scaling: indexes over 1, 10 and 100 copies of the monograph (each copy a separate document).

For each size: `baclofen-qa build --corpus FOLDER` (time, peak RSS, index size on disk), then a fresh
process loads the engine and answers the gold set (load time, RSS, latency, every quote exact and
naming its document). On the largest index, HNSW (index/ann.py) is compared with the exact index:
recall@10 and @64 of the chunk search, search time, and the engine's answers with each. A sweep over
20,000 and 100,000 MiniLM-like vectors shows where exact search stops being cheap (ann.EXACT_LIMIT).

    python -m bench.scale query INDEX_DIR [--hnsw]             # child processes (each prints one JSON line)
    python -m bench.scale sweep INDEX_DIR [--sizes 20000 100000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.common import BIN, gold_questions, log, percentiles, run_measured, status_kb

COPIES = (1, 10, 100)


def make_corpus(folder: Path, copies: int) -> Path:
    """`copies` files holding the monograph verbatim: copy_000.txt, copy_001.txt, ..."""
    from ingest.corpus import DEFAULT_CORPUS

    folder.mkdir(parents=True, exist_ok=True)
    data = DEFAULT_CORPUS.read_bytes()
    for i in range(copies):
        (folder / f"copy_{i:03d}.txt").write_bytes(data)
    return folder


def _answer_all(engine, questions: list, warmup: int = 20) -> tuple[list[float], list]:
    for q, h in questions[:warmup]:
        engine.answer(q, h)
    times, answers = [], []
    for q, h in questions:
        t0 = time.perf_counter()
        answers.append(engine.answer(q, h))
        times.append((time.perf_counter() - t0) * 1000)
    return times, answers


def _exact_quotes(engine, answers: list) -> dict:
    docs = engine.index.documents
    quotes = [q for a in answers for q in a.quotes]
    exact = all(q.doc_id in docs and docs[q.doc_id].text[q.start:q.end] == q.text for q in quotes)
    return {"quotes": len(quotes), "all_exact_and_named": exact, "documents_quoted": len({q.doc_id for q in quotes})}


def _recall(flat, hnsw, queries, k: int) -> dict:
    from index.ann import recall_at_k

    k = min(k, flat.ntotal)
    es, ei = flat.search(queries, k)
    hs, hi = hnsw.search(queries, k)
    return {"strict": round(recall_at_k(ei, hi), 4), "ties_counted": round(recall_at_k(ei, hi, es, hs), 4)}


def _search_ms(index, queries, k: int = 64, repeat: int = 3) -> float:
    t0 = time.perf_counter()
    for _ in range(repeat):
        for q in queries:
            index.search(q.reshape(1, -1), min(k, index.ntotal))
    return round((time.perf_counter() - t0) * 1000 / (repeat * len(queries)), 3)


def hnsw_compare(engine, questions: list, exact_answers: list) -> dict:
    """HNSW over the same chunk vectors: recall against exact, search time, and the engine's answers with it."""
    import numpy as np

    from chat.engine import Engine
    from index import ann

    flat = engine.index.chunk_index
    vectors = flat.reconstruct_n(0, flat.ntotal)
    t0 = time.perf_counter()
    hnsw = ann.make_index(vectors, ann.HNSW)
    build_s = time.perf_counter() - t0
    queries = np.ascontiguousarray(engine.encoder.encode([q for q, _ in questions]), dtype=np.float32)
    approx = Engine(replace(engine.index, chunk_index=hnsw), engine.encoder, engine.settings)
    times, answers = _answer_all(approx, questions)
    same = sum(a.status == b.status and [q.text for q in a.quotes] == [q.text for q in b.quotes]
               for a, b in zip(answers, exact_answers))
    return {"chunk_vectors": int(flat.ntotal), "params": ann.ann_params(ann.HNSW), "build_seconds": round(build_s, 2),
            "recall@10": _recall(flat, hnsw, queries, 10), "recall@64": _recall(flat, hnsw, queries, 64),
            "search_ms": {"flat": _search_ms(flat, queries), "hnsw": _search_ms(hnsw, queries)},
            "engine_latency_ms": percentiles(times), "same_answers": f"{same}/{len(answers)}"}


def query(index_dir: Path, with_hnsw: bool = False) -> dict:
    """In a fresh process: load the engine, answer the gold set, report time, memory and quote checks."""
    from chat.engine import Engine

    rss0 = _self_rss()
    t0 = time.perf_counter()
    engine = Engine.load(index_dir)
    load_s = time.perf_counter() - t0
    questions = gold_questions()
    times, answers = _answer_all(engine, questions)
    out = {"load_seconds": round(load_s, 2), "rss_mib": round(_self_rss() / 1024, 1),
           "rss_before_load_mib": round(rss0 / 1024, 1), "latency_ms": percentiles(times),
           **_exact_quotes(engine, answers)}
    if with_hnsw:
        out["hnsw"] = hnsw_compare(engine, questions, answers)
    return out


def _self_rss() -> int:
    import os

    return status_kb(os.getpid(), "VmRSS")


def ann_sweep(index_dir: Path, sizes: tuple[int, ...] = (20_000, 100_000), seed: int = 0) -> list[dict]:
    """Exact vs HNSW beyond the sizes built here, on MiniLM-like vectors, with the gold questions as queries.

    The vectors are mixtures of two real vectors of the index (chunks, quote units, lead-ins) plus
    noise, renormalised: spread like embeddings of related text, which random vectors are not. A
    random-vector row (the hardest case for any ANN index) is added at the smallest size.
    """
    import numpy as np

    from index import ann
    from index.embed import load_encoder
    from index.store import load_index

    index = load_index(index_dir)
    real = np.vstack([index.chunk_index.reconstruct_n(0, index.chunk_index.ntotal), index.unit_vectors,
                      index.head_vectors]).astype(np.float32)
    queries = np.ascontiguousarray(load_encoder().encode([q for q, _ in gold_questions()]), dtype=np.float32)
    rng = np.random.default_rng(seed)

    def unit(x):
        return np.ascontiguousarray(x / np.linalg.norm(x, axis=1, keepdims=True), dtype=np.float32)

    def minilm_like(n: int):
        w = rng.uniform(0, 1, (n, 1)).astype(np.float32)
        a, b = real[rng.integers(0, len(real), n)], real[rng.integers(0, len(real), n)]
        return unit(w * a + (1 - w) * b + 0.6 * rng.standard_normal((n, real.shape[1]), dtype=np.float32) /
                    np.sqrt(real.shape[1]))

    cases = [("MiniLM-like", n, minilm_like(n)) for n in sizes]
    cases.append(("random", sizes[0], unit(rng.standard_normal((sizes[0], real.shape[1]), dtype=np.float32))))
    out = []
    for kind, n, x in cases:
        flat = ann.make_index(x, ann.FLAT)
        t0 = time.perf_counter()
        hnsw = ann.make_index(x, ann.HNSW)
        build_s = time.perf_counter() - t0
        out.append({"vectors": n, "kind": kind, "dim": int(x.shape[1]), "hnsw_build_seconds": round(build_s, 1),
                    "search_ms_k64": {"flat": _search_ms(flat, queries, repeat=1),
                                      "hnsw": _search_ms(hnsw, queries, repeat=1)},
                    "recall@10": _recall(flat, hnsw, queries, 10)["strict"],
                    "recall@64": _recall(flat, hnsw, queries, 64)["strict"]})
    return out


def run(copies: tuple[int, ...] = COPIES, sweep: tuple[int, ...] = (20_000, 100_000)) -> dict:
    """Build and query an index per size; HNSW compared on the largest; the sweep beyond on the smallest."""
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    rows, swept = [], []
    for n in copies:
        folder = make_corpus(work / f"corpus-{n}", n)
        idx = work / f"index-{n}"
        log(f"scale: building {n} cop{'y' if n == 1 else 'ies'}")
        built = run_measured([str(BIN / "baclofen-qa"), "build", "--corpus", str(folder), "--index-dir", str(idx),
                              "--quiet"])
        manifest = json.loads((idx / "manifest.json").read_text())
        log(f"scale: querying {n} cop{'y' if n == 1 else 'ies'}")
        child = [sys.executable, "-m", "bench.scale", "query", str(idx)] + (["--hnsw"] if n == max(copies) else [])
        queried = json.loads(run_measured(child)["stdout"].strip().splitlines()[-1])
        if sweep and not swept:
            log(f"scale: exact vs HNSW on {', '.join(f'{n:,}' for n in sweep)} MiniLM-like vectors")
            cmd = [sys.executable, "-m", "bench.scale", "sweep", str(idx), "--sizes", *map(str, sweep)]
            swept = json.loads(run_measured(cmd)["stdout"].strip().splitlines()[-1])
        rows.append({"copies": n, "documents": manifest["counts"]["documents"], "chunks": manifest["counts"]["chunks"],
                     "units": manifest["counts"]["units"], "index_type": manifest["index_type"],
                     "build_seconds": built["exit_seconds"], "build_peak_rss_mib": built["peak_rss_mib"],
                     "index_mib": round(sum(f.stat().st_size for f in idx.iterdir()) / 2**20, 2), **queried})
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(idx, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    return {"sizes": rows, "ann_sweep": swept}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="the query half of the scaling benchmark (run in a fresh process)")
    p.add_argument("mode", choices=("query", "sweep"))
    p.add_argument("index_dir", type=Path)
    p.add_argument("--hnsw", action="store_true", help="query: also compare HNSW with the exact index")
    p.add_argument("--sizes", nargs="+", type=int, default=[20_000, 100_000], help="sweep: vector counts")
    args = p.parse_args(argv)
    out = query(args.index_dir, args.hnsw) if args.mode == "query" else ann_sweep(args.index_dir, tuple(args.sizes))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
