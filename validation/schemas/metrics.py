"""``metrics.csv``: what a figure measures."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from validation.schemas.base import BOOLEANS, SLUG_PATTERN, field


class Metrics(pa.DataFrameModel):
    """One row per measure; the same metric id is reused wherever the same measure appears."""

    metric_id: Series[str] = field("Stable id, lower-case snake_case.", pattern=SLUG_PATTERN,
                                   unique=True, example="exchange_members")
    label_zh: Series[str] = field("Chinese label, in the pages' own words where possible.")
    label_en: Series[str] = field("English label.")
    dimension: Series[str] = field("What kind of quantity it is: a dimension declared in "
                                   "units.csv; units must share it.", pattern=SLUG_PATTERN,
                                   example="money")
    cumulative: Series[str] = field("'true' where the quantity can never fall over time.",
                                    one_of=BOOLEANS)
