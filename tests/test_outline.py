"""A question restating a heading over numbered subsections is answered with one quote per subsection."""

from __future__ import annotations

import pytest

from chat.outline import asks_for_list, names_a_use, numbered_items, outlined, restates
from ingest.parse import parse_document

SMALL = """# Pills

## What is Baclofen Used for?

### Approved Uses

#### 1) Headache

Headache is common. Baclofen is approved to treat headache [1].

### Off-Label Uses

#### 2) Back Pain

Back pain has many causes. Baclofen is sometimes used for back pain [2].

#### 3) Toothache

Baclofen is sometimes used for toothache [3].

## Safety

Baclofen is safe for most people [4].
"""


@pytest.fixture(scope="module")
def small():
    return parse_document(SMALL, "small")


@pytest.mark.parametrize("question, heading", [
    ("what is baclofen used for?", "What is Baclofen Used for?"),
    ("what conditions does it treat?", "What is Baclofen Used for?"),
    ("Which off-label uses are there?", "Off-Label Uses"),
    ("list the off label uses", "Off-Label Uses"),
])
def test_a_question_restating_a_heading_finds_its_numbered_items(small, question, heading):
    found = outlined(question, small.sections)
    assert found is not None and found[0].title == heading
    assert [s.title for s in found[1]] == [s.title for s in numbered_items(small.sections, found[0])]


def test_the_items_are_the_numbered_headings_in_order(small):
    top = next(s for s in small.sections if s.title == "What is Baclofen Used for?")
    assert [s.title for s in numbered_items(small.sections, top)] == ["1) Headache", "2) Back Pain", "3) Toothache"]


@pytest.mark.parametrize("question", [
    "is baclofen used off-label?",  # yes or no
    "what is baclofen used for in children?",  # asks more than the heading says
    "what is baclofen?",  # says nothing of uses
    "what are the approved uses?",  # one numbered heading is no list
    "what about safety?",  # no numbered headings under it
])
def test_other_questions_get_no_outline(small, question):
    assert outlined(question, small.sections) is None


def test_restating_ignores_function_words_names_and_spelling_of_hyphens():
    assert restates("Off-Label Uses") == restates("what are the off label uses of baclofen?") == {"label", "use"}
    assert restates("What is Baclofen Used for?") == restates("what conditions does Lioresal treat?") == {"use"}
    assert asks_for_list("so what is it prescribed for?") and not asks_for_list("does it treat hiccups?")
    assert names_a_use("baclofen is sometimes used to help treat hiccups") and not names_a_use("A hiccup is a spasm.")


@pytest.mark.slow
@pytest.mark.parametrize("question", ["which conditions is baclofen prescribed for off label?",
                                      "list the off-label uses of lioresal"])
def test_off_label_uses_are_quoted_one_per_subsection(engine, question):
    answer = engine.answer(question)
    doc = engine.index.documents["baclofen_monograph"]
    outlined_quotes = [q for q in answer.quotes if q.why.get("outline") == "Off-Label Uses"]
    sections = [q.section.split(" > ")[-1] for q in outlined_quotes]
    assert sections == [s.title for s in doc.sections if s.path[:2] == ("What is Baclofen Used for?", "Off-Label Uses")
                        and len(s.path) == 3]
    assert answer.status == "answered"
    for q in answer.quotes:
        assert doc.text[q.start:q.end] == q.text
    hiccups = outlined_quotes[-1].text
    assert "used to help treat" in hiccups and "persistent hiccups" in hiccups  # the use, not what a hiccup is
    assert len({(q.start, q.end) for q in answer.quotes}) == len(answer.quotes)


@pytest.mark.slow
def test_what_it_is_used_for_lists_the_approved_use_and_each_off_label_one(engine):
    answer = engine.answer("What does baclofen get used for?")
    items = [q.section.split(" > ")[-1] for q in answer.quotes if q.why.get("outline")]
    assert items[0] == "1) Muscle Spasticity" and "FDA-approved" in answer.quotes[1].text
    assert len(items) == 6 and items[-1] == "6) Hiccups"


@pytest.mark.slow
def test_a_compound_question_keeps_its_parts_and_adds_the_list(engine):
    answer = engine.answer("What is baclofen approved for, and which conditions is it used for off-label?")
    assert "FDA-approved" in answer.quotes[0].text
    assert sum(1 for q in answer.quotes if q.why.get("outline") == "Off-Label Uses") == 5


@pytest.mark.slow
@pytest.mark.parametrize("question", ["Is baclofen used off-label?", "what is baclofen used for in kids?",
                                      "what are the side effects of baclofen?"])
def test_other_questions_keep_the_usual_answer(engine, question):
    answer = engine.answer(question)
    assert not any(q.why.get("outline") for q in answer.quotes) and len(answer.quotes) <= 3
