"""The report as one self-contained HTML page (report.html): tables, inline PNG charts, no external resources."""

from __future__ import annotations

import html
from typing import Sequence

from eval import charts
from eval.console import title_line
from eval.markdown import config_rows
from eval.report import ENGINE, Report
from eval.tables import OVERALL_HEADER, category_rows, failure_lines, headline, overall_rows

CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1150px;
color:#1a202c;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #e2e8f0;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
th,td{padding:3px 9px;border-bottom:1px solid #edf2f7;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}th{background:#f7fafc}
.muted{color:#718096;font-size:12px}.up{color:#276749}.down{color:#c53030}
pre{background:#f7fafc;padding:10px;overflow-x:auto}img{max-width:100%}
details{margin:6px 0}summary{cursor:pointer}.fail{color:#c53030;font-weight:600}
.kv td{text-align:left}
dl{display:grid;grid-template-columns:90px 1fr;gap:2px 10px;margin:6px 0 12px 16px}dt{color:#718096}dd{margin:0}
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def table(header: Sequence[str], rows: Sequence[Sequence[str]], cls: str = "") -> str:
    """An HTML table; ▲/▼ marks in a cell colour it."""
    def td(c: str) -> str:
        cls = ' class="up"' if "▲" in c else ' class="down"' if "▼" in c else ""
        return f"<td{cls}>{esc(c)}</td>"
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(td(c) for c in row) + "</tr>" for row in rows)
    attr = f' class="{esc(cls)}"' if cls else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def img(b64: str, alt: str) -> str:
    return f'<img alt="{esc(alt)}" src="data:image/png;base64,{b64}">'


def page(title: str, body: Sequence[str]) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{CSS}</style></head>'
            f"<body>{''.join(body)}</body></html>\n")


def render_html(report: Report) -> str:
    """report.html: headline, charts, tables, failed questions, configuration."""
    body = [f"<h1>Evaluation report — split {esc(report.split)}</h1>",
            f'<p class="muted">{esc(title_line(report))}</p>',
            "<h2>Engine vs baseline</h2>",
            "<p>The baseline is the common quick-start recipe: fixed 1000-character chunks (200 overlap) of the raw "
            "text, dense MiniLM top-k, the top chunk shown as the answer.</p>",
            f"<pre>{esc(chr(10).join(headline(report)))}</pre>",
            "<h2>Per category</h2>", img(charts.category_bars(report), "per-category bars")]
    header, rows = category_rows(report)
    body += [table(header, rows), '<p class="muted">Engine figures; "base top" is the baseline\'s top-quote hit.</p>']
    body += ["<h2>Status</h2>", img(charts.confusion_chart(report), "status confusion matrices")]
    body += ["<h2>Latency</h2>", img(charts.latency_histogram(report), "latency histogram")]
    for group, rows in overall_rows(report):
        body += [f"<h2>Overall · {esc(group)}</h2>", table(OVERALL_HEADER, rows)]
    if report.gates:
        rows = [[g.rule, "—" if g.value is None else f"{g.value:.4g}", "ok" if g.ok else "FAILED ▼"]
                for g in report.gates]
        body += ["<h2>Gate</h2>", table(["rule", "value", "result"], rows)]
    failed = report.failed(ENGINE)
    body.append(f"<h2>Failed questions (engine): {len(failed)} of {len(report.questions)}</h2>")
    for q in failed:
        items = "".join(f"<dt>{esc(label)}</dt><dd>{esc(text)}</dd>" for label, text in failure_lines(q, width=600))
        why = "; ".join(q.answers[ENGINE].failures)
        body.append(f'<details><summary><span class="fail">✗</span> {esc(q.id)} · {esc(q.category)} — '
                    f'{esc(q.question)} <span class="muted">({esc(why)})</span></summary><dl>{items}</dl></details>')
    body += ["<h2>Configuration</h2>", table(["setting", "value"], config_rows(report), cls="kv"),
             '<p class="muted">Machine-readable: report.json beside this file.</p>']
    return page(f"baclofen-qa eval · {report.split}", body)
