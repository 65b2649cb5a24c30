"""`baclofen-qa eval`: the evaluator's subcommand (argparse only here; the work is imported when it runs)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from ingest.errors import InputError

DEFAULT_OUT = Path("eval/reports/latest")


def _ks(text: str) -> tuple[int, ...]:
    try:
        ks = tuple(sorted({int(k) for k in text.split(",") if k.strip()}))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of numbers, e.g. 1,3,5,10") from None
    if not ks or not all(1 <= k <= 100 for k in ks):
        raise argparse.ArgumentTypeError("each k must be between 1 and 100")
    return ks


def _setting(text: str) -> tuple[str, object]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"{text!r}: write KEY=VALUE, e.g. passages_k=12")
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = value
    return key.strip(), parsed


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register `eval` on the CLI's subparsers."""
    from chat.cli import _chunk_args, _common

    p = subparsers.add_parser(
        "eval", help="score the engine (and a quick-start baseline) on question-answer test sets",
        description="Runs test sets through the engine and a plain baseline, prints the figures and writes "
                    "report.txt, report.json, report.md and report.html. Exit 1 if a --fail-under rule fails.")
    p.set_defaults(func=cmd_eval)
    p.add_argument("--testset", nargs="+", type=Path, default=None, metavar="FILE",
                   help="JSONL or CSV test set(s) (default: the bundled gold set eval/gold.jsonl)")
    p.add_argument("--split", choices=("dev", "test", "all"), default="dev",
                   help="which questions (default dev; tune only on dev)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"report directory (default {DEFAULT_OUT})")
    p.add_argument("--k", type=_ks, default=(1, 3, 5, 10), metavar="K,K,...",
                   help="cut-offs for the retrieval figures (default 1,3,5,10)")
    p.add_argument("--fail-under", action="append", default=[], metavar="RULE",
                   help="gate: METRIC=VALUE (floor; a ceiling for emergency_missed, *_chars, *_ms), METRIC>=VALUE, "
                        "METRIC<=VALUE, optionally CATEGORY:METRIC...; repeatable; exit 1 if any fails")
    p.add_argument("--compare", nargs="+", type=Path, default=None, metavar="REPORT.json",
                   help="one report: compare this run against it; two reports: compare them without running")
    p.add_argument("--corpus", type=Path, default=None, help="the monograph the gold spans point into "
                   "(default: the bundled one)")
    p.add_argument("--set", dest="engine_set", action="append", type=_setting, default=[], metavar="KEY=VALUE",
                   help="override an engine setting for this run, e.g. --set passages_k=12")
    p.add_argument("--max-failures", type=int, default=None, metavar="N",
                   help="print at most N failed questions (default all; the reports always list all)")
    p.add_argument("--emergency-set", type=Path, default=None, metavar="FILE",
                   help="instead: score the emergency check on JSONL messages {id, text, urgent, kind} "
                        "(escalated and false alarms; the messages are never printed)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    _common(p)
    _chunk_args(p)
    # None means the default chunking, so a trial with other sizes never rebuilds the served index
    p.set_defaults(chunk_tokens=None, overlap_tokens=None)
    return p


def write_reports(report, out: Path, text: str) -> list[Path]:
    """report.txt, .json, .md and .html in `out`."""
    from eval.html import render_html
    from eval.markdown import render_markdown
    from eval.report import write_files

    return write_files(out, {"report.txt": text, "report.json": report.to_json(),
                             "report.md": render_markdown(report), "report.html": render_html(report)})


def cmd_eval(args) -> int:
    """Run (or load) reports, print them, write them, then apply the gate."""
    from eval.compare import compare_reports, write_comparison
    from eval.console import render_text
    from eval.gate import check, parse_rules
    from eval.report import read_report
    from eval.run import EvalConfig, evaluate
    from eval.testset import DEFAULT_TESTSET

    if args.compare and len(args.compare) > 2:
        raise InputError("--compare takes one report (to compare this run against) or two (to compare them)")
    if args.max_failures is not None and args.max_failures < 0:
        raise InputError("--max-failures must be 0 or more")
    if args.emergency_set is not None:
        return _emergency_set(args)
    rules = parse_rules(args.fail_under, args.k)
    if args.compare and len(args.compare) == 2:
        old, new = (read_report(p) for p in args.compare)
        comparison = compare_reports(old, new)
        print(comparison.text, end="")
        written = write_comparison(comparison, args.out)
        print(f"wrote {', '.join(map(str, written))}", file=sys.stderr)
        return _gate(new, rules)
    base = read_report(args.compare[0]) if args.compare else None
    config = EvalConfig(testsets=tuple(args.testset or [DEFAULT_TESTSET]), split=args.split, ks=args.k,
                        corpus=args.corpus, index_dir=args.index_dir, model=args.model,
                        chunk_tokens=args.chunk_tokens, overlap_tokens=args.overlap_tokens,
                        engine_overrides=dict(args.engine_set), progress=not args.quiet)
    report = evaluate(config, log=lambda m: print(m, file=sys.stderr))
    report = report.with_gates(check(report, rules)) if rules else report
    text = render_text(report, args.max_failures)
    print(text, end="")
    written = write_reports(report, args.out, render_text(report))
    if base is not None:
        comparison = compare_reports(base, replace(report, path=str(args.out / "report.json")))
        print("\n" + comparison.text, end="")
        written += write_comparison(comparison, args.out)
    print(f"wrote {', '.join(map(str, written))}", file=sys.stderr)
    return _gate(report, rules)


def _emergency_set(args) -> int:
    """Escalated and false alarms on a labelled message set, printed and written to OUT/emergencies.json."""
    from chat.engine import Engine
    from eval.emergencies import read_messages, score
    from index.embed import load_encoder

    messages = read_messages(args.emergency_set)
    engine = Engine.from_encoder(args.index_dir, load_encoder(args.model))  # the encoder looked up when it runs
    result = score(messages, lambda text: engine.answer(text).status == "emergency")
    print(result.text(), end="")
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "emergencies.json"
    path.write_text(json.dumps({"set": str(args.emergency_set), "escalated": result.escalated, "urgent": result.urgent,
                                "false_alarms": result.false_alarms, "calm": result.calm,
                                "by_kind": result.by_kind, "escalated_ids": result.escalated_ids}, indent=1) + "\n",
                    encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
    return 0


def _gate(report, rules) -> int:
    """0 when every rule passes (or there are none); else 1, with one line per failed rule."""
    from eval.gate import check, failure_lines

    if not rules:
        return 0
    lines = failure_lines(check(report, rules), rules)
    for line in lines:
        print(f"baclofen-qa: {line}", file=sys.stderr)
    if not lines:
        print(f"gate passed: {len(rules)} rule(s)", file=sys.stderr)
    return 1 if lines else 0
