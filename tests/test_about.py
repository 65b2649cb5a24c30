"""Questions about the page itself: byline, author box and site disclaimer, quoted exactly."""

from __future__ import annotations

import pytest

from chat.about import asks_about_the_page
from ingest.about import about_passages

PAGE = """Evidence Based This post has 3 references

Drugx Uses and Risks

Written by Ann Lee, PharmD | Last updated:
Bo Chan
Medically reviewed by
Bo Chan, MD, PhD | Written by Ann Lee, PharmD | Last updated:

Drugx is a medicine used to treat muscle spasms in adults and children [1]. It is taken by mouth.

About the Author

Ann Lee

Ann is a pharmacist with ten years of clinical experience in hospitals.

1 Star2 Stars3 Stars4 Stars5 Stars
(4 votes, average: 4.00 out of 5)

FDA Compliance

The information on this website has not been evaluated by the FDA. Information is shared for educational purposes only.

Leave a Reply

Great article, it was written really well and helped me a lot.
"""


def test_byline_author_box_and_disclaimer_are_found_with_exact_offsets():
    found = about_passages(PAGE)
    assert [(p.section, p.text) for p in found] == [
        ("Byline", "Written by Ann Lee, PharmD | Last updated:"),
        ("Byline", "Medically reviewed by\nBo Chan, MD, PhD | Written by Ann Lee, PharmD | Last updated:"),
        ("About the Author", "Ann is a pharmacist with ten years of clinical experience in hospitals."),
        ("FDA Compliance", "The information on this website has not been evaluated by the FDA."),
        ("FDA Compliance", "Information is shared for educational purposes only."),
    ]  # no comment, rating, photo caption or body sentence
    assert all(PAGE[p.start:p.end] == p.text for p in found)


def test_a_page_without_any_says_nothing_of_itself():
    assert about_passages("Title\n\nIt is a drug used for spasms in adults [1].\n") == []


@pytest.mark.parametrize("question", [
    "who is the author of this page?", "which pharmacist wrote it up?", "who reviewed this article medically?",
    "is the info on this site approved by the FDA?", "can I trust this website over my doctor?",
    "who wrote this", "does the writer have any clinical background?",
    "was this baclofen information evaluated by anyone?",  # the page, with the drug's name in between
])
def test_questions_about_the_page(question):
    assert asks_about_the_page(question)


@pytest.mark.parametrize("question", [
    "what does this article say about dosing?", "who reviewed the clinical trials?", "Is baclofen FDA approved?",
    "who should not take baclofen?", "what did the 6 studies the researchers reviewed find?", "Who makes baclofen?",
    "what did the authors of the meta-analysis conclude?", "is the baclofen pump approved by the FDA?",
])
def test_questions_about_the_drug_are_not_about_the_page(question):
    assert not asks_about_the_page(question)


@pytest.mark.slow
def test_the_engine_quotes_the_page_for_questions_about_it(engine):
    doc_text = next(iter(engine.index.documents.values())).text
    who = engine.answer("who is the author of this page?")
    assert who.status == "answered" and who.quotes
    assert who.quotes[0].section in ("Byline", "About the Author") and "Mathew Eng" in who.quotes[0].text
    fda = engine.answer("is the info on this site approved by the FDA?")
    assert fda.quotes[0].section == "FDA Compliance" and "not been evaluated" in fda.quotes[0].text
    for q in who.quotes + fda.quotes:
        assert doc_text[q.start:q.end] == q.text and q.refs == ()
    when = engine.answer("when was this page last updated?")  # the byline shows no date
    assert when.status == "not_covered" and [q.role for q in when.quotes] == ["related"]
    drug = engine.answer("what does this article say about the maximum dose?")
    assert drug.status == "answered" and "80 mg" in drug.quotes[0].text
