"""The worked examples in module docstrings stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("module", ["ingest.sentences", "ingest.parse", "ingest.about", "ingest.chunk", "chat.query",
                                    "chat.followup", "chat.compound", "chat.answer_types", "chat.topics", "chat.retrieve", "chat.safety",
                                    "eval.metrics"])
def test_docstring_examples(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
