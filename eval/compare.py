"""Compare two reports (chunk sizes, k, retrieval modes...): what changed in the setup, every figure's delta,
per-category deltas, and which questions newly pass or fail."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from eval.aggregate import all_specs, metric_specs, GROUPS
from eval.report import ENGINE, Report
from eval.tables import SHORT, fmt_delta, fmt_value, mark
from ingest.errors import InputError

DELTA_HEADER = ["metric", "before", "after", "delta"]
WATCHED = ("top_quote_hit", "any_quote_hit", "status_accuracy", "median_quote_chars")


@dataclass(frozen=True)
class Comparison:
    """The delta tables between `old` (before) and `new` (after), and their console text."""

    old: Report
    new: Report
    setup: list[list[str]]  # setting, before, after (only what differs)
    warnings: list[str]
    overall: list[tuple[str, list[list[str]]]]  # (group, rows of DELTA_HEADER)
    categories: tuple[list[str], list[list[str]]]
    fixed: list[str]  # question ids failing before, passing now
    broken: list[str]
    text: str = ""


def _flat(d: dict, prefix: str = "") -> dict[str, str]:
    out = {}
    for key, value in d.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


def setup_diff(old: Report, new: Report) -> list[list[str]]:
    """Settings that differ between the runs (timings and argv are not settings)."""
    skip = ("seconds.", "argv", "index_dir")
    a = _flat({**old.config, "corpus_sha256": old.corpus.get("sha256")})
    b = _flat({**new.config, "corpus_sha256": new.corpus.get("sha256")})
    keys = [k for k in dict.fromkeys([*a, *b]) if not k.startswith(skip) and a.get(k) != b.get(k)]
    return [[k, a.get(k, "—"), b.get(k, "—")] for k in keys]


def compare_reports(old: Report, new: Report, pipeline: str = ENGINE) -> Comparison:
    """Every figure both reports have, before -> after, for `pipeline` (the engine by default)."""
    if pipeline not in old.pipelines or pipeline not in new.pipelines:
        raise InputError(f"both reports need a {pipeline!r} pipeline")
    ks = [k for k in new.ks if k in old.ks] or new.ks
    specs = all_specs(ks)
    o, n = old.pipelines[pipeline].overall, new.pipelines[pipeline].overall
    overall = []
    for group in GROUPS:
        rows = []
        for s in metric_specs(ks)[group]:
            if s.name in o and s.name in n:
                a, b = o[s.name].value, n[s.name].value
                rows.append([s.name, fmt_value(a, s), fmt_value(b, s), f"{fmt_delta(b, a, s)} {mark(b, a, s)}".strip()])
        overall.append((group, rows))
    oc, nc = old.pipelines[pipeline].categories, new.pipelines[pipeline].categories
    header = ["category"] + [SHORT.get(m, m) for m in WATCHED]
    cat_rows = []
    for cat in [c for c in nc if c in oc]:
        cells = []
        for m in WATCHED:
            a, b = oc[cat][m].value, nc[cat][m].value
            cells.append(f"{fmt_value(a, specs[m])} → {fmt_value(b, specs[m])} {mark(b, a, specs[m])}".strip())
        cat_rows.append([cat] + cells)
    before = {q.id: bool(q.answers[pipeline].failures) for q in old.questions}
    after = {q.id: bool(q.answers[pipeline].failures) for q in new.questions}
    common = [i for i in after if i in before]
    warnings = []
    if set(before) != set(after):
        warnings.append(f"the reports cover different questions ({len(before)} before, {len(after)} after, "
                        f"{len(common)} in common): figures are not directly comparable")
    c = Comparison(old, new, setup_diff(old, new), warnings, overall, (header, cat_rows),
                   fixed=[i for i in common if before[i] and not after[i]],
                   broken=[i for i in common if after[i] and not before[i]])
    return replace(c, text=render_comparison_text(c))


def render_comparison_text(c: Comparison) -> str:
    from eval.console import align

    out = [f"COMPARE ({ENGINE}) before: {c.old.path or c.old.created}  after: {c.new.path or c.new.created}"]
    out += [f"  warning: {w}" for w in c.warnings]
    if c.setup:
        out += ["", "SETUP CHANGES"] + align(["setting", "before", "after"], c.setup)
    else:
        out += ["", "SETUP CHANGES: none"]
    for group, rows in c.overall:
        out += ["", f"DELTA · {group}"] + align(DELTA_HEADER, rows)
    header, rows = c.categories
    out += ["", "DELTA PER CATEGORY (before → after)"] + align(header, rows)
    out += ["", f"newly passing ({len(c.fixed)}): {', '.join(c.fixed) or '—'}",
            f"newly failing ({len(c.broken)}): {', '.join(c.broken) or '—'}"]
    return "\n".join(out) + "\n"


def render_comparison_markdown(c: Comparison) -> str:
    from eval.markdown import table

    out = ["# Comparison", "", f"- before: `{c.old.path or c.old.created}`",
           f"- after: `{c.new.path or c.new.created}`"]
    out += [f"- **warning**: {w}" for w in c.warnings]
    out += ["", "## Setup changes", ""] + (table(["setting", "before", "after"], c.setup, left=3) if c.setup
                                          else ["none"])
    for group, rows in c.overall:
        out += ["", f"## Delta · {group}", ""] + table(DELTA_HEADER, rows)
    header, rows = c.categories
    out += ["", "## Delta per category (before → after)", ""] + table(header, rows)
    out += ["", f"Newly passing ({len(c.fixed)}): {', '.join(c.fixed) or '—'}", "",
            f"Newly failing ({len(c.broken)}): {', '.join(c.broken) or '—'}"]
    return "\n".join(out) + "\n"


def render_comparison_html(c: Comparison) -> str:
    from eval import charts
    from eval.html import esc, img, page, table

    oc, nc = c.old.pipelines[ENGINE].categories, c.new.pipelines[ENGINE].categories
    cats = [row[0] for row in c.categories[1] if oc[row[0]]["top_quote_hit"].n or nc[row[0]]["top_quote_hit"].n]
    chart = charts.compare_bars(cats, [oc[x]["top_quote_hit"].value for x in cats],
                                [nc[x]["top_quote_hit"].value for x in cats], "Top-quote hit per category")
    body = ["<h1>Comparison</h1>", f"<p>before: {esc(c.old.path or c.old.created)}<br>after: "
            f"{esc(c.new.path or c.new.created)}</p>"]
    body += [f'<p class="down">warning: {esc(w)}</p>' for w in c.warnings]
    body += ["<h2>Setup changes</h2>", table(["setting", "before", "after"], c.setup, cls="kv") if c.setup
                                           else "<p>none</p>"]
    body += ["<h2>Per category (before → after)</h2>", img(chart, "per-category comparison"), table(*c.categories)]
    for group, rows in c.overall:
        body += [f"<h2>Delta · {esc(group)}</h2>", table(DELTA_HEADER, rows)]
    body += [f"<p>Newly passing ({len(c.fixed)}): {esc(', '.join(c.fixed) or '—')}</p>",
             f"<p>Newly failing ({len(c.broken)}): {esc(', '.join(c.broken) or '—')}</p>"]
    return page("baclofen-qa eval · comparison", body)


def write_comparison(c: Comparison, out: Path) -> list[Path]:
    """compare.txt, compare.md and compare.html in `out`."""
    from eval.report import write_files

    return write_files(Path(out), {"compare.txt": c.text, "compare.md": render_comparison_markdown(c),
                                   "compare.html": render_comparison_html(c)})
