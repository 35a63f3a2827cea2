"""Reading printed dates into ISO 8601."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from validation.dates import DateError, read_date


@pytest.mark.parametrize(("text", "published", "iso"), [
    ("2024年1月11日", None, "2024-01-11"),
    ("2023年10月", None, "2023-10"),
    ("2017年", None, "2017"),
    ("2019年底", None, "2019-12"),
    ("2020年末", None, "2020-12"),
    ("2021年初", None, "2021-01"),
    ("2023年12月底", None, "2023-12"),
    ("2026年上半年", None, "2026-01/2026-06"),
    ("2026年下半年", None, "2026-07/2026-12"),
    ("去年11月", 2026, "2025-11"),
    ("今年1月30日", 2026, "2026-01-30"),
    ("前年", 2026, "2024"),
    ("二〇二四年", None, "2024"),
    ("２０２４年１月１１日", None, "2024-01-11"),
])
def test_printed_dates_read_as_iso(text, published, iso):
    assert read_date(text, published).iso() == iso


@pytest.mark.parametrize("text", ["12月3日", "当年8月29日"])
def test_dates_without_a_printed_year_take_one_from_the_row(text):
    reading = read_date(text, 2024)
    assert not reading.year_printed
    with pytest.raises(DateError, match="no year"):
        reading.iso()
    assert reading.iso(2024).startswith("2024-")


@pytest.mark.parametrize(("text", "reason"), [
    ("", "not a date"),
    ("3年", "not a date"),
    ("2024年13月", "month 13"),
    ("2024年2月40日", "day 40"),
    ("去年2024年", "both"),
    ("去年", "publication year"),
    ("12月上半年", "after a month"),
])
def test_what_is_not_a_date_is_rejected_with_a_reason(text, reason):
    with pytest.raises(DateError, match=reason):
        read_date(text)


@pytest.mark.parametrize("text", ["²⁰²⁴年", "②⓪②④年", "٢٠٢٤年", "2024年¹月", "12月③日", "१२月3日"])
def test_look_alike_digits_are_not_read_as_a_date(text):
    with pytest.raises(DateError, match="not a date"):
        read_date(text)


@given(st.dates(min_value=date(1000, 1, 1)), st.sampled_from(["y", "ym", "ymd"]))
def test_written_dates_round_trip(day, precision):
    text = f"{day.year}年" + (f"{day.month}月" if "m" in precision else "") + (
        f"{day.day}日" if "d" in precision else "")
    expected = day.isoformat()[: {"y": 4, "ym": 7, "ymd": 10}[precision]]
    assert read_date(text).iso() == expected


@given(st.integers(min_value=1900, max_value=2100), st.sampled_from(["今年", "去年", "前年", "明年"]))
def test_relative_years_resolve_against_the_publication_year(published, word):
    offset = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}[word]
    assert read_date(word + "3月", published).iso() == f"{published + offset:04d}-03"
