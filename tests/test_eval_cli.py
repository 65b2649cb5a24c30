"""`baclofen-qa eval` end to end with the fake encoder: the four reports, the gate's exit codes, --compare."""

from __future__ import annotations

import contextlib
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from chat.cli import main
from conftest import FakeEncoder
from eval.compare import compare_reports
from eval.report import ENGINE, read_report
from ingest.corpus import DEFAULT_CORPUS, sha256_bytes

ROWS = [
    {"id": "f1", "question": "Baclofen was first synthesized in the 1960s in the search for an anti-seizure drug?",
     "category": "factoid", "expect": "answered",
     "evidence": ["Baclofen was first synthesized in the 1960s in the search for an anti-seizure drug."], "refs": [1]},
    {"id": "n1", "question": "Oral baclofen is available as tablets with strengths of what mg?", "category": "numeric",
     "expect": "answered",
     "evidence": ["Oral baclofen is available as tablets with strengths of 5 mg, 10 mg, and 20 mg."],
     "numbers": ["5 mg", "10 mg"]},
    {"id": "c1", "question": "What is the half-life of baclofen?", "category": "not_covered", "expect": "not_covered"},
    {"id": "e1", "question": "I just took 20 of my pills", "category": "emergency", "expect": "emergency"},
    {"id": "x1", "question": "<script>alert(1)</script> | what | is this?", "category": "out_of_scope",
     "expect": "out_of_scope"},
]


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse rejects the arguments themselves
            code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A small test set, an index dir, and the real encoder swapped for the fake one."""
    import index.embed

    mp = pytest.MonkeyPatch()
    mp.setattr(index.embed, "load_encoder", lambda model=None: FakeEncoder())
    root = tmp_path_factory.mktemp("evalcli")
    testset = root / "mini.jsonl"
    testset.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    yield root, testset
    mp.undo()


def base_args(root: Path, testset: Path, out: str) -> list[str]:
    return ["eval", "--testset", str(testset), "--split", "all", "--index-dir", str(root / "idx"),
            "--out", str(root / out), "--quiet", "--k", "1,3"]


@pytest.fixture(scope="module")
def first_run(workspace):
    root, testset = workspace
    return run_cli(base_args(root, testset, "a") + ["--fail-under", "exact_quotes=1", "--fail-under", "disclaimer=1"])


def test_eval_prints_the_table_and_writes_four_reports(workspace, first_run):
    root, _ = workspace
    code, out, err = first_run
    assert code == 0, err
    assert "ENGINE vs BASELINE" in out and "PER CATEGORY" in out and "FAILED QUESTIONS" in out
    assert re.search(r"top_quote_hit\s+engine\s+\S+", out) and "gate passed: 2 rule(s)" in err
    assert sorted(p.name for p in (root / "a").iterdir()) == ["report.html", "report.json", "report.md", "report.txt"]
    assert (root / "a" / "report.txt").read_text(encoding="utf-8") == out


def test_report_json_records_config_corpus_hash_versions_and_round_trips(workspace, first_run):
    root, _ = workspace
    data = json.loads((root / "a" / "report.json").read_text(encoding="utf-8"))
    assert data["corpus"]["sha256"] == sha256_bytes(DEFAULT_CORPUS.read_bytes())
    assert data["config"]["ks"] == [1, 3] and data["config"]["split"] == "all"
    assert data["config"]["model"] == "fake-hash-64" and "chunking" in data["config"]
    assert data["versions"]["python"] and "numpy" in data["versions"]
    assert [q["id"] for q in data["questions"]] == [r["id"] for r in ROWS]
    assert set(data["pipelines"]) == {"engine", "baseline"}
    assert data["pipelines"]["baseline"]["overall"]["disclaimer"]["value"] == 0.0
    assert data["pipelines"]["engine"]["overall"]["exact_quotes"]["value"] == 1.0
    report = read_report(root / "a" / "report.json")
    assert json.loads(report.to_json()) == data


def test_html_is_self_contained_with_three_charts_and_escapes_everything(workspace, first_run):
    root, _ = workspace
    page = (root / "a" / "report.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == 3
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page) and "<script" not in page and "<link" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    md = (root / "a" / "report.md").read_text(encoding="utf-8")
    assert "\\| what \\|" in md and "## Failed questions (engine)" in md


def test_a_failed_threshold_exits_1_naming_the_metric(workspace):
    root, testset = workspace
    code, _, err = run_cli(base_args(root, testset, "b") + ["--fail-under", "p90_quote_chars<=1",
                                                             "--fail-under", "exact_quotes=1"])
    assert code == 1
    assert re.search(r"gate failed: p90_quote_chars = [\d.]+, needs at most 1", err)
    assert "exact_quotes" not in err.replace("--fail-under", "")
    gates = json.loads((root / "b" / "report.json").read_text(encoding="utf-8"))["gates"]
    assert [(g["rule"], g["ok"]) for g in gates] == [("p90_quote_chars<=1", False), ("exact_quotes=1", True)]


def test_a_category_rule_and_a_figure_without_questions(workspace):
    root, testset = workspace
    code, _, err = run_cli(base_args(root, testset, "c") + ["--fail-under", "factoid:status_accuracy=1",
                                                             "--fail-under", "not_covered:top_quote_hit=0.5"])
    assert code == 1 and "gate failed: not_covered:top_quote_hit = no value" in err
    assert "factoid:status_accuracy" not in err


@pytest.mark.parametrize("rule, message", [
    ("nonsense=1", "unknown metric 'nonsense'"),
    ("top_quote_hit=85", "is a fraction"),
    ("hit@5=0.9", "unknown metric 'hit@5'"),  # only k = 1,3 are computed in these runs
    ("top_quote_hit>0.5", "write METRIC=VALUE"),
    ("nowhere:top_quote_hit=0.5", "no category 'nowhere'"),
])
def test_bad_rules_exit_2(workspace, rule, message):
    root, testset = workspace
    code, _, err = run_cli(base_args(root, testset, "d") + ["--fail-under", rule])
    assert code == 2 and message in err and err.count("\n") == 1


@pytest.mark.parametrize("setting, message", [("nope=1", "unknown engine setting 'nope'; known: passages_k"),
                                              ("passages_k=many", "needs a number"),
                                              ("passages_k", "write KEY=VALUE")])
def test_bad_engine_settings_exit_2(workspace, setting, message):
    root, testset = workspace
    code, _, err = run_cli(base_args(root, testset, "d") + ["--set", setting])
    assert code == 2 and message in err


def test_compare_two_reports_prints_and_renders_a_delta_table(workspace, first_run):
    root, testset = workspace
    code, _, err = run_cli(base_args(root, testset, "e") + ["--set", "passages_k=2"])
    assert code == 0, err
    code, out, err = run_cli(["eval", "--compare", str(root / "a" / "report.json"), str(root / "e" / "report.json"),
                              "--out", str(root / "cmp")])
    assert code == 0, err
    assert "SETUP CHANGES" in out and re.search(r"engine\.passages_k\s+8\s+2", out)
    assert re.search(r"top_quote_hit\s+\S+\s+\S+", out) and "DELTA PER CATEGORY" in out
    assert sorted(p.name for p in (root / "cmp").iterdir()) == ["compare.html", "compare.md", "compare.txt"]
    assert 'src="data:image/png;base64,' in (root / "cmp" / "compare.html").read_text(encoding="utf-8")


def test_compare_against_this_run(workspace, first_run):
    root, testset = workspace
    code, out, _ = run_cli(base_args(root, testset, "f") + ["--compare", str(root / "a" / "report.json")])
    assert code == 0 and "COMPARE (engine)" in out and "SETUP CHANGES: none" in out
    assert (root / "f" / "compare.md").is_file() and (root / "f" / "report.json").is_file()


def test_compare_lists_questions_that_flip(workspace, first_run):
    root, _ = workspace
    old = read_report(root / "a" / "report.json")
    q0 = old.questions[0]
    failing = replace(q0, answers={**q0.answers, ENGINE: replace(q0.answers[ENGINE], failures=("broken",))})
    passing = replace(q0, answers={**q0.answers, ENGINE: replace(q0.answers[ENGINE], failures=())})
    before = replace(old, questions=(failing, *old.questions[1:]))
    after = replace(old, questions=(passing, *old.questions[1:]), config={**old.config, "ks": [1, 3]})
    c = compare_reports(before, after)
    assert c.fixed == [q0.id] and c.broken == [] and c.warnings == []
    assert compare_reports(after, before).broken == [q0.id]
    fewer = compare_reports(before, replace(after, questions=after.questions[:2]))
    assert "different questions" in fewer.warnings[0]


@pytest.mark.parametrize("content, message", [(None, "report not found"), ("{", "cannot read report"),
                                              ('{"schema": 99}', "not an evaluation report"),
                                              ('{"schema": 1}', "not a valid evaluation report")])
def test_compare_with_a_bad_report_exits_2(tmp_path, content, message):
    path = tmp_path / "r.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, _, err = run_cli(["eval", "--compare", str(path), str(path), "--out", str(tmp_path / "o")])
    assert code == 2 and message in err


def test_compare_two_saved_reports_applies_the_gate_to_the_second(workspace, first_run):
    root, _ = workspace
    report = str(root / "a" / "report.json")
    code, _, err = run_cli(["eval", "--compare", report, report, "--out", str(root / "g"),
                            "--fail-under", "p90_quote_chars<=1", "--fail-under", "disclaimer=1"])
    assert code == 1 and "gate failed: p90_quote_chars" in err and "disclaimer" not in err.split("wrote")[0]
    code, _, err = run_cli(["eval", "--compare", report, report, "--out", str(root / "g"),
                            "--fail-under", "disclaimer=1"])
    assert code == 0 and "gate passed: 1 rule(s)" in err


def test_an_emergency_set_prints_counts_only_and_writes_json(workspace, first_run):
    root, _ = workspace
    messages = root / "emergencies.jsonl"
    messages.write_text(json.dumps({"id": "u1", "text": "I just took 20 of my pills", "urgent": True, "kind": "overdose"})
                        + "\n" + json.dumps({"id": "c1", "text": "what is baclofen used for?", "urgent": False,
                                             "kind": "lookalike"}) + "\n", encoding="utf-8")
    args = ["eval", "--emergency-set", str(messages), "--index-dir", str(root / "idx"), "--out", str(root / "em")]
    code, out, err = run_cli(args)
    assert code == 0, err
    assert "escalated 1/1" in out and "false alarms 0/1" in out and "pills" not in out
    saved = json.loads((root / "em" / "emergencies.json").read_text(encoding="utf-8"))
    assert saved["escalated_ids"] == ["u1"] and saved["by_kind"]["overdose"] == [1, 1]
    messages.write_text('{"id": "u1"}\n', encoding="utf-8")
    code, _, err = run_cli(args)
    assert code == 2 and "emergencies.jsonl:1" in err
