"""Strict reading of the fact tables' CSV files, keeping each row's line number."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pandas as pd

from validation.findings import Finding, InputError


@dataclass
class Table:
    """A CSV table as text cells (empty cells are ``None``), with each row's CSV line."""

    name: str
    path: Path
    display_path: str
    header: list[str]
    frame: pd.DataFrame
    lines: list[int]
    key: tuple[str, ...]
    findings: list[Finding] = field(default_factory=list)

    def row_key(self, index: int) -> str:
        """The business key of row ``index`` (its id), or its CSV line where the id is empty."""
        values = [self.frame.at[index, c] if c in self.frame.columns else None for c in self.key]
        if all(isinstance(v, str) and v for v in values):
            return "/".join(values)  # type: ignore[arg-type]
        return f"line {self.lines[index]}"

    def location(self, index: int) -> str:
        return f"{self.display_path}:{self.lines[index]}"

    def location_of(self, key: str) -> str | None:
        """``file:line`` of the first row whose id (first key column) is ``key``."""
        column = self.key[0]
        if column not in self.frame.columns:
            return None
        matches = self.frame.index[self.frame[column] == key]
        return self.location(int(matches[0])) if len(matches) else None

    def rows(self) -> list[tuple[int, dict[str, str | None]]]:
        """Each row as (index, {column: cell})."""
        records = cast(list[dict[str, str | None]], self.frame.to_dict("records"))
        return list(zip(self.frame.index, records, strict=True))


def decode_utf8(data: bytes, display_path: str) -> str:
    """Decode ``data`` as UTF-8 or raise an :class:`InputError` naming line and byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{display_path}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8 without BOM"
        ) from None


def empty_table(path: Path, name: str, columns: list[str], key: tuple[str, ...],
                display_path: str) -> Table:
    """A table with ``columns`` and no rows, standing for an optional table that is absent."""
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    return Table(name, path, display_path, list(columns), frame, [], key)


def read_table(path: Path, name: str, columns: list[str], key: tuple[str, ...],
               display_path: str, *, optional: bool = False) -> Table:
    """Read ``path`` strictly: structural problems become findings, unreadable files raise.
    An ``optional`` table that does not exist reads as empty."""
    if not path.exists() and optional:
        return empty_table(path, name, columns, key, display_path)
    if not path.is_file():
        raise InputError(f"{display_path}: file not found; every corpus needs this table")
    text = decode_utf8(path.read_bytes(), display_path)
    findings: list[Finding] = []
    if text.startswith("\ufeff"):
        findings.append(Finding("csv-bom", "file starts with a UTF-8 byte-order mark",
                                table=name, location=f"{display_path}:1",
                                hint="save the file as UTF-8 without BOM"))
        text = text[1:]
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        findings.append(Finding("csv-line-endings", "line ends are CRLF or CR, not LF",
                                table=name, location=f"{display_path}:{line}",
                                hint="convert line ends to LF (\\n)"))
    if not text.strip():
        raise InputError(f"{display_path}: empty file; the first line must be the header: "
                         + ",".join(columns))

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    lines: list[int] = []
    try:
        header = next(reader)
        next_line = reader.line_num + 1
        for record in reader:
            start, next_line = next_line, reader.line_num + 1
            if not record:
                findings.append(Finding("csv-blank-row", "blank line inside the table", table=name,
                                        location=f"{display_path}:{start}",
                                        hint="delete the blank line"))
                continue
            if len(record) != len(header):
                findings.append(Finding(
                    "csv-malformed-row",
                    f"row has {len(record)} cells but the header has {len(header)}; row ignored",
                    table=name, row=f"line {start}", expected=str(len(header)), found=str(len(record)),
                    location=f"{display_path}:{start}",
                    hint="quote cells that contain commas; check for a missing or extra comma"))
                continue
            records.append(record)
            lines.append(start)
    except csv.Error as exc:
        raise InputError(f"{display_path}:{reader.line_num}: not valid CSV ({exc}); "
                         "check the quoting on that line") from None

    duplicates = sorted({c for c in header if header.count(c) > 1})
    if duplicates:
        raise InputError(f"{display_path}:1: column {', '.join(duplicates)} appears more than once "
                         "in the header")
    for missing in [c for c in columns if c not in header]:
        findings.append(Finding("missing-column", f"column {missing!r} is missing", table=name,
                                column=missing, location=f"{display_path}:1",
                                hint="add the column to the header (expected columns: "
                                     + ", ".join(columns) + ")"))
    for extra in [c for c in header if c not in columns]:
        findings.append(Finding("unknown-column", f"column {extra!r} is not part of the table",
                                table=name, column=extra, location=f"{display_path}:1",
                                hint="remove it, or check its spelling against: " + ", ".join(columns)))

    cells = [[cell if cell != "" else None for cell in record] for record in records]
    frame = pd.DataFrame(cells, columns=header, dtype=object)
    table = Table(name, path, display_path, header, frame, lines, key, findings)
    _check_sorted(table)
    return table


def _check_sorted(table: Table) -> None:
    if not all(c in table.frame.columns for c in table.key):
        return
    previous: tuple[str, ...] | None = None
    for index in table.frame.index:
        current = tuple(str(table.frame.at[index, c] or "") for c in table.key)
        if previous is not None and current < previous:
            table.findings.append(Finding(
                "csv-not-sorted",
                f"rows are not sorted by {'/'.join(table.key)}: {'/'.join(current)} comes after "
                f"{'/'.join(previous)}", table=table.name, row=table.row_key(index),
                location=table.location(index), hint="sort the rows by " + "/".join(table.key)))
            return
        previous = current
