"""The dimension algebra relations are checked with: exponents, scaled pure numbers, numbers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from validation.dimensions import (
    NUMBER,
    PURE,
    SCALED,
    Dimension,
    DimensionError,
    declared_dimensions,
    is_dimension_name,
)
from validation.expressions import parse_relation

NAMES = ["money", "count", "area", "duration", "usd", "wind_force"]


def product(powers):
    result = PURE
    for name, exponent in powers:
        for _ in range(abs(exponent)):
            result = result * Dimension.of(name) if exponent > 0 else result / Dimension.of(name)
    return result


base = st.sampled_from([*NAMES, *SCALED]).map(Dimension.of)
# a product of base dimensions with exponents between -3 and 3, or a pure or written number
derived = st.lists(st.tuples(st.sampled_from(NAMES), st.integers(-3, 3)), max_size=4).map(product)
dimensions = st.one_of(base, derived, st.just(PURE), st.just(NUMBER))


@given(dimensions, dimensions)
def test_multiplying_then_dividing_by_the_same_dimension_gives_back_the_exponents(a, b):
    back = a * b / b
    assert back.exponents == a.exponents and back.compatible(a)
    if not a.number and a.scale is None:
        assert back == a


@given(dimensions, dimensions, dimensions)
def test_products_commute_and_associate(a, b, c):
    assert (a * b).exponents == (b * a).exponents
    assert ((a * b) * c).exponents == (a * (b * c)).exponents
    assert (a / b).exponents == (a * (PURE / b)).exponents


@given(dimensions)
def test_a_dimension_divided_by_itself_is_a_pure_number(a):
    assert (a / a).pure and (a / a).compatible(PURE)


@given(dimensions)
def test_a_sum_of_like_dimensions_keeps_the_dimension(a):
    assert a.plus(a) == a
    assert a.plus(a, "-") == a


@given(dimensions, dimensions)
def test_a_sum_of_unlike_dimensions_raises(a, b):
    if a.number or b.number or a.exponents == b.exponents:
        return
    with pytest.raises(DimensionError) as raised:
        a.plus(b)
    assert (raised.value.left, raised.value.right) == (a, b)
    assert not a.compatible(b) and not b.compatible(a)


@given(dimensions, dimensions)
def test_compatibility_is_symmetric_and_a_number_fits_anything(a, b):
    assert a.compatible(b) == b.compatible(a)
    assert NUMBER.compatible(a) and NUMBER.plus(a) == a == a.plus(NUMBER)


def test_percent_and_ratio_are_pure_numbers_on_different_scales():
    percent, ratio = Dimension.of("percent"), Dimension.of("ratio")
    assert percent.pure and ratio.pure
    assert percent.compatible(PURE) and ratio.compatible(PURE)
    assert percent.compatible(NUMBER) and ratio.compatible(NUMBER)
    assert not percent.compatible(ratio)
    with pytest.raises(DimensionError) as raised:
        percent.plus(ratio)
    assert raised.value.scales_differ
    assert percent.plus(PURE) == percent  # a share plus a derived share is still a share
    # multiplying changes the scale: 52% / 100 is the multiple 0.52
    assert (percent / Dimension.of("count") * Dimension.of("count")).scale is None


def test_money_over_money_is_pure_and_money_over_count_is_money_per_count():
    money, count = Dimension.of("money"), Dimension.of("count")
    assert money / money == PURE
    assert str(money / count) == "money/count"
    assert str(money * money) == "money^2"
    assert str(PURE / (count * Dimension.of("area"))) == "1/(area*count)"
    assert str(PURE) == "a pure number" and str(NUMBER) == "a number"
    assert str(Dimension.of("percent")) == "percent"


def test_numbers_written_in_a_relation_are_pure_numbers_that_never_mismatch():
    money = Dimension.of("money")
    assert NUMBER * NUMBER == NUMBER and NUMBER * money == money
    assert (NUMBER * Dimension.of("percent")).scale is None


# --- the algebra applied to relations ----------------------------------------------------

def dims(**names):
    return {fact: Dimension.of(name) for fact, name in names.items()}


@pytest.mark.parametrize(("text", "names"), [
    # the embedded corpus's share (R0014) and growth multiple (R0013)
    ("F1076 / F1011 * 100 == F1013", {"F1076": "money", "F1011": "money", "F1013": "percent"}),
    ("F4006 / F4005 == F4007", {"F4006": "money", "F4005": "money", "F4007": "ratio"}),
    ("F1077 ~= 1.2 * F1076", {"F1077": "money", "F1076": "money"}),
    ("F0001 / 100 == F0002", {"F0001": "percent", "F0002": "ratio"}),
    ("F0001 * F0002 / 100 <= F0003", {"F0001": "percent", "F0002": "money", "F0003": "money"}),
    ("F3033 == F3034 + F3035 + 1", {"F3033": "count", "F3034": "count", "F3035": "count"}),
    ("F0001 / F0002 >= F0003 / F0004", {"F0001": "money", "F0002": "count", "F0003": "money",
                                        "F0004": "count"}),
    ("F0001 > 0", {"F0001": "usd"}),
])
def test_relations_of_one_dimension_pass(text, names):
    parse_relation(text).dimensions(dims(**names))


@pytest.mark.parametrize(("text", "names", "operation", "sides"), [
    ("F0005 + F0002 > 0", {"F0005": "percent", "F0002": "distance"}, "+", ("percent", "distance")),
    ("F0001 >= F0002", {"F0001": "usd", "F0002": "money"}, ">=", ("usd", "money")),
    ("F1013 == F4007", {"F1013": "percent", "F4007": "ratio"}, "==", ("percent", "ratio")),
    ("F0001 / F0002 == F0003", {"F0001": "money", "F0002": "money", "F0003": "count"}, "==",
     ("a pure number", "count")),
    ("F0001 / F0002 - F0003 < 1", {"F0001": "money", "F0002": "count", "F0003": "money"}, "-",
     ("money/count", "money")),
])
def test_relations_mixing_dimensions_raise_naming_the_operation_and_both_sides(text, names,
                                                                               operation, sides):
    with pytest.raises(DimensionError) as raised:
        parse_relation(text).dimensions(dims(**names))
    error = raised.value
    assert (error.operation, str(error.left), str(error.right)) == (operation, *sides)


def test_declared_dimensions_are_the_slugs_of_the_units_dimension_column():
    assert declared_dimensions(["money", "usd", None, "Money", "wind force", "money"]) == {
        "money", "usd"}
    assert is_dimension_name("wind_force") and not is_dimension_name("1x")
