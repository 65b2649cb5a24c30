"""Quote units: sentences, sentences that lean on the one before, whole lists with lead-ins."""

from __future__ import annotations

from ingest.parse import parse_document
from ingest.units import quote_units


def _units(text: str):
    doc = parse_document(text, "t")
    units = quote_units(doc)
    for u in units:
        assert doc.text[u.start:u.end] == u.text
    return units


def test_a_sentence_that_points_back_is_quoted_with_its_antecedent():
    units = _units("Title\n\nUses\n\nSpasticity makes muscles tight [8]. This condition is caused by nerve damage. "
                   "Baclofen treats it [1].\n")
    assert [u.text for u in units] == [
        "Spasticity makes muscles tight [8]. This condition is caused by nerve damage.",
        "Baclofen treats it [1].",
    ]
    assert units[0].refs == (1, 8) and units[0].head == "Spasticity makes muscles tight [8]."


def test_lists_are_one_unit_with_their_lead_in_as_head():
    units = _units("Title\n\nSafety\n\nSide effects include [1]:\n\n  • Nausea\n  • Dizziness\n\nTake care.\n")
    lst = next(u for u in units if u.kind == "list")
    assert lst.text == "Side effects include [1]:\n\n  • Nausea\n  • Dizziness"
    assert lst.head == "Side effects include [1]:" and lst.refs == (1,)


def test_merging_stops_at_paragraph_ends():
    units = _units("Title\n\nUses\n\nBaclofen relaxes muscles.\n\nIt is a GABA agonist.\n")
    assert [u.text for u in units] == ["Baclofen relaxes muscles.", "It is a GABA agonist."]
