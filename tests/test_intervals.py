"""Chinese approximations read as intervals."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from validation.intervals import APPROX_TOLERANCE, INF, Interval, interval_of, within_share
from validation.numbers import format_decimal, parse_figure


def reading(text, counted=False, factor=1):
    return interval_of(parse_figure(text), counted=counted).scaled(Decimal(factor))


@pytest.mark.parametrize(("text", "counted", "factor", "expected"), [
    ("52.5%", False, 1, "[52.45, 52.55)"),
    ("667亿元", False, 100_000_000, "[66650000000, 66750000000)"),
    ("361家", True, 1, "[361, 361]"),
    ("6000余家", True, 1, "(6000, 7000)"),
    ("20余个", True, 1, "(20, 30)"),
    ("1.8万余个", True, 10_000, "(18000, 19000)"),
    ("十几个", True, 1, "(10, 20)"),
    ("3年多", False, 1, "(3, 4)"),
    ("突破27亿元", False, 1, "(27, inf)"),
    ("超400家", True, 1, "(400, inf)"),
    ("50亿元以上", False, 1, "(50, inf)"),
    ("近50家", True, 1, "[40, 50)"),
    ("近5成", False, 10, "[40, 50)"),
    ("近两圈", False, 1, "[1, 2)"),
    ("接近翻番", False, 1, "[1, 2)"),
    ("不到4个月", False, 1, "[0, 4)"),
    ("两年内", False, 1, "[0, 2)"),
    ("约4000平方米", False, 1, "[3600, 4400]"),
    ("200人左右", True, 1, "[180, 220]"),
    ("七八家", True, 1, "[7, 8]"),
    ("４—６级", False, 1, "[4, 6]"),
    ("１８—２８℃", False, 1, "[18, 28]"),
    ("10%-15%", False, 1, "[10, 15]"),
    ("5000万—1亿元", False, 100_000_000, "[50000000, 100000000]"),
    ("第一", True, 1, "[1, 1]"),
])
def test_printed_figures_read_as_documented_intervals(text, counted, factor, expected):
    assert str(reading(text, counted, factor)) == expected


def test_approx_tolerance_is_one_constant():
    interval = reading("约100个")
    assert (interval.low, interval.high) == (100 * (1 - APPROX_TOLERANCE), 100 * (1 + APPROX_TOLERANCE))


values = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**6), places=2).map(
    lambda d: d.normalize())


@given(values, st.booleans())
def test_an_exact_fact_contains_its_value(value, counted):
    interval = reading(f"{format_decimal(value)}个", counted=counted and value == value.to_integral_value())
    assert interval.contains(value)


@given(values, st.sampled_from(["", "近", "超", "约"]), st.sampled_from(["", "余"]))
def test_two_identical_statements_always_agree(value, prefix, inner):
    if prefix and inner:
        inner = ""
    text = f"{prefix}{format_decimal(value)}{inner}个"
    assert reading(text).overlaps(reading(text))


intervals = st.builds(
    lambda a, b, lo, hi: Interval(min(a, b), max(a, b), lo, hi and max(a, b) != INF),
    values, values, st.booleans(), st.booleans())


@given(intervals, intervals, st.decimals(min_value=0, max_value=1, places=3))
def test_widening_never_turns_an_agreement_into_a_conflict(a, b, share):
    if a.overlaps(b):
        assert a.widened(share).overlaps(b) and a.overlaps(b.widened(share))


@given(intervals, intervals)
def test_overlap_is_symmetric_and_means_a_shared_value(a, b):
    assert a.overlaps(b) == b.overlaps(a)
    if a.empty or b.empty:
        assert not a.overlaps(b)
        return
    shared = [x for x in (a.low, a.high, b.low, b.high, (max(a.low, b.low) + min(a.high, b.high)) / 2)
              if x.is_finite() and a.contains(x) and b.contains(x)]
    assert bool(shared) == a.overlaps(b)


@pytest.mark.parametrize(("text", "low", "high", "low_open", "high_open"), [
    ("最长3年", "0", "3", False, False), ("最多10个", "0", "10", False, False),
    ("至多两年", "0", "2", False, False), ("最高50万元", "0", "50", False, False),
    ("至少5家", "5", "Infinity", False, True), ("最少3次", "3", "Infinity", False, True),
])
def test_at_most_and_at_least_include_the_printed_figure(text, low, high, low_open, high_open):
    """最长3年 allows 3 years itself (unlike 不到3年), 至少5家 allows 5 (unlike 超过5家)."""
    found = interval_of(parse_figure(text), counted=True)
    assert (found.low, found.high) == (Decimal(low), Decimal(high))
    assert (found.low_open, found.high_open) == (low_open, high_open)


@given(st.decimals(min_value=-500, max_value=500, places=2),
       st.decimals(min_value=0, max_value=500, places=2), st.booleans(), st.booleans())
def test_a_share_is_cut_to_zero_to_a_hundred_and_never_grows(low, width, low_open, high_open):
    original = Interval(low, low + width, low_open, high_open)
    cut = within_share(original)
    if cut is None:
        assert original.low >= 100 or original.high < 0
        return
    assert Decimal(0) <= cut.low <= cut.high <= Decimal(100)
    assert original.low <= cut.low and cut.high <= original.high
