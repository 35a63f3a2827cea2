"""ISO 8601 dates of varying precision (2023, 2023-12, 2023-12-11) and intervals (2021/2023)."""

from __future__ import annotations

import calendar
import re
from datetime import date

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class PeriodError(ValueError):
    """Not an ISO 8601 date or interval in the forms the tables use."""


def parse_partial_date(text: str) -> tuple[date, date]:
    """First and last day covered by ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    m = _PARTIAL.fullmatch(text)
    if not m:
        raise PeriodError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise PeriodError(f"{text!r} has month {month:02d}")
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return date(year, month, 1), date(year, month, last)
    if not 1 <= day <= last:
        raise PeriodError(f"{text!r} has day {day:02d}, but {year}-{month:02d} has {last} days")
    return date(year, month, day), date(year, month, day)


def parse_period(text: str) -> tuple[date, date]:
    """First and last day of a partial date or of an interval ``start/end``."""
    if "/" in text:
        start_text, _, end_text = text.partition("/")
        start, _ = parse_partial_date(start_text)
        _, end = parse_partial_date(end_text)
        if end < start:
            raise PeriodError(f"interval {text!r} ends before it starts")
        return start, end
    return parse_partial_date(text)


def is_partial_date(text: str) -> bool:
    try:
        parse_partial_date(text)
    except PeriodError:
        return False
    return True


def is_period(text: str) -> bool:
    try:
        parse_period(text)
    except PeriodError:
        return False
    return True
