from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from validation.periods import PeriodError, parse_period


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2023", date(2023, 1, 1), date(2023, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2025-12-11", date(2025, 12, 11), date(2025, 12, 11)),
    ("2021/2023", date(2021, 1, 1), date(2023, 12, 31)),
    ("2021/2024-01", date(2021, 1, 1), date(2024, 1, 31)),
])
def test_period_covers_first_to_last_day(text, start, end):
    assert parse_period(text) == (start, end)


@pytest.mark.parametrize("text", ["2023-13", "2023-02-30", "2024/2023", "23", "2023-1", "2023/"])
def test_impossible_or_malformed_period_is_rejected(text):
    with pytest.raises(PeriodError):
        parse_period(text)


@given(st.dates(min_value=date(1000, 1, 1)), st.dates(min_value=date(1000, 1, 1)))
def test_any_ordered_pair_of_dates_is_an_interval(a, b):
    first, last = sorted((a, b))
    assert parse_period(f"{first.isoformat()}/{last.isoformat()}") == (first, last)
