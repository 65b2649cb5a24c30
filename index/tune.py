"""Domain-tuned embeddings: all-MiniLM-L6-v2 adapted to questions about the monograph.

Off the shelf, MiniLM puts a short question ("who takes baclofen?") nearest to whatever sentence
shares its few words. Fine-tuning on written question -> answering sentence pairs teaches it how
people ask about this text: in-batch negatives (sentence-transformers' MultipleNegativesRankingLoss,
written out here because its trainer needs the `datasets` package), a few hundred steps on the CPU.
The tuned weights are then averaged with the original ones (WiSE-FT, Wortsman et al., 2022), which
keeps most of the gain on questions like the examples and the original's behaviour elsewhere.

The examples (index/data/tuning_examples.jsonl) are questions written from the monograph, none of
them a near-duplicate of the evaluator's gold questions. Training is seeded and runs once per
machine: the result is cached under ~/.cache/baclofen-qa/models/<key>, where the key covers the
base weights, the examples, the corpus and every setting, so changing any of them retrains.

Example:
    model_dir = tuned_model_dir(base_dir, base_sha)    # trains on first use (about a minute), then cached
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

from ingest.corpus import DEFAULT_CORPUS, read_corpus
from ingest.errors import ConfigError

EXAMPLES = Path(__file__).resolve().parent / "data" / "tuning_examples.jsonl"
_VERSION = 1  # bump when the recipe below changes


@dataclass(frozen=True)
class TuneSettings:
    """The recipe; every field is part of the cache key."""

    epochs: int = 4
    learning_rate: float = 2e-5
    batch_size: int = 32
    scale: float = 20.0  # cosine similarities times this are the logits of the in-batch softmax
    mix: float = 0.5  # share of the tuned weights in the final average (WiSE-FT); 0 is the base model
    seed: int = 0


def cache_root() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "baclofen-qa" / "models"


def training_pairs(examples: Path = EXAMPLES, corpus: Path = DEFAULT_CORPUS) -> list[tuple[str, str]]:
    """(question, sentence as the index embeds it) for every quote unit that holds an example's evidence.

    A follow-up is read together with the question before it, as the engine reads it.
    """
    from index.store import doc_ids_for, document_subject, unit_embedding_text
    from ingest.parse import parse_document
    from ingest.units import quote_units

    text = read_corpus(corpus)
    doc = parse_document(text, doc_ids_for([corpus])[0], str(corpus))
    units = quote_units(doc)
    subject = document_subject(doc)
    pairs: list[tuple[str, str]] = []
    for n, line in enumerate(examples.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            question = " ".join([row["question"], *row.get("history", [])[-1:]])
            spans = [(text.index(e), text.index(e) + len(e)) for e in row["evidence"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{examples}:{n}: not a usable tuning example ({exc})") from None
        for unit in units:
            if any(unit.start < end and start < unit.end for start, end in spans):
                pairs.append((question, unit_embedding_text(doc, unit, subject=subject)))
    return pairs


def cache_key(base_sha: str, examples: Path, corpus: Path, settings: TuneSettings) -> str:
    digest = hashlib.sha256()
    for part in (str(_VERSION), base_sha, json.dumps(asdict(settings), sort_keys=True)):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(examples.read_bytes() + b"\0")
    digest.update(Path(corpus).read_bytes())
    return digest.hexdigest()[:16]


def tuned_model_dir(base_dir: Path, base_sha: str, examples: Path = EXAMPLES, corpus: Path = DEFAULT_CORPUS,
                    settings: TuneSettings = TuneSettings(), root: Path | None = None, progress: bool = True) -> Path:
    """The tuned model's directory, trained first if this machine has not made it yet."""
    out = (root or cache_root()) / f"baclofen-minilm-{cache_key(base_sha, examples, corpus, settings)}"
    if (out / "model.safetensors").is_file():
        return out
    if progress:
        print("tuning the embedding model to the monograph (once per machine, about a minute)...", file=sys.stderr)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".tuning-", dir=out.parent))
    try:
        fine_tune(base_dir, training_pairs(examples, corpus), settings, work)
        try:
            os.replace(work, out)  # whole or not at all; another process may have finished first
        except OSError:
            if not (out / "model.safetensors").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def fine_tune(base_dir: Path, pairs: Sequence[tuple[str, str]], settings: TuneSettings, out_dir: Path) -> None:
    """Train on `pairs` with in-batch negatives, average with the base weights, save to `out_dir`."""
    import numpy as np
    import torch
    from safetensors.torch import load_file, save_file
    from sentence_transformers import SentenceTransformer

    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # one line says tuning has begun; no bars for loading and saving
    torch.manual_seed(settings.seed)
    model = SentenceTransformer(str(base_dir), device="cpu")
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings.learning_rate)
    rng = np.random.default_rng(settings.seed)
    for _ in range(settings.epochs):
        for batch in _batches(pairs, settings.batch_size, rng):
            questions = model.preprocess([q for q, _ in batch])
            passages = model.preprocess([p for _, p in batch])
            q = torch.nn.functional.normalize(model(questions)["sentence_embedding"], dim=-1)
            p = torch.nn.functional.normalize(model(passages)["sentence_embedding"], dim=-1)
            loss = torch.nn.functional.cross_entropy(q @ p.T * settings.scale, torch.arange(len(batch)))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    model.eval()
    model.save(str(out_dir))
    base = load_file(str(Path(base_dir) / "model.safetensors"))
    tuned = load_file(str(out_dir / "model.safetensors"))
    mixed = {k: ((1 - settings.mix) * base[k] + settings.mix * v if k in base else v).contiguous()
             for k, v in tuned.items()}
    save_file(mixed, str(out_dir / "model.safetensors"))


def _batches(pairs: Sequence[tuple[str, str]], size: int, rng) -> list[list[tuple[str, str]]]:
    """Shuffled batches in which no question and no sentence appears twice (each would be another's negative)."""
    batches: list[list[tuple[str, str]]] = []
    batch: list[tuple[str, str]] = []
    questions: set[str] = set()
    passages: set[str] = set()
    for i in rng.permutation(len(pairs)):
        q, p = pairs[i]
        if q in questions or p in passages:
            continue
        batch.append((q, p))
        questions.add(q)
        passages.add(p)
        if len(batch) == size:
            batches.append(batch)
            batch, questions, passages = [], set(), set()
    return batches
