"""The scales of the series charts: values on round ticks (1, 2 or 5 × 10^k), periods on a real
time axis whose ticks are round dates (years; quarters or months when the range is short).

Everything here is plain arithmetic on ``Decimal`` values and ``date`` objects, so that the
chart module only draws, and the properties a reader relies on (ticks are round, cover the data,
increase; later dates lie further right) can be tested on their own.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from validation.periods import parse_period

#: The mantissas of a round step: 1, 2 or 5 times a power of ten.
MANTISSAS = (1, 2, 5)
#: Steps of a time axis, in months: a month, a quarter, then 1, 2, 5, 10, 20, 50... years.
MONTH_STEPS = (1, 3, *(12 * m * 10**k for k in range(4) for m in MANTISSAS))
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# Values ---------------------------------------------------------------------------------------

def nice_step(low: Decimal, high: Decimal, most: int = 6) -> Decimal:
    """The smallest round step (1, 2 or 5 × 10^k) whose ticks from at or below ``low`` to at
    or above ``high`` number at most ``most``."""
    if most < 3:
        raise ValueError("a scale needs room for three ticks (-1, 0 and 1 times the step)")
    low, high = _widened(low, high)
    exponent = ((high - low) / most).adjusted() - 1
    while True:
        for mantissa in MANTISSAS:
            step = Decimal(mantissa).scaleb(exponent)
            first, last = _floor(low / step), _ceiling(high / step)
            if last - first + 1 <= most:
                return step
        exponent += 1


def nice_ticks(low: Decimal, high: Decimal, most: int = 6) -> list[Decimal]:
    """Round values evenly spaced by :func:`nice_step`, the first at or below ``low`` and the
    last at or above ``high``: between two and ``most`` (at least 3) of them, increasing."""
    low, high = _widened(low, high)
    step = nice_step(low, high, most)
    first, last = _floor(low / step), _ceiling(high / step)
    return [(first + i) * step for i in range(last - first + 1)]


def _widened(low: Decimal, high: Decimal) -> tuple[Decimal, Decimal]:
    if not (low.is_finite() and high.is_finite()):
        raise ValueError("ticks need finite ends")
    if high < low:
        low, high = high, low
    if high == low:  # one value: a range as wide as the value itself (or 1 around zero)
        high = low + (abs(low) or Decimal(1))
    return low, high


def _floor(x: Decimal) -> int:
    return int(x.to_integral_value(rounding=ROUND_FLOOR))


def _ceiling(x: Decimal) -> int:
    return int(x.to_integral_value(rounding=ROUND_CEILING))


def tick_label(value: Decimal, step: Decimal) -> str:
    """A tick's value with as many decimals as its step needs and thousands separated:
    ``1,200``, ``0.5``, ``-20``."""
    decimals = max(0, -step.normalize().as_tuple().exponent)  # type: ignore[operator]
    text = f"{value:,.{decimals}f}"
    return "0" if text.lstrip("-").strip("0.,") == "" else text


@dataclass(frozen=True)
class ValueScale:
    """Values from ``low`` to ``high`` drawn from ``bottom`` up to ``top`` (SVG y grows down)."""

    low: Decimal
    high: Decimal
    bottom: float
    top: float

    def y(self, value: Decimal) -> float:
        share = float((value - self.low) / (self.high - self.low))
        return self.bottom - share * (self.bottom - self.top)


# Time -----------------------------------------------------------------------------------------

def period_span(period: str) -> tuple[date, date]:
    """The days a period covers, as a half-open span: its first day, and the day after its last
    (``2024`` is 2024-01-01 to 2025-01-01; ``2024-12`` is 2024-12-01 to 2025-01-01)."""
    first, last = parse_period(period)
    return first, (last + timedelta(days=1) if last < date.max else last)


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_start(index: int) -> date:
    """The first day of a month by its index, kept within the years ``date`` can hold."""
    if index < _month_index(date.min):
        return date.min
    if index > _month_index(date.max):
        return date.max
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class TimeTicks:
    """Round dates every ``months`` months, the first on or before the range's start and the
    last on or after its end."""

    months: int
    days: list[date]

    def labels(self) -> list[tuple[date, date, str]]:
        """Where each label goes, as the span it names (a year between its two ticks, or a
        single tick as a zero-length span) and its text. Yearly ticks name the year between
        them; longer steps name the year at each tick; shorter ones name the month at each
        tick, with the year on the first tick and on each January."""
        if self.months == 12:
            return [(a, b, str(a.year)) for a, b in zip(self.days, self.days[1:], strict=False)]
        if self.months > 12:
            return [(d, d, str(d.year)) for d in self.days]
        labels = []
        for i, d in enumerate(self.days):
            name = MONTH_NAMES[d.month - 1]
            text = str(d.year) if d.month == 1 else (f"{name} {d.year}" if i == 0 else name)
            labels.append((d, d, text))
        return labels


def time_ticks(start: date, end: date, most: int = 7) -> TimeTicks:
    """The finest round step (a month, a quarter, 1, 2, 5, 10... years) whose ticks
    from on or before ``start`` to on or after ``end`` number at most ``most`` (at least two;
    ``most`` is at least 3, since a range may straddle a round date of every step)."""
    if most < 3:
        raise ValueError("a time axis needs room for three ticks")
    if end < start:
        start, end = end, start
    for months in MONTH_STEPS:
        first = _month_index(start) // months * months
        past = _month_index(end) + (0 if end.day == 1 else 1)  # the first month start >= end
        last = max(-(-past // months) * months, first + months)
        if (last - first) // months + 1 <= most or months == MONTH_STEPS[-1]:
            return TimeTicks(months, [_month_start(i) for i in range(first, last + 1, months)])
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class TimeScale:
    """Days from ``start`` to ``end`` drawn from ``left`` to ``right``, in proportion to time."""

    start: date
    end: date
    left: float
    right: float

    def x(self, day: date) -> float:
        share = (day.toordinal() - self.start.toordinal()) / (self.end.toordinal() - self.start.toordinal())
        return self.left + share * (self.right - self.left)


# Text -----------------------------------------------------------------------------------------

def text_width(text: str, size: float) -> float:
    """A generous estimate of ``text``'s width in pixels at font size ``size``: a full width for
    each Chinese character, 0.62 of it for anything else."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.62 for c in text)
