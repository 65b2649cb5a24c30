"""Compound questions: one message asking two things gets a quote for each; one thing stays one question."""

from __future__ import annotations

import pytest

from chat.compound import MAX_PARTS, split_compound


@pytest.mark.parametrize("text, parts", [
    ("Does it cause weight gain, and can I drive on it?", ("Does it cause weight gain", "can I drive on it?")),
    ("Is it safe for kids? What dose do they get?", ("Is it safe for kids?", "What dose do they get?")),
    ("what are the tablets like and how should they be stored", ("what are the tablets like",
                                                                  "how should they be stored")),
    ("How well does it work for cramps and for hiccups?", ("How well does it work for cramps",
                                                           "How well does it work for hiccups?")),
])
def test_a_message_with_two_questions_is_split(text, parts):
    assert split_compound(text) == parts


@pytest.mark.parametrize("text", [
    "Does baclofen cause drowsiness and dizziness?",  # one question about two things
    "What are the pros and cons of baclofen?",
    "Baclofen and alcohol?",
    "Is it used for spasms, right?",  # a tag too short to stand alone
    "What is it and how?",
    "",
])
def test_one_question_stays_whole(text):
    assert split_compound(text) == (text,)


def test_too_many_parts_are_not_split():
    text = "What is it? How does it work? Who takes it? What does it cost? Is it safe?"
    assert MAX_PARTS < 5 and split_compound(text) == (text,)


def _sections(answer):
    return [q.section.lower() for q in answer.quotes]


def test_each_part_of_a_compound_question_gets_a_quote(engine):
    single = engine.answer("What are the side effects of baclofen?")
    both = engine.answer("What are the side effects of baclofen and what is the typical dose?")
    assert not any("mg/day" in q.text for q in single.quotes)
    assert both.quotes[0].text == single.quotes[0].text  # the message's best still leads
    assert any("mg/day" in q.text and q.why.get("part") == "what is the typical dose?" for q in both.quotes)
    assert len(both.quotes) <= 3


def test_a_part_already_answered_adds_nothing(engine):
    answer = engine.answer("What is the maximum dose of baclofen, and what is the typical daily dose?")
    assert "Typical dosages" in answer.quotes[0].text  # one sentence answers both parts
    assert not [q for q in answer.quotes if q.why.get("part")]
    answer = engine.answer("Can baclofen help with alcohol dependence, and is it safe to drink alcohol while taking it?")
    assert "alcohol" in answer.quotes[0].text and "consume alcohol" not in answer.quotes[0].text
    # the second part, on drinking, gets its own quote
    assert [q.why.get("part") for q in answer.quotes if "consume alcohol" in q.text] == [
        "is it safe to drink alcohol while taking it?"]


def test_the_messages_best_leads_only_when_it_answers_a_part(engine):
    from chat.compose import select_for_parts
    from chat.retrieve import RankedUnit

    rows = {name: next(i for i, u in enumerate(engine.index.units) if needle in u.text) for name, needle in (
        ("blend", "Some people don’t respond to baclofen spinal injections."),
        ("allergy", "allergic or hypersensitive"), ("indicated", "are indicated only in people"))}

    def ranked(*scored, dense=0.7):
        return [RankedUnit(rows[name], score, dense, 0.0, score, 1) for name, score in scored]

    def texts(parts, overall):
        return [q.text for q in select_for_parts(engine.index, parts, overall, spread=0.2)]

    parts = [("who shouldn't take it?", ranked(("allergy", 0.5), ("blend", 0.3))),
             ("who gets the pump?", ranked(("indicated", 0.6), ("blend", 0.5)))]
    blend_first = ranked(("blend", 0.45), ("indicated", 0.44), ("allergy", 0.3))
    got = texts(parts, blend_first)
    assert "allergic" in got[0] and "indicated only" in got[1]  # the blend answers neither part: it follows
    # a close second to a clear match is not the part's answer
    parts[1] = ("who gets the pump?", ranked(("indicated", 0.6), ("blend", 0.58)))
    assert texts(parts, blend_first)[:2] == got[:2]
    # a part with no clear match says too little to rank on its own: a close second answers it too
    parts[1] = ("who gets the pump?", ranked(("indicated", 0.6), ("blend", 0.58), dense=0.4))
    got = texts(parts, blend_first)
    assert "respond to baclofen spinal" in got[0] and "allergic" in got[1]
    # close to the best of every part, though the best of none: two things asked of one passage; it answers both
    parts = [("how much was she taking?", ranked(("allergy", 0.30), ("indicated", 0.29), ("blend", 0.28))),
             ("what happened to the baby?", ranked(("indicated", 0.34), ("blend", 0.31)))]
    assert "respond to baclofen spinal" in texts(parts, blend_first)[0]
    parts[1] = ("what happened to the baby?", ranked(("indicated", 0.40), ("blend", 0.31)))  # far from one best
    assert "respond to" not in texts(parts, blend_first)[0]


def test_a_forms_question_with_a_strengths_question_gets_both(engine):
    answer = engine.answer("which forms is baclofen sold in, and what strengths do the tablets have")
    texts = [q.text for q in answer.quotes]
    assert any("5 mg, 10 mg, and 20 mg" in t for t in texts)
    assert any("ways baclofen can be administered" in t for t in texts)


def test_a_later_part_borrows_the_drug_the_message_names(engine):
    answer = engine.answer("How does baclofen work and what is it used for?")
    texts = " ".join(q.text for q in answer.quotes)
    assert "GABA" in texts and "muscle spasms" in texts


def test_a_compound_question_keeps_its_status_checks(engine):
    # a part the monograph does not answer is named, and the rest answered
    answer = engine.answer("What is baclofen and what is its half-life?")
    assert answer.status == "answered" and "what is its half-life" in answer.lead
    assert engine.answer("my son took 20 tablets, and what should I do?").status == "emergency"
    assert engine.answer("What is ibuprofen and how does it work?").status == "out_of_scope"


def test_a_compound_question_answered_in_part_names_the_part_the_monograph_does_not_answer(engine):
    answer = engine.answer("what is the shelf life of the tablets, and what strengths do they come in?")
    assert answer.status == "answered"
    assert "does not answer this part" in answer.lead and "shelf life of the tablets" in answer.lead
    assert any("5 mg, 10 mg, and 20 mg" in q.text for q in answer.quotes)
    assert "shelf life" in answer.answer_markdown  # the note is shown, not only returned
    # one question told with a detail is not two questions: the price is simply not covered
    assert engine.answer("is baclofen expensive? asking for a month of the 20 mg tablets").status == "not_covered"
    # both parts uncovered: not covered as a whole
    assert engine.answer("what is its half-life, and how much does it cost?").status == "not_covered"


def test_the_part_named_as_not_answered_is_shown_inert(engine):
    answer = engine.answer("what is the <script>alert(1)</script> half-life, and what strengths do the tablets come in?")
    assert answer.status == "answered" and "<script>" in answer.lead  # the words as asked, for JSON and the CLI
    assert "<script>" not in answer.answer_markdown and "&lt;script&gt;" in answer.answer_markdown


def test_two_parts_the_monograph_does_not_answer_are_both_named(engine):
    answer = engine.answer("what is its half-life? how much does it cost? and what strengths do the tablets come in?")
    assert answer.status == "answered" and "these parts" in answer.lead
    assert "what is its half-life" in answer.lead and "how much does it cost" in answer.lead
    assert any("5 mg, 10 mg, and 20 mg" in q.text for q in answer.quotes)
