"""``facts.csv``: one row per printed figure."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from validation.periods import is_period
from validation.schemas.base import (
    BOUND_VALUES,
    DECIMAL_PATTERN,
    ISO_PERIOD_PATTERN,
    STATUSES,
    article_field,
    field,
    occurrence_field,
    row_check,
    text_inside_quote,
)


class Facts(pa.DataFrameModel):
    """A figure as printed (``text``), the words that state it (``quote``) and what it means."""

    fact_id: Series[str] = field("Stable id: F and at least four digits.", pattern=r"^F\d{4,}$",
                                 unique=True, example="F0123")
    article_id: Series[str] = article_field()
    entity_id: Series[str] = field("Who or what the figure is about.",
                                   references="entities.entity_id")
    metric_id: Series[str] = field("What the figure measures.", references="metrics.metric_id")
    value: Series[str] = field("The number as printed, in 'unit' (decimal, no exponent).",
                               pattern=DECIMAL_PATTERN, example="96.92")
    unit: Series[str] = field("Unit as printed, magnitude included (亿元, 万人, %).")
    bound: Series[str] = field("exact; approx (约, 左右); lower (余, 多, 超, 突破, 以上); "
                               "upper (近, 不到, 以内); range (七八家: 'value' is the low end, "
                               "the high end the next digit).", one_of=BOUND_VALUES)
    status: Series[str] = field("actual; estimate (预计); target (力争, 目标); plan (规划, 计划, 拟).",
                                one_of=STATUSES)
    period: Series[str] = field("When the figure holds: ISO 8601 year, month, date or interval.",
                                required=False, pattern=ISO_PERIOD_PATTERN, example="2021/2023")
    text: Series[str] = field("The figure exactly as printed.", example="6000余家")
    quote: Series[str] = field("Verbatim words that state the figure, long enough to show what "
                               "it measures.")
    occurrence: Series[str] = occurrence_field()
    note: Series[str] = field("How period, status or entity were resolved.", required=False)

    @pa.check("period", element_wise=True, name="invalid-period",
              description="'period' must be a real date or an interval start/end that does not "
                          "end before it starts")
    def period_is_real(cls, value: str) -> bool:
        return is_period(value)

    @row_check("figure-not-in-quote", "text",
               "the printed 'text' must appear inside the quote")
    def text_inside_quote(cls, df: pd.DataFrame) -> pd.Series:
        return text_inside_quote(df)
