"""Index faults: damaged files, edited metadata, another model, a read-only or full disk during a build.

Every fault must give one clear IndexLoadError / QAError naming the fix, and a failed build must
leave the previous index loadable and unchanged, with no staging directory behind.
"""

from __future__ import annotations

import errno
import json
import os

import pytest

import index.files
import index.store
from chat.cli import main
from chat.engine import Engine
from index.files import sha256_file
from index.manifest import read_manifest
from index.store import build_index, load_index
from ingest.corpus import DEFAULT_CORPUS
from ingest.errors import IndexLoadError, QAError

from conftest import FakeEncoder

FIX = "baclofen-qa build"


@pytest.fixture
def built(tmp_path, fake_encoder):
    path = tmp_path / "idx"
    return path, build_index([DEFAULT_CORPUS], path, fake_encoder)


def _reseal(path, name: str) -> None:
    """Update the manifest checksum of an edited file, as a careless hand edit or a buggy tool would."""
    data = json.loads((path / "manifest.json").read_text())
    data["files"][name] = sha256_file(path / name)
    (path / "manifest.json").write_text(json.dumps(data))


def _edit_json(path, name: str, edit) -> None:
    rows = json.loads((path / name).read_bytes())
    edit(rows)
    (path / name).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def _assert_untouched(path, manifest) -> None:
    assert read_manifest(path) == manifest
    index = load_index(path)
    assert index.chunk_index.ntotal == manifest.counts["chunks"]
    assert not [p for p in path.parent.iterdir() if p.name.startswith(f".{path.name}.")]


@pytest.mark.parametrize("name", ["chunks.faiss", "units.faiss", "heads.faiss"])
@pytest.mark.parametrize("keep", [0, 1, 0.5, 0.99])
def test_truncated_faiss_file_even_with_a_matching_checksum(built, name, keep):
    path, _ = built
    data = (path / name).read_bytes()
    (path / name).write_bytes(data[: int(len(data) * keep) if isinstance(keep, float) else keep])
    with pytest.raises(IndexLoadError, match=f"corrupt.*{name}.*{FIX}"):
        load_index(path)
    _reseal(path, name)  # past the checksum, FAISS itself must fail cleanly, never crash the process
    with pytest.raises(IndexLoadError, match=f"(corrupt|inconsistent).*{FIX}"):
        load_index(path)


@pytest.mark.parametrize("name", ["documents.json", "chunks.json", "units.json", "chunks.faiss", "manifest.json"])
def test_missing_file(built, name):
    path, _ = built
    (path / name).unlink()
    with pytest.raises(IndexLoadError, match=f"({name} missing|no index).*{FIX}"):
        load_index(path)


EDITS = {
    "text of a quote unit": ("units.json", lambda rows: rows[3].update(text=rows[3]["text"] + " (edited)")),
    "span of a chunk": ("chunks.json", lambda rows: rows[0].update(start=rows[0]["start"] + 1)),
    "unknown document": ("units.json", lambda rows: rows[0].update(doc_id="elsewhere")),
    "unknown section": ("chunks.json", lambda rows: rows[0].update(section_id=9999)),
    "document text": ("documents.json", lambda rows: rows[0].update(text=rows[0]["text"].replace("a", "e"))),
    "a row removed": ("chunks.json", lambda rows: rows.pop()),
    "a field removed": ("units.json", lambda rows: rows[0].pop("start")),
    "a field of the wrong type": ("chunks.json", lambda rows: rows[0].update(sentence_ids=None)),
    "rows replaced by an object": ("units.json", lambda rows: rows.clear() or rows.append({"not": "a unit"})),
}


@pytest.mark.parametrize("what", list(EDITS))
def test_edited_metadata(built, what):
    path, _ = built
    name, edit = EDITS[what]
    _edit_json(path, name, edit)
    with pytest.raises(IndexLoadError, match=f"corrupt.*{name}.*{FIX}"):
        load_index(path)
    _reseal(path, name)  # even when the checksum is made to match, a quote can never become inexact
    with pytest.raises(IndexLoadError, match=f"(corrupt|inconsistent).*{FIX}"):
        load_index(path)


@pytest.mark.parametrize("field, value", [("dim", 384), ("files", None), ("counts", "many"), ("index_type", "ivf"),
                                          ("embedding_recipe", "something older"), ("unknown_field", 1)])
def test_edited_manifest(built, field, value):
    path, _ = built
    data = json.loads((path / "manifest.json").read_text())
    data[field] = value
    (path / "manifest.json").write_text(json.dumps(data))
    try:
        load_index(path)
    except IndexLoadError as exc:
        assert FIX in str(exc)
    else:
        assert field == "counts"  # informational only: nothing reads it back


def test_manifest_of_another_model(built, tmp_path):
    path, _ = built

    class OtherModel(FakeEncoder):
        name = "other-model"
        weights_sha256 = "a" * 64

    with pytest.raises(IndexLoadError, match=f"another embedding model.*fake-hash-64.*{FIX}"):
        Engine.from_encoder(path, OtherModel())
    data = json.loads((path / "manifest.json").read_text())
    data.update(model_name="other-model", weights_sha256="b" * 64)
    (path / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(IndexLoadError, match=f"another embedding model.*other-model.*{FIX}"):
        Engine.from_encoder(path, FakeEncoder())


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions (see the EACCES test below)")
def test_read_only_parent_directory_during_a_build(built, fake_encoder):
    path, manifest = built
    os.chmod(path.parent, 0o555)
    try:
        with pytest.raises(QAError, match="cannot write the index"):
            build_index([DEFAULT_CORPUS], path, fake_encoder)
    finally:
        os.chmod(path.parent, 0o755)
    _assert_untouched(path, manifest)


@pytest.mark.parametrize("where", ["staging", "write", "publish"])
@pytest.mark.parametrize("err", [errno.EACCES, errno.EROFS, errno.ENOSPC, errno.EDQUOT])
def test_unwritable_or_full_disk_during_a_build(built, fake_encoder, monkeypatch, where, err):
    path, manifest = built
    boom = OSError(err, os.strerror(err))
    calls = []

    def write_some_then_fail(file, data):
        calls.append(file.name)
        if len(calls) == 3:  # the third file: two complete, one half written, then the disk is full
            file.write_bytes(data[: len(data) // 2])
            raise boom
        file.write_bytes(data)

    def fail(*args, **kwargs):
        raise boom

    if where == "staging":
        monkeypatch.setattr(index.store.tempfile, "mkdtemp", fail)
    elif where == "write":
        monkeypatch.setattr(index.store, "write_bytes_synced", write_some_then_fail)
    else:
        monkeypatch.setattr(index.store, "publish_dir", fail)
    with pytest.raises(QAError, match=f"cannot write the index.*{os.strerror(err)}") as info:
        build_index([DEFAULT_CORPUS], path, fake_encoder.__class__())
    assert "\n" not in str(info.value)
    monkeypatch.undo()
    _assert_untouched(path, manifest)


def test_failure_between_the_two_renames_restores_the_old_index(built, fake_encoder, monkeypatch):
    path, manifest = built
    real_replace, calls = os.replace, []

    def second_fails(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:  # the old index is already moved aside; moving the new one in fails
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(index.files.os, "replace", second_fails)
    with pytest.raises(QAError, match="Input/output error.*previous index is unchanged"):
        build_index([DEFAULT_CORPUS], path, fake_encoder)
    monkeypatch.undo()
    _assert_untouched(path, manifest)


def test_the_cli_reports_a_full_disk_in_one_line_and_the_index_still_serves(built, monkeypatch, capsys):
    path, manifest = built
    monkeypatch.setattr("index.embed.load_encoder", lambda model=None: FakeEncoder())

    def full(file, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(index.store, "write_bytes_synced", full)
    assert main(["build", "--index-dir", str(path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("baclofen-qa: error: cannot write the index") and "No space left on device" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    monkeypatch.undo()
    _assert_untouched(path, manifest)
    answer = Engine.from_encoder(path, FakeEncoder()).answer("What is baclofen used for?")
    assert answer.status in ("answered", "not_covered", "out_of_scope", "emergency")


def test_a_leftover_from_a_crashed_build_does_not_matter(built, fake_encoder):
    path, _ = built
    for name in (f".{path.name}.build-crashed", f".{path.name}.old-99999"):
        (path.parent / name).mkdir()
        (path.parent / name / "chunks.faiss").write_bytes(b"half")
    manifest = build_index([DEFAULT_CORPUS], path, fake_encoder)
    assert load_index(path).manifest == manifest
