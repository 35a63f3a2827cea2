"""Each fact as a value: the interval its printed figure allows, in the base unit of its
metric's dimension, with what groups and orders it (entity, metric, period, status)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, DecimalException, InvalidOperation
from typing import cast

from validation.corpus import Corpus
from validation.expressions import MAX_MAGNITUDE
from validation.intervals import COUNTED, SHARE, Interval, interval_of, within_share
from validation.numbers import BOUNDS, Bound, Figure, FigureError


# Not frozen, to be created five times faster (millions are); never changed once made.
@dataclass(slots=True, unsafe_hash=True)
class FactValue:
    """A fact's interval in its base unit, with what orders and groups it."""

    fact_id: str
    interval: Interval
    base_unit: str
    factor: Decimal  # base units per unit of the row's value
    text: str
    row: dict[str, str | None]
    #: A share of a whole whose figure allows no value in [0, 100] % (reported, not compared).
    outside_share: bool = False


#: The facts columns the consistency checks read; without any of them they do not run (the
#: missing column is reported by the loader).
_FACT_COLUMNS = ("fact_id", "article_id", "entity_id", "metric_id", "value", "unit", "bound",
                 "status", "period", "text")


def read_metric_dimensions(corpus: Corpus) -> dict[str, str | None]:
    """Each metric's dimension (``None`` where the cell is empty; reported by the schema)."""
    if not corpus.has_columns("metrics", "metric_id", "dimension"):
        return {}
    metrics = corpus.tables["metrics"].frame
    return dict(zip(metrics["metric_id"], metrics["dimension"], strict=True))


def read_fact_values(corpus: Corpus) -> dict[str, FactValue]:
    """Every fact whose figure, unit and metric are readable, as an interval of its base unit."""
    values: dict[str, FactValue] = {}
    if corpus.has_columns("facts", *_FACT_COLUMNS) and corpus.has_columns(
            "metrics", "metric_id", "dimension") and corpus.has_columns(
            "units", "unit", "dimension", "base_unit", "factor"):
        dimension_of = corpus.model.metric_dimensions
        units = {(u, d): (b, _factor(f)) for u, d, b, f in zip(*(corpus.tables["units"].frame[c] for c in (
            "unit", "dimension", "base_unit", "factor")), strict=True)}
        printed = corpus.model.readings
        for _, row in corpus.tables["facts"].rows():
            value = _fact_value(row, dimension_of, units, printed)
            if value is not None:
                values[value.fact_id] = value
    return values


def _factor(text: str | None) -> Decimal | None:
    """A unit's factor, read once for all its facts; ``None`` where it is no usable factor
    (reported by the schema checks: the factor's format bounds it below 10^30)."""
    try:
        factor = Decimal(text or "")
    except InvalidOperation:
        return None
    return factor if factor.is_finite() and 0 < factor < MAX_MAGNITUDE else None


def _fact_value(row: dict[str, str | None], dimension_of: dict[str, str | None],
                units: dict[tuple[str, str], tuple[str, Decimal | None]],
                readings: dict[str, Figure | FigureError]) -> FactValue | None:
    """The interval of the row's own reading (value, unit, bound), with the qualifier words
    and range end read from its printed text."""
    fact_id, text, unit, value, bound = row["fact_id"], row["text"], row["unit"], row["value"], row["bound"]
    dimension = dimension_of.get(row["metric_id"] or "")
    if not (fact_id and text and unit and value and bound in BOUNDS) or (unit, dimension) not in units:
        return None
    base_unit, factor = units[(unit, dimension or "")]
    printed = readings.get(text)
    if not isinstance(printed, Figure):
        return None  # reported by the figure check
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None  # reported by the schema checks
    if factor is None or not number.is_finite():
        return None  # reported by the schema checks
    high = printed.high if bound == "range" and printed.high is not None else number
    figure = Figure(number, unit, cast(Bound, bound), printed.qualifiers, high)
    try:
        interval = interval_of(figure, counted=dimension in COUNTED).scaled(factor)
    except DecimalException:
        return None  # a value beyond the decimal range is reported by the schema checks
    if dimension == SHARE:
        inside = within_share(interval)
        if inside is None:
            return FactValue(fact_id, interval, base_unit, factor, text, row, outside_share=True)
        interval = inside
    return FactValue(fact_id, interval, base_unit, factor, text, row)


def agreement_key(value: FactValue) -> tuple[str, str, str, str] | None:
    """The group the agreement check compares a fact in (entity, metric, period, base unit), or
    ``None`` for a fact it leaves alone: not actual, or without period, entity or metric."""
    row = value.row
    if row["status"] == "actual" and row["period"] and row["entity_id"] and row["metric_id"]:
        return (row["entity_id"], row["metric_id"], row["period"], value.base_unit)
    return None
