"""The test-set loader: gold resolved to exact spans, and every bad file or row is one error naming file:line."""

from __future__ import annotations

import collections
import json

import pytest

from chat.cli import main
from eval.testset import DEFAULT_TESTSET, TestSetError, load_testsets

CORPUS = "Uses\n\nIt relaxes muscles [1]. It treats spasms [2].\n\nDosage\n\nTake 5 mg. Take 5 mg.\n"
DOC = "doc"


def _row(**kw) -> dict:
    row = {"id": "q1", "question": "What does it treat?", "history": [], "category": "factoid",
           "expect": "answered", "evidence": ["It treats spasms [2]."], "refs": [2], "split": "dev"}
    row.update(kw)
    return row


def _jsonl(tmp_path, *rows, name="t.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_exact_text_resolves_to_its_span(tmp_path):
    (item,) = load_testsets([_jsonl(tmp_path, _row())], CORPUS, DOC, "all")
    (span,) = item.evidence
    assert CORPUS[span.start:span.end] == span.text == "It treats spasms [2]." and span.doc_id == DOC
    assert item.scored and item.refs == (2,) and item.history == ()


def test_history_may_be_chat_messages(tmp_path):
    history = [{"role": "user", "content": "Is it for spasms?"}, {"role": "assistant", "content": "Yes [2]."}]
    (item,) = load_testsets([_jsonl(tmp_path, _row(history=history))], CORPUS, DOC, "all")
    assert item.history == ("Is it for spasms?",)


def test_span_objects_pick_one_of_repeated_texts(tmp_path):
    second = CORPUS.rindex("Take 5 mg.")
    row = _row(evidence=[{"text": "Take 5 mg.", "start": second, "end": second + 10}])
    (item,) = load_testsets([_jsonl(tmp_path, row)], CORPUS, DOC, "all")
    assert item.evidence[0].start == second


@pytest.mark.parametrize("lines, message", [
    ([_row(evidence=["It cures everything."])], "t.jsonl:1: evidence is not in the monograph"),
    ([_row(), _row(id="q2", evidence=["It treats  spasms [2]."])], "t.jsonl:2: evidence is not in the monograph"),
    ([_row(evidence=["it treats spasms [2]."])], "differs only in quotes, dashes, spaces or case"),
    ([_row(evidence=["Take 5 mg."])], "occurs 2 times"),
    ([_row(evidence=[{"text": "It treats spasms [2].", "start": 0, "end": 21}])], "does not hold"),
    ([_row(evidence=[{"text": "x"}])], "integer start and end"),
    ([_row(), "{oops"], "t.jsonl:2: not valid JSON"),
    ([_row(), "", '["a list"]'], "t.jsonl:3: expected an object"),
    ([_row(expect="maybe")], "t.jsonl:1: unknown expect 'maybe'"),
    ([_row(expect=None)], "unknown expect None"),
    ([_row(question="  ")], "'question' must be a non-empty string"),
    ([_row(history="earlier")], "'history' must be a list"),
    ([_row(history=[1])], 'history turn 1 is neither a string nor a chat message'),
    ([_row(refs=["one"])], "'refs' must be a list of reference numbers"),
    ([_row(split="train")], "unknown split 'train'"),
    ([_row(), _row()], "t.jsonl:2: duplicate id 'q1' (first at"),
    ([], "the test set is empty"),
    (["", "  "], "the test set is empty"),
])
def test_bad_jsonl_is_one_error_naming_file_and_line(tmp_path, lines, message):
    path = _jsonl(tmp_path, *lines)
    with pytest.raises(TestSetError) as err:
        load_testsets([path], CORPUS, DOC, "all")
    assert message in str(err.value) and str(path.name) in str(err.value)
    assert "\n" not in str(err.value)


def test_second_evidence_is_named(tmp_path):
    path = _jsonl(tmp_path, _row(evidence=["It treats spasms [2].", "Nope."]))
    with pytest.raises(TestSetError, match=r"t\.jsonl:1: evidence 2: evidence is not in the monograph"):
        load_testsets([path], CORPUS, DOC, "all")


def test_split_filter_and_empty_split(tmp_path):
    path = _jsonl(tmp_path, _row(), _row(id="q2", split="test"), _row(id="q3", split=None))
    assert [i.id for i in load_testsets([path], CORPUS, DOC, "dev")] == ["q1"]
    assert [i.id for i in load_testsets([path], CORPUS, DOC, "all")] == ["q1", "q2", "q3"]
    only_dev = _jsonl(tmp_path, _row(), name="dev.jsonl")
    with pytest.raises(TestSetError, match="no questions with split 'test'"):
        load_testsets([only_dev], CORPUS, DOC, "test")


def test_ids_are_unique_across_files(tmp_path):
    a, b = _jsonl(tmp_path, _row(), name="a.jsonl"), _jsonl(tmp_path, _row(), name="b.jsonl")
    with pytest.raises(TestSetError, match=r"b\.jsonl:1: duplicate id 'q1' \(first at .*a\.jsonl:1\)"):
        load_testsets([a, b], CORPUS, DOC, "all")


def test_csv_with_json_array_cells(tmp_path):
    s = CORPUS.rindex("Take 5 mg.")
    path = tmp_path / "t.csv"
    path.write_text(
        "id,question,history,category,expect,evidence,refs,numbers,split\n"
        'c1,What does it treat?,,factoid,answered,It treats spasms [2].,2,,dev\n'
        'c2,"And the dose?","[""What does it treat?""]",numeric,answered,'
        f'"[{{""text"": ""Take 5 mg."", ""start"": {s}, ""end"": {s + 10}}}]","","[""5 mg""]",test\n'
        "c3,Half-life?,,not_covered,not_covered,,,,\n", encoding="utf-8")
    items = load_testsets([path], CORPUS, DOC, "all")
    assert items[1].evidence[0].start == s
    assert [i.id for i in items] == ["c1", "c2", "c3"]
    assert items[1].history == ("What does it treat?",) and items[1].numbers == ("5 mg",)
    assert items[0].refs == (2,) and items[2].evidence == () and items[2].split is None and not items[2].scored


@pytest.mark.parametrize("text, message", [
    ("id,question\nq1,hi\n", "t.csv:1: CSV header lacks column(s): expect"),
    ("id,question,expect\nq1,hi,answered\nq2,there,nope\n", "t.csv:3: unknown expect 'nope'"),
    ("id,question,expect\nq1,hi,answered,extra\n", "t.csv:2: more cells than header columns"),
    ("id,question,expect,evidence\nq1,hi,answered,[broken\n", "t.csv:2: 'evidence' is not a valid JSON array"),
    ("id,question,expect\n", "the test set is empty"),
])
def test_bad_csv(tmp_path, text, message):
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TestSetError) as err:
        load_testsets([path], CORPUS, DOC, "all")
    assert message in str(err.value)


@pytest.mark.parametrize("name, data, message", [
    ("missing.jsonl", None, "test set not found"),
    ("latin1.jsonl", "é".encode("latin-1"), "not UTF-8"),
    ("notes.txt", b"{}", "test sets are .jsonl or .csv files"),
])
def test_unreadable_files(tmp_path, name, data, message):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(TestSetError, match=message):
        load_testsets([path], CORPUS, DOC, "all")


def test_cli_reports_a_bad_test_set_in_one_line_before_loading_the_model(tmp_path, capsys, monkeypatch):
    import index.embed

    monkeypatch.setattr(index.embed, "load_encoder", lambda *a, **k: pytest.fail("model loaded before the check"))
    path = _jsonl(tmp_path, _row(evidence=["Not in the monograph at all."]))
    code = main(["eval", "--testset", str(path), "--split", "all", "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0
    assert err.startswith("baclofen-qa: error:") and f"{path}:1:" in err and "not in the monograph" in err


def test_the_bundled_gold_set_meets_the_issue(corpus_text):
    items = load_testsets([DEFAULT_TESTSET], corpus_text, "baclofen_monograph", "all")
    per_cat = collections.Counter(i.category for i in items)
    assert len(items) >= 150 and len(per_cat) == 11 and min(per_cat.values()) >= 12
    for cat, n in per_cat.items():
        dev = sum(i.category == cat and i.split == "dev" for i in items)
        assert abs(dev - (n - dev)) <= 1, cat  # stratified halves
    assert all(i.expect == "answered" and i.evidence for i in items if i.category in ("factoid", "numeric", "list"))
    assert all(i.history for i in items if i.category == "follow_up")
    assert all(i.numbers for i in items if i.category == "numeric")
    assert {i.expect for i in items if i.category in ("not_covered", "out_of_scope", "emergency")} == {
        "not_covered", "out_of_scope", "emergency"}
