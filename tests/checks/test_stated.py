"""Stated relations: each relation a sentence states is declared, dismissed, or reported."""

from __future__ import annotations

import json

from tests.checks.test_schema import table
from tests.conftest import REPO, edit_cell
from tests.test_miner import PARTS, PARTS_LINE, build, fact
from validation.checks import FAMILIES, stated
from validation.checks.schema import validate_table
from validation.cli import main
from validation.corpus import load_corpus
from validation.engine import coverage, validate
from validation.model.stated import assess
from validation.report.json import coverage_to_json
from validation.report.terminal import coverage_to_text
from validation.schemas import TABLES


def findings(tmp_path, *, relations=(), dismissals=()):
    corpus = build(tmp_path, ["标题", PARTS_LINE], PARTS, relations=list(relations),
                   dismissals=list(dismissals))
    return [(f.check, f.table, f.row) for f in stated.run(corpus)], corpus.model.stated.counts()


def test_an_undeclared_stated_relation_is_reported_on_its_article_with_sentence_and_suggestion(tmp_path):
    corpus = build(tmp_path, ["标题", PARTS_LINE], PARTS)
    [finding] = stated.run(corpus)
    assert (finding.check, finding.table, finding.row, finding.severity) == (
        "relation-undeclared", "articles", "A1", "error")
    assert finding.found == PARTS_LINE and finding.expected == "F0001 == F0002 + F0003"
    assert finding.location == "seeds/p.txt:2:1"
    assert "declare it in relations.csv (suggested: F0001 == F0002 + F0003)" in finding.hint
    assert "dismiss it in dismissals.csv" in finding.hint and "F0001|F0002|F0003" in finding.hint


def test_a_relation_citing_all_its_facts_declares_it_in_any_form(tmp_path):
    assert findings(tmp_path, relations=["F0001 >= F0002 + F0003 - 1"]) == (
        [], {"stated": 1, "declared": 1, "dismissed": 0, "undeclared": 0})


def test_a_relation_citing_more_facts_declares_it_too(tmp_path):
    assert findings(tmp_path, relations=["F0001 + F0004 >= F0002 + F0003"])[0] == []


def test_a_relation_citing_only_some_of_its_facts_does_not_declare_it(tmp_path):
    found, counts = findings(tmp_path, relations=["F0001 >= F0002"])
    assert found == [("relation-undeclared", "articles", "A1")] and counts["undeclared"] == 1


def test_an_unparseable_relation_declares_nothing(tmp_path):
    found, _ = findings(tmp_path, relations=["F0001 => F0002 + F0003"])
    assert found == [("relation-undeclared", "articles", "A1")]


def test_a_dismissal_of_exactly_its_facts_and_kind_dismisses_it(tmp_path):
    assert findings(tmp_path, dismissals=[("D0001", "F0001|F0002|F0003", "parts")]) == (
        [], {"stated": 1, "declared": 0, "dismissed": 1, "undeclared": 0})


def test_a_dismissal_of_another_kind_dismisses_nothing_and_is_stale(tmp_path):
    found, _ = findings(tmp_path, dismissals=[("D0001", "F0001|F0002|F0003", "ratio")])
    assert found == [("relation-undeclared", "articles", "A1"), ("dismissal-stale", "dismissals", "D0001")]


def test_a_dismissal_of_fewer_facts_dismisses_nothing_and_is_stale(tmp_path):
    found, _ = findings(tmp_path, dismissals=[("D0001", "F0001|F0002", "parts")])
    assert found == [("relation-undeclared", "articles", "A1"), ("dismissal-stale", "dismissals", "D0001")]


def test_a_dismissal_of_a_declared_relation_is_stale(tmp_path):
    found, counts = findings(tmp_path, relations=["F0001 == F0002 + F0003"],
                             dismissals=[("D0001", "F0001|F0002|F0003", "parts")])
    assert found == [("dismissal-stale", "dismissals", "D0001")] and counts["declared"] == 1


def test_a_stale_dismissal_says_where_it_is(tmp_path):
    corpus = build(tmp_path, ["标题", "没有数字。"], [], dismissals=[("D0007", "F0001|F0002", "share")])
    [finding] = stated.run(corpus)
    assert finding.check == "dismissal-stale" and finding.location == "facts/dismissals.csv:2"
    assert finding.found == "F0001|F0002"


def test_dismissal_fact_ids_out_of_order_or_repeated_are_reported():
    rows = [{"dismissal_id": "D0001", "fact_ids": "F0002|F0001", "kind": "parts", "reason": "r"},
            {"dismissal_id": "D0002", "fact_ids": "F0001|F0001", "kind": "parts", "reason": "r"},
            {"dismissal_id": "D0003", "fact_ids": "F9999|F10000", "kind": "parts", "reason": "r"}]
    found = validate_table(table("dismissals", rows), TABLES["dismissals"].model)
    assert {(f.row, f.column, f.check) for f in found} == {
        ("D0001", "fact_ids", "fact-ids-unsorted"), ("D0002", "fact_ids", "fact-ids-unsorted")}


def test_dismissal_kind_and_ids_are_checked_by_the_schema():
    rows = [{"dismissal_id": "D1", "fact_ids": "F0001", "kind": "sum", "reason": None}]
    found = validate_table(table("dismissals", rows), TABLES["dismissals"].model)
    assert {(f.column, f.check) for f in found} == {
        ("dismissal_id", "invalid-format"), ("fact_ids", "invalid-format"), ("kind", "invalid-value"),
        ("reason", "missing-value")}


REPEAT_LINES = ["标题", "两大中心今年落成。", "园区两大中心。", "规划建设两大中心。"]


def repeat_facts():
    """三 facts printing 两大: an actual one for 2024 twice (agreement compares them) and a plan."""
    facts = [fact(f"F000{i}", "两大", REPEAT_LINES[i].rstrip("。"), value="2", unit="个", line=i + 1)
             for i in (1, 2, 3)]
    facts[2]["status"] = "plan"
    return facts


def repeat_findings(tmp_path, relations=()):
    corpus = build(tmp_path, REPEAT_LINES, repeat_facts(), relations=list(relations))
    return [(f.check, f.expected) for f in stated.run(corpus)], corpus.model.stated.counts()


def test_a_repeat_not_connected_by_agreement_or_relations_asks_for_the_missing_link(tmp_path):
    assert repeat_findings(tmp_path) == ([("relation-undeclared", "F0001 == F0003")],
                                         {"stated": 1, "declared": 0, "dismissed": 0, "undeclared": 1})


def test_a_repeat_is_declared_by_a_relation_to_any_fact_of_an_agreement_group(tmp_path):
    assert repeat_findings(tmp_path, relations=["F0003 == F0002"])[0] == []


def test_a_repeat_is_declared_by_a_chain_of_relations(tmp_path):
    corpus = build(tmp_path, REPEAT_LINES, [dict(f, status="plan") for f in repeat_facts()],
                   relations=["F0001 == F0002"])
    [finding] = stated.run(corpus)
    assert finding.expected == "F0001 == F0003" and "kind repeat" in finding.hint
    (tmp_path / "again").mkdir()
    corpus = build(tmp_path / "again", REPEAT_LINES, [dict(f, status="plan") for f in repeat_facts()],
                   relations=["F0001 == F0002", "F0003 >= F0002"])
    assert stated.run(corpus) == []


def test_the_stated_family_runs_after_consistency():
    names = list(FAMILIES)
    assert names.index("stated") == names.index("consistency") + 1


def test_every_embedded_dismissal_matches_a_stated_relation():
    result = assess(load_corpus(REPO))
    dismissed = {frozenset(c.facts) for c in result.dismissed}
    assert result.stale == [] and result.undeclared == []
    assert frozenset({"F1005", "F1006", "F1007", "F1010"}) in dismissed


def test_a_dismissal_of_facts_that_cannot_be_placed_is_not_called_stale(corpus_root):
    (corpus_root / "seeds" / "001_888f096fff14ae58.txt").unlink()
    assert "dismissal-stale" not in {f.check for f in validate(corpus_root).findings}


def test_validate_reports_undeclared_relations_of_a_corpus(corpus_root):
    edit_cell(corpus_root, "relations", "R0001", "expression", "F3033 >= F3034")
    found = {(f.check, f.row, f.expected) for f in validate(corpus_root).findings}
    assert ("relation-undeclared", "A003-05", "F3033 == F3034 + F3035") in found


def test_coverage_counts_the_relations_in_text_and_json(tmp_path, capsys):
    build(tmp_path, ["标题", PARTS_LINE], PARTS, dismissals=[("D0001", "F0001|F0002|F0003", "parts")])
    result = coverage(tmp_path)
    text = coverage_to_text(result, str(tmp_path))
    assert "relations: 1 stated, 0 declared, 1 dismissed, 0 undeclared" in text
    data = json.loads(coverage_to_json(result, str(tmp_path)))
    assert data["relations"] == {"stated": 1, "declared": 0, "dismissed": 1, "undeclared": 0}
    main(["coverage", "--root", str(tmp_path)])
    assert "relations: 1 stated" in capsys.readouterr().out
