"""Build, save and load the index: FAISS vectors for chunks and quote units, JSON metadata, manifest.

Layout of an index directory (no pickle anywhere):
    manifest.json   settings, model fingerprint, corpus hashes, file checksums
    documents.json  each document's text, sections, blocks and sentences
    chunks.json     chunk metadata, row i <-> vector i of chunks.faiss
    units.json      quote units, row i <-> vector i of units.faiss and of heads.faiss
                    (heads: the unit's first sentence or list lead-in, so a long list still
                    matches a question about its lead-in)
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from index import ann
from index.embed import Encoder
from index.files import publish_dir, sha256_file, write_bytes_synced
from index.manifest import EMBEDDING_RECIPE, FIX, SCHEMA_VERSION, Manifest, read_manifest
from ingest.chunk import Chunk, ChunkSettings, chunk_document
from ingest.corpus import read_corpus, sha256_bytes
from ingest.errors import QAError, IndexLoadError
from ingest.model import Block, Document, Section, Sentence
from ingest.parse import parse_document
from ingest.units import Unit, quote_units

DATA_FILES = ("documents.json", "chunks.json", "units.json", "chunks.faiss", "units.faiss", "heads.faiss")


@dataclass(frozen=True)
class LoadedIndex:
    """Everything retrieval needs, read once."""

    manifest: Manifest
    documents: dict[str, Document]
    chunks: tuple[Chunk, ...]
    units: tuple[Unit, ...]
    chunk_units: tuple[tuple[int, ...], ...]  # per chunk, the rows of the units it overlaps
    chunk_index: object  # faiss.Index over chunk vectors
    unit_vectors: np.ndarray
    head_vectors: np.ndarray


def doc_ids_for(paths: Sequence[Path]) -> list[str]:
    """Readable, unique document ids from file names: 'baclofen_monograph', 'baclofen_monograph-2'."""
    ids: list[str] = []
    for path in paths:
        base = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(path).stem).strip("-") or "document"
        doc_id, n = base, 2
        while doc_id in ids:
            doc_id, n = f"{base}-{n}", n + 1
        ids.append(doc_id)
    return ids


_CITATION = re.compile(r"\s*\[[\d\s,;–—-]+\]")
_BULLET_LINE = re.compile(r"\s*\n\s*(?:[•◦▪‣●○■□➢–\-\*\+]|\d{1,3}[.)])\s+")


def embedding_text(text: str) -> str:
    """What the model reads: citation brackets dropped and bullets flattened, which MiniLM
    matches much better against questions (the quote itself keeps every character)."""
    flat = _BULLET_LINE.sub(", ", _CITATION.sub("", text))
    return re.sub(r":\s*,\s*", ": ", re.sub(r"\s+", " ", flat)).strip()


def chunk_embedding_text(chunk: Chunk) -> str:
    """Section headings are context for their passages."""
    return " > ".join(chunk.section_path) + ": " + embedding_text(chunk.text)


def document_subject(doc: Document) -> str:
    """The word of the title the text uses most, e.g. "Baclofen" for a baclofen monograph."""
    counts: dict[str, int] = {}
    for word in re.findall(r"[A-Za-z][A-Za-z-]{3,}", doc.title):
        counts[word] = len(re.findall(rf"\b{re.escape(word)}\b", doc.text, re.IGNORECASE))
    return max(counts, key=lambda w: (counts[w], -doc.title.index(w)), default="")


def unit_embedding_text(doc: Document, unit: Unit, head: bool = False, subject: str = "") -> str:
    """The document's subject and the section title give a sentence its context."""
    prefix = f"{subject}, " if subject else ""
    return f"{prefix}{doc.sections[unit.section_id].title}: {embedding_text(unit.head if head else unit.text)}"


def _progress(items: list, desc: str, enabled: bool) -> Iterable:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="batch", leave=False)


def _encode(encoder: Encoder, texts: list[str], desc: str, progress: bool, batch: int = 32) -> np.ndarray:
    parts = [encoder.encode(texts[i : i + batch], batch_size=batch)
             for i in _progress(list(range(0, len(texts), batch)), desc, progress)]
    return np.vstack(parts) if parts else np.zeros((0, encoder.dim), dtype=np.float32)


def _faiss_bytes(vectors: np.ndarray, index_type: str = ann.FLAT) -> bytes:
    import faiss

    return faiss.serialize_index(ann.make_index(vectors, index_type)).tobytes()


def build_index(corpus_paths: Sequence[str | Path], index_dir: str | Path, encoder: Encoder,
                settings: ChunkSettings = ChunkSettings(), progress: bool = False,
                exact_limit: int = ann.EXACT_LIMIT) -> Manifest:
    """Parse, chunk, embed and save; the new index replaces the old one only once complete.

    Chunk vectors go into an exact FAISS index up to `exact_limit` of them, HNSW above (index/ann.py).
    """
    started = time.perf_counter()
    paths = [Path(p) for p in corpus_paths]
    texts = [read_corpus(p) for p in paths]  # every corpus error surfaces before anything is written
    docs = [parse_document(text, doc_id, str(p)) for p, text, doc_id in zip(paths, texts, doc_ids_for(paths))]
    chunks = [c for doc in docs for c in chunk_document(doc, settings)]
    units = [u for doc in docs for u in quote_units(doc)]
    by_id = {d.doc_id: d for d in docs}
    if not chunks:
        raise QAError("the corpus has no text to index after removing page furniture")
    chunk_vecs = _encode(encoder, [chunk_embedding_text(c) for c in chunks], "embedding chunks", progress)
    subjects = {d.doc_id: document_subject(d) for d in docs}
    unit_vecs = _encode(encoder, [unit_embedding_text(by_id[u.doc_id], u, subject=subjects[u.doc_id]) for u in units],
                        "embedding quotes", progress)
    head_rows = [i for i, u in enumerate(units) if u.head_end and u.head_end < u.end]
    head_vecs = unit_vecs.copy()
    if head_rows:
        head_vecs[head_rows] = _encode(encoder, [unit_embedding_text(by_id[units[i].doc_id], units[i], True,
                                                                     subjects[units[i].doc_id]) for i in head_rows],
                                       "embedding lead-ins", progress)

    chunk_type = ann.choose_index_type(len(chunks), exact_limit)
    target = Path(index_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.build-"))
    except OSError as exc:
        raise QAError(f"cannot write the index under {target.parent}: {exc.strerror or exc}") from None
    try:
        payloads = {
            "documents.json": _json_bytes([asdict(d) for d in docs]),
            "chunks.json": _json_bytes([asdict(c) for c in chunks]),
            "units.json": _json_bytes([asdict(u) for u in units]),
            "chunks.faiss": _faiss_bytes(chunk_vecs, chunk_type),
            "units.faiss": _faiss_bytes(unit_vecs),
            "heads.faiss": _faiss_bytes(head_vecs),
        }
        for name, data in payloads.items():
            write_bytes_synced(staging / name, data)
        manifest = _manifest(encoder, settings, paths, texts, docs, chunks, units, payloads, started, chunk_type)
        write_bytes_synced(staging / "manifest.json", manifest.to_json().encode("utf-8"))
        publish_dir(staging, target)
    except OSError as exc:
        raise QAError(f"cannot write the index to {target}: {exc.strerror or exc}; the previous index is unchanged") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _json_bytes(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _manifest(encoder: Encoder, settings: ChunkSettings, paths: list[Path], texts: list[str],
              docs: list[Document], chunks: list[Chunk], units: list[Unit], payloads: dict[str, bytes],
              started: float, chunk_type: str = ann.FLAT) -> Manifest:
    import faiss

    return Manifest(
        schema_version=SCHEMA_VERSION,
        model_name=encoder.name,
        weights_sha256=encoder.weights_sha256,
        dim=encoder.dim,
        faiss_version=faiss.__version__,
        chunking=asdict(settings),
        corpus=[{"doc_id": d.doc_id, "source": str(p.resolve()), "sha256": sha256_bytes(p.read_bytes()),
                 "chars": len(t)} for p, t, d in zip(paths, texts, docs)],
        counts={"documents": len(docs), "sections": sum(len(d.sections) for d in docs),
                "sentences": sum(len(d.sentences) for d in docs), "chunks": len(chunks), "units": len(units)},
        files={name: sha256_bytes(data) for name, data in payloads.items()},
        built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        build_seconds=round(time.perf_counter() - started, 3),
        index_type=chunk_type,
        extra={"ann": ann.ann_params(chunk_type)} if chunk_type != ann.FLAT else {},
    )


def stale_reason(index_dir: str | Path, corpus_paths: Sequence[str | Path], settings: ChunkSettings,
                 weights_sha256: str) -> str | None:
    """Why the index must be rebuilt for these inputs, or None when it is current."""
    try:
        manifest = read_manifest(Path(index_dir))
    except IndexLoadError as exc:
        return str(exc).split(";")[0]
    wanted = [sha256_bytes(Path(p).read_bytes()) for p in corpus_paths]
    if [c["sha256"] for c in manifest.corpus] != wanted:
        return "the corpus changed"
    if manifest.chunking != asdict(settings):
        return "the chunk settings changed"
    if manifest.weights_sha256 != weights_sha256:
        return "the embedding model changed"
    if manifest.embedding_recipe != EMBEDDING_RECIPE:
        return "the way texts are embedded changed"
    for name in DATA_FILES:
        path = Path(index_dir) / name
        if not path.is_file():
            return f"{name} is missing"
        if sha256_file(path) != manifest.files.get(name):
            return f"{name} is corrupt"
    return None


def ensure_index(index_dir: str | Path, corpus_paths: Sequence[str | Path] | None, settings: ChunkSettings,
                 encoder: Encoder, progress: bool = True) -> str | None:
    """Build the index if it is missing or stale; returns why it was rebuilt, or None.

    Without explicit corpus paths, the files the index was built from are reused when they
    still exist; otherwise the bundled monograph is the corpus.
    """
    from ingest.corpus import DEFAULT_CORPUS

    paths = [Path(p) for p in corpus_paths] if corpus_paths else None
    if paths is None:
        try:
            recorded = [Path(c["source"]) for c in read_manifest(Path(index_dir)).corpus]
            paths = recorded if recorded and all(p.is_file() for p in recorded) else None
        except (IndexLoadError, KeyError, TypeError):
            paths = None
    paths = paths or [DEFAULT_CORPUS]
    for path in paths:
        read_corpus(path)
    reason = stale_reason(index_dir, paths, settings, encoder.weights_sha256)
    if reason:
        build_index(paths, index_dir, encoder, settings, progress=progress)
    return reason


def load_index(index_dir: str | Path, weights_sha256: str | None = None) -> LoadedIndex:
    """Read and verify an index; any mismatch or corruption is one IndexLoadError naming the fix."""
    import faiss

    index_dir = Path(index_dir)
    manifest = read_manifest(index_dir)
    if manifest.embedding_recipe != EMBEDDING_RECIPE:
        raise IndexLoadError(f"index at {index_dir} was built by an older version of this program "
                             f"(embedding recipe {manifest.embedding_recipe!r}); {FIX}")
    if weights_sha256 is not None and manifest.weights_sha256 != weights_sha256:
        raise IndexLoadError(
            f"index at {index_dir} was built with another embedding model ({manifest.model_name}, weights "
            f"{manifest.weights_sha256[:12]}...) than the one configured ({weights_sha256[:12]}...); {FIX}"
        )
    for name in DATA_FILES:
        path = index_dir / name
        if not path.is_file():
            raise IndexLoadError(f"index at {index_dir} is incomplete ({name} missing); {FIX}")
        if sha256_file(path) != manifest.files.get(name):
            raise IndexLoadError(f"index at {index_dir} is corrupt ({name} does not match its checksum); {FIX}")
    try:
        docs = [_document(d) for d in json.loads((index_dir / "documents.json").read_bytes())]
        chunks = tuple(_chunk(c) for c in json.loads((index_dir / "chunks.json").read_bytes()))
        units = tuple(_unit(u) for u in json.loads((index_dir / "units.json").read_bytes()))
        chunk_index = faiss.deserialize_index(np.frombuffer((index_dir / "chunks.faiss").read_bytes(), dtype=np.uint8))
        unit_index = faiss.deserialize_index(np.frombuffer((index_dir / "units.faiss").read_bytes(), dtype=np.uint8))
        head_index = faiss.deserialize_index(np.frombuffer((index_dir / "heads.faiss").read_bytes(), dtype=np.uint8))
    except (ValueError, TypeError, KeyError, RuntimeError) as exc:
        raise IndexLoadError(f"index at {index_dir} is corrupt ({exc.__class__.__name__}); {FIX}") from None
    counts = (chunk_index.ntotal, unit_index.ntotal, head_index.ntotal)
    if counts != (len(chunks), len(units), len(units)) or chunk_index.d != manifest.dim:
        raise IndexLoadError(f"index at {index_dir} is inconsistent (vector counts or dimension); {FIX}")
    bad = _misplaced(docs, chunks, units)
    if bad:
        raise IndexLoadError(f"index at {index_dir} is inconsistent ({bad}); {FIX}")
    if ann.index_type_of(chunk_index) != manifest.index_type:
        raise IndexLoadError(f"index at {index_dir} is inconsistent (chunks.faiss is {ann.index_type_of(chunk_index)}, "
                             f"the manifest says {manifest.index_type}); {FIX}")
    return LoadedIndex(manifest, {d.doc_id: d for d in docs}, chunks, units, _chunk_units(chunks, units),
                       chunk_index, _vectors(unit_index, manifest.dim), _vectors(head_index, manifest.dim))


def _misplaced(docs: Sequence[Document], chunks: Sequence[Chunk], units: Sequence[Unit]) -> str | None:
    """The first chunk or quote unit whose text is not its document's text at its span (quotes must be exact)."""
    by_id = {d.doc_id: d for d in docs}
    for kind, items in (("chunk", chunks), ("quote unit", units)):
        for row, item in enumerate(items):
            doc = by_id.get(item.doc_id)
            if doc is None or not 0 <= item.section_id < len(doc.sections):
                return f"{kind} {row} names a document or section that is not in documents.json"
            if doc.text[item.start:item.end] != item.text:
                return f"{kind} {row} does not match its document's text"
    return None


def _vectors(index, dim: int) -> np.ndarray:
    if index.ntotal == 0:
        return np.zeros((0, dim), np.float32)
    return np.ascontiguousarray(index.reconstruct_n(0, index.ntotal), dtype=np.float32)


def _chunk_units(chunks: Sequence[Chunk], units: Sequence[Unit]) -> tuple[tuple[int, ...], ...]:
    by_sentence: dict[tuple[str, int], int] = {}
    for row, unit in enumerate(units):
        for sid in unit.sentence_ids:
            by_sentence[(unit.doc_id, sid)] = row
    return tuple(tuple(dict.fromkeys(by_sentence[(c.doc_id, sid)] for sid in c.sentence_ids
                                     if (c.doc_id, sid) in by_sentence)) for c in chunks)


def _document(d: dict) -> Document:
    return Document(
        d["doc_id"], d["title"], d["text"], d["sha256"],
        tuple(Section(s["id"], s["title"], s["level"], tuple(s["path"]), s["start"], s["end"]) for s in d["sections"]),
        tuple(Block(b["id"], b["kind"], b["start"], b["end"], b["section_id"], tuple(b["sentence_ids"]),
                    tuple(b["refs"])) for b in d["blocks"]),
        tuple(Sentence(s["id"], s["start"], s["end"], s["text"], s["section_id"], s["block_id"], tuple(s["refs"]),
                       s["kind"], s["own_refs"]) for s in d["sentences"]),
        d.get("source", ""),
    )


def _chunk(c: dict) -> Chunk:
    return Chunk(c["id"], c["doc_id"], c["section_id"], tuple(c["section_path"]), c["start"], c["end"], c["text"],
                 tuple(c["sentence_ids"]), tuple(c["refs"]), c["n_tokens"])


def _unit(u: dict) -> Unit:
    return Unit(u["id"], u["doc_id"], u["start"], u["end"], u["text"], u["section_id"], tuple(u["refs"]), u["kind"],
                tuple(u["sentence_ids"]), u.get("head_end", 0))
