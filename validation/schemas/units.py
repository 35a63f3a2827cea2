"""``units.csv``: every unit or measure word used, and how it converts to its base unit."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from validation.schemas.base import SLUG_PATTERN, field

#: A plain decimal below 10^30 with at most 30 decimals: a larger factor would carry values
#: past the magnitude limit of declared relations (validation.expressions.MAX_EXPONENT).
FACTOR_PATTERN = r"^-?(0|[1-9]\d{0,29})(\.\d{1,30})?$"


class Units(pa.DataFrameModel):
    """A unit may mean different things in different dimensions (P: petaflops or petabytes),
    so a unit is identified by unit and dimension together. The dimensions used here are the
    corpus's dimensions (validation.dimensions); each but count has one base unit."""

    unit: Series[str] = field("Unit or measure word as printed after the number.", example="亿元")
    dimension: Series[str] = field("The dimension this reading of the unit belongs to: any "
                                   "lower-case slug, declared by being used here.",
                                   pattern=SLUG_PATTERN, example="money")
    base_unit: Series[str] = field("The unit values convert to for comparison; one per "
                                   "dimension, except in count.", example="元")
    factor: Series[str] = field("Base units per unit (亿元 -> 100000000).",
                                 pattern=FACTOR_PATTERN, example="100000000")
    note: Series[str] = field("What the unit means where not obvious.", required=False)

    class Config:
        unique = ("unit", "dimension")
