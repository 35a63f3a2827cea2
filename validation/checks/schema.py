"""Run each table's pandera schema lazily and turn its failure cases into findings."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pandera.pandas as pa

from validation.corpus import Corpus
from validation.csvfile import Table
from validation.findings import Finding
from validation.schemas import TABLES
from validation.schemas.base import ROW_CHECK_COLUMNS

_BUILTIN = [
    (re.compile(r"^not_nullable$"), "missing-value"),
    (re.compile(r"^(field_uniqueness|multiple_fields_uniqueness)$"), "duplicate-key"),
    (re.compile(r"^str_matches\((.*)\)$"), "invalid-format"),
    (re.compile(r"^isin\((.*)\)$"), "invalid-value"),
]
_HINTS = {
    "missing-value": "fill in the cell; this column is required",
    "duplicate-key": "give each row its own id; ids are never reused",
    "invalid-format": "write the cell in the documented format",
    "invalid-value": "use one of the allowed values",
}


def run(corpus: Corpus) -> list[Finding]:
    findings: list[Finding] = []
    for name, spec in TABLES.items():
        table = corpus.tables[name]
        findings.extend(validate_table(table, spec.model))
    return findings


def validate_table(table: Table, model: type[pa.DataFrameModel]) -> list[Finding]:
    """Validate one table lazily (all failures, not just the first) and report each once."""
    schema = model.to_schema()
    present = [c for c in schema.columns if c in table.frame.columns]
    schema = schema.select_columns(present)
    # Every cell is text or empty by construction (validation.csvfile), so the columns' str
    # dtype is documentation: checking it cell by cell cost pandera more than all the checks.
    schema = schema.update_columns({column: {"dtype": None} for column in present})
    schema.strict = False  # unknown and missing columns are reported by the CSV reader
    try:
        schema.validate(table.frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return _translate(table, schema, exc.failure_cases)
    return []


def _translate(table: Table, schema: pa.DataFrameSchema, cases: pd.DataFrame) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[str, Any, str]] = set()
    duplicates: dict[str, list[int]] = {}
    for case in cases.to_dict("records"):
        check, column, index = str(case["check"]), case["column"], case["index"]
        if index is None or (isinstance(index, float) and pd.isna(index)):
            continue  # table-level cases (missing columns) are reported by the CSV reader
        index = int(index)
        check_id, argument = _check_id(check)
        if check_id in ROW_CHECK_COLUMNS:
            column = ROW_CHECK_COLUMNS[check_id]
        if (check_id, index, column) in seen:
            continue
        seen.add((check_id, index, column))
        if check_id == "duplicate-key":
            key = table.row_key(index)
            duplicates.setdefault(key, []).append(index)
            continue
        cell = table.frame.at[index, column] if column in table.frame.columns else None
        findings.append(Finding(
            check_id, _message(check_id, column, cell, schema, check),
            table=table.name, row=table.row_key(index), column=column,
            expected=_expected(check_id, column, argument, schema),
            found=None if cell is None else str(cell),
            location=table.location(index), hint=_HINTS.get(check_id)))
    for key, indexes in duplicates.items():
        lines = ", ".join(str(table.lines[i]) for i in sorted(set(indexes)))
        findings.append(Finding(
            "duplicate-key", f"{'/'.join(table.key)} {key} appears on {len(set(indexes))} rows "
            f"(lines {lines})", table=table.name, row=key, column="/".join(table.key),
            location=table.location(min(indexes)), hint=_HINTS["duplicate-key"]))
    return findings


def _check_id(check: str) -> tuple[str, str | None]:
    for pattern, check_id in _BUILTIN:
        m = pattern.match(check)
        if m:
            return check_id, m.group(1) if m.groups() else None
    return check, None


def _description(schema: pa.DataFrameSchema, column: str, check_id: str) -> str | None:
    checks = list(schema.checks)
    if column in schema.columns:
        checks += list(schema.columns[column].checks)
    return next((c.description for c in checks if c.name == check_id and c.description), None)


def _message(check_id: str, column: str, cell: Any, schema: pa.DataFrameSchema, raw: str) -> str:
    if check_id == "missing-value":
        return f"{column} is empty"
    if check_id == "invalid-format":
        return f"{column} {cell!r} is not in the expected format"
    if check_id == "invalid-value":
        return f"{column} {cell!r} is not an allowed value"
    return _description(schema, column, check_id) or raw


def _expected(check_id: str, column: str, argument: str | None,
              schema: pa.DataFrameSchema) -> str | None:
    if check_id == "missing-value":
        return "a value"
    meta = (schema.columns[column].metadata or {}) if column in schema.columns else {}
    if check_id == "invalid-format":
        example = meta.get("example")
        pattern = (argument or "").strip("'")
        pattern = re.sub(r"\\+Z$", "$", pattern)  # whole_cell's \Z, shown as people write it
        return f"pattern {pattern}" + (f", e.g. {example}" if example else "")
    if check_id == "invalid-value" and argument:
        return "one of " + ", ".join(re.findall(r"'([^']*)'", argument))
    return None
