"""``relations.csv``: arithmetic the figures must satisfy, as the pages state or imply it."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from validation.schemas.base import field


class Relations(pa.DataFrameModel):
    """One relation among facts, in the language of :mod:`validation.expressions`
    (``F3033 == F3034 + F3035``), checked with interval arithmetic."""

    relation_id: Series[str] = field("Stable id: R and at least four digits.", pattern=r"^R\d{4,}$",
                                     unique=True, example="R0012")
    expression: Series[str] = field("Fact ids, numbers, + - * / ( ) and one comparator: == <= >= < > "
                                    "~= (within 5%).", example="F3033 == F3034 + F3035")
    note: Series[str] = field("Where the relation comes from, with the words that state it where "
                              "the page does (其中, 翻番, 占比).")
