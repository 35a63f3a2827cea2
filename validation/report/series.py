"""Metrics stated for more than one period: each entity's values over time, for the charts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from validation.corpus import Corpus
from validation.periods import parse_period


@dataclass(frozen=True)
class Point:
    """One fact of a series, in the series' display unit (``high`` may be infinite)."""

    fact_id: str
    period: str
    order: str  # the period's last day, ISO, to sort by
    low: Decimal
    high: Decimal
    text: str
    status: str
    #: The figure as printed, in the display unit (``None`` when the value cell is no number):
    #: where the chart draws the point, its whisker showing the interval around it.
    value: Decimal | None = None


@dataclass(frozen=True)
class Series:
    """The values of one metric of one entity over more than one period."""

    entity_id: str
    metric_id: str
    entity: tuple[str, str]  # Chinese and English names
    metric: tuple[str, str]
    unit: str
    points: list[Point]

    @property
    def key(self) -> str:
        return f"{self.entity_id}.{self.metric_id}"


def build_series(corpus: Corpus, labels: dict[str, dict[str, tuple[str, str]]]) -> list[Series]:
    """Every (entity, metric) whose facts give more than one period, points ordered by period.
    Values are shown in the unit of the latest point, converted through the base unit."""
    groups: dict[tuple[str, str, str], list[tuple[Point, str, Decimal]]] = {}
    for value in corpus.model.fact_values.values():
        row = value.row
        period = row["period"]
        if not period or not row["entity_id"] or not row["metric_id"]:
            continue
        try:
            last_day = parse_period(period)[1].isoformat()
        except ValueError:  # PeriodError, or a year no date holds (0000)
            continue
        point = Point(value.fact_id, period, last_day, value.interval.low, value.interval.high,
                      value.text, row["status"] or "", _printed(row["value"], value.factor))
        key = (row["entity_id"], row["metric_id"], value.base_unit)
        groups.setdefault(key, []).append((point, row["unit"] or "", value.factor))
    series = []
    for (entity, metric, _), members in sorted(groups.items()):
        if len({p.period for p, _, _ in members}) < 2:
            continue
        members.sort(key=lambda m: (m[0].order, m[0].fact_id))
        _, unit, factor = members[-1]
        points = [Point(p.fact_id, p.period, p.order, p.low / factor, p.high / factor, p.text, p.status,
                        None if p.value is None else p.value / factor)
                  for p, _, _ in members]
        series.append(Series(entity, metric, labels["entities"].get(entity, (entity, "")),
                             labels["metrics"].get(metric, (metric, "")), unit, points))
    return series


def _printed(value: str | None, factor: Decimal) -> Decimal | None:
    """A row's value cell in the base unit, or ``None`` when it is no finite number."""
    try:
        number = Decimal(value or "") * factor
    except (ArithmeticError, ValueError):
        return None
    return number if number.is_finite() else None
