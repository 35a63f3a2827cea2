"""``events.csv``: one row per printed calendar date or time point."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from validation.periods import is_period
from validation.schemas.base import (
    ISO_PERIOD_PATTERN,
    article_field,
    field,
    occurrence_field,
    row_check,
    text_inside_quote,
)


class Events(pa.DataFrameModel):
    """A date as printed (``text``), the words around it (``quote``) and what happened then."""

    event_id: Series[str] = field("Stable id: E and at least four digits.", pattern=r"^E\d{4,}$",
                                  unique=True, example="E0102")
    article_id: Series[str] = article_field()
    entity_id: Series[str] = field("Who or what the event concerns.", references="entities.entity_id")
    date: Series[str] = field("ISO 8601, as precise as printed: year, month, day, or an interval "
                              "for 上半年 / 下半年.", pattern=ISO_PERIOD_PATTERN, example="2024-01-11")
    text: Series[str] = field("The date exactly as printed (2024年1月11日, 2019年底, 去年11月).",
                              example="12月3日")
    quote: Series[str] = field("Verbatim words that state the date and what happened.")
    occurrence: Series[str] = occurrence_field()
    description_en: Series[str] = field("What happened, in English.")
    note: Series[str] = field("Where the year comes from when the text prints none (12月3日, "
                              "当年8月29日); required then.", required=False)

    @pa.check("date", element_wise=True, name="invalid-period",
              description="'date' must be a real date or an interval that does not end before "
                          "it starts")
    def date_is_real(cls, value: str) -> bool:
        return is_period(value)

    @row_check("figure-not-in-quote", "text", "the printed 'text' must appear inside the quote")
    def text_inside_quote(cls, df: pd.DataFrame) -> pd.Series:
        return text_inside_quote(df)
