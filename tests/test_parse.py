"""Parsing the monograph: sections, furniture, citations, exact sentence offsets."""

from __future__ import annotations

import pytest

from ingest.model import PATH_SEP
from ingest.parse import parse_document
from ingest.sentences import parse_refs, split_sentences

EXPECTED_SECTIONS = [
    "What is Baclofen?", "Is Baclofen a Narcotic?", "Mechanism of Action", "What is Baclofen Used for?",
    "FDA-Approved Uses", "1) Muscle Spasticity", "Multiple Sclerosis", "Spinal Cord Injury", "Off-Label Uses",
    "2) Alcoholism", "3) Alcohol Withdrawal", "4) Acid Reflux", "5) Cerebral Palsy", "6) Hiccups",
    "Baclofen Safety", "Side Effects", "Withdrawal Risk", "Pregnancy and Breastfeeding", "Baclofen Abuse",
    "Drug Interactions", "Baclofen Dosage", "Oral Baclofen", "Intrathecal Baclofen (Spinal Cord Injections)",
]
FURNITURE = ["Written by", "Medically reviewed", "Last updated", "doctor patient", "About the Author",
             "Mathew received", "FDA Compliance", "has not been evaluated by the Food", "Stars", "votes, average",
             "Leave a Reply", "email address will not be published", "Related Articles", "Evidence Based",
             "This post has 35 references", "Jonathan Ritter", "Puya Yazdi"]


def test_title(document):
    assert document.title == "6 Baclofen (Lioresal) Uses + Side Effects, Risks & Dosage"


def test_every_expected_section_is_found_in_order(document):
    titles = [s.title for s in document.sections]
    assert [t for t in titles if t in EXPECTED_SECTIONS] == EXPECTED_SECTIONS


@pytest.mark.parametrize("title, path", [
    ("2) Alcoholism", "What is Baclofen Used for? > Off-Label Uses > 2) Alcoholism"),
    ("1) Muscle Spasticity", "What is Baclofen Used for? > FDA-Approved Uses > 1) Muscle Spasticity"),
    ("Multiple Sclerosis", "What is Baclofen Used for? > FDA-Approved Uses > 1) Muscle Spasticity > Multiple Sclerosis"),
    ("Side Effects", "Baclofen Safety > Side Effects"),
    ("Drug Interactions", "Baclofen Safety > Drug Interactions"),
    ("Baclofen Dosage", "Baclofen Dosage"),
    ("Oral Baclofen", "Baclofen Dosage > Oral Baclofen"),
    ("Mechanism of Action", "Mechanism of Action"),
])
def test_section_paths(document, title, path):
    section = next(s for s in document.sections if s.title == title)
    assert section.path_str == path
    assert section.level == path.count(PATH_SEP) + 1


def test_no_furniture_in_any_sentence_or_section(document):
    quotable = [s.text for s in document.sentences] + [s.title for s in document.sections]
    for needle in FURNITURE:
        assert not any(needle in text for text in quotable), needle


def test_every_sentence_is_an_exact_span(document, corpus_text):
    assert document.text == corpus_text
    assert len(document.sentences) > 100
    for s in document.sentences:
        assert corpus_text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text


def test_sections_cover_their_sentences(document):
    for s in document.sentences:
        section = document.sections[s.section_id]
        assert section.start <= s.start and s.end <= section.end


@pytest.mark.parametrize("text, refs", [
    ("Baclofen (brand name Lioresal) is a prescription medication", (1,)),
    ("Some withdrawal symptoms include [27, 28]:", (27, 28)),
    ("Some small studies suggest that oral baclofen may reduce the physical symptoms", (19, 20, 21)),
    ("In two long-term clinical trials lasting 5 to 6 years", (12, 13)),
])
def test_sentence_references(document, text, refs):
    sentence = next(s for s in document.sentences if s.text.startswith(text))
    assert sentence.refs == refs


def test_sentence_without_brackets_takes_its_paragraph_refs(document):
    s = next(s for s in document.sentences if s.text.startswith("Besides alcohol dependence"))
    assert not s.own_refs and s.refs == (19, 20, 21)


def test_list_items_take_the_lead_in_refs_and_join_its_block(document):
    lead = next(s for s in document.sentences if s.text == "Some withdrawal symptoms include [27, 28]:")
    block = document.blocks[lead.block_id]
    items = [document.sentences[i] for i in block.sentence_ids if i != lead.id]
    assert block.kind == "list" and lead.kind == "lead_in"
    assert [i.text for i in items] == ["High fever", "Altered mental status", "Hallucinations", "Seizures",
                                       "Muscle rigidity", "Delirium"]
    assert all(i.refs == (27, 28) and i.kind == "item" for i in items)
    assert document.text[block.start:block.end].startswith("Some withdrawal symptoms include")


@pytest.mark.parametrize("text, expected", [
    ("[1]", (1,)), ("[27, 28]", (27, 28)), ("[19, 20, 21]", (19, 20, 21)), ("[3-5]", (3, 4, 5)),
    ("[3–5, 9]", (3, 4, 5, 9)), ("no refs", ()), ("[citation needed]", ()), ("[2] and [1]", (1, 2)),
    ("[1-9999]", (1, 9999)), ("[1-100000]", ()),
])
def test_parse_refs(text, expected):
    assert parse_refs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("One. Two.", ["One.", "Two."]),
    ("Dose is 2.5 mg. Then more.", ["Dose is 2.5 mg.", "Then more."]),
    ("See e.g. Smith. Next one.", ["See e.g. Smith.", "Next one."]),
    ("It works [1]. It helps [2, 3].", ["It works [1].", "It helps [2, 3]."]),
    ("Is it safe? Yes, mostly!", ["Is it safe?", "Yes, mostly!"]),
    ("ends without period", ["ends without period"]),
    ("   ", []),
])
def test_split_sentences(text, expected):
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == expected


MADE_UP = """Evidence Based This post has 4 references

5 Metformin Uses + Side Effects & Dosage

Written by Jane Doe, PharmD | Last updated:
John Smith
Medically reviewed by
John Smith, MD | Written by Jane Doe, PharmD | Last updated:
doctor patient

Metformin is a medicine for type 2 diabetes. It lowers blood sugar [1].

What is Metformin?

Metformin (brand name Glucophage) is a biguanide [1, 2].

What is Metformin Used for?

FDA-Approved Uses

1) Type 2 Diabetes

Metformin is a first-line drug for type 2 diabetes [2].

Children

It is approved for children aged 10 and older [3].

Off-Label Uses

These uses are not approved by the FDA.

2) PCOS

Metformin may help women with polycystic ovary syndrome [4].

Safety

Side Effects

Common side effects include [2]:

  • Diarrhea
  • Nausea

Metformin Dosage

Always follow your prescriber.

Tablets

Tablets come in 500 mg and 850 mg [3].

About the Author

Jane Doe

Jane is a pharmacist.

FDA Compliance

The information on this website has not been evaluated.
"""


def test_made_up_monograph_of_the_same_shape():
    doc = parse_document(MADE_UP, "metformin")
    paths = [s.path_str for s in doc.sections]
    assert doc.title == "5 Metformin Uses + Side Effects & Dosage"
    assert paths == [
        "Introduction", "What is Metformin?", "What is Metformin Used for?",
        "What is Metformin Used for? > FDA-Approved Uses",
        "What is Metformin Used for? > FDA-Approved Uses > 1) Type 2 Diabetes",
        "What is Metformin Used for? > FDA-Approved Uses > 1) Type 2 Diabetes > Children",
        "What is Metformin Used for? > Off-Label Uses",
        "What is Metformin Used for? > Off-Label Uses > 2) PCOS",
        "Safety", "Safety > Side Effects", "Metformin Dosage", "Metformin Dosage > Tablets",
    ]
    texts = [s.text for s in doc.sentences]
    assert "Metformin (brand name Glucophage) is a biguanide [1, 2]." in texts
    assert not any("Jane" in t or "John" in t or "evaluated" in t or "doctor patient" in t for t in texts)
    diarrhea = next(s for s in doc.sentences if s.text == "Diarrhea")
    assert diarrhea.refs == (2,) and diarrhea.kind == "item"
    for s in doc.sentences:
        assert MADE_UP[s.start:s.end] == s.text


MARKDOWN = """# Lisinopril Monograph

Intro text about lisinopril [1].

## Uses

### High Blood Pressure

Lisinopril lowers blood pressure [2]. It is taken once daily.

## Safety

Side effects include [3]:
- Cough
- Dizziness

## References

1. Some journal.
"""


def test_markdown_headings_give_levels_and_paths():
    doc = parse_document(MARKDOWN, "lisinopril")
    assert doc.title == "Lisinopril Monograph"
    assert [s.path_str for s in doc.sections] == ["Introduction", "Uses", "Uses > High Blood Pressure", "Safety"]
    cough = next(s for s in doc.sentences if s.text == "Cough")
    assert cough.refs == (3,)
    assert not any("journal" in s.text for s in doc.sentences)


def test_crlf_text_keeps_exact_offsets():
    text = MADE_UP.replace("\n", "\r\n")
    doc = parse_document(text, "crlf")
    assert len(doc.sections) == 12
    for s in doc.sentences:
        assert text[s.start:s.end] == s.text and "\r" not in s.text


@pytest.mark.parametrize("text", ["", "   \n\n  ", "just one line", "<script>alert(1)</script>", "😀" * 50,
                                  "\x00\x01\x02 text", "a\n" * 1000])
def test_odd_inputs_do_not_crash(text):
    doc = parse_document(text, "odd")
    for s in doc.sentences:
        assert text[s.start:s.end] == s.text
