"""The scales of the series charts: round value ticks, round dates on a real time axis."""

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from validation.report.scales import (
    MANTISSAS,
    TimeScale,
    TimeTicks,
    ValueScale,
    nice_step,
    nice_ticks,
    period_span,
    text_width,
    tick_label,
    time_ticks,
)

values = st.decimals(min_value=-10**9, max_value=10**12, places=3, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def is_round(step: Decimal) -> bool:
    """1, 2 or 5 times a power of ten."""
    digits = step.normalize().as_tuple().digits
    return len(digits) == 1 and digits[0] in MANTISSAS


@given(values, values, st.integers(3, 10))
def test_value_ticks_are_round_increasing_and_cover_the_data(a, b, most):
    low, high = min(a, b), max(a, b)
    ticks = nice_ticks(low, high, most)
    step = ticks[1] - ticks[0]
    assert 2 <= len(ticks) <= most
    assert ticks[0] <= low and ticks[-1] >= high
    assert all(x < y for x, y in itertools.pairwise(ticks))
    assert all(y - x == step for x, y in itertools.pairwise(ticks))  # evenly spaced
    assert is_round(step) and step == nice_step(low, high, most)
    assert all((t / step) == (t / step).to_integral_value() for t in ticks)  # multiples of it


@given(values, values)
def test_the_step_is_the_finest_round_one_that_fits(a, b):
    low, high = min(a, b), max(a, b)
    assume(low < high)
    step = nice_step(low, high, 6)
    finer = [Decimal(m).scaleb(e) for e in range(step.adjusted() - 1, step.adjusted() + 1)
             for m in MANTISSAS if Decimal(m).scaleb(e) < step]
    for candidate in finer:
        count = int((high / candidate).to_integral_value(rounding="ROUND_CEILING")
                    - (low / candidate).to_integral_value(rounding="ROUND_FLOOR")) + 1
        assert count > 6, candidate


def test_value_ticks_of_the_corpus_kind_of_data():
    assert nice_ticks(Decimal(0), Decimal(777)) == [0, 200, 400, 600, 800]
    assert nice_ticks(Decimal(0), Decimal(5433)) == [0, 2000, 4000, 6000]
    assert nice_ticks(Decimal(0), Decimal("3.5")) == [0, 1, 2, 3, 4]
    assert nice_ticks(Decimal(0), Decimal("0.42")) == [0, Decimal("0.1"), Decimal("0.2"), Decimal("0.3"),
                                                        Decimal("0.4"), Decimal("0.5")]
    assert nice_ticks(Decimal(-12), Decimal(30)) == [-20, -10, 0, 10, 20, 30]
    assert nice_ticks(Decimal(7), Decimal(7)) == [6, 8, 10, 12, 14]  # one value: a range around it
    with pytest.raises(ValueError):
        nice_ticks(Decimal(0), Decimal("Infinity"))


def test_tick_labels_show_the_decimals_of_the_step_and_group_thousands():
    assert tick_label(Decimal(1200), Decimal(200)) == "1,200"
    assert tick_label(Decimal(1), Decimal("0.5")) == "1.0"
    assert tick_label(Decimal("0.25"), Decimal("0.05")) == "0.25"
    assert tick_label(Decimal(0), Decimal("0.1")) == "0"
    assert tick_label(Decimal(-20), Decimal(10)) == "-20"
    assert tick_label(Decimal(2000000), Decimal(500000)) == "2,000,000"


@given(values, values)
def test_value_scale_is_monotone(a, b):
    scale = ValueScale(Decimal(-10**9), Decimal(10**12), 200.0, 20.0)
    assert (scale.y(a) < scale.y(b)) == (a > b) or a == b
    assert scale.y(Decimal(-10**9)) == 200.0 and scale.y(Decimal(10**12)) == 20.0


@given(days, days, st.integers(3, 12))
def test_time_ticks_are_round_dates_increasing_and_cover_the_range(a, b, most):
    start, end = min(a, b), max(a, b)
    ticks = time_ticks(start, end, most)
    assert 2 <= len(ticks.days) <= most
    assert ticks.days[0] <= start and ticks.days[-1] >= end
    assert all(x < y for x, y in zip(ticks.days, ticks.days[1:], strict=False))
    for day in ticks.days:
        assert day.day == 1
        assert (day.year * 12 + day.month - 1) % ticks.months == 0  # quarters start in Jan, Apr...
        if ticks.months >= 12:
            assert day.month == 1 and day.year % (ticks.months // 12) == 0
    months = [d.year * 12 + d.month for d in ticks.days]
    assert {y - x for x, y in itertools.pairwise(months)} == {ticks.months}


def test_time_ticks_are_years_for_years_and_quarters_or_months_for_a_short_range():
    assert time_ticks(date(2024, 12, 1), date(2026, 3, 1)).months == 3
    assert time_ticks(date(2024, 12, 1), date(2027, 1, 1)).days == [date(2024, 1, 1), date(2025, 1, 1),
                                                                    date(2026, 1, 1), date(2027, 1, 1)]
    assert time_ticks(date(2024, 1, 1), date(2024, 7, 1)).months == 1
    assert time_ticks(date(2017, 1, 1), date(2026, 1, 1)).months == 24
    assert time_ticks(date(2000, 1, 1), date(2027, 1, 1)).months == 60


def test_yearly_ticks_name_the_year_between_them_and_shorter_ones_the_month():
    years = TimeTicks(12, [date(2024, 1, 1), date(2025, 1, 1), date(2026, 1, 1)])
    assert years.labels() == [(date(2024, 1, 1), date(2025, 1, 1), "2024"),
                              (date(2025, 1, 1), date(2026, 1, 1), "2025")]
    quarters = TimeTicks(3, [date(2024, 10, 1), date(2025, 1, 1), date(2025, 4, 1)])
    assert [text for _, _, text in quarters.labels()] == ["Oct 2024", "2025", "Apr"]


@given(days, days)
def test_a_later_date_lies_further_right(a, b):
    scale = TimeScale(date(1900, 1, 1), date(2101, 1, 1), 40.0, 360.0)
    if a < b:
        assert scale.x(a) < scale.x(b)
    assert 40.0 <= scale.x(a) <= 360.0
    assert scale.x(a + timedelta(days=1)) > scale.x(a)


def test_a_period_spans_its_days():
    assert period_span("2024") == (date(2024, 1, 1), date(2025, 1, 1))
    assert period_span("2024-12") == (date(2024, 12, 1), date(2025, 1, 1))
    assert period_span("2024-02-29") == (date(2024, 2, 29), date(2024, 3, 1))
    assert period_span("2022/2024") == (date(2022, 1, 1), date(2025, 1, 1))
    assert period_span("9999") == (date(9999, 1, 1), date(9999, 12, 31))  # no day after it


def test_text_width_counts_chinese_characters_full_width():
    assert text_width("家家", 10) == 20
    assert text_width("777", 10) == pytest.approx(18.6)
