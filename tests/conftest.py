"""Shared fixtures: a fake encoder for fast tests, and one real index built once per session."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parents[1]


class FakeEncoder:
    """Deterministic bag-of-words hashing encoder: fast, no model, similar texts get similar vectors."""

    name = "fake-hash-64"
    weights_sha256 = "0" * 64
    dim = 64

    def encode(self, texts, batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int(hashlib.md5(word.encode()).hexdigest(), 16)
                out[i, h % self.dim] += 1.0
            norm = np.linalg.norm(out[i])
            out[i] = out[i] / norm if norm else out[i]
        return out


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture(scope="session")
def corpus_text() -> str:
    from ingest.corpus import DEFAULT_CORPUS, read_corpus

    return read_corpus(DEFAULT_CORPUS)


@pytest.fixture(scope="session")
def document(corpus_text):
    from ingest.parse import parse_document

    return parse_document(corpus_text, "baclofen_monograph")


@pytest.fixture(scope="session")
def real_encoder():
    from index.embed import load_encoder

    return load_encoder()


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, real_encoder) -> Path:
    """The default corpus indexed with the real bundled model (built once per test session)."""
    from index.store import build_index
    from ingest.corpus import DEFAULT_CORPUS

    path = tmp_path_factory.mktemp("index") / "idx"
    build_index([DEFAULT_CORPUS], path, real_encoder)
    return path


@pytest.fixture(scope="session")
def engine(index_dir, real_encoder):
    from chat.engine import Engine

    return Engine.from_encoder(index_dir, real_encoder)
