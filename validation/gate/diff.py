"""What a change does to the tables, row by row: rows added, removed and changed, matched by
primary key, so that reordering rows changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from validation.csvfile import Table


@dataclass(frozen=True)
class CellChange:
    column: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class RowChange:
    row: str
    cells: list[CellChange]


@dataclass
class TableDiff:
    """Rows of one table added, removed and changed between two states."""

    table: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def to_dict(self) -> dict[str, object]:
        return {"added": self.added, "removed": self.removed,
                "changed": [{"row": c.row, "cells": [vars(cell) for cell in c.cells]}
                            for c in self.changed]}


def keyed_rows(table: Table | None) -> dict[str, dict[str, str | None]]:
    """The rows of ``table`` by their key; the first of rows sharing a key."""
    if table is None:
        return {}
    rows: dict[str, dict[str, str | None]] = {}
    for index, row in table.rows():
        rows.setdefault(table.row_key(index), row)
    return rows


def diff_table(name: str, old: Table | None, new: Table | None) -> TableDiff:
    before, after = keyed_rows(old), keyed_rows(new)
    result = TableDiff(name, added=[k for k in after if k not in before],
                       removed=[k for k in before if k not in after])
    for key, row in after.items():
        if key not in before:
            continue
        previous = before[key]
        columns = list(dict.fromkeys([*row, *previous]))
        cells = [CellChange(c, previous.get(c), row.get(c)) for c in columns
                 if (previous.get(c) or None) != (row.get(c) or None)]
        if cells:
            result.changed.append(RowChange(key, cells))
    return result
