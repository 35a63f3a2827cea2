"""The canonical form of a table, so that a change to a table shows only what changed:

* columns in schema order (columns the schema does not define keep their order, after them);
* rows sorted by the table's key, as ``csv-not-sorted`` expects;
* UTF-8 without byte-order mark, LF line ends, a final LF, no blank lines;
* minimal quoting (only cells holding a comma, a quote or a line break are quoted);
* decimals without spurious trailing zeros (``96.920`` -> ``96.92``, ``2.0`` -> ``2``), except
  where the row's printed ``text`` shows them (``52.50%`` keeps ``52.50``, whose last digit sets
  the interval the figure allows).

Formatting never loses a cell: a table whose rows do not fit its header is refused, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from validation.corpus import FACTS_DIR
from validation.csvfile import CELL_LIMIT, Records, decode_utf8, parse_records
from validation.files import NotRegularFile, check_writable, read_regular, staged
from validation.findings import InputError
from validation.schemas import TABLES, TableSpec
from validation.schemas.base import DECIMAL_PATTERN

_DECIMAL = re.compile(DECIMAL_PATTERN)


def decimal_columns(spec: TableSpec) -> set[str]:
    """The columns whose cells are decimals (their schema pattern is ``DECIMAL_PATTERN``)."""
    found = set()
    for name, column in spec.model.to_schema().columns.items():
        if any(getattr(check, "statistics", {}).get("pattern") == DECIMAL_PATTERN
               for check in column.checks):
            found.add(name)
    return found


def canonical_number(cell: str, printed: str | None = None) -> str:
    """``cell`` without trailing fractional zeros, unless ``printed`` shows them."""
    if not _DECIMAL.match(cell) or "." not in cell or not cell.endswith("0"):
        return cell
    if printed and cell in printed:
        return cell
    trimmed = cell.rstrip("0").rstrip(".")
    return "0" if trimmed == "-0" else trimmed


def read_cells(text: str, display_path: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV text, every cell kept; blank lines dropped. Raises
    :class:`InputError` when a cell could be lost: a row with more or fewer cells than the
    header, a cell over the size limit, or a column named twice in the header."""
    if text.startswith("\ufeff"):
        text = text[1:]
    records = parse_records(text, display_path)
    if records.misfits:
        line, cells = records.misfits[0]
        raise InputError(
            f"{display_path}:{line}: row has {cells} cells, the header {len(records.header)}; "
            "fmt will not guess where they belong: fix the row first")
    if records.too_long:
        line, _, size = records.too_long[0]
        raise InputError(f"{display_path}:{line}: a cell of {size:,} characters is over the limit "
                         f"of {CELL_LIMIT:,}; fix the quoting on that line first")
    duplicates = records.duplicate_columns()
    if duplicates:
        raise InputError(f"{display_path}:1: column {', '.join(duplicates)} appears more than once "
                         "in the header; fmt would have to drop one of them: rename or remove it first")
    return records.header, records.rows


def canonical_text(spec: TableSpec, header: list[str], rows: list[list[str]]) -> str:
    """The table in canonical form."""
    known = [c for c in spec.columns if c in header]
    columns = known + [c for c in header if c not in spec.columns]
    position = [header.index(c) for c in columns]
    numbers = decimal_columns(spec) & set(columns)
    printed = header.index("text") if "text" in header else None
    out_rows = []
    for row in rows:
        cells = [row[i] for i in position]
        for i, column in enumerate(columns):
            if column in numbers:
                cells[i] = canonical_number(cells[i], row[printed] if printed is not None else None)
        out_rows.append(cells)
    key = [columns.index(c) for c in spec.key if c in columns]
    out_rows.sort(key=lambda cells: tuple(cells[i] for i in key))
    return "".join(csv_line(cells) for cells in [columns, *out_rows])


def csv_line(cells: list[str]) -> str:
    """One CSV record ending in LF, each cell quoted only if it holds a comma, a quote or a line
    break (the csv module leaves a lone CR unquoted when the line end is LF, and a reader then
    splits the row there)."""
    return ",".join(f'"{c.replace(chr(34), chr(34) * 2)}"' if any(x in c for x in ',"\n\r') else c
                    for c in cells) + "\n"


@dataclass(frozen=True)
class TableFile:
    """A table file of a corpus, its text as it is and in canonical form."""

    name: str
    path: Path
    display_path: str
    current: bytes
    canonical: str
    error: str | None = None  # why the table has no canonical form (a row that does not fit)

    @property
    def changed(self) -> bool:
        return self.error is not None or self.current != self.canonical.encode("utf-8")

    def differences(self) -> list[str]:
        """What keeps the file from its canonical form, in words."""
        if self.error is not None:
            return [self.error]
        return form_differences(self.current, self.canonical)


def form_differences(current: bytes, canonical: str) -> list[str]:
    """Why ``current`` is not ``canonical``: each aspect of the form that differs."""
    text = current.decode("utf-8", "replace")
    reasons = []
    if text.startswith("\ufeff"):
        reasons.append("starts with a byte-order mark")
        text = text[1:]
    if "\r" in text:
        reasons.append("has CRLF or CR line ends")
    if text and not text.endswith("\n"):
        reasons.append("does not end with a line break")
    records = parse_records(text, "")
    wanted = parse_records(canonical, "")
    if records.blank:
        reasons.append(f"has {len(records.blank)} blank line(s)")
    if records.header != wanted.header:
        reasons.append("columns are not in schema order")
    rows, canonical_rows = _by_name(records), _by_name(wanted)
    if sorted(rows) != sorted(canonical_rows):
        reasons.append("numbers have spurious trailing zeros")
    elif rows != canonical_rows:
        reasons.append("rows are not sorted by id")
    if not reasons:
        reasons.append("cells are quoted where they need not be")
    return reasons


def _by_name(records: Records[str]) -> list[tuple[tuple[str, str], ...]]:
    """Each row as its (column, cell) pairs in column-name order, whatever the header's order."""
    return [tuple(sorted(zip(records.header, row, strict=True))) for row in records.rows]


def table_files(root: Path) -> list[TableFile]:
    """Every table present under ``root``/facts, read and put in canonical form where it has one."""
    found = []
    for name, spec in TABLES.items():
        path = root / FACTS_DIR / spec.filename
        display = f"{FACTS_DIR}/{spec.filename}"
        try:
            data = read_regular(path)
        except FileNotFoundError:
            continue
        except NotRegularFile as exc:
            found.append(TableFile(name, path, display, b"", "",
                                   f"{display} is {exc.kind}; only regular files are formatted"))
            continue
        try:
            header, rows = read_cells(decode_utf8(data, display), display)
        except InputError as exc:
            found.append(TableFile(name, path, display, data, "", str(exc)))
            continue
        found.append(TableFile(name, path, display, data, canonical_text(spec, header, rows)))
    return found


def format_tables(root: Path | str, *, write: bool = True) -> list[TableFile]:
    """Put every table under ``root`` in canonical form; returns the files that were (or, with
    ``write=False``, would be) changed. The files are replaced as one set, atomically, keeping
    each file's permissions. Raises :class:`InputError`, changing nothing, when a table has no
    canonical form or cannot be written (read-only, a link, a folder)."""
    files = table_files(Path(root))
    for table in files:
        if table.error and write:
            raise InputError(table.error)
    changed = [t for t in files if t.changed]
    if write and changed:
        for table in changed:
            check_writable(table.path, table.display_path)
        with staged(Path(root) / FACTS_DIR) as stage:
            for table in changed:
                stage(table.path, table.canonical)
    return changed
