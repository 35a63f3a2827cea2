"""The schemas of the fact tables, one pandera ``DataFrameModel`` per table."""

from __future__ import annotations

from dataclasses import dataclass

import pandera.pandas as pa

from validation.schemas.articles import Articles
from validation.schemas.conflicts import Conflicts
from validation.schemas.dismissals import Dismissals
from validation.schemas.entities import Entities
from validation.schemas.events import Events
from validation.schemas.exclusions import Exclusions
from validation.schemas.facts import Facts
from validation.schemas.metrics import Metrics
from validation.schemas.pages import Pages
from validation.schemas.relations import Relations
from validation.schemas.units import Units


@dataclass(frozen=True)
class TableSpec:
    """Where a table lives, its schema, the columns that identify a row, and whether a corpus
    may leave it out (an absent optional table reads as empty)."""

    name: str
    model: type[pa.DataFrameModel]
    key: tuple[str, ...]
    optional: bool = False

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return list(self.model.to_schema().columns)


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("pages", Pages, ("file",)),
        TableSpec("articles", Articles, ("article_id",)),
        TableSpec("entities", Entities, ("entity_id",)),
        TableSpec("metrics", Metrics, ("metric_id",)),
        TableSpec("units", Units, ("unit", "dimension")),
        TableSpec("facts", Facts, ("fact_id",)),
        TableSpec("events", Events, ("event_id",), optional=True),
        TableSpec("exclusions", Exclusions, ("exclusion_id",), optional=True),
        TableSpec("relations", Relations, ("relation_id",), optional=True),
        TableSpec("conflicts", Conflicts, ("conflict_id",), optional=True),
        TableSpec("dismissals", Dismissals, ("dismissal_id",), optional=True),
    )
}

__all__ = ["TABLES", "Articles", "Conflicts", "Dismissals", "Entities", "Events", "Exclusions",
           "Facts", "Metrics", "Pages", "Relations", "TableSpec", "Units"]
