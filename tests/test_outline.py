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
    listed = [q for q in answer.quotes if q.why.get("outline")]
    items = [q.section.split(" > ")[-1] for q in listed]
    assert items[0] == "1) Muscle Spasticity" and "FDA-approved" in listed[0].text
    assert len(items) == 6 and items[-1] == "6) Hiccups"
    before = answer.quotes[:len(answer.quotes) - len(listed)]  # what answers it from elsewhere stays, first
    assert before and all(not q.section.startswith("What is Baclofen Used for?") for q in before)


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


def test_the_listed_uses_are_the_leaves_under_the_numbered_headings(small, document):
    from chat.outline import listed_leaves, title_stems

    assert [s.title for s in listed_leaves(small.sections)] == ["1) Headache", "2) Back Pain", "3) Toothache"]
    titles = [s.title for s in listed_leaves(document.sections)]
    assert titles == ["Multiple Sclerosis", "Spinal Cord Injury", "2) Alcoholism", "3) Alcohol Withdrawal",
                      "4) Acid Reflux", "5) Cerebral Palsy", "6) Hiccups"]
    assert title_stems("4) Acid Reflux") == {"acid", "reflux"}


@pytest.mark.slow
@pytest.mark.parametrize("question, use, needle", [
    ("could baclofen do anything for my MS?", "Multiple Sclerosis", "FDA-approved to treat muscle spasticity"),
    ("is baclofen any use for reflux?", "4) Acid Reflux", "used off-label for a number of other conditions"),
    ("so does lioresal actually help people drink less?", "2) Alcoholism", "used off-label"),
])
def test_whether_it_helps_with_a_use_says_if_that_use_is_approved(engine, question, use, needle):
    answer = engine.answer(question)
    status = [q for q in answer.quotes if q.why.get("use_status")]
    assert answer.status == "answered" and len(status) == 1
    assert status[0].why["use_status"] == use and needle in status[0].text and status[0] is not answer.quotes[0]
    assert len(answer.quotes) <= 4


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "does baclofen work as well as valium for alcohol withdrawal?",  # the overview names alcohol, not withdrawal
    "how many patients were in the acid reflux meta-analysis?",  # asks no "does it help"
    "would baclofen help my son's cerebral palsy?",  # no sentence says whether that use is approved
    "is baclofen approved for spasticity from multiple sclerosis?",  # a quote already says so
    "I have MS and work full time, why am I so sleepy on baclofen?",  # "work" is no "does it work"
])
def test_no_use_status_where_none_is_asked_or_said(engine, question):
    assert not any(q.why.get("use_status") for q in engine.answer(question).quotes)
