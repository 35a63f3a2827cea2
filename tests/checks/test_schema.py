from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pandera.typing import Series

from tests.conftest import edit_cell, flat
from validation.checks.schema import validate_table
from validation.corpus import Corpus
from validation.csvfile import Table
from validation.engine import validate
from validation.schemas import TABLES
from validation.schemas.base import field


def table(name: str, rows: list[dict]) -> Table:
    spec = TABLES[name]
    frame = pd.DataFrame([[r.get(c) for c in spec.columns] for r in rows], columns=spec.columns,
                         dtype=object)
    return Table(name, Path(f"{name}.csv"), f"facts/{name}.csv", spec.columns, frame,
                 list(range(2, len(rows) + 2)), spec.key)


def small_corpus(**rows: list[dict]) -> Corpus:
    """An in-memory corpus of the given tables' rows; every other table is empty."""
    return Corpus(Path("small"), {name: table(name, rows.get(name, [])) for name in TABLES})


def schema_checks(name: str, rows: list[dict]) -> set[tuple[str, str]]:
    return {(f.column, f.check) for f in validate_table(table(name, rows), TABLES[name].model)}


ids = st.integers(min_value=1, max_value=99999).map(lambda n: f"F{n:04d}")
decimals = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False).map(
    lambda d: format(d.normalize(), "f"))
periods = st.sampled_from(["2023", "2024-01", "2025-12-11", "2021/2023", "2021/2024-01", None])
words = st.text(st.sampled_from(list("园区企业数据交易所产品")), min_size=1, max_size=8)


@st.composite
def valid_fact(draw):
    text = draw(decimals) + "家"
    return {
        "fact_id": draw(ids), "article_id": "A001-01", "entity_id": "tianxin_edz",
        "metric_id": "exchange_members", "value": draw(decimals), "unit": "家",
        "bound": draw(st.sampled_from(["exact", "approx", "lower", "upper"])),
        "status": draw(st.sampled_from(["actual", "estimate", "target", "plan"])),
        "period": draw(periods), "text": text,
        "quote": draw(words) + text + draw(words),
        "occurrence": draw(st.sampled_from([None, "1", "12"])), "note": draw(st.one_of(st.none(), words)),
    }


CORRUPTIONS = {
    "fact_id": ("F12", "invalid-format"),
    "value": ("1e5", "invalid-format"),
    "bound": ("about", "invalid-value"),
    "status": ("rumour", "invalid-value"),
    "period": ("2023-02-30", "invalid-period"),
    "occurrence": ("0", "invalid-format"),
    "quote": ("与数字无关的话", "figure-not-in-quote"),
    "text": (None, "missing-value"),
    "article_id": (None, "missing-value"),
}


@given(st.lists(valid_fact(), min_size=1, max_size=5, unique_by=lambda r: r["fact_id"]))
def test_generated_valid_facts_are_accepted(rows):
    assert schema_checks("facts", rows) == set()


@given(valid_fact(), st.sampled_from(sorted(CORRUPTIONS)))
def test_one_corrupted_cell_gives_exactly_its_check(row, column):
    value, expected = CORRUPTIONS[column]
    row[column] = value
    column_reported = "text" if expected == "figure-not-in-quote" else column
    assert schema_checks("facts", [row]) == {(column_reported, expected)}


def test_duplicate_id_is_reported_once_with_both_lines():
    row = {"metric_id": "m", "label_zh": "标", "label_en": "l", "dimension": "count", "cumulative": "true"}
    findings = validate_table(table("metrics", [row, dict(row)]), TABLES["metrics"].model)
    assert [(f.check, f.row) for f in findings] == [("duplicate-key", "m")]
    assert "lines 2, 3" in findings[0].message


def test_unit_and_dimension_together_identify_a_unit():
    row = {"unit": "P", "dimension": "compute", "base_unit": "P", "factor": "1"}
    storage = dict(row, dimension="storage")
    assert schema_checks("units", [row, storage]) == set()
    assert schema_checks("units", [row, dict(row)]) == {("unit/dimension", "duplicate-key")}


def test_a_dimension_is_any_slug_and_must_be_written_as_one():
    unit = {"unit": "级", "dimension": "wind_force", "base_unit": "级", "factor": "1"}
    metric = {"metric_id": "m", "label_zh": "风力", "label_en": "wind", "dimension": "wind_force",
              "cumulative": "false"}
    assert schema_checks("units", [unit]) == set() and schema_checks("metrics", [metric]) == set()
    assert schema_checks("units", [dict(unit, dimension="Wind force")]) == {
        ("dimension", "invalid-format")}
    assert schema_checks("metrics", [dict(metric, dimension="风力")]) == {
        ("dimension", "invalid-format")}


def test_cumulative_must_be_spelled_true_or_false():
    row = {"metric_id": "m", "label_zh": "标", "label_en": "l", "dimension": "count", "cumulative": "yes"}
    assert schema_checks("metrics", [row]) == {("cumulative", "invalid-value")}


@pytest.mark.parametrize("name", ["../x.txt", "/etc/passwd", ".hidden", "sub\\x.txt"])
def test_page_file_name_with_a_path_is_rejected(corpus_root, name):
    edit_cell(corpus_root, "pages", "004_e58332798fe41e73.txt", "file", name)
    report = validate(corpus_root)
    assert (name, "file", "unsafe-file-name") in flat(report)
    assert not any(name in (f.location or "") for f in report.findings if f.check == "seed-missing")


def test_impossible_publication_date_is_rejected(corpus_root):
    edit_cell(corpus_root, "articles", "A001-01", "published", "2024-02-30")
    assert ("A001-01", "published", "invalid-date") in flat(validate(corpus_root))


def test_reversed_line_range_is_rejected(corpus_root):
    edit_cell(corpus_root, "articles", "A000-02", "line_end", "120")
    assert ("A000-02", "line_end", "line-range-reversed") in flat(validate(corpus_root))


def test_article_without_title_is_rejected(corpus_root):
    edit_cell(corpus_root, "articles", "A000-01", "title", "")
    assert ("A000-01", "title", "missing-title") in flat(validate(corpus_root))


def test_value_that_is_not_a_number_is_rejected(corpus_root):
    edit_cell(corpus_root, "facts", "F0024", "value", "seven hundred")
    assert flat(validate(corpus_root)) == {("F0024", "value", "invalid-format")}


def test_duplicate_fact_id_is_rejected(corpus_root):
    edit_cell(corpus_root, "facts", "F0025", "fact_id", "F0024")
    assert ("F0024", "fact_id", "duplicate-key") in flat(validate(corpus_root))


@pytest.mark.parametrize(("table", "key", "column", "value"), [
    ("metrics", "exchange_members", "dimension", "count\n"),
    ("facts", "F0024", "value", "777\n"),
    ("facts", "F0024", "bound", "exact\n"),
])
def test_a_trailing_line_break_does_not_slip_past_a_format(corpus_root, table, key, column, value):
    """``$`` matches before a final line break; the formats must hold for the whole cell."""
    edit_cell(corpus_root, table, key, column, value)
    found = {(row, col, check) for row, col, check in flat(validate(corpus_root)) if row == key}
    assert (key, column, "invalid-format") in found or (key, column, "invalid-value") in found, found


def test_expected_values_come_from_the_failing_check():
    row = {"fact_id": "F0001", "article_id": "A001-01", "entity_id": "e", "metric_id": "m",
           "value": "1e3", "unit": "家", "bound": "about", "status": "actual", "text": "1e3家",
           "quote": "1e3家"}
    findings = {f.column: f for f in validate_table(table("facts", [row]), TABLES["facts"].model)}
    assert findings["value"].expected == r"pattern ^-?(0|[1-9]\d*)(\.\d+)?$, e.g. 96.92"
    assert findings["value"].message == "value '1e3' is not in the expected format"
    assert findings["bound"].expected == "one of exact, approx, lower, upper, range"
    assert findings["bound"].found == "about"


class Things(pa.DataFrameModel):
    """A table whose checks fail in ways the corpus's own checks do not: by raising, or by
    judging the whole table at once."""

    thing_id: Series[str] = field("Id.", unique=True)
    size: Series[str] = field("A number of things.")

    @pa.check("size", element_wise=True, name="size-readable", description="size must be readable")
    def size_is_readable(cls, size: str) -> bool:
        return 1 / int(size) > 0

    @pa.dataframe_check(name="rows-readable", description="each row must be readable")
    def rows_are_readable(cls, df: pd.DataFrame) -> pd.Series:
        if (df["size"] == "raise").any():
            raise ValueError("unreadable row")
        return pd.Series(True, index=df.index)

    @pa.dataframe_check(name="enough-things", description="there must be at least three things")
    def enough_things(cls, df: pd.DataFrame) -> bool:
        return len(df) >= 3


def things(sizes: list[str]) -> Table:
    columns = ["thing_id", "size"]
    frame = pd.DataFrame([[f"T{i}", size] for i, size in enumerate(sizes)], columns=columns,
                         dtype=object)
    return Table("things", Path("things.csv"), "facts/things.csv", columns, frame,
                 list(range(2, len(sizes) + 2)), ("thing_id",))


def test_a_check_that_cannot_run_is_reported_not_dropped():
    """A check that raises has not passed: dropping its failure would read as a pass."""
    findings = validate_table(things(["1", "0", "raise", "4"]), Things)
    crashed = {(f.check, f.column, f.location) for f in findings if f.row is None}
    assert crashed == {("size-readable", "size", "facts/things.csv:1"),
                       ("rows-readable", None, "facts/things.csv:1")}
    assert all("Error while executing check function" in f.message and f.hint is None
               for f in findings if f.row is None)


def test_a_check_of_the_whole_table_is_reported_at_the_header():
    findings = validate_table(things(["1", "2"]), Things)
    assert [(f.check, f.message, f.row, f.location) for f in findings] == [
        ("enough-things", "there must be at least three things", None, "facts/things.csv:1")]
