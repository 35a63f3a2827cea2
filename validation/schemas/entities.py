"""``entities.csv``: who or what a figure is about."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from validation.schemas.base import ENTITY_TYPES, SLUG_PATTERN, field


class Entities(pa.DataFrameModel):
    """Organisations, places, projects and facilities the pages give figures for."""

    entity_id: Series[str] = field("Stable id, lower-case snake_case.", pattern=SLUG_PATTERN,
                                   unique=True, example="hunan_big_data_exchange")
    name_zh: Series[str] = field("Name as printed on the pages.")
    name_en: Series[str] = field("English name.")
    type: Series[str] = field("What kind of entity it is.", one_of=ENTITY_TYPES)
    parent_id: Series[str] = field("The entity it belongs to, if any.", required=False,
                                   references="entities.entity_id")
    aliases: Series[str] = field("Other printed names, '|'-separated.", required=False)
