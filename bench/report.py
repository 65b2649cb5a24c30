"""Render bench/results/*.json as docs/benchmarks.md: the machine, the targets, then one table per part."""

from __future__ import annotations

import json
from pathlib import Path

from bench.common import RESULTS, ROOT

OUT = ROOT / "docs" / "benchmarks.md"


def _load() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(RESULTS.glob("*.json"))}


def _cell(value) -> str:
    return "–" if value is None else f"{value:,}" if isinstance(value, int) else str(value)


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows])


def _yes(ok: bool | None) -> str:
    return "–" if ok is None else "**met**" if ok else "**not met**"


def machine(r: dict) -> str:
    m = next(iter(r.values()))["machine"]
    libs = ", ".join(f"{k} {v}" for k, v in m["libraries"].items())
    loads = ", ".join(f"{part} {' / '.join(f'{x:.1f}' for x in d['machine']['load_average'])}"
                      for part, d in r.items())
    runs = ", ".join(f"{part} at {d['machine']['git_commit']} ({d['machine']['when'][:16].replace('T', ' ')})"
                     for part, d in r.items())
    return (f"- **CPU**: {m['cpu']}, {m['cores']} cores; **RAM** {m['memory_gib']} GiB; {m['os']}; "
            f"Python {m['python']}\n- **Libraries**: {libs}\n- **Commit and time (UTC) of each part**: {runs}\n"
            f"- **Load average (1/5/15 min) when each part started**: {loads}\n\n"
            "The machine is shared: other engineers ran test suites at the same time, so every figure carries "
            "noise (a run can be 1.5-2x slower than an idle box). The load generator runs on the same 2 cores "
            "as the server.")


def targets(r: dict) -> str:
    rows = []
    if "latency" in r:
        p95 = r["latency"]["engine_ms"]["p95"]
        rows.append(["Warm engine p95 <= 30 ms", f"{p95} ms", _yes(p95 <= 30)])
    if "cold" in r:
        x = r["cold"]["ratio_to_floor"]["cli"]
        rows.append(["CLI cold start <= 1.3 x `import sentence_transformers`", f"{x} x", _yes(x <= 1.3)])
    if "load" in r:
        sc = r["load"]["scenarios"]["engine"]
        for s in sc:
            if s["users"] == 32:
                label = f"think time {s['think_seconds']:g} s" if s["think_seconds"] else "no think time"
                ok = s["error"] == 0 and s["timeout"] == 0 and s["queue_full"] == 0 and s["latency_ms"]["p95"] <= 300
                rows.append([f"32 users ({label}): zero errors, p95 <= 300 ms",
                             f"{s['error'] + s['timeout']} errors, p95 {s['latency_ms']['p95']:,} ms", _yes(ok)])
            if s["users"] >= 64:
                ok = s["error"] == 0 and s["timeout"] == 0
                measured = (f"{s['ok']} ok, {s['queue_full']} queue-full, {s['error']} errors, "
                            f"{s['timeout']} timeouts")
                rows.append([f"{s['users']} users: queue-full answers, not failures or timeouts", measured, _yes(ok)])
    if "soak" in r:
        s = r["soak"]
        ok = s["rss_end_mib"] <= 1200 and s["growth_pct"] < 5
        rows.append(["Web app RSS <= 1.2 GB after the soak, growth < 5%",
                     f"{s['rss_end_mib']} MiB, growth {s['growth_pct']}%", _yes(ok)])
    return _table(["target", "measured", ""], rows)


def latency(d: dict) -> str:
    e, b = d["engine_ms"], d["baseline_ms"]
    rows = [[k, e[k], b[k], d["ratio"].get(k)] for k in ("p50", "p95", "p99", "mean")]
    return (f"{d['questions']:,} questions (the {d['distinct']} gold questions repeated, {d['warmup']} warm-up "
            "answers not counted), answered in one process; milliseconds.\n\n"
            + _table(["", "engine", "baseline", "engine / baseline"], rows))


def cold(d: dict) -> str:
    names = {"floor_import": "`python -c \"import sentence_transformers\"` (floor)", "cli": "`baclofen-qa ask`",
             "web": "`baclofen-qa serve` to first API answer", "baseline_cli": "baseline, one question",
             "baseline_web": "baseline behind the same web server"}
    med, rss, fl = d["median_seconds"], d["median_peak_rss_mib"], d["ratio_to_floor"]
    runs = {k: ", ".join(f"{r['seconds']:.1f}" for r in v) for k, v in d["runs"].items()}
    rows = [[names[k], med[k], runs[k], fl[k], rss[k]] for k in names]
    rb = d["ratio_to_baseline"]
    return (_table(["process start to first answer", "median s", "runs (s)", "x floor", "peak RSS MiB"], rows)
            + f"\n\nEngine / baseline: CLI {rb['cli']} x, web {rb['web']} x (the baseline keeps no index, "
            "so its start includes embedding its 18 chunks).")


def build(d: dict) -> str:
    m = d["median"]
    rows = [["`baclofen-qa build`", m["cli"]["seconds"], m["cli"]["build_seconds"], m["cli"]["peak_rss_mib"]],
            ["`baclofen-qa serve` on an empty index dir", m["web"]["seconds_to_first_answer"],
             m["web"]["build_seconds"], m["web"]["peak_rss_mib"]],
            ["baseline (chunk + embed in memory)", m["baseline"]["seconds"], m["baseline"]["build_seconds"],
             m["baseline"]["peak_rss_mib"]]]
    rb = d["ratio_to_baseline"]
    return (_table(["", "process s (to exit / first answer)", "build s (manifest)", "peak RSS MiB"], rows)
            + f"\n\nEngine / baseline: build time {rb['cli_build_seconds']} x, peak RSS CLI {rb['cli_peak_rss']} x, "
            f"web {rb['web_peak_rss']} x. Our index embeds 34 chunks + 95 quote units + their lead-ins; the "
            "baseline embeds 18 chunks.")


def load(d: dict) -> str:
    rows = []
    for e, b in zip(d["scenarios"]["engine"], d["scenarios"]["baseline"]):
        lat = e["latency_ms"]
        think = f"{e['think_seconds']:g}" if e["think_seconds"] else "0"
        rows.append([e["users"], think, e["requests"], e["throughput_rps"], lat.get("p50"), lat.get("p95"),
                     lat.get("p99"), e["ok"], e["queue_full"], e["error"], e["timeout"],
                     e["server_cpu_ms_per_request"], e["client_cpu_ms_per_request"], e["server_rss_mib"],
                     b["throughput_rps"], b["latency_ms"].get("p95"), e["ratio_to_baseline"]["p95"]])
    return _table(["users", "think s", "requests", "answers/s", "p50 ms", "p95 ms", "p99 ms", "ok", "queue-full",
                   "errors", "timeouts", "server CPU ms/req", "client CPU ms/req", "server RSS MiB",
                   "baseline answers/s", "baseline p95 ms", "p95 / baseline"], rows)


def soak(d: dict) -> str:
    def row(name: str, r: dict) -> list:
        lat = r["latency_ms"]
        return [name, r["answers"], r["sessions"], r["seconds"], r["throughput_rps"], r["ok"], r["error_status"],
                r["failed"], f"{lat['p50']} / {lat['p95']}", r["rss_after_warmup_mib"], r["rss_end_mib"],
                r["rss_peak_mib"], f"{r['growth_pct']}%"]

    rows = [row("`baclofen-qa serve`", d)]
    return ("4 workers over Gradio's HTTP queue API; a session asks 10 questions, then a new one starts; every "
            "50th question is an odd input (empty, 5,000 characters, control characters, HTML...), which must "
            "come back as a clear `error` answer. RSS growth is from the end of a 500-answer warm-up.\n\n"
            + _table(["server", "answers", "sessions", "seconds", "answers/s", "ok", "error answers (odd inputs)",
                      "failed", "p50 / p95 ms", "RSS after warm-up MiB", "RSS end MiB", "peak MiB", "growth"], rows))


def scale(d: dict) -> str:
    rows = [[s["copies"], s["documents"], s["chunks"], s["units"], s["index_type"], s["build_seconds"],
             s["build_peak_rss_mib"], s["index_mib"], s["load_seconds"], s["rss_mib"], s["latency_ms"]["p50"],
             s["latency_ms"]["p95"], s["latency_ms"]["p99"], "yes" if s["all_exact_and_named"] else "NO",
             s["documents_quoted"]] for s in d["sizes"]]
    out = _table(["copies", "documents", "chunks", "quote units", "chunk index", "build s", "build peak RSS MiB",
                  "index MiB", "engine load s", "engine RSS MiB", "p50 ms", "p95 ms", "p99 ms",
                  "quotes exact + named", "documents quoted"], rows)
    big = next((s for s in d["sizes"] if "hnsw" in s), None)
    if big:
        h = big["hnsw"]
        out += (f"\n\n**HNSW vs exact on the {big['copies']}-copy index** ({h['chunk_vectors']:,} chunk vectors, "
                f"M={h['params']['M']}, efSearch={h['params']['efSearch']}, built in {h['build_seconds']} s): "
                f"recall@10 {h['recall@10']['strict']} (ties counted: {h['recall@10']['ties_counted']}), recall@64 "
                f"{h['recall@64']['strict']} (ties: {h['recall@64']['ties_counted']}); chunk search "
                f"{h['search_ms']['flat']} ms exact vs {h['search_ms']['hnsw']} ms HNSW; engine p50/p95 "
                f"{h['engine_latency_ms']['p50']}/{h['engine_latency_ms']['p95']} ms with HNSW; the same answers "
                f"(status and quote texts) for {h['same_answers']} gold questions. The copies are identical, so "
                "each chunk vector occurs once per copy: strict recall by id is low by construction (any of the "
                "equal-scoring copies is an equally right hit), which the tie-aware figure counts. Even so, "
                "HNSW misses some: 100 identical vectors per chunk crowd each other's graph links, a known "
                "weakness of HNSW; below 20,000 chunk vectors the build never uses it.")
    if d.get("ann_sweep"):
        out += ("\n\nBeyond the sizes built here: exact vs HNSW on MiniLM-like vectors (mixtures of the index's "
                "real vectors plus noise) and, once, on random vectors (the hardest case); the 165 gold questions "
                "as queries, one at a time as the engine asks, k=64:\n\n")
        out += _table(["vectors", "kind", "exact search ms", "HNSW search ms", "HNSW build s", "recall@10",
                       "recall@64"],
                      [[s["vectors"], s["kind"], s["search_ms_k64"]["flat"], s["search_ms_k64"]["hnsw"],
                        s["hnsw_build_seconds"], s["recall@10"], s["recall@64"]] for s in d["ann_sweep"]])
    return out


SECTIONS = (("latency", "Warm engine latency", latency), ("cold", "Cold start", cold),
            ("build", "Index build", build), ("load", "Web app under load (gradio_client)", load),
            ("soak", "Soak (web API)", soak), ("scale", "Scaling: copies of the monograph as separate documents",
                                                 scale))


def render(results: dict[str, dict]) -> str:
    intro = ("Produced by `make bench` (`python -m bench.run`; raw figures in `bench/results/*.json`). Every "
             "engine figure has the evaluator's quick-start baseline (eval/baseline.py) beside it, measured the "
             "same way in the same run.")
    parts = ["# Benchmarks", "", intro, "", "## Machine", "",
             machine(results), "", "## Targets", "", targets(results)]
    for key, title, fn in SECTIONS:
        if key in results:
            wall = results[key].get("wall_seconds")
            parts += ["", f"## {title}", "", fn(results[key]) + (f"\n\n(part took {wall:.0f} s)" if wall else "")]
    notes = ROOT / "bench" / "NOTES.md"
    if notes.is_file():
        parts += ["", notes.read_text(encoding="utf-8").strip()]
    return "\n".join(parts) + "\n"


def write() -> Path:
    """Render the latest results into docs/benchmarks.md."""
    OUT.write_text(render(_load()), encoding="utf-8")
    return OUT
