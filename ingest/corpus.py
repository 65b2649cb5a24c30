"""Read corpus files strictly: UTF-8 text or a clear CorpusError, never a silent guess."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.errors import CorpusError

DEFAULT_CORPUS = Path(__file__).resolve().parent / "data" / "baclofen_monograph.txt"
MAX_CORPUS_BYTES = 50_000_000


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of raw bytes."""
    return hashlib.sha256(data).hexdigest()


def read_corpus(path: str | Path) -> str:
    """Return the decoded text of one corpus file (offsets of every quote point into it).

    The text is decoded as UTF-8 with newlines kept as they are (no translation), and a
    leading byte-order mark is dropped. Raises CorpusError for a missing, empty, binary
    or non-UTF-8 file.
    """
    p = Path(path)
    if not p.exists():
        raise CorpusError(f"corpus file not found: {p}")
    if not p.is_file():
        raise CorpusError(f"corpus path is not a file: {p}")
    size = p.stat().st_size
    if size > MAX_CORPUS_BYTES:
        raise CorpusError(f"corpus file is too large ({size:,} bytes, limit {MAX_CORPUS_BYTES:,}): {p}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot read corpus file {p}: {exc.strerror or exc}") from None
    if b"\x00" in data:
        raise CorpusError(f"corpus file looks binary (it contains NUL bytes): {p}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"corpus file is not valid UTF-8 (byte {exc.start}): {p}; save it as UTF-8 text"
        ) from None
    if not text.strip():
        raise CorpusError(f"corpus file is empty: {p}")
    return text


def corpus_fingerprint(path: str | Path) -> str:
    """sha256 of a corpus file's bytes, used to tell whether an index is stale."""
    try:
        return sha256_bytes(Path(path).read_bytes())
    except OSError as exc:
        raise CorpusError(f"cannot read corpus file {path}: {exc.strerror or exc}") from None
