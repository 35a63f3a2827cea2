"""The small language of ``relations.csv``: arithmetic over fact ids, evaluated on intervals.

    relation   := expression comparator expression
    comparator := "==" | "<=" | ">=" | "<" | ">" | "~="
    expression := term (("+" | "-") term)*
    term       := factor (("*" | "/") factor)*
    factor     := "-"* (FACT_ID | NUMBER | "(" expression ")")

``F0410 == F0411 + F0412``, ``F0301 <= F0300``, ``F0120 / F0121 * 100 ~= F0122``,
``F0520 >= 1.9 * F0519``. Fact ids stand for the interval each fact allows, in its base unit
(:mod:`validation.intervals`); numbers are exact. Before it is evaluated, a relation's
dimensions are checked (:meth:`Relation.dimensions`, :mod:`validation.dimensions`): only
quantities of one dimension are added, subtracted or compared. A relation holds when some
values inside the intervals satisfy it: ``==`` when both sides overlap, ``<=`` when the left
can be at most the right, ``~=`` when the left overlaps the right widened by
``RELATION_TOLERANCE``. The parser is a hand-written recursive descent over a tokenizer:
nothing is ever passed to ``eval``.

A relation is small, and a hostile one is refused rather than run: at most ``MAX_OPERANDS``
fact ids and numbers, ``MAX_DIGITS`` digits in a number, ``MAX_DEPTH`` nested parentheses and
unary minuses, ``MAX_LENGTH`` characters; every operand and intermediate result stays below
10^``MAX_EXPONENT`` in magnitude. Beyond any of them :class:`ExpressionError` says which limit
and how far the relation went; the parser and the evaluator never recurse deeper than the
limits allow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext

from validation.dimensions import NUMBER, Dimension, DimensionError
from validation.intervals import RELATION_TOLERANCE, Interval, add, div, mul, point, sub

COMPARATORS = ("==", "<=", ">=", "~=", "<", ">")
#: A fact id as a relation cites it.
FACT_ID = re.compile(r"F\d{4,}")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TOKEN = re.compile(r"\s*(?:(?P<fact>" + FACT_ID.pattern + r")|(?P<number>" + _NUMBER.pattern + r")"
                    r"|(?P<op>==|<=|>=|~=|[-+*/()<>]))")

#: Most fact ids and numbers in one relation.
MAX_OPERANDS = 64
#: Most digits in one number: the precision of the arithmetic, so that every number is exact.
MAX_DIGITS = 28
#: Deepest nesting of parentheses and unary minuses (each encloses what follows it).
MAX_DEPTH = 32
#: Longest relation, in characters.
MAX_LENGTH = 1000
#: Every operand and intermediate result stays below 10^MAX_EXPONENT in magnitude.
MAX_EXPONENT = 30
MAX_MAGNITUDE = Decimal(10) ** MAX_EXPONENT

_ARITHMETIC = Context(prec=MAX_DIGITS, traps=[DivisionByZero, InvalidOperation, Overflow])


class ExpressionError(ValueError):
    """The relation is not written in the language or exceeds its limits; the message says where."""


@dataclass(frozen=True)
class Node:
    """A parsed expression: a fact id, a number, a negation or a binary operation."""

    kind: str  # "fact", "number", "neg", "+", "-", "*", "/"
    value: str = ""
    left: Node | None = None
    right: Node | None = None

    def facts(self) -> list[str]:
        if self.kind == "fact":
            return [self.value]
        found: list[str] = []
        for child in (self.left, self.right):
            if child is not None:
                found.extend(f for f in child.facts() if f not in found)
        return found

    def evaluate(self, values: Mapping[str, Interval]) -> Interval:
        """The hull of the values the expression takes over the facts' intervals."""
        with _guarded():
            return self._evaluate(values)

    def _evaluate(self, values: Mapping[str, Interval]) -> Interval:
        if self.kind == "fact":
            return _bounded(values[self.value], self)
        if self.kind == "number":
            return _bounded(point(Decimal(self.value)), self)
        assert self.left is not None
        left = self.left._evaluate(values)
        if self.kind == "neg":
            return Interval(-left.high, -left.low)
        assert self.right is not None
        return _bounded(_OPERATIONS[self.kind](left, self.right._evaluate(values)), self)

    def dimension(self, dimensions: Mapping[str, Dimension]) -> Dimension:
        """The expression's dimension, from each fact's; :class:`DimensionError` where it adds
        or subtracts quantities of different dimensions."""
        if self.kind == "fact":
            return dimensions[self.value]
        if self.kind == "number":
            return NUMBER
        assert self.left is not None
        left = self.left.dimension(dimensions)
        if self.kind == "neg":
            return left
        assert self.right is not None
        right = self.right.dimension(dimensions)
        if self.kind == "*":
            return left * right
        if self.kind == "/":
            return left / right
        if not left.compatible(right):
            raise DimensionError(self.kind, left, right, str(self.left), str(self.right))
        return left.plus(right)

    def __str__(self) -> str:
        if self.kind in ("fact", "number"):
            return self.value
        if self.kind == "neg":
            return f"-{self.left}"
        return f"({self.left} {self.kind} {self.right})"


_OPERATIONS: dict[str, Callable[[Interval, Interval], Interval]] = {"+": add, "-": sub, "*": mul, "/": div}


@dataclass(frozen=True)
class Relation:
    """``left comparator right``, as parsed from one cell of ``relations.csv``."""

    left: Node
    comparator: str
    right: Node

    def facts(self) -> list[str]:
        return list(dict.fromkeys(self.left.facts() + self.right.facts()))

    def dimensions(self, dimensions: Mapping[str, Dimension]) -> tuple[Dimension, Dimension]:
        """Both sides' dimensions, from each fact's (``dimensions``, by fact id); raises
        :class:`DimensionError` where the relation adds, subtracts or compares quantities of
        different dimensions, innermost first."""
        left, right = self.left.dimension(dimensions), self.right.dimension(dimensions)
        if not left.compatible(right):
            raise DimensionError(self.comparator, left, right, str(self.left), str(self.right))
        return left, right

    def holds(self, values: Mapping[str, Interval]) -> tuple[bool, Interval, Interval]:
        """Whether some values inside the intervals satisfy the relation, and both sides."""
        left, right = self.left.evaluate(values), self.right.evaluate(values)
        with _guarded():
            return compare(left, self.comparator, right), left, right


def compare(left: Interval, comparator: str, right: Interval) -> bool:
    """True when some value of ``left`` and some value of ``right`` satisfy the comparator."""
    if comparator == "==":
        return left.overlaps(right)
    if comparator == "~=":
        return left.overlaps(right.widened(RELATION_TOLERANCE))
    if comparator == "<=":
        return left.low <= right.high
    if comparator == ">=":
        return left.high >= right.low
    if comparator == "<":
        return left.low < right.high
    if comparator == ">":
        return left.high > right.low
    raise ExpressionError(f"unknown comparator {comparator!r}")


@contextmanager
def _guarded() -> Iterator[None]:
    """Decimal arithmetic that overflows or is undefined raises :class:`ExpressionError`."""
    try:
        with localcontext(_ARITHMETIC):
            yield
    except (Overflow, InvalidOperation) as exc:
        raise ExpressionError(f"the arithmetic overflows or is undefined ({type(exc).__name__}); "
                              f"values must stay below 10^{MAX_EXPONENT} in magnitude") from exc


def _bounded(interval: Interval, node: Node) -> Interval:
    for end in (interval.low, interval.high):
        if end.is_finite() and end.copy_abs() >= MAX_MAGNITUDE:
            raise ExpressionError(f"{_shown(str(node))} reaches {end.copy_abs():.2E} in magnitude; "
                                  f"the limit is below 10^{MAX_EXPONENT}")
    return interval


def _shown(text: str, width: int = 60) -> str:
    return repr(text if len(text) <= width else text[:width] + "…")


def parse_relation(text: str) -> Relation:
    """Parse ``text`` into a :class:`Relation`, or raise :class:`ExpressionError`."""
    tokens = _tokenize(text)
    _check_limits(tokens, text)
    parser = _Parser(tokens, text)
    left = parser.expression()
    comparator = parser.take()
    if comparator not in COMPARATORS:
        raise ExpressionError(f"expected one of {' '.join(COMPARATORS)} in {_shown(text)}, found "
                              f"{comparator or 'the end'!r}")
    right = parser.expression()
    if parser.peek():
        raise ExpressionError(f"unexpected {parser.peek()!r} after the relation in {_shown(text)}")
    return Relation(left, comparator, right)


def _tokenize(text: str) -> list[str]:
    tokens, pos = [], 0
    stripped = text.rstrip()
    while pos < len(stripped):
        m = _TOKEN.match(stripped, pos)
        if not m:
            raise ExpressionError(f"cannot read {stripped[pos:].strip()[:12]!r} at character "
                                  f"{pos + 1} of {_shown(text)}; use fact ids (F0123), numbers, "
                                  "+ - * / ( ) and one of == <= >= < > ~=")
        tokens.append(m.group(m.lastgroup or "op"))
        pos = m.end()
    return tokens


def _check_limits(tokens: list[str], text: str) -> None:
    """Refuse a relation beyond the limits before it is parsed."""
    operands = [t for t in tokens if _is_operand(t)]
    if len(operands) > MAX_OPERANDS:
        raise ExpressionError(f"the relation has {len(operands)} operands (fact ids and numbers); "
                              f"the limit is {MAX_OPERANDS}")
    for number in filter(_NUMBER.fullmatch, operands):
        digits = len(number) - number.count(".")
        if digits > MAX_DIGITS:
            raise ExpressionError(f"the number {_shown(number, 12)} has {digits} digits; the limit "
                                  f"is {MAX_DIGITS}")
    depth = _nesting(tokens)
    if depth > MAX_DEPTH:
        raise ExpressionError(f"nesting is {depth} deep; the limit is {MAX_DEPTH}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the relation is {len(text)} characters long; the limit is "
                              f"{MAX_LENGTH}")


def _is_operand(token: str) -> bool:
    return token[:1].isdigit() or token[:1] == "F"


def _nesting(tokens: list[str]) -> int:
    """How deep parentheses and unary minuses nest, as the parser would descend."""
    deepest, level, chain, prefix = 0, 0, 0, True
    outer: list[int] = []
    for token in tokens:
        if token == "-" and prefix:
            chain += 1
        elif token == "(":
            outer.append(level)
            level, chain = level + chain + 1, 0
        else:
            if token == ")" and outer:
                level = outer.pop()
            chain = 0
        deepest = max(deepest, level + chain)
        prefix = token != ")" and not _is_operand(token)
    return deepest


class _Parser:
    def __init__(self, tokens: list[str], text: str) -> None:
        self.tokens, self.pos, self.text, self.depth = tokens, 0, text, 0

    def peek(self) -> str:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ""

    def take(self) -> str:
        token = self.peek()
        self.pos += 1
        return token

    def nest(self, levels: int) -> None:
        self.depth += levels
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"nesting is {max(self.depth, _nesting(self.tokens))} deep; the "
                                  f"limit is {MAX_DEPTH}")

    def expression(self) -> Node:
        node = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            node = Node(op, left=node, right=self.term())
        return node

    def term(self) -> Node:
        node = self.factor()
        while self.peek() in ("*", "/"):
            op = self.take()
            node = Node(op, left=node, right=self.factor())
        return node

    def factor(self) -> Node:
        negations = 0
        while self.peek() == "-":
            self.take()
            negations += 1
        self.nest(negations)
        node = self.operand()
        self.depth -= negations
        for _ in range(negations):
            node = Node("neg", left=node)
        return node

    def operand(self) -> Node:
        token = self.take()
        if FACT_ID.fullmatch(token):
            return Node("fact", token)
        if _NUMBER.fullmatch(token):
            return Node("number", token)
        if token == "(":
            self.nest(1)
            node = self.expression()
            if self.take() != ")":
                raise ExpressionError(f"missing ')' in {_shown(self.text)}")
            self.depth -= 1
            return node
        raise ExpressionError(f"expected a fact id, a number or '(' in {_shown(self.text)}, found "
                              f"{token or 'the end'!r}")
