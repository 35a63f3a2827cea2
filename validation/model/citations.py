"""Which column cites which table: the one place that knows, for the references check, the
consistency checks, the report and the gate alike."""

from __future__ import annotations

from validation.schemas import TABLES

#: The tables whose rows quote the pages: table name and id column.
QUOTING_TABLES = {"facts": "fact_id", "events": "event_id", "exclusions": "exclusion_id"}


def declared_references() -> list[tuple[str, str, str, str]]:
    """(table, column, referenced table, referenced column) from the schemas' ``references``."""
    found = []
    for name, spec in TABLES.items():
        for column, col_schema in spec.model.to_schema().columns.items():
            target = (col_schema.metadata or {}).get("references")
            if target:
                ref_table, _, ref_column = target.partition(".")
                found.append((name, column, ref_table, ref_column))
    return found
