"""Run each table's pandera schema lazily and turn its failures into findings.

pandera reports each failure as a ``SchemaError`` that says why it failed (``reason_code``),
which check failed (a ``Check`` whose name and statistics hold the pattern or the allowed
values) and on which rows (``failure_cases``). Findings are read from those rather than parsed
from the text pandera renders them as, which a change of wording in pandera would break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrorReason, SchemaErrors

from validation.corpus import Corpus
from validation.csvfile import Table
from validation.findings import Check, Finding
from validation.schemas import TABLES
from validation.schemas.base import ROW_CHECK_COLUMNS

#: The checks this family reports.
CHECKS = (
    Check("missing-value",
          "A required cell is empty.",
          hint="fill in the cell; this column is required"),
    Check("invalid-format",
          "A cell does not match its column's format (id, number, date).",
          hint="write the cell in the documented format"),
    Check("invalid-value",
          "A cell is not one of its column's allowed values.",
          hint="use one of the allowed values"),
    Check("duplicate-key",
          "Two rows share an id.",
          hint="give each row its own id; ids are never reused"),
    Check("invalid-date",
          "'published' is not a real calendar date.",
          hint="write a date that exists, as YYYY, YYYY-MM or YYYY-MM-DD"),
    Check("invalid-period",
          "'period' is not a real date or a well-ordered interval.",
          hint="write a date, or START/END with START before END"),
    Check("unsafe-file-name",
          "A page file name has a directory part or is hidden.",
          hint="name the page by its bare file name in seeds/"),
    Check("line-range-reversed",
          "An article's line_end comes before its line_start.",
          hint="swap or fix the line numbers"),
    Check("missing-title",
          "A block of kind 'article' has no title.",
          hint="copy the block's headline into 'title'"),
    Check("figure-not-in-quote",
          "A row's printed figure or date ('text') is not inside its quote.",
          hint="widen the quote to hold the text, or correct the text"),
    Check("fact-ids-unsorted",
          "A dismissal's fact_ids are not each listed once, in numeric order.",
          hint="list each fact once, in numeric order, separated by |"),
)

#: Check ids of pandera's built-in checks, by the check's name.
_BUILTIN_CHECKS = {"str_matches": "invalid-format", "isin": "invalid-value"}
#: Reasons whose failures are empty required cells.
_NULLS = {SchemaErrorReason.SERIES_CONTAINS_NULLS}
#: Reasons whose failures are rows sharing a key (``unique=True``, ``Config.unique``).
_DUPLICATES = {SchemaErrorReason.SERIES_CONTAINS_DUPLICATES, SchemaErrorReason.DUPLICATES}
#: Reasons whose failures are cells a check of the schema rejected.
_CHECKS = {SchemaErrorReason.DATAFRAME_CHECK}
#: Table-level failures the CSV reader reports already (as ``missing-column``).
_READER_REPORTS = {SchemaErrorReason.COLUMN_NOT_IN_DATAFRAME}
#: Check id of a failure for any other reason: reported, since a dropped failure reads as a pass.
_UNKNOWN = "invalid-value"
#: The hints of the checks pandera runs for every column alike (a row check's own message says
#: what to fix).
_HINTS = {c.id: c.hint for c in CHECKS
          if c.id in ("missing-value", "duplicate-key", "invalid-format", "invalid-value")}


@dataclass(frozen=True)
class _Case:
    """One failure pandera reports: the error it belongs to, the row it failed on (``None`` for
    the whole table) and the column it failed in."""

    error: SchemaError
    index: int | None
    column: str | None


def run(corpus: Corpus) -> list[Finding]:
    """The schema findings of every table, table by table."""
    findings: list[Finding] = []
    for name, spec in TABLES.items():
        table = corpus.tables[name]
        findings.extend(validate_table(table, spec.model))
    return findings


def validate_table(table: Table, model: type[pa.DataFrameModel]) -> list[Finding]:
    """Validate one table lazily (all failures, not just the first) and report each once."""
    present = tuple(c for c in model.to_schema().columns if c in table.frame.columns)
    schema = _schema(model, present)
    try:
        schema.validate(table.frame, lazy=True)
    except SchemaErrors as exc:
        return _translate(table, _cases(exc))
    return []


@lru_cache(maxsize=64)
def _schema(model: type[pa.DataFrameModel], present: tuple[str, ...]) -> pa.DataFrameSchema:
    """The table's schema for the columns it has, built once per table and set of columns (each
    change of a pandera schema copies it deeply, which cost a third of validating a small
    table). Every cell is text or empty by construction (validation.csvfile), so the columns'
    str dtype is documentation: checking it cell by cell cost pandera more than all the checks.
    Unknown and missing columns are reported by the CSV reader, so the schema is not strict."""
    schema = model.to_schema().select_columns(list(present))
    schema = schema.update_columns({column: {"dtype": None} for column in present})
    schema.strict = False
    return schema


def _cases(exc: SchemaErrors) -> list[_Case]:
    """Every failure of ``exc``, in the order pandera lists them: the failing rows of each error,
    then the errors about the table as a whole."""
    errors = exc.schema_errors
    cases = [case for error in errors if _has_rows(error) for case in _row_cases(error)]
    cases += [_Case(error, None, _column(error)) for error in errors if not _has_rows(error)]
    return _in_report_order(cases, exc.failure_cases)


def _has_rows(error: SchemaError) -> bool:
    """Whether the error names the rows it failed on (a frame), not just a value for the table."""
    return isinstance(error.failure_cases, pd.DataFrame)


def _row_cases(error: SchemaError) -> list[_Case]:
    """One case per failing cell: a row-wise check lists every cell of each failing row, with
    its column; a column's check lists its failing cells only."""
    frame = error.failure_cases
    columns = frame["column"].tolist() if "column" in frame.columns else [_column(error)] * len(frame)
    return [_Case(error, None if pd.isna(index) else int(index), column)
            for index, column in zip(frame["index"].tolist(), columns, strict=True)]


def _column(error: SchemaError) -> str | None:
    """The column a failure belongs to: the failing column, else the schema's own name."""
    return error.column_name if error.column_name is not None else error.schema.name


def _in_report_order(cases: list[_Case], failure_cases: pd.DataFrame) -> list[_Case]:
    """``cases`` in the order of pandera's ``failure_cases`` frame, which the findings have always
    followed. pandera numbers the cases in the order ``_cases`` builds them and then sorts them by
    schema context (unstably), so the frame's labels are positions in ``cases``; should another
    pandera number them otherwise, the cases keep their own order."""
    order = failure_cases.index.tolist()
    if sorted(order) != list(range(len(cases))):
        return cases
    return [cases[position] for position in order]


def _translate(table: Table, cases: list[_Case]) -> list[Finding]:
    """One finding per failing cell, row-wise checks once per row, and one per repeated key
    listing every line it is on."""
    findings: list[Finding] = []
    seen: set[tuple[str, int, str | None]] = set()
    duplicates: dict[str, list[int]] = {}
    for case in cases:
        if case.index is None:
            if case.error.reason_code not in _READER_REPORTS:
                findings.append(_table_finding(table, case))
            continue
        check_id = _check_id(case.error)
        column = ROW_CHECK_COLUMNS.get(check_id, case.column)
        if (check_id, case.index, column) in seen:
            continue
        seen.add((check_id, case.index, column))
        if check_id == "duplicate-key":
            duplicates.setdefault(table.row_key(case.index), []).append(case.index)
            continue
        findings.append(_row_finding(table, case.error, check_id, case.index, column))
    findings.extend(_duplicate_finding(table, key, indexes) for key, indexes in duplicates.items())
    return findings


def _check_id(error: SchemaError) -> str:
    """Our check id for a failure: by its reason, else by the check that failed (a built-in
    check's id, or the name a check of ours is declared with)."""
    if error.reason_code in _NULLS:
        return "missing-value"
    if error.reason_code in _DUPLICATES:
        return "duplicate-key"
    check = _check(error)
    if check is None or check.name is None:
        return _UNKNOWN
    return _BUILTIN_CHECKS.get(check.name, check.name)


def _check(error: SchemaError) -> pa.Check | None:
    """The check that failed; pandera's own checks (not null, unique) are named by a string."""
    return error.check if isinstance(error.check, pa.Check) else None


def _row_finding(table: Table, error: SchemaError, check_id: str, index: int,
                 column: str | None) -> Finding:
    """A failure in one cell (or, for a row-wise check, one row, reported on its column)."""
    cell = table.frame.at[index, column] if column in table.frame.columns else None
    return Finding(
        check_id, _message(error, check_id, column, cell), table=table.name,
        row=table.row_key(index), column=column, expected=_expected(error, check_id),
        found=None if cell is None else str(cell), location=table.location(index),
        hint=_hint(error, check_id))


def _table_finding(table: Table, case: _Case) -> Finding:
    """A failure of the table as a whole (a check that could not run, or that failed without
    naming rows), reported at the header."""
    check_id = _check_id(case.error)
    column = ROW_CHECK_COLUMNS.get(check_id, case.column)
    return Finding(check_id, _message(case.error, check_id, column, None), table=table.name,
                   column=column if column in table.frame.columns else None,
                   location=f"{table.display_path}:1", hint=_hint(case.error, check_id))


def _duplicate_finding(table: Table, key: str, indexes: list[int]) -> Finding:
    """A key on more than one row, reported once at its first row with all its lines."""
    rows = sorted(set(indexes))
    lines = ", ".join(str(table.lines[i]) for i in rows)
    return Finding(
        "duplicate-key", f"{'/'.join(table.key)} {key} appears on {len(rows)} rows (lines {lines})",
        table=table.name, row=key, column="/".join(table.key), location=table.location(rows[0]),
        hint=_HINTS["duplicate-key"])


def _message(error: SchemaError, check_id: str, column: str | None, cell: Any) -> str:
    """What failed, in words: the cell for pandera's own checks, the description a check of ours
    is declared with, and pandera's message for a failure of any other kind."""
    if error.reason_code in _NULLS:
        return f"{column} is empty"
    check = _check(error)
    if error.reason_code not in _CHECKS or check is None:
        return _pandera_message(error)
    if check_id == "invalid-format":
        return f"{column} {cell!r} is not in the expected format"
    if check_id == "invalid-value":
        return f"{column} {cell!r} is not an allowed value"
    return check.description or check_id


def _hint(error: SchemaError, check_id: str) -> str | None:
    """How to fix the failure; none for a failure of a kind not described here (a check that
    could not run), where a hint about the cell would mislead."""
    known = error.reason_code in _NULLS | _DUPLICATES | _CHECKS
    return _HINTS.get(check_id) if known else None


def _pandera_message(error: SchemaError) -> str:
    """The first line of pandera's message (a failing check's traceback follows it)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else str(error.reason_code)


def _expected(error: SchemaError, check_id: str) -> str | None:
    """What the cell should hold, from the statistics of the check that failed."""
    if error.reason_code in _NULLS:
        return "a value"
    check = _check(error)
    if error.reason_code not in _CHECKS or check is None:
        return None
    statistics = check.statistics or {}
    if check_id == "invalid-format":
        return _pattern(statistics.get("pattern"), _metadata(error).get("example"))
    if check_id == "invalid-value" and statistics.get("allowed_values"):
        return "one of " + ", ".join(str(value) for value in statistics["allowed_values"])
    return None


def _pattern(pattern: str | re.Pattern[str] | None, example: str | None) -> str:
    """A cell format as people write it: ``whole_cell``'s closing ``\\Z`` shown as ``$``."""
    text = pattern.pattern if isinstance(pattern, re.Pattern) else pattern or ""
    text = re.sub(r"\\+Z$", "$", text)
    return f"pattern {text}" + (f", e.g. {example}" if example else "")


def _metadata(error: SchemaError) -> dict[str, Any]:
    """The metadata of the column that failed (its example, what it references)."""
    return getattr(error.schema, "metadata", None) or {}
