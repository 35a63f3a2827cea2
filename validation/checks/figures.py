"""Figures: parsing a fact's printed ``text`` gives exactly its value, unit and bound."""

from __future__ import annotations

import re
from decimal import Decimal

from validation.corpus import Corpus
from validation.findings import Finding
from validation.numbers import FigureError, format_decimal, parse_figure
from validation.schemas.base import DECIMAL_PATTERN

_DECIMAL = re.compile(DECIMAL_PATTERN)


def run(corpus: Corpus) -> list[Finding]:
    if not corpus.has_columns("facts", "fact_id", "text", "value", "unit", "bound"):
        return []
    facts = corpus.tables["facts"]
    findings = []
    for index, row in facts.rows():
        text = row["text"]
        if not text:
            continue
        key, location = facts.row_key(index), facts.location(index)
        try:
            figure = parse_figure(text)
        except FigureError as exc:
            findings.append(Finding(
                "figure-unparseable", f"cannot read the figure: {exc}", table="facts", row=key,
                column="text", found=text, location=location,
                hint="'text' holds just the figure as printed, e.g. 6000余家, 近5成, 突破27亿元"))
            continue
        reading = f"{text!r} reads as {format_decimal(figure.value)} {figure.unit} ({figure.bound})"
        value = row["value"]
        if value and _DECIMAL.match(value) and Decimal(value) != figure.value:
            findings.append(_mismatch(key, location, "value", format_decimal(figure.value), value,
                                      reading))
        if row["unit"] and row["unit"] != figure.unit:
            findings.append(_mismatch(key, location, "unit", figure.unit, row["unit"], reading))
        if row["bound"] and row["bound"] != figure.bound:
            findings.append(_mismatch(key, location, "bound", figure.bound, row["bound"], reading))
    return findings


def _mismatch(key: str, location: str, column: str, expected: str, found: str,
              reading: str) -> Finding:
    return Finding(
        "figure-mismatch", f"{reading}, but the row's {column} is {found!r}", table="facts",
        row=key, column=column, expected=expected, found=found, location=location,
        hint=f"set {column} to what the printed figure says, or correct 'text'")
