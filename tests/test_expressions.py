"""The relation language: parsed without eval, evaluated soundly on intervals."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from validation.expressions import ExpressionError, parse_relation
from validation.intervals import Interval


def iv(low, high):
    return Interval(Decimal(low), Decimal(high))


@pytest.mark.parametrize(("text", "values", "holds"), [
    ("F0001 == F0002 + F0003", {"F0001": iv(41, 41), "F0002": iv(26, 26), "F0003": iv(15, 15)}, True),
    ("F0001 == F0002 + F0003", {"F0001": iv(42, 42), "F0002": iv(26, 26), "F0003": iv(15, 15)}, False),
    # a lower bound (超) on the left: some value above 60 is at least 65
    ("F0001 >= F0002", {"F0001": Interval(Decimal(60), Decimal("Infinity"), True, True),
                        "F0002": iv(65, 65)}, True),
    # an upper bound (近50 = [40, 50)) cannot reach 55
    ("F0001 >= F0002", {"F0001": Interval(Decimal(40), Decimal(50), False, True),
                        "F0002": iv(55, 55)}, False),
    # an approximate operand (约 ±10%) satisfies an equality its printed value misses
    ("F0001 == 2 * F0002", {"F0001": iv(180, 220), "F0002": iv(95, 95)}, True),
    ("F0001 / F0002 ~= 0.525", {"F0001": iv(350, 350), "F0002": iv(667, 667)}, True),
    ("F0001 / F0002 ~= 0.6", {"F0001": iv(350, 350), "F0002": iv(667, 667)}, False),
    ("F0001 <= F0002 - 10", {"F0001": iv(5, 5), "F0002": iv(20, 20)}, True),
    ("F0001 < F0002", {"F0001": iv(5, 5), "F0002": iv(5, 5)}, False),
    ("F0001 > -F0002", {"F0001": iv(0, 0), "F0002": iv(1, 1)}, True),
    ("(F0001 + F0002) * 2 == 10", {"F0001": iv(2, 2), "F0002": iv(3, 3)}, True),
])
def test_relations_hold_when_some_values_inside_the_intervals_satisfy_them(text, values, holds):
    assert parse_relation(text).holds(values)[0] is holds


def test_multiplication_binds_tighter_than_addition():
    relation = parse_relation("F0001 == 1 + 2 * F0002")
    assert str(relation.left) == "F0001" and str(relation.right) == "(1 + (2 * F0002))"
    assert relation.facts() == ["F0001", "F0002"]


@pytest.mark.parametrize(("text", "reason"), [
    ("F0001 +", "found 'the end'"),
    ("F0001 F0002", "expected one of"),
    ("F0001 = F0002", "cannot read"),
    ("__import__('os').system('true') == 1", "cannot read"),
    ("F0001 == (F0002", "missing"),
    ("F0001 == F0002 == F0003", "unexpected"),
    ("F01 == 1", "cannot read"),
])
def test_anything_outside_the_language_is_rejected_with_where(text, reason):
    with pytest.raises(ExpressionError, match=reason):
        parse_relation(text)


ops = st.sampled_from(["+", "-", "*"])
bounds = st.tuples(st.integers(-50, 50), st.integers(0, 20)).map(
    lambda t: (Decimal(t[0]), Decimal(t[0] + t[1])))


@given(st.lists(bounds, min_size=2, max_size=4), st.lists(ops, min_size=3, max_size=3), st.data())
def test_interval_arithmetic_contains_every_point_result(operands, operators, data):
    names = [f"F{i:04d}" for i in range(len(operands))]
    text = names[0] + "".join(f" {op} {name}" for op, name in zip(operators, names[1:], strict=False))
    relation = parse_relation(f"{text} == 0")
    intervals = {n: Interval(lo, hi) for n, (lo, hi) in zip(names, operands, strict=True)}
    points = {n: data.draw(st.decimals(min_value=lo, max_value=hi, places=1)) for n, (lo, hi) in
              zip(names, operands, strict=True)}
    result = relation.left.evaluate(intervals)
    exact = relation.left.evaluate({n: Interval(p, p) for n, p in points.items()})
    assert result.contains(exact.low)
