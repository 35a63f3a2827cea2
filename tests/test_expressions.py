"""The relation language: parsed without eval, evaluated soundly on intervals."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from validation.dimensions import Dimension, DimensionError
from validation.expressions import (
    COMPARATORS,
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_EXPONENT,
    MAX_LENGTH,
    MAX_OPERANDS,
    ExpressionError,
    parse_relation,
)
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


# --- limits: a hostile relation is refused with the limit it exceeds, never crashes -------

HOSTILE = {
    "330 nested parentheses": ("(" * 330 + "F0001" + ")" * 330 + " == 1",
                               f"nesting is 330 deep; the limit is {MAX_DEPTH}"),
    "a sum of 990 terms": (" + ".join(["F0001"] * 990) + " == 1",
                           f"has 991 operands .*; the limit is {MAX_OPERANDS}"),
    "5000 unary minuses": ("- " * 5000 + "F0001 == 1", f"nesting is 5000 deep; the limit is {MAX_DEPTH}"),
    "a number of 130000 digits": ("F0001 == 1" + "0" * 130_000,
                                  f"has 130001 digits; the limit is {MAX_DIGITS}"),
    "a long text": ("F0001" + " " * MAX_LENGTH + "== 1",
                    f"is {MAX_LENGTH + 9} characters long; the limit is {MAX_LENGTH}"),
}


@pytest.mark.parametrize(("text", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_relation_beyond_a_limit_is_refused_naming_the_limit_and_how_far_it_went(text, message):
    with pytest.raises(ExpressionError, match=message):
        parse_relation(text)


def test_nesting_counts_parentheses_and_unary_minuses_together():
    with pytest.raises(ExpressionError, match=f"nesting is 40 deep; the limit is {MAX_DEPTH}"):
        parse_relation("-(" * 20 + "F0001" + ")" * 20 + " == 1")


LARGEST = "9" * MAX_DIGITS
INSIDE = [
    "(" * MAX_DEPTH + "F0001" + ")" * MAX_DEPTH + " == 5",
    "-" * MAX_DEPTH + "F0001 == 5",
    "-(" * (MAX_DEPTH // 2) + "F0001" + ")" * (MAX_DEPTH // 2) + " == 5",
    " + ".join(["F0001"] * (MAX_OPERANDS - 1)) + " >= 1",
    f"F0001 / {LARGEST} * {LARGEST} ~= 5",
    f"F0001 <= 0.{'0' * (MAX_DIGITS - 2)}1 + {'9' * MAX_DIGITS}",
    f"F0001 * 1{'0' * (MAX_EXPONENT - 3)} < {'9' * MAX_DIGITS} * 100",
    "F0001 ==" + " " * (MAX_LENGTH - 9) + "5",
]


@pytest.mark.parametrize("text", INSIDE)
def test_a_relation_just_inside_the_limits_parses_and_evaluates(text):
    relation = parse_relation(text)
    assert relation.holds({"F0001": iv(5, 5)})[0] in (True, False)


def test_a_fact_beyond_the_magnitude_limit_is_refused():
    with pytest.raises(ExpressionError, match=f"'F0001' reaches 1.00E\\+130000 in magnitude; "
                                              f"the limit is below 10\\^{MAX_EXPONENT}"):
        parse_relation("F0001 == 1").holds({"F0001": iv("1E130000", "1E130000")})


def test_an_intermediate_result_beyond_the_magnitude_limit_is_refused():
    relation = parse_relation(f"F0001 * {LARGEST} * {LARGEST} == 1")
    with pytest.raises(ExpressionError, match=f"the limit is below 10\\^{MAX_EXPONENT}"):
        relation.holds({"F0001": iv(1, 1)})


def test_arithmetic_leaving_the_decimal_range_is_an_expression_error():
    relation = parse_relation("F0001 / F0002 == 1")
    with pytest.raises(ExpressionError, match="overflows or is undefined"):
        relation.holds({"F0001": iv(10, 10), "F0002": iv("1E-999999", "1E-999999")})


def test_infinite_bounds_that_cancel_are_an_expression_error():
    infinite = Interval(Decimal("Infinity"), Decimal("Infinity"))
    with pytest.raises(ExpressionError, match="overflows or is undefined"):
        parse_relation("F0001 - F0001 == 0").holds({"F0001": infinite})


FACTS = ["F0001", "F0002", "F0003"]
short_numbers = st.from_regex(r"[0-9]{1,20}(\.[0-9]{1,10})?", fullmatch=True)
long_numbers = st.integers(MAX_DIGITS - 3, 300).map(lambda n: "9" * n)
numbers = st.one_of(short_numbers, short_numbers, short_numbers, long_numbers)
tokens = st.one_of(st.sampled_from(FACTS), numbers, st.sampled_from(["+", "-", "*", "/", "(", ")"]),
                   st.sampled_from(COMPARATORS))
token_soup = st.tuples(st.lists(tokens, max_size=80), st.sampled_from(["", " "])).map(
    lambda t: t[1].join(t[0]))
expressions = st.recursive(
    st.one_of(st.sampled_from(FACTS), numbers),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(" ".join),
        inner.map(lambda e: f"({e})"), inner.map(lambda e: f"-{e}")),
    max_leaves=80)
relations = st.tuples(expressions, st.sampled_from(COMPARATORS), expressions).map(" ".join)


def parsed_or_refused(text):
    try:
        return parse_relation(text)
    except ExpressionError:
        return None


@given(st.one_of(st.text(), token_soup, relations))
def test_any_text_either_parses_or_is_refused_with_an_expression_error(text):
    parsed_or_refused(text)


ends = st.one_of(
    st.decimals(allow_nan=False),
    st.tuples(st.integers(-10**40, 10**40), st.integers(-999_999, 999_999)).map(
        lambda t: Decimal(f"{t[0]}E{t[1]}")))
intervals = st.tuples(ends, ends, st.booleans(), st.booleans()).map(
    lambda t: Interval(min(t[0], t[1]), max(t[0], t[1]), t[2], t[3]))


@given(relations, st.fixed_dictionaries({f: intervals for f in FACTS}))
def test_evaluating_any_relation_on_any_intervals_raises_only_expression_or_zero_division_errors(
        text, values):
    relation = parsed_or_refused(text)
    if relation is None:
        return
    try:
        holds, _, _ = relation.holds(values)
    except (ExpressionError, ZeroDivisionError):
        return
    assert holds in (True, False)


# --- dimensions: checked before evaluation, the innermost mismatch first --------------------

def test_a_dimension_mismatch_names_the_innermost_operation_and_its_operands():
    relation = parse_relation("(F0001 + F0002) * F0003 == F0004")
    dims = {"F0001": Dimension.of("money"), "F0002": Dimension.of("count"),
            "F0003": Dimension.of("count"), "F0004": Dimension.of("money")}
    with pytest.raises(DimensionError) as raised:
        relation.dimensions(dims)
    error = raised.value
    assert (error.operation, error.left_text, error.right_text) == ("+", "F0001", "F0002")
    assert str(error) == "adds money and count"


def test_a_comparison_of_different_dimensions_names_both_sides():
    relation = parse_relation("F0001 / F0002 * 100 <= F0003")
    dims = {"F0001": Dimension.of("money"), "F0002": Dimension.of("count"),
            "F0003": Dimension.of("percent")}
    with pytest.raises(DimensionError) as raised:
        relation.dimensions(dims)
    error = raised.value
    assert (error.operation, error.left_text, error.right_text) == (
        "<=", "((F0001 / F0002) * 100)", "F0003")
    assert str(error) == "compares money/count and percent"
    dims["F0002"] = Dimension.of("money")
    left, right = relation.dimensions(dims)
    assert left.pure and right.scale == "percent"
