"""Strict reading of the fact tables' CSV files, keeping each row's line number."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar, cast

import pandas as pd

from validation.files import NotRegularFile, read_regular
from validation.findings import Check, Finding, InputError
from validation.textsafe import INVISIBLE

#: The checks loading a table reports (the load family).
CHECKS = (
    Check("csv-bom",
          "A table starts with a UTF-8 byte-order mark.",
          hint="save the file as UTF-8 without BOM"),
    Check("csv-line-endings",
          "A table has CRLF or CR line ends instead of LF.",
          hint="convert line ends to LF (\\n)"),
    Check("csv-blank-row",
          "A table has a blank line between rows.",
          hint="delete the blank line"),
    Check("csv-malformed-row",
          "A row has more or fewer cells than the header.",
          hint="quote cells that contain commas; check for a missing or extra comma"),
    Check("csv-not-sorted",
          "Rows are not sorted by their id.",
          hint="sort the rows by the table's key (python -m validation fmt does)"),
    Check("missing-column",
          "A column of the table is absent from the header.",
          hint="add the column to the header"),
    Check("unknown-column",
          "The header has a column the table does not define.",
          hint="remove it, or check its spelling against the table's columns"),
    Check("not-a-regular-file",
          ("A table or seed is a symbolic link, a folder, a FIFO or a device; it is never read "
           "through."),
          hint="replace it with the file itself (a copy, not a link)"),
    Check("control-character",
          ("A cell holds a control character (C0 other than tab and line feed, DEL, C1) or a "
           "bidirectional override."),
          hint="delete the character; it is invisible, and no page prints it"),
    Check("cell-too-long",
          "A cell is longer than 131,072 characters (usually an unclosed quote).",
          hint="close the quote (\") that swallows the lines after it"),
)

#: The longest cell a table may hold, in characters (the csv module's own default limit). A
#: longer cell is nearly always an unclosed quote that swallowed the lines after it.
CELL_LIMIT = 131_072
#: Characters no cell may hold: C0 controls but tab and line feed, DEL, C1 controls, and the
#: bidirectional overrides that make text display in another order than it is stored.
CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f{INVISIBLE}]")


@dataclass
class Table:
    """A CSV table as text cells (empty cells are ``None``), with each row's CSV line.

    The frame is read-only once loaded: its rows as records, row keys and the id lookup are
    built once and kept until ``frame`` is assigned another frame (assign a changed copy to
    change cells; an edit in place is not seen by :meth:`rows`, :meth:`row_key` or
    :meth:`location_of`)."""

    name: str
    path: Path
    display_path: str
    header: list[str]
    frame: pd.DataFrame
    lines: list[int]
    key: tuple[str, ...]
    findings: list[Finding] = field(default_factory=list)
    _view: _View | None = field(default=None, repr=False, compare=False)

    def _current(self) -> _View:
        if self._view is None or self._view.frame is not self.frame:
            self._view = _View(self.frame, self.key, self.lines)
        return self._view

    def row_key(self, index: int) -> str:
        """The business key of row ``index`` (its id), or its CSV line where the id is empty."""
        return self._current().keys[index]

    def location(self, index: int) -> str:
        return f"{self.display_path}:{self.lines[index]}"

    def location_of(self, key: str) -> str | None:
        """``file:line`` of the first row whose id (first key column) is ``key``."""
        index = self._current().first_row.get(key)
        return self.location(index) if index is not None else None

    def rows(self) -> list[tuple[int, dict[str, str | None]]]:
        """Each row as (index, {column: cell}); built once, so callers must not change them."""
        return self._current().rows


class _View:
    """What :class:`Table` derives from one frame: records, row keys and ids to rows."""

    def __init__(self, frame: pd.DataFrame, key: tuple[str, ...], lines: list[int]) -> None:
        self.frame = frame
        names = [str(c) for c in frame.columns]
        cells = [frame[c].tolist() for c in frame.columns]
        records = [dict(zip(names, values, strict=True)) for values in zip(*cells, strict=True)] \
            if names else [{} for _ in range(len(frame))]
        self.rows = list(enumerate(cast(list[dict[str, str | None]], records)))
        columns = [frame[c].tolist() if c in frame.columns else [None] * len(frame) for c in key]
        self.keys = [
            "/".join(cast(list[str], values)) if all(isinstance(v, str) and v for v in values)
            else f"line {line}"
            for values, line in zip(zip(*columns, strict=True) if columns else ([()] * len(frame)),
                                    lines, strict=True)]
        self.first_row: dict[str, int] = {}
        if key and key[0] in frame.columns:
            for i, cell in enumerate(frame[key[0]].tolist()):
                if isinstance(cell, str):
                    self.first_row.setdefault(cell, i)


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


#: A cell as :func:`parse_records` gives it (``str``), or as a loaded table holds it (``None``
#: for an empty cell, :func:`parse_cells`).
Cell = TypeVar("Cell", str, str | None)


@dataclass
class Records(Generic[Cell]):
    """A CSV text split into records: the header, the rows that fit it with the line each
    starts on, and the lines that were blank, did not fit or held a cell over the limit."""

    header: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    blank: list[int] = field(default_factory=list)
    misfits: list[tuple[int, int]] = field(default_factory=list)  # (line, cells)
    too_long: list[tuple[int, int, int]] = field(default_factory=list)  # (line, column, size)

    def duplicate_columns(self) -> list[str]:
        return sorted({c for c in self.header if self.header.count(c) > 1})

    def require_whole(self, display: str) -> None:
        """Raise :class:`InputError` at the first row that does not fit the header or the first
        cell over the limit, for a file that is used whole or not at all (a draft, extractions)."""
        if self.misfits:
            line, cells = self.misfits[0]
            raise InputError(f"{display}:{line}: the row has {cells} cells but the header has "
                             f"{len(self.header)}; quote cells that contain commas")
        if self.too_long:
            line, _, size = self.too_long[0]
            raise InputError(f"{display}:{line}: a cell of {size:,} characters is over the limit "
                             f"of {CELL_LIMIT:,}; an unclosed quote (\") swallows the lines after it")


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """Let the csv module read cells of up to ``limit`` characters (it raises on a longer one),
    its own limit restored afterwards."""
    previous = csv.field_size_limit()
    csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def parse_records(text: str, display_path: str) -> Records[str]:
    """Split ``text`` (without a byte-order mark) into records. Raises :class:`InputError` when it
    is not CSV at all or has no header."""
    return _split(text, display_path, "")


def parse_cells(text: str, display_path: str) -> Records[str | None]:
    """:func:`parse_records`, with each empty cell as ``None``, as a loaded table holds it."""
    return _split(text, display_path, None)


def _split(text: str, display_path: str, empty: Cell) -> Records[Cell]:
    """First with the csv module itself refusing a cell over the limit, which spares measuring
    every cell of every row; a table that holds one is split again, measuring each row, so
    that each such cell is named."""
    try:
        with _field_limit(CELL_LIMIT):
            return _records(text, display_path, empty, measure=False)
    except csv.Error:
        pass  # a cell over the limit, or no CSV at all: said with its line below
    with _field_limit(2**31 - 1):
        return _records(text, display_path, empty, measure=True)


def _records(text: str, display_path: str, empty: Cell, *, measure: bool) -> Records[Cell]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: Records[Cell] | None = None
    # One string for the many cells that repeat (ids, units, periods), and ``empty`` for "".
    shared: dict[str, Cell] = {"": empty}
    share = shared.setdefault
    next_line = 1
    try:
        for record in reader:
            start, next_line = next_line, reader.line_num + 1
            if records is None:
                if record:
                    records = Records(record)
                continue
            if not record:
                records.blank.append(start)
                continue
            if measure and max(map(len, record)) > CELL_LIMIT:
                records.too_long.extend((start, i, len(c)) for i, c in enumerate(record)
                                        if len(c) > CELL_LIMIT)
            elif len(record) != len(records.header):
                records.misfits.append((start, len(record)))
            else:
                records.rows.append(list(map(share, record, record)))
                records.lines.append(start)
    except csv.Error as exc:
        if not measure:
            raise
        raise InputError(f"{display_path}:{reader.line_num}: not valid CSV ({exc}); "
                         "check the quoting on that line") from None
    if records is None:
        raise InputError(f"{display_path}: empty file; the first line must be the header")
    return records


def read_table(path: Path, name: str, columns: list[str], key: tuple[str, ...],
               display_path: str, *, optional: bool = False) -> Table:
    """Read ``path`` strictly: structural problems become findings, unreadable files raise.
    An ``optional`` table that does not exist reads as empty; a table that is a link, a folder
    or a device is never read through and reads as empty, with a finding."""
    try:
        data = read_regular(path)
    except FileNotFoundError:
        if optional:
            return empty_table(path, name, columns, key, display_path)
        raise InputError(f"{display_path}: file not found; every corpus needs this table") from None
    except NotRegularFile as exc:
        table = empty_table(path, name, columns, key, display_path)
        table.findings.append(Finding(
            "not-a-regular-file", f"{display_path} is {exc.kind}; tables are regular files, so it "
            "was not read", table=name, found=exc.kind, location=display_path,
            hint=f"replace {display_path} with the table itself (a copy, not a link)"))
        return table
    text = decode_utf8(data, display_path)
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
    if not text or text.isspace():  # no copy of the text, as strip() would make
        raise InputError(f"{display_path}: empty file; the first line must be the header: "
                         + ",".join(columns))
    records = parse_cells(text, display_path)
    header = records.header
    findings += [Finding("csv-blank-row", "blank line inside the table", table=name,
                         location=f"{display_path}:{line}", hint="delete the blank line")
                 for line in records.blank]
    findings += [Finding(
        "csv-malformed-row", f"row has {cells} cells but the header has {len(header)}; row ignored",
        table=name, row=f"line {line}", expected=str(len(header)), found=str(cells),
        location=f"{display_path}:{line}",
        hint="quote cells that contain commas; check for a missing or extra comma")
        for line, cells in records.misfits]
    findings += [Finding(
        "cell-too-long", f"a cell of {size:,} characters is over the limit of {CELL_LIMIT:,}; "
        "row ignored", table=name, row=f"line {line}",
        column=header[column] if column < len(header) else None, expected=f"at most {CELL_LIMIT:,} "
        "characters", found=f"{size:,} characters", location=f"{display_path}:{line}",
        hint="an unclosed quote (\") on this line or just before it swallows the lines after it; "
             "close it, or shorten the cell") for line, column, size in records.too_long]

    duplicates = records.duplicate_columns()
    if duplicates:
        raise InputError(f"{display_path}:1: column {', '.join(duplicates)} appears more than once "
                         "in the header; rename or remove the repeated column")
    for missing in [c for c in columns if c not in header]:
        findings.append(Finding("missing-column", f"column {missing!r} is missing", table=name,
                                column=missing, location=f"{display_path}:1",
                                hint="add the column to the header (expected columns: "
                                     + ", ".join(columns) + ")"))
    for extra in [c for c in header if c not in columns]:
        findings.append(Finding("unknown-column", f"column {extra!r} is not part of the table",
                                table=name, column=extra, location=f"{display_path}:1",
                                hint="remove it, or check its spelling against: " + ", ".join(columns)))

    frame = pd.DataFrame(records.rows, columns=header, dtype=object)
    table = Table(name, path, display_path, header, frame, records.lines, key, findings)
    if CONTROL.search(text):  # no cell can hold one when the text holds none
        _check_controls(table)
    _check_sorted(table)
    return table


def _check_controls(table: Table) -> None:
    """One finding per cell (and header name) holding a control character."""
    for position, column in enumerate(table.header):
        found = CONTROL.search(column)
        if found:
            table.findings.append(_control_finding(table, None, None, found,
                                                   f"{table.display_path}:1",
                                                   where=f"header cell {position + 1}"))
    for column in table.frame.columns:
        values = table.frame[column]
        hits = values.str.contains(CONTROL, na=False)
        for index in values.index[hits.to_numpy(dtype=bool)]:
            found = CONTROL.search(str(values.at[index]))
            assert found is not None
            table.findings.append(_control_finding(table, table.row_key(index), column, found,
                                                   table.location(index)))


def _control_finding(table: Table, row: str | None, column: str | None, found: re.Match[str],
                     location: str, *, where: str = "the cell") -> Finding:
    code = ord(found.group())
    return Finding(
        "control-character", f"{where} holds the control character U+{code:04X} at character "
        f"{found.start() + 1}", table=table.name, row=row, column=column,
        expected="printable text, tabs and line breaks", found=f"U+{code:04X}", location=location,
        hint="delete the character; it is invisible, and no page prints it")


def _check_sorted(table: Table) -> None:
    if not all(c in table.frame.columns for c in table.key):
        return
    columns = [[c or "" for c in table.frame[column].tolist()] for column in table.key]
    keys = list(zip(*columns, strict=True))
    if keys == sorted(keys):  # one pass in C on sorted rows, the usual case
        return
    previous: tuple[str, ...] | None = None
    for index, current in enumerate(keys):
        if previous is not None and current < previous:
            table.findings.append(Finding(
                "csv-not-sorted",
                f"rows are not sorted by {'/'.join(table.key)}: {'/'.join(current)} comes after "
                f"{'/'.join(previous)}", table=table.name, row=table.row_key(index),
                location=table.location(index), hint="sort the rows by " + "/".join(table.key)))
            return
        previous = current
