"""History in either shape: earlier questions as strings, or chat messages with roles."""

from __future__ import annotations

import json

import pytest

from chat.engine import clean_history
from chat.turns import user_questions
from ingest.errors import InputError


def test_strings_and_messages_give_the_users_questions_oldest_first():
    history = [{"role": "system", "content": "be nice"}, "Is baclofen a muscle relaxant?",
               {"role": "assistant", "content": "Baclofen is a muscle relaxant [1]."},
               {"role": "user", "content": "Does it help in MS?"}]
    assert user_questions(history) == ("Is baclofen a muscle relaxant?", "Does it help in MS?")


def test_multi_part_content_keeps_its_text_parts():
    turn = {"role": "user", "content": [{"type": "text", "text": "What about"}, {"type": "file", "path": "x"},
                                        {"type": "text", "text": "in children?"}]}
    assert user_questions([turn]) == ("What about in children?",)


@pytest.mark.parametrize("history", ["What is it?", [3], [{"content": "no role"}], [{"role": "user", "content": 5}],
                                     [{"role": "robot", "content": "hi"}]])
def test_other_shapes_get_a_clear_error(history):
    with pytest.raises(InputError, match="history"):
        user_questions(history)


def test_the_engine_keeps_only_the_last_user_turns():
    history = [m for n in range(20) for m in ({"role": "user", "content": f"question {n}"},
                                              {"role": "assistant", "content": f"answer {n}"})]
    turns = clean_history(history)
    assert len(turns) == 8 and turns[-1] == "question 19" and not any("answer" in t for t in turns)


@pytest.mark.slow
def test_a_chat_message_history_resolves_a_follow_up(engine):
    history = [{"role": "user", "content": "Does baclofen help with hiccups?"},
               {"role": "assistant", "content": "It is sometimes used for persistent hiccups."}]
    answer = engine.answer("how many people were studied for that?", history)
    assert answer.history == ("Does baclofen help with hiccups?",)
    assert "hiccup" in answer.standalone_query.lower() and "hiccup" in answer.quotes[0].text.lower()


def test_a_batch_file_may_carry_chat_messages(tmp_path):
    from chat.cli import _read_batch

    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"question": "And for kids?", "history": [
        {"role": "user", "content": "Is baclofen used for spasticity?"}, {"role": "assistant", "content": "Yes."}]})
        + "\n" + json.dumps({"question": "x", "history": [{"role": "user"}]}) + "\n")
    with pytest.raises(InputError, match=r"b\.jsonl:2: history turn 1"):
        _read_batch(path)
