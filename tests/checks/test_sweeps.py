"""Agreement and series in one pass: the sweeps find exactly the facts a comparison of every
pair would, each against an earlier witness that really disagrees."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from validation.checks.consistency import disagreements, falls
from validation.intervals import Interval
from validation.model.values import FactValue


@st.composite
def intervals(draw) -> Interval:
    low = draw(st.integers(0, 12))
    high = draw(st.integers(low, 14))
    return Interval(Decimal(low), Decimal(high), draw(st.booleans()), draw(st.booleans()))


def fact(i: int, interval: Interval) -> FactValue:
    return FactValue(f"F{i:04d}", interval, "个", Decimal(1), str(interval), {})


@st.composite
def partners(draw, n: int) -> dict[str, set[str]]:
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=4))
    found: dict[str, set[str]] = {}
    for a, b in pairs:
        if a != b:
            found.setdefault(f"F{a:04d}", set()).add(f"F{b:04d}")
            found.setdefault(f"F{b:04d}", set()).add(f"F{a:04d}")
    return found


@given(st.lists(intervals(), min_size=0, max_size=12).flatmap(
    lambda xs: st.tuples(st.just(xs), partners(max(len(xs), 1)))))
def test_agreement_reports_exactly_the_facts_that_disagree_with_an_earlier_one(case):
    members = [fact(i, x) for i, x in enumerate(case[0])]
    recorded = case[1]
    found = disagreements(members, recorded)
    position = {m.fact_id: i for i, m in enumerate(members)}
    expected = [m.fact_id for j, m in enumerate(members)
                if any(not members[i].interval.overlaps(m.interval) for i in range(j))]
    assert [later.fact_id for _, later in found] == expected
    for earlier, later in found:
        assert position[earlier.fact_id] < position[later.fact_id]
        assert not earlier.interval.overlaps(later.interval)
        disagreeing_partners = {p for p in recorded.get(later.fact_id, ())
                                if p in position and position[p] < position[later.fact_id]
                                and not members[position[p]].interval.overlaps(later.interval)}
        if disagreeing_partners:
            assert earlier.fact_id in disagreeing_partners


def test_a_fact_disagreeing_with_several_earlier_ones_is_reported_once():
    members = [fact(1, Interval(Decimal(1), Decimal(1))), fact(2, Interval(Decimal(2), Decimal(2))),
               fact(3, Interval(Decimal(9), Decimal(9)))]
    assert [(a.fact_id, b.fact_id) for a, b in disagreements(members, {})] == [
        ("F0001", "F0002"), ("F0001", "F0003")]


def test_a_recorded_partner_is_the_witness_when_it_disagrees():
    members = [fact(1, Interval(Decimal(1), Decimal(1))), fact(2, Interval(Decimal(2), Decimal(2))),
               fact(3, Interval(Decimal(9), Decimal(9)))]
    found = disagreements(members, {"F0003": {"F0002"}, "F0002": {"F0003"}})
    assert [(a.fact_id, b.fact_id) for a, b in found] == [("F0001", "F0002"), ("F0002", "F0003")]


DAY = date(2020, 1, 1)


@given(st.lists(st.tuples(st.integers(0, 5), intervals()), max_size=12).flatmap(
    lambda xs: st.tuples(st.just(xs), partners(max(len(xs), 1)))))
def test_series_reports_exactly_the_points_below_an_earlier_one(case):
    points = [((DAY + timedelta(days=o), DAY), fact(i, x)) for i, (o, x) in enumerate(case[0])]
    recorded = case[1]
    found = falls(points, recorded)
    expected = sorted(v.fact_id for at, v in points
                      if any(a < at and v.interval.high < w.interval.low for a, w in points))
    assert sorted(later.fact_id for _, later in found) == expected
    at = {v.fact_id: a for a, v in points}
    for earlier, later in found:
        assert at[earlier.fact_id] < at[later.fact_id]
        assert later.interval.high < earlier.interval.low


def test_series_takes_the_highest_earlier_point_as_witness():
    points = [((DAY, DAY), fact(1, Interval(Decimal(5), Decimal(5)))),
              ((DAY + timedelta(1), DAY), fact(2, Interval(Decimal(8), Decimal(8)))),
              ((DAY + timedelta(2), DAY), fact(3, Interval(Decimal(3), Decimal(3))))]
    assert [(a.fact_id, b.fact_id) for a, b in falls(points, {})] == [
        ("F0002", "F0003")]
    assert [(a.fact_id, b.fact_id) for a, b in falls(points, {"F0003": {"F0001"}})] == [
        ("F0001", "F0003")]


def test_points_of_the_same_order_are_not_compared():
    points = [((DAY, DAY), fact(1, Interval(Decimal(5), Decimal(5)))),
              ((DAY, DAY), fact(2, Interval(Decimal(3), Decimal(3))))]
    assert falls(points, {}) == []
