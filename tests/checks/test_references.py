from tests.conftest import REPO, edit_cell, flat, read_rows
from validation.checks.references import declared_references
from validation.engine import validate


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
    assert validate(corpus_root).ok  # P is both petaflops and petabytes
    edit_cell(corpus_root, "facts", "F0041", "metric_id", "exchange_members")
    assert flat(validate(corpus_root)) == {("F0041", "unit", "unit-dimension-mismatch")}


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
