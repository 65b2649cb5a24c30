"""The emergency-set scorer: counts only, clear errors for a malformed set."""

from __future__ import annotations

import json

import pytest

from eval.emergencies import read_messages, score
from ingest.errors import InputError


def _write(tmp_path, rows):
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_scores_escalations_and_false_alarms_by_kind(tmp_path):
    path = _write(tmp_path, [
        {"id": "a", "text": "ALARM one", "urgent": True, "kind": "pump"},
        {"id": "b", "text": "quiet two", "urgent": True, "kind": "pump"},
        {"id": "c", "text": "ALARM three", "urgent": False, "kind": "lookalike"},
        {"id": "d", "text": "quiet four", "urgent": False, "kind": "lookalike"},
    ])
    result = score(read_messages(path), lambda text: "ALARM" in text)
    assert (result.escalated, result.urgent, result.false_alarms, result.calm) == (1, 2, 1, 2)
    assert result.by_kind == {"pump": (1, 2), "lookalike": (1, 2)} and result.escalated_ids == ("a", "c")
    assert "escalated 1/2" in result.text() and "ALARM" not in result.text()  # a blind set's messages stay unseen


@pytest.mark.parametrize("line", ['{"id": "x", "text": "hi"}', "not json", '{"id": "x", "text": "", "urgent": true}',
                                  '{"id": "x", "text": "hi", "urgent": "yes"}'])
def test_a_malformed_line_is_named(tmp_path, line):
    path = _write(tmp_path, [{"id": "ok", "text": "fine", "urgent": False}, line])
    with pytest.raises(InputError, match=r"set.jsonl:2"):
        read_messages(path)


def test_duplicate_ids_and_empty_sets_are_errors(tmp_path):
    dup = _write(tmp_path, [{"id": "a", "text": "x", "urgent": True}, {"id": "a", "text": "y", "urgent": False}])
    with pytest.raises(InputError, match="unique id"):
        read_messages(dup)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_messages(empty)
    with pytest.raises(InputError, match="cannot read"):
        read_messages(tmp_path / "missing.jsonl")
