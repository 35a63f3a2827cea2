"""Dimensions: declared by each corpus in ``units.csv``, and the algebra relations are checked with.

A corpus declares its dimensions by using them: every slug in the ``dimension`` column of
``units.csv`` is a dimension (``money``, ``count``, ``usd``, ``wind_force``), and a metric must
name one of them. A few names carry a fixed meaning wherever a corpus uses them:

* ``count`` and ``rank`` are counted (:data:`validation.intervals.COUNTED`): their values are
  whole, so an exact integer is exact (361家 is 361) and a figure just below a count excludes it
  (近5家, 不到5家: at most 4). Every other dimension is continuous.
* ``percent``, ``share`` and ``ratio`` are pure numbers on a scale of their own
  (:data:`SCALED`): per hundred (a growth rate, a change), per hundred of a whole (a share,
  which lies in [0, 100] %: :data:`validation.intervals.SHARE`) and as a multiple. Each is
  comparable with a pure number (``F1076 / F1011 * 100 == F1013``), never with another directly.
* ``count`` may hold several base units (:data:`SEVERAL_BASE_UNITS`): counted nouns (家, 人, 个)
  differ legitimately. Any other dimension has exactly one base unit, so that a currency is a
  dimension of its own unless ``units.csv`` gives its rate to the base unit.

In a relation each fact has its metric's dimension, and the algebra is a frozen mapping of
dimension to exponent: products and quotients add and subtract exponents (money / money is a
pure number, money / count is money per count); sums, differences and comparisons need the same
dimension on both sides, or raise :class:`DimensionError`. A number written in a relation is a
pure number that, added to or compared with a quantity, is read in that quantity's base unit
(``F3033 == F3034 + F3035 + 1``, ``F0024 > 0``), so a number alone never mismatches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeGuard

from validation.schemas.base import SLUG_PATTERN

#: Pure numbers with a scale of their own: comparable with a pure number, not with each other.
SCALED: dict[str, str] = {"percent": "per hundred", "share": "per hundred of a whole",
                          "ratio": "as a multiple"}
#: Dimensions whose units may convert to different base units (counted nouns: 家, 人, 个).
SEVERAL_BASE_UNITS = frozenset({"count"})

_SLUG = re.compile(SLUG_PATTERN)


def is_dimension_name(text: object) -> TypeGuard[str]:
    """Whether ``text`` can name a dimension (a lower-case slug)."""
    return isinstance(text, str) and _SLUG.fullmatch(text) is not None


def declared_dimensions(cells: Iterable[object]) -> frozenset[str]:
    """The dimensions declared by the cells of ``units.csv``'s ``dimension`` column."""
    return frozenset(c for c in cells if is_dimension_name(c))


@dataclass(frozen=True)
class Dimension:
    """What a quantity measures: base dimensions with their (non-zero) exponents, sorted by name.

    ``scale`` marks a fact of a scaled pure number (percent, ratio); ``number`` a number
    written in the relation, which fits any dimension it is added to or compared with.
    """

    exponents: tuple[tuple[str, int], ...] = ()
    scale: str | None = None
    number: bool = False

    @staticmethod
    def of(name: str) -> Dimension:
        """The dimension of a fact whose metric has dimension ``name``."""
        return Dimension(scale=name) if name in SCALED else Dimension(((name, 1),))

    @property
    def pure(self) -> bool:
        return not self.exponents

    def __mul__(self, other: Dimension) -> Dimension:
        return _product(self, other, 1)

    def __truediv__(self, other: Dimension) -> Dimension:
        return _product(self, other, -1)

    def compatible(self, other: Dimension) -> bool:
        """Whether the two may be added, subtracted or compared."""
        if self.number or other.number:
            return True
        if self.exponents != other.exponents:
            return False
        return self.scale is None or other.scale is None or self.scale == other.scale

    def plus(self, other: Dimension, operation: str = "+") -> Dimension:
        """The dimension of a sum or difference; :class:`DimensionError` if they differ."""
        if not self.compatible(other):
            raise DimensionError(operation, self, other)
        if self.number:
            return other
        if other.number:
            return self
        return Dimension(self.exponents, self.scale or other.scale)

    def __str__(self) -> str:
        if self.number:
            return "a number"
        if self.scale:
            return self.scale
        if self.pure:
            return "a pure number"
        above = "*".join(_power(n, e) for n, e in self.exponents if e > 0) or "1"
        below = [_power(n, -e) for n, e in self.exponents if e < 0]
        if not below:
            return above
        return f"{above}/{below[0]}" if len(below) == 1 else f"{above}/({'*'.join(below)})"


#: A number written in a relation.
NUMBER = Dimension(number=True)
#: A pure number derived from quantities (money / money).
PURE = Dimension()


def _product(a: Dimension, b: Dimension, sign: int) -> Dimension:
    """Exponents add (``sign`` 1) or subtract (-1); a derived quantity keeps no scale, since
    multiplying changes it (52% / 100 is the multiple 0.52)."""
    if a.number and b.number:
        return NUMBER
    powers = dict(a.exponents)
    for name, exponent in b.exponents:
        powers[name] = powers.get(name, 0) + sign * exponent
    return Dimension(tuple(sorted((n, e) for n, e in powers.items() if e)))


def _power(name: str, exponent: int) -> str:
    return name if exponent == 1 else f"{name}^{exponent}"


_VERBS = {"+": "adds", "-": "subtracts", "==": "equates", "~=": "equates"}


class DimensionError(ValueError):
    """Quantities of different dimensions added, subtracted or compared: ``operation`` (``+``,
    ``-`` or a comparator) between ``left`` and ``right``, written ``left_text`` and
    ``right_text`` where known."""

    def __init__(self, operation: str, left: Dimension, right: Dimension, left_text: str = "",
                 right_text: str = "") -> None:
        self.operation, self.left, self.right = operation, left, right
        self.left_text, self.right_text = left_text, right_text
        verb = _VERBS.get(operation, "compares")
        super().__init__(f"{verb} {left} and {right}")

    @property
    def scales_differ(self) -> bool:
        """Both sides are scaled pure numbers, on different scales (percent against ratio)."""
        return (self.left.scale is not None and self.right.scale is not None
                and self.left.scale != self.right.scale)
