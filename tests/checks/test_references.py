import pytest

from tests.conftest import REPO, edit_cell, flat, read_rows
from validation.checks import references
from validation.engine import validate
from validation.model.citations import declared_references


def test_embedded_corpus_has_no_dangling_reference():
    report = validate(REPO)
    assert not report.by_check("dangling-reference")


def test_references_are_declared_in_the_schemas():
    assert ("facts", "article_id", "articles", "article_id") in declared_references()
    assert ("entities", "parent_id", "entities", "entity_id") in declared_references()


def test_fact_citing_an_unknown_entity_is_rejected(corpus_root):
    edit_cell(corpus_root, "facts", "F0024", "entity_id", "nobody")
    assert flat(validate(corpus_root)) == {("F0024", "entity_id", "dangling-reference")}


def test_fact_citing_an_unknown_article_is_rejected(corpus_root):
    edit_cell(corpus_root, "facts", "F0024", "article_id", "A009-01")
    assert flat(validate(corpus_root)) == {("F0024", "article_id", "dangling-reference")}


def test_entity_with_an_unknown_parent_is_rejected(corpus_root):
    edit_cell(corpus_root, "entities", "rongfa_group", "parent_id", "ghost_zone")
    assert flat(validate(corpus_root)) == {("rongfa_group", "parent_id", "dangling-reference")}


def test_unit_of_another_dimension_is_rejected(corpus_root):
    edit_cell(corpus_root, "facts", "F1043", "metric_id", "storage_capacity")
    # P is both petaflops and petabytes, so the unit stays valid; R0037, which equates F1043
    # with computing power (F1074), no longer compares like with like
    found = {(f.check, f.row) for f in validate(corpus_root).errors}
    assert ("relation-dimension-mismatch", "R0037") in found
    assert not any(check == "unit-dimension-mismatch" for check, _ in found)
    edit_cell(corpus_root, "facts", "F0041", "metric_id", "exchange_members")
    assert ("F0041", "unit", "unit-dimension-mismatch") in flat(validate(corpus_root))


def test_unit_missing_from_units_table_is_rejected(corpus_root):
    edit_cell(corpus_root, "facts", "F0024", "unit", "艘")
    report = validate(corpus_root)
    assert ("F0024", "unit", "unknown-unit") in flat(report)


def test_base_unit_needs_a_row_of_its_own(corpus_root):
    edit_cell(corpus_root, "units", "亿元", "base_unit", "分")
    assert flat(validate(corpus_root)) == {("亿元/money", "base_unit", "base-unit-undefined")}


def test_a_unit_row_without_dimension_is_a_schema_finding_not_a_crash(corpus_root):
    from tests.conftest import edit_cell, read_rows, write_rows
    from validation import validate

    path = corpus_root / "facts" / "units.csv"
    header, rows = read_rows(path)
    write_rows(path, header, sorted([*rows, ["家", "", "家", "1", ""]]))
    edit_cell(corpus_root, "metrics", "exchange_members", "dimension", "money")
    found = {(f.check, f.table, f.column) for f in validate(corpus_root).findings}
    assert ("missing-value", "units", "dimension") in found
    assert ("unit-dimension-mismatch", "facts", "unit") in found


def test_an_entity_that_is_its_own_ancestor_is_one_finding_per_cycle(corpus_root):
    header, rows = read_rows(corpus_root / "facts" / "entities.csv")
    child = next(r for r in rows if r[header.index("parent_id")])
    parent = child[header.index("parent_id")]
    edit_cell(corpus_root, "entities", parent, "parent_id", child[0])
    report = validate(corpus_root)
    (finding,) = report.by_check("entity-parent-cycle")
    assert finding.row == min(parent, child[0]) and "->" in finding.message
    edit_cell(corpus_root, "entities", parent, "parent_id", parent)
    (finding,) = validate(corpus_root).by_check("entity-parent-cycle")
    assert finding.row == parent and finding.message.endswith(f"{parent} -> {parent}")


# --- dimensions: declared by units.csv, one base unit each but count --------------------------

YUAN = [{"unit": "亿元", "dimension": "money", "base_unit": "元", "factor": "100000000"},
        {"unit": "元", "dimension": "money", "base_unit": "元", "factor": "1"}]
COUNTED = [{"unit": "人", "dimension": "count", "base_unit": "人", "factor": "1"},
           {"unit": "家", "dimension": "count", "base_unit": "家", "factor": "1"}]


def metric(metric_id, dimension):
    return {"metric_id": metric_id, "label_zh": "标", "label_en": "label", "dimension": dimension,
            "cumulative": "false"}


def findings_of(check, **tables):
    from tests.checks.test_schema import small_corpus

    return [f for f in references.run(small_corpus(**tables)) if f.check == check]


def test_a_metric_dimension_no_unit_declares_is_reported_on_the_metric():
    units = [*YUAN, *COUNTED]
    metrics = [metric("members", "count"), metric("wind", "wind_force")]
    facts = [{"fact_id": "F0001", "metric_id": "wind", "unit": "家"}]
    (finding,) = findings_of("dimension-undeclared", units=units, metrics=metrics, facts=facts)
    assert (finding.table, finding.row, finding.column, finding.found) == (
        "metrics", "wind", "dimension", "wind_force")
    assert "declared: count, money" in finding.message
    assert finding.expected == "a dimension declared in units.csv: count, money"
    assert finding.location == "facts/metrics.csv:3" and "级" not in finding.hint
    assert "wind_force" in finding.hint and "units.csv" in finding.hint
    # reported once, on the metric: not again on each of its facts
    assert not findings_of("unit-dimension-mismatch", units=units, metrics=metrics, facts=facts)


def test_a_dimension_declared_by_a_units_row_is_accepted():
    units = [*YUAN, *COUNTED, {"unit": "级", "dimension": "wind_force", "base_unit": "级", "factor": "1"}]
    metrics = [metric("members", "count"), metric("wind", "wind_force")]
    assert not findings_of("dimension-undeclared", units=units, metrics=metrics)
    assert not findings_of("dimension-base-units", units=units, metrics=metrics)


def test_an_undeclared_dimension_in_the_embedded_corpus_is_one_finding(corpus_root):
    edit_cell(corpus_root, "metrics", "exchange_members", "dimension", "members")
    assert flat(validate(corpus_root)) == {("exchange_members", "dimension", "dimension-undeclared")}


def test_a_currency_with_a_base_unit_of_its_own_in_money_is_reported():
    units = [*YUAN, {"unit": "万美元", "dimension": "money", "base_unit": "美元", "factor": "10000"},
             {"unit": "美元", "dimension": "money", "base_unit": "美元", "factor": "1"}]
    (finding,) = findings_of("dimension-base-units", units=units)
    assert (finding.table, finding.row, finding.column) == ("units", "美元/money", "base_unit")
    assert (finding.expected, finding.found) == ("元, the base unit of money", "美元")
    assert "money has more than one base unit, 元 and 美元: 万美元, 美元 convert to 美元" in finding.message
    assert "usd" in finding.hint and "base_unit 元 and factor the 元 per unit" in finding.hint
    assert finding.location == "facts/units.csv:5"


@pytest.mark.parametrize("dollar", [
    {"unit": "美元", "dimension": "money", "base_unit": "元", "factor": "7.1"},  # with its rate
    {"unit": "美元", "dimension": "usd", "base_unit": "美元", "factor": "1"},  # its own dimension
])
def test_a_currency_with_its_rate_or_its_own_dimension_is_accepted(dollar):
    assert not findings_of("dimension-base-units", units=[*YUAN, dollar])


def test_counted_nouns_may_have_base_units_of_their_own():
    assert not findings_of("dimension-base-units", units=[*YUAN, *COUNTED])
    rank = [{"unit": "名", "dimension": "rank", "base_unit": "名", "factor": "1"},
            {"unit": "位", "dimension": "rank", "base_unit": "位", "factor": "1"}]
    (finding,) = findings_of("dimension-base-units", units=rank)
    assert finding.row == "位/rank" and "rank has more than one base unit, 名 and 位" in finding.message


def test_the_embedded_corpus_has_one_base_unit_per_dimension_but_count():
    report = validate(REPO)
    assert not report.by_check("dimension-base-units") and not report.by_check("dimension-undeclared")
