"""The small language of ``relations.csv``: arithmetic over fact ids, evaluated on intervals.

    relation   := expression comparator expression
    comparator := "==" | "<=" | ">=" | "<" | ">" | "~="
    expression := term (("+" | "-") term)*
    term       := factor (("*" | "/") factor)*
    factor     := FACT_ID | NUMBER | "(" expression ")" | "-" factor

``F0410 == F0411 + F0412``, ``F0301 <= F0300``, ``F0120 / F0121 * 100 ~= F0122``,
``F0520 >= 1.9 * F0519``. Fact ids stand for the interval each fact allows, in its base unit
(:mod:`validation.intervals`); numbers are exact. A relation holds when some values inside the
intervals satisfy it: ``==`` when both sides overlap, ``<=`` when the left can be at most the
right, ``~=`` when the left overlaps the right widened by ``RELATION_TOLERANCE``. The parser is
a hand-written recursive descent over a tokenizer: nothing is ever passed to ``eval``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from validation.intervals import RELATION_TOLERANCE, Interval, add, div, mul, point, sub

COMPARATORS = ("==", "<=", ">=", "~=", "<", ">")
#: A fact id as a relation cites it.
FACT_ID = re.compile(r"F\d{4,}")
_TOKEN = re.compile(r"\s*(?:(?P<fact>" + FACT_ID.pattern + r")|(?P<number>\d+(?:\.\d+)?)"
                    r"|(?P<op>==|<=|>=|~=|[-+*/()<>]))")


class ExpressionError(ValueError):
    """The relation is not written in the language; the message says where."""


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
        if self.kind == "fact":
            return values[self.value]
        if self.kind == "number":
            return point(Decimal(self.value))
        assert self.left is not None
        left = self.left.evaluate(values)
        if self.kind == "neg":
            return Interval(-left.high, -left.low)
        assert self.right is not None
        return _OPERATIONS[self.kind](left, self.right.evaluate(values))

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

    def holds(self, values: Mapping[str, Interval]) -> tuple[bool, Interval, Interval]:
        """Whether some values inside the intervals satisfy the relation, and both sides."""
        left, right = self.left.evaluate(values), self.right.evaluate(values)
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


def parse_relation(text: str) -> Relation:
    """Parse ``text`` into a :class:`Relation`, or raise :class:`ExpressionError`."""
    tokens = _tokenize(text)
    parser = _Parser(tokens, text)
    left = parser.expression()
    comparator = parser.take()
    if comparator not in COMPARATORS:
        raise ExpressionError(f"expected one of {' '.join(COMPARATORS)} in {text!r}, found "
                              f"{comparator or 'the end'!r}")
    right = parser.expression()
    if parser.peek():
        raise ExpressionError(f"unexpected {parser.peek()!r} after the relation in {text!r}")
    return Relation(left, comparator, right)


def _tokenize(text: str) -> list[str]:
    tokens, pos = [], 0
    stripped = text.rstrip()
    while pos < len(stripped):
        m = _TOKEN.match(stripped, pos)
        if not m:
            raise ExpressionError(f"cannot read {stripped[pos:].strip()[:12]!r} at character "
                                  f"{pos + 1} of {text!r}; use fact ids (F0123), numbers, + - * / "
                                  "( ) and one of == <= >= < > ~=")
        tokens.append(m.group(m.lastgroup or "op"))
        pos = m.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[str], text: str) -> None:
        self.tokens, self.pos, self.text = tokens, 0, text

    def peek(self) -> str:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ""

    def take(self) -> str:
        token = self.peek()
        self.pos += 1
        return token

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
        token = self.take()
        if re.fullmatch(r"F\d{4,}", token):
            return Node("fact", token)
        if re.fullmatch(r"\d+(?:\.\d+)?", token):
            return Node("number", token)
        if token == "-":
            return Node("neg", left=self.factor())
        if token == "(":
            node = self.expression()
            if self.take() != ")":
                raise ExpressionError(f"missing ')' in {self.text!r}")
            return node
        raise ExpressionError(f"expected a fact id, a number or '(' in {self.text!r}, found "
                              f"{token or 'the end'!r}")
