"""Conversation history in the shapes callers send: earlier questions as strings, or chat messages.

Example:
    >>> user_questions(["What is baclofen?", {"role": "assistant", "content": "A muscle relaxant."},
    ...                 {"role": "user", "content": [{"type": "text", "text": "Is it safe?"}]}])
    ('What is baclofen?', 'Is it safe?')
"""

from __future__ import annotations

from typing import Any

from ingest.errors import InputError

SHAPES = ('a list of earlier questions (strings) or chat messages ({"role": "user" or "assistant", '
          '"content": "..."}), oldest first')
_ROLES = ("user", "assistant", "system")


def user_questions(history: Any) -> tuple[str, ...]:
    """The user's earlier questions, oldest first; assistant and system messages are skipped (the
    answers were quotes: the questions carry the topic). InputError for any other shape."""
    if history is None:
        return ()
    if not isinstance(history, (list, tuple)):
        raise InputError(f'"history" must be {SHAPES}')
    out = []
    for n, turn in enumerate(history, start=1):
        if isinstance(turn, str):
            out.append(turn)
            continue
        if not isinstance(turn, dict) or turn.get("role") not in _ROLES:
            raise InputError(f'history turn {n} is neither a string nor a chat message; "history" must be {SHAPES}')
        text = _content_text(turn.get("content"))
        if text is None:
            raise InputError(f'history turn {n}: "content" must be text (or a list of {{"type": "text", '
                             f'"text": "..."}} parts)')
        if turn["role"] == "user":
            out.append(text)
    return tuple(out)


def _content_text(content: Any) -> str | None:
    """A message's text: a string, or the text parts of a multi-part content list (files are skipped)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list) and all(isinstance(p, (str, dict)) for p in content):
        return " ".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content
                        if isinstance(p, str) or p.get("type", "text") == "text").strip()
    return None
