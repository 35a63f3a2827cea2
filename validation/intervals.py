"""What a printed figure allows: every fact read as an interval of its base unit.

A printed figure is rarely a point. ``52.5%`` means something that rounds to 52.5; ``6000余家``
something between 6000 and 7000; ``近5成`` just under half. Each fact becomes an
:class:`Interval` from its value, bound and printed precision, in the base unit of its unit
(``units.csv``), so that figures printed in 万元 and 亿元 compare. The rules:

========================  ===========================================  =========================
bound (qualifier)         interval                                     example
========================  ===========================================  =========================
exact                     half a unit of the last printed digit        52.5% -> [52.45, 52.55)
                          either side; whole counts of things exact    361家 -> [361, 361]
lower (余, 多, 几)         above, by less than one unit of the last     6000余家 -> (6000, 7000)
                          significant digit                            1.8万余 -> (18000, 19000)
lower (超, 突破, 以上, 逾)  above, with no upper limit                   突破27亿元 -> (2.7e9, inf)
upper (近, 接近)           just below, by at most one unit of the last  近50家 -> [40, 50)
                          significant digit                            近5成 -> [40%, 50%)
upper (不到, 以内, 不足)   below, down to zero                          不到4个月 -> [0, 4)
upper (最长, 最多, 至多)   at most: the figure itself or below           最长3年 -> [0, 3]
lower (至少, 最少)         at least: the figure itself or above          至少5家 -> [5, inf)
approx (约, 左右)          within ``APPROX_TOLERANCE`` of the value     约4000 -> [3600, 4400]
range (七八, 4—6)           both ends                                  七八家 -> [7, 8]
                                                                       4—6级 -> [4, 6]
========================  ===========================================  =========================

All constants live here: ``APPROX_TOLERANCE`` for 约 / 左右 and ``RELATION_TOLERANCE`` for the
``~=`` of declared relations.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from validation.numbers import Figure

#: 约 / 左右: the true figure is within this share of the printed one, either side.
APPROX_TOLERANCE = Decimal("0.1")
#: ``a ~= b`` in relations.csv holds when a lies within this share of b.
RELATION_TOLERANCE = Decimal("0.05")
#: The dimension of a share of a whole, and the values a share can take, in its base unit %.
SHARE = "share"
SHARE_RANGE = (Decimal(0), Decimal(100))
#: 最长3年, 至少5家: the printed figure is itself allowed, and the limit is on one side only.
AT_MOST = frozenset({"最长", "最多", "最高", "至多"})
AT_LEAST = frozenset({"至少", "最少"})
#: Qualifiers that bound a figure on one side only, with no limit on the other.
OPEN_ENDED = frozenset({"超过", "超出", "突破", "高于", "多于", "超", "逾", "上", "以上", "有余"})
#: Qualifiers that put the figure below the printed one, down to zero.
BELOW = frozenset({"不到", "不足", "低于", "少于", "以内", "以下", "之内", "内"})
#: Dimensions whose values are whole counts of things (or places in a ranking), by name: an
#: exact integer is exact (361家 is [361, 361]) and a figure just below a count excludes it
#: (近5家 is [4, 5), 不到5家 is [0, 5): at most 4). Every other dimension, including those a
#: corpus declares in units.csv (validation.dimensions), is continuous.
COUNTED = frozenset({"count", "rank"})

INF = Decimal("Infinity")


# Not frozen, to be created five times faster (millions are); never changed once made.
@dataclass(slots=True, unsafe_hash=True)
class Interval:
    """The values a figure allows: from ``low`` to ``high``, each end open or closed."""

    low: Decimal
    high: Decimal
    low_open: bool = False
    high_open: bool = False

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"empty interval [{self.low}, {self.high}]")

    def contains(self, value: Decimal) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return above and below

    @property
    def empty(self) -> bool:
        return self.low == self.high and (self.low_open or self.high_open)

    def overlaps(self, other: Interval) -> bool:
        """True when some value lies in both."""
        if self.empty or other.empty:
            return False
        if self.high < other.low or other.high < self.low:
            return False
        if self.high == other.low:
            return not (self.high_open or other.low_open)
        if other.high == self.low:
            return not (other.high_open or self.low_open)
        return True

    def scaled(self, factor: Decimal) -> Interval:
        """The interval in another unit, ``factor`` base units per unit (factor > 0)."""
        return Interval(self.low * factor, self.high * factor, self.low_open, self.high_open)

    def widened(self, share: Decimal) -> Interval:
        """Grown by ``share`` of its magnitude on each side (closed)."""
        return Interval(_widen(self.low, -share), _widen(self.high, share))

    def __str__(self) -> str:
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        return f"{left}{_show(self.low)}, {_show(self.high)}{right}"


def _widen(x: Decimal, share: Decimal) -> Decimal:
    return x if x.is_infinite() else x + abs(x) * share


def _show(x: Decimal) -> str:
    if x.is_infinite():
        return "inf" if x > 0 else "-inf"
    text = format(x.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def last_digit_unit(value: Decimal) -> Decimal:
    """One unit of the last printed digit: 52.5 -> 0.1; 667 -> 1; 96.92 -> 0.01."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(min(exponent, 0))


def significant_digit_unit(value: Decimal) -> Decimal:
    """One unit of the last significant digit: 6000 -> 1000; 20 -> 10; 1.8 -> 0.1; 50 -> 10."""
    if value == 0:
        return Decimal(1)
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(exponent)


def interval_of(figure: Figure, *, counted: bool = False) -> Interval:
    """The interval a printed figure allows, in its own unit. ``counted`` marks whole counts
    of things (an exact integer is then exact)."""
    value, qualifiers = figure.value, set(figure.qualifiers)
    if figure.bound == "range":
        return Interval(value, max(value, figure.high if figure.high is not None else value))
    if figure.bound == "exact":
        if counted and value == value.to_integral_value():
            return Interval(value, value)
        half = last_digit_unit(value) / 2
        return Interval(value - half, value + half, high_open=True)
    if figure.bound == "approx":
        return Interval(value, value).widened(APPROX_TOLERANCE)
    if figure.bound == "lower":
        if qualifiers & AT_LEAST:
            return Interval(value, INF, high_open=True)
        if qualifiers & OPEN_ENDED:
            return Interval(value, INF, low_open=True, high_open=True)
        return Interval(value, value + significant_digit_unit(value), low_open=True, high_open=True)
    # upper
    if qualifiers & AT_MOST:
        return Interval(min(Decimal(0), value), value)
    if qualifiers & BELOW:
        return Interval(min(Decimal(0), value), value, high_open=True)
    return Interval(value - significant_digit_unit(value), value, high_open=True)


# --- arithmetic, for declared relations: closed hulls, so a relation holds when some values
# --- inside its operands' intervals satisfy it.

def add(a: Interval, b: Interval) -> Interval:
    return Interval(a.low + b.low, a.high + b.high)


def sub(a: Interval, b: Interval) -> Interval:
    return Interval(a.low - b.high, a.high - b.low)


def mul(a: Interval, b: Interval) -> Interval:
    products = [_mul(x, y) for x in (a.low, a.high) for y in (b.low, b.high)]
    return Interval(min(products), max(products))


def div(a: Interval, b: Interval) -> Interval:
    if b.low <= 0 <= b.high:
        raise ZeroDivisionError(f"division by an interval that holds zero: {b}")
    return mul(a, Interval(1 / b.high, 1 / b.low))


def _mul(x: Decimal, y: Decimal) -> Decimal:
    if (x.is_infinite() and y == 0) or (y.is_infinite() and x == 0):
        return Decimal(0)
    return x * y


def point(value: Decimal) -> Interval:
    return Interval(value, value)


def within_share(interval: Interval) -> Interval | None:
    """A share's interval cut to [0, 100] % (超65% is (65, 100], not (65, inf)); ``None`` when
    nothing of it lies there (超196%)."""
    low, high = SHARE_RANGE
    if interval.low > high or (interval.low == high and interval.low_open) or interval.high < low:
        return None
    return Interval(max(interval.low, low), min(interval.high, high),
                    interval.low_open and interval.low >= low, interval.high_open and interval.high <= high)
