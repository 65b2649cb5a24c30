"""One evaluation: load the test set, the engine (once) and the baseline, ask every question, score, report."""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from eval.metrics import score_question
from eval.pipeline import PipelineRun, engine_asker, engine_pool, run_questions
from eval.report import BASELINE, ENGINE, Report, pipeline_scores, question_records
from eval.testset import GoldItem, load_testsets
from ingest.errors import ConfigError, IndexLoadError

VERSIONED = ("baclofen-qa", "numpy", "faiss-cpu", "torch", "sentence-transformers", "matplotlib", "tqdm",
             "ir-measures")


@dataclass(frozen=True)
class EvalConfig:
    """Everything that decides the figures; recorded in report.json."""

    testsets: tuple[Path, ...]
    split: str = "dev"
    ks: tuple[int, ...] = (1, 3, 5, 10)
    corpus: Path | None = None
    index_dir: Path | None = None
    model: str | None = None
    chunk_tokens: int | None = None
    overlap_tokens: int | None = None
    engine_overrides: dict = field(default_factory=dict)
    progress: bool = True


def versions() -> dict:
    """Python, platform, the libraries that shape the figures, and the git commit when there is one."""
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version(), "platform": platform.platform()}
    for name in VERSIONED:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    try:
        root = Path(__file__).resolve().parents[1]
        out["git_commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                                           text=True, timeout=5).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        pass
    return out


def setting_names(obj, prefix: str = "") -> list[str]:
    """Every settable leaf of a (nested) settings dataclass: passages_k, weights.dense, ..."""
    out = []
    for f in fields(obj):
        value = getattr(obj, f.name)
        out += setting_names(value, f"{prefix}{f.name}.") if is_dataclass(value) else [f"{prefix}{f.name}"]
    return out


def _override(obj, key: str, value: object, full: str):
    name, _, rest = key.partition(".")
    if name not in {f.name for f in fields(obj)}:
        raise ConfigError(f"unknown engine setting {full!r}; known: {', '.join(setting_names(obj))}")
    current = getattr(obj, name)
    if rest:
        if not is_dataclass(current):
            raise ConfigError(f"engine setting {full!r}: {name} has no parts")
        return replace(obj, **{name: _override(current, rest, value, full)})
    if is_dataclass(current):
        raise ConfigError(f"engine setting {full!r} is a group; set its parts: {', '.join(setting_names(current))}")
    if isinstance(current, (int, float)) and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise ConfigError(f"engine setting {full!r} needs a number, got {value!r}")
    return replace(obj, **{name: type(current)(value) if isinstance(current, float) else value})


def engine_settings(overrides: dict):
    """EngineSettings with `--set KEY=VALUE` overrides (dotted keys reach nested groups: weights.dense=0.7)."""
    from chat.engine import EngineSettings

    settings = EngineSettings()
    for key, value in overrides.items():
        settings = _override(settings, key, value, key)
    return settings


def _score(run: PipelineRun, items: Sequence[GoldItem], documents: dict[str, str], disclaimer: str,
           ks: Sequence[int]) -> list:
    return [score_question(i, p, run.pool, documents, disclaimer, ks) for i, p in zip(items, run.predictions)]


def evaluate(config: EvalConfig, log=print) -> Report:
    """Run both pipelines over the chosen questions and build the report (the gate is checked by the caller)."""
    from chat.engine import Engine, default_index_dir
    from chat.safety import DISCLAIMER
    from eval.baseline import CHUNK_CHARS, OVERLAP_CHARS, Baseline
    from index.embed import DEFAULT_MODEL, TUNED_MODEL, load_encoder
    from index.store import doc_ids_for, ensure_index
    from ingest.chunk import ChunkSettings
    from ingest.corpus import DEFAULT_CORPUS, read_corpus, sha256_bytes

    corpus_path = Path(config.corpus or DEFAULT_CORPUS)
    text = read_corpus(corpus_path)
    doc_id = doc_ids_for([corpus_path])[0]
    items = load_testsets(config.testsets, text, doc_id, config.split)  # every label checked before the model loads
    settings = ChunkSettings(**{k: v for k, v in (("max_tokens", config.chunk_tokens),
                                                  ("overlap_tokens", config.overlap_tokens)) if v is not None})
    index_dir = Path(config.index_dir or default_index_dir())
    if config.index_dir is None and settings != ChunkSettings():  # never rebuild the served index for a trial
        index_dir = index_dir.with_name(f"{index_dir.name}-{settings.max_tokens}-{settings.overlap_tokens}")
    eng_settings = engine_settings(config.engine_overrides)

    t0 = time.perf_counter()
    encoder = load_encoder(config.model)
    reason = ensure_index(index_dir, [corpus_path], settings, encoder, progress=config.progress)
    if reason:
        log(f"index at {index_dir} rebuilt ({reason})")
    engine = Engine.from_encoder(index_dir, encoder, eng_settings)
    if doc_id not in engine.index.documents or engine.index.documents[doc_id].text != text:
        raise IndexLoadError(f"the index at {index_dir} was not built from {corpus_path}; "
                             f"rebuild it with: baclofen-qa build --corpus {corpus_path}")
    # The baseline is the quick-start recipe: the model off the shelf, never the copy tuned to the monograph.
    base_encoder = load_encoder(DEFAULT_MODEL) if getattr(encoder, "name", "") == TUNED_MODEL else encoder
    baseline = Baseline.build(text, doc_id, base_encoder, k=max(config.ks))
    load_s = time.perf_counter() - t0

    t1 = time.perf_counter()
    runs = {ENGINE: run_questions(ENGINE, items, engine_asker(engine), engine_pool(engine), config.progress),
            BASELINE: run_questions(BASELINE, items, baseline.ask, baseline.chunks, config.progress)}
    run_s = time.perf_counter() - t1
    documents = {doc_id: text}
    results = {name: _score(run, items, documents, DISCLAIMER, config.ks) for name, run in runs.items()}
    manifest = engine.index.manifest
    cfg = {
        "testsets": [{"path": str(p), "sha256": sha256_bytes(Path(p).read_bytes())} for p in config.testsets],
        "split": config.split, "ks": list(config.ks), "index_dir": str(index_dir), "index_version": engine.version,
        "model": manifest.model_name, "weights_sha256": manifest.weights_sha256, "chunking": manifest.chunking,
        "engine": asdict(eng_settings),
        "baseline": {"chunk_chars": CHUNK_CHARS, "overlap_chars": OVERLAP_CHARS, "k": max(config.ks),
                     "answer": "top-1 chunk", "history": "ignored"},
        "seconds": {"load": round(load_s, 2), "questions": round(run_s, 2)},
        "argv": sys.argv[1:],
    }
    return Report(
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"), split=config.split, config=cfg,
        corpus={"path": str(corpus_path), "doc_id": doc_id, "sha256": sha256_bytes(corpus_path.read_bytes()),
                "chars": len(text)},
        versions=versions(),
        pipelines={name: pipeline_scores(rs, config.ks) for name, rs in results.items()},
        questions=question_records(results),
    )
