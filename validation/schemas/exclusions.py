"""``exclusions.csv``: numeric mentions that are deliberately not facts, each with its reason."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from validation.schemas.base import (
    EXCLUSION_CATEGORIES,
    article_field,
    field,
    occurrence_field,
    row_check,
    text_inside_quote,
)


class Exclusions(pa.DataFrameModel):
    """A mention the coverage scanner finds that states no figure: a name, an idiom, a date
    that only gives other figures their period. Each says why, so the decision can be reviewed."""

    exclusion_id: Series[str] = field("Stable id: X and at least four digits.", pattern=r"^X\d{4,}$",
                                      unique=True, example="X0007")
    article_id: Series[str] = article_field()
    text: Series[str] = field("The mention exactly as printed.", example="一条龙")
    quote: Series[str] = field("Verbatim words around the mention, enough to show why it is no "
                               "figure.")
    occurrence: Series[str] = occurrence_field()
    category: Series[str] = field("indefinite (一个 = 'a'), idiom (slogans, set phrases), name "
                                  "(part of a name), ordinal (第一次: order, not rank), time (a "
                                  "span that only dates other figures), threshold (a bound that "
                                  "defines what is counted: 50亿元以上项目), furniture (page furniture).",
                                  one_of=EXCLUSION_CATEGORIES)
    reason: Series[str] = field("Why this mention is not a figure, in a sentence.")

    @row_check("figure-not-in-quote", "text", "the printed 'text' must appear inside the quote")
    def text_inside_quote(cls, df: pd.DataFrame) -> pd.Series:
        return text_inside_quote(df)
