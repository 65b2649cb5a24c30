"""Several documents in one index (files or a folder), and the switch from exact FAISS search to HNSW."""

from __future__ import annotations

import json

import numpy as np
import pytest

from chat.cli import corpus_files, main
from chat.engine import Engine
from index import ann
from index.manifest import read_manifest
from index.store import build_index, load_index
from ingest.corpus import DEFAULT_CORPUS
from ingest.errors import CorpusError, IndexLoadError

from conftest import FakeEncoder

QUESTIONS = ["What is baclofen used for?", "What are the side effects?", "Can I drink alcohol with it?",
             "What is the maximum dose?", "How does baclofen work?"]


@pytest.fixture
def copies(tmp_path):
    """A folder holding three copies of the monograph, plus files a build must ignore."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("b.txt", "a.md", "c.TXT"):
        (folder / name).write_bytes(DEFAULT_CORPUS.read_bytes())
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "sub").mkdir()
    (folder / "sub" / "d.txt").write_text("Title\n\nUses\n\nNot included [1].\n", encoding="utf-8")
    return folder


@pytest.fixture
def fake_model(monkeypatch):
    """`baclofen-qa build` with the fake encoder instead of the real model."""
    monkeypatch.setattr("index.embed.load_encoder", lambda model=None: FakeEncoder())


def test_a_folder_expands_to_its_text_files_sorted(copies, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("x", encoding="utf-8")
    assert [p.name for p in corpus_files([copies])] == ["a.md", "b.txt", "c.TXT"]
    assert corpus_files([other, copies])[0] == other and len(corpus_files([other, copies])) == 4
    assert corpus_files(None) == []


def test_an_empty_folder_is_a_clear_error(tmp_path, capsys, fake_model):
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="no .txt or .md files"):
        corpus_files([tmp_path / "empty"])
    assert main(["build", "--corpus", str(tmp_path / "empty"), "--index-dir", str(tmp_path / "idx"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no .txt or .md files" in err and "Traceback" not in err
    assert not (tmp_path / "idx").exists()


def test_build_a_folder_from_the_cli_and_every_quote_names_its_document(copies, tmp_path, fake_model):
    idx = tmp_path / "idx"
    assert main(["build", "--corpus", str(copies), "--index-dir", str(idx), "--quiet"]) == 0
    manifest = read_manifest(idx)
    assert [c["doc_id"] for c in manifest.corpus] == ["a", "b", "c"]
    assert manifest.counts["documents"] == 3 and manifest.index_type == ann.FLAT
    engine = Engine.from_encoder(idx, FakeEncoder())
    quoted = set()
    for question in QUESTIONS:
        answer = engine.answer(question)
        for q in answer.quotes:
            assert engine.index.documents[q.doc_id].text[q.start:q.end] == q.text
            quoted.add(q.doc_id)
        assert all(d["doc_id"] in engine.index.documents for d in answer.to_dict()["quotes"])
    assert quoted <= {"a", "b", "c"} and quoted


def test_ten_copies_scale_linearly(tmp_path, fake_encoder):
    paths = [DEFAULT_CORPUS] * 10
    one = build_index([DEFAULT_CORPUS], tmp_path / "one", fake_encoder)
    ten = build_index(paths, tmp_path / "ten", fake_encoder)
    for key in ("chunks", "units", "sentences", "sections"):
        assert ten.counts[key] == 10 * one.counts[key]
    index = load_index(tmp_path / "ten")
    assert list(index.documents) == ["baclofen_monograph"] + [f"baclofen_monograph-{n}" for n in range(2, 11)]
    assert index.chunk_index.ntotal == ten.counts["chunks"]


def test_the_index_turns_approximate_above_the_limit(tmp_path, fake_encoder):
    exact = build_index([DEFAULT_CORPUS] * 2, tmp_path / "exact", fake_encoder)
    approx = build_index([DEFAULT_CORPUS] * 2, tmp_path / "approx", fake_encoder, exact_limit=10)
    assert exact.index_type == ann.FLAT and exact.extra.get("ann") is None
    assert approx.index_type == ann.HNSW and approx.extra["ann"] == ann.ann_params(ann.HNSW)
    assert read_manifest(tmp_path / "approx").index_type == ann.HNSW
    a, b = load_index(tmp_path / "exact"), load_index(tmp_path / "approx")
    assert ann.index_type_of(a.chunk_index) == ann.FLAT and ann.index_type_of(b.chunk_index) == ann.HNSW
    assert b.chunk_index.hnsw.efSearch == ann.HNSW_EF_SEARCH  # saved with the index, not reset on load
    # HNSW keeps the full vectors: reconstruction is exact, and the quote vectors are untouched
    assert np.array_equal(a.chunk_index.reconstruct_n(0, a.chunk_index.ntotal),
                          b.chunk_index.reconstruct_n(0, b.chunk_index.ntotal))
    assert np.array_equal(a.unit_vectors, b.unit_vectors) and np.array_equal(a.head_vectors, b.head_vectors)
    e1, e2 = Engine(a, fake_encoder), Engine(b, fake_encoder)
    for question in QUESTIONS:  # a few hundred vectors: HNSW finds the same passages, so the same answers
        x, y = e1.answer(question), e2.answer(question)
        assert (x.status, [q.text for q in x.quotes]) == (y.status, [q.text for q in y.quotes])


def test_manifest_and_index_type_must_agree(tmp_path, fake_encoder):
    path = tmp_path / "idx"
    build_index([DEFAULT_CORPUS], path, fake_encoder, exact_limit=10)
    data = json.loads((path / "manifest.json").read_text())
    data["index_type"] = ann.FLAT
    (path / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(IndexLoadError, match="chunks.faiss is hnsw-ip, the manifest says flat-ip.*baclofen-qa build"):
        load_index(path)


@pytest.mark.parametrize("n, limit, expected", [(0, 20_000, ann.FLAT), (20_000, 20_000, ann.FLAT),
                                                (20_001, 20_000, ann.HNSW), (5, 4, ann.HNSW)])
def test_choose_index_type(n, limit, expected):
    assert ann.choose_index_type(n, limit) == expected
    assert ann.choose_index_type(ann.EXACT_LIMIT) == ann.FLAT


def test_unknown_index_type_is_refused():
    with pytest.raises(ValueError, match="unknown index type"):
        ann.make_index(np.zeros((2, 4), np.float32), "ivf-pq")


def test_hnsw_recall_against_exact_on_random_vectors():
    rng = np.random.default_rng(7)
    x = rng.standard_normal((4000, 64)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    q = x[:200] + 0.3 * rng.standard_normal((200, 64)).astype(np.float32) / 8
    q = np.ascontiguousarray(q / np.linalg.norm(q, axis=1, keepdims=True), dtype=np.float32)
    flat, hnsw = ann.make_index(x, ann.FLAT), ann.make_index(x, ann.HNSW)
    _, exact_ids = flat.search(q, 10)
    _, approx_ids = hnsw.search(q, 10)
    recall = ann.recall_at_k(exact_ids, approx_ids)
    assert 0.95 <= recall <= 1.0
    shuffled = rng.permuted(exact_ids, axis=1)
    assert ann.recall_at_k(exact_ids, shuffled) == 1.0  # order within the top k does not matter
    assert ann.recall_at_k(exact_ids, np.full_like(exact_ids, -1)) == 0.0


def test_recall_counts_ties_when_scores_are_given():
    exact_ids, exact_scores = [[0, 1]], [[0.9, 0.8]]
    approx_ids, approx_scores = [[0, 5]], [[0.9, 0.8]]  # row 5 is a copy of row 1: an equally good hit
    assert ann.recall_at_k(exact_ids, approx_ids) == 0.5
    assert ann.recall_at_k(exact_ids, approx_ids, exact_scores, approx_scores) == 1.0
    assert ann.recall_at_k(exact_ids, [[0, 5]], exact_scores, [[0.9, 0.7]]) == 0.5
    assert ann.recall_at_k([[-1]], [[3]]) == 1.0  # nothing to find
