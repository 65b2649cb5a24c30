"""The evaluation report: figures per pipeline and per question; round-trips through report.json."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Sequence

from eval.aggregate import Metric, aggregate, by_category, confusion
from eval.metrics import QuestionResult
from eval.pipeline import Span
from ingest.errors import InputError

REPORT_SCHEMA = 1
ENGINE, BASELINE = "engine", "baseline"


@dataclass(frozen=True)
class PipelineScores:
    """One pipeline's figures: overall, per category, the status confusion matrix, raw latencies."""

    overall: dict[str, Metric]
    categories: dict[str, dict[str, Metric]]
    confusion: dict[str, dict[str, int]]
    latencies_ms: tuple[float, ...] = ()


@dataclass(frozen=True)
class AnswerRecord:
    """What one pipeline did with one question, and why it failed (if it did)."""

    status: str
    quotes: tuple[Span, ...]
    refs: tuple[int, ...]
    failures: tuple[str, ...]
    latency_ms: float
    top_quote_hit: bool | None = None
    any_quote_hit: bool | None = None


@dataclass(frozen=True)
class QuestionRecord:
    """A test question with its gold and each pipeline's answer."""

    id: str
    category: str
    question: str
    history: tuple[str, ...]
    expect: str
    evidence: tuple[Span, ...]
    refs: tuple[int, ...]
    numbers: tuple[str, ...]
    source: str
    answers: dict[str, AnswerRecord]


@dataclass(frozen=True)
class GateResult:
    """One --fail-under rule checked against the engine's figures."""

    rule: str
    value: float | None
    ok: bool


@dataclass(frozen=True)
class Report:
    """Everything written to report.json, rendered by the console, Markdown and HTML writers."""

    created: str
    split: str
    config: dict
    corpus: dict
    versions: dict
    pipelines: dict[str, PipelineScores]
    questions: tuple[QuestionRecord, ...]
    gates: tuple[GateResult, ...] = ()
    schema: int = REPORT_SCHEMA
    path: str = field(default="", compare=False)  # where it was read from, for messages

    @property
    def ks(self) -> list[int]:
        return list(self.config.get("ks", []))

    @property
    def categories(self) -> list[str]:
        return list(self.pipelines[ENGINE].categories)

    def failed(self, pipeline: str = ENGINE) -> list[QuestionRecord]:
        return [q for q in self.questions if q.answers[pipeline].failures]

    def with_gates(self, gates: Sequence[GateResult]) -> "Report":
        return replace(self, gates=tuple(gates))

    def to_dict(self) -> dict:
        def scores(p: PipelineScores) -> dict:
            return {"overall": {k: m.to_dict() for k, m in p.overall.items()},
                    "categories": {c: {k: m.to_dict() for k, m in ms.items()} for c, ms in p.categories.items()},
                    "confusion": p.confusion, "latencies_ms": [round(x, 3) for x in p.latencies_ms]}
        out = asdict(self)
        out.pop("path")
        out["pipelines"] = {name: scores(p) for name, p in self.pipelines.items()}
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"


def _metrics(d: dict) -> dict[str, Metric]:
    return {k: Metric(**v) for k, v in d.items()}


def _span(d: dict) -> Span:
    return Span(d["doc_id"], d["start"], d["end"], d["text"], tuple(d.get("refs", ())), d.get("id", ""))


def report_from_dict(d: dict, path: str = "") -> Report:
    """The inverse of Report.to_dict (for --compare); InputError if it is not a report."""
    try:
        if d.get("schema") != REPORT_SCHEMA:
            raise InputError(f"{path}: not an evaluation report of schema {REPORT_SCHEMA}")
        pipelines = {name: PipelineScores(_metrics(p["overall"]), {c: _metrics(m) for c, m in p["categories"].items()},
                                          p["confusion"], tuple(p.get("latencies_ms", ())))
                     for name, p in d["pipelines"].items()}
        questions = tuple(QuestionRecord(
            q["id"], q["category"], q["question"], tuple(q["history"]), q["expect"],
            tuple(_span(e) for e in q["evidence"]), tuple(q["refs"]), tuple(q["numbers"]), q["source"],
            {name: AnswerRecord(a["status"], tuple(_span(s) for s in a["quotes"]), tuple(a["refs"]),
                                tuple(a["failures"]), a["latency_ms"], a.get("top_quote_hit"), a.get("any_quote_hit"))
             for name, a in q["answers"].items()}) for q in d["questions"])
        gates = tuple(GateResult(**g) for g in d.get("gates", ()))
        return Report(d["created"], d["split"], d["config"], d["corpus"], d["versions"], pipelines, questions, gates,
                      d["schema"], path)
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"{path}: not a valid evaluation report ({exc.__class__.__name__}: {exc})") from None


def read_report(path: str | Path) -> Report:
    """A report.json written earlier."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"report not found: {p}") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"cannot read report {p}: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{p}: not an evaluation report")
    return report_from_dict(data, str(p))


def pipeline_scores(results: Sequence[QuestionResult], ks: Sequence[int]) -> PipelineScores:
    return PipelineScores(aggregate(results, ks), by_category(results, ks), confusion(results),
                          tuple(r.pred.latency_ms for r in results))


def answer_record(r: QuestionResult) -> AnswerRecord:
    return AnswerRecord(r.pred.status, r.pred.quotes, r.pred.refs, tuple(r.failures), round(r.pred.latency_ms, 3),
                        r.top_quote_hit, r.any_quote_hit)


def question_records(results: dict[str, Sequence[QuestionResult]]) -> tuple[QuestionRecord, ...]:
    """One record per question, joining the pipelines' results (all in the same question order)."""
    names = list(results)
    records = []
    for rows in zip(*(results[n] for n in names)):
        item = rows[0].item
        evidence = tuple(Span(g.doc_id, g.start, g.end, g.text) for g in item.evidence)
        records.append(QuestionRecord(item.id, item.category, item.question, item.history, item.expect, evidence,
                                      item.refs, item.numbers, item.source,
                                      {n: answer_record(r) for n, r in zip(names, rows)}))
    return tuple(records)


def write_files(out: Path, payloads: dict[str, str]) -> list[Path]:
    """Write each text file into `out` atomically, readable like any file the user creates."""
    import os

    from index.files import write_atomic

    umask = os.umask(0)
    os.umask(umask)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, body in payloads.items():
            write_atomic(out / name, body.encode("utf-8"))
            os.chmod(out / name, 0o666 & ~umask)
    except OSError as exc:
        raise InputError(f"cannot write to {out}: {exc.strerror or exc}") from None
    return [out / name for name in payloads]
