"""Figures: parsing a fact's printed ``text`` gives exactly its value, unit and bound.

The ``text`` must be the whole figure as printed. When the quote prints a larger figure around it,
a range whose low end alone was copied (``４`` of ``４—６级``) or a number without the unit printed
after it (``52.5`` of ``52.5%``), the row is reported once, on ``text``, naming the whole figure
and what the row should then say; its value, unit and bound are not compared with the fragment.
A number printed with no unit (``指数达到105``) says nothing about the unit, so the row's unit is
then not compared: it comes from the context (and ``unit`` is required by the schema).
"""

from __future__ import annotations

import re
from decimal import Decimal

from validation.corpus import Corpus
from validation.findings import Check, Finding
from validation.mentions import Mention, scan
from validation.normalize import NormalizedText, Span, index_text, normalize, occurrences
from validation.numbers import RANGE_DASHES, Figure, FigureError, format_decimal, parse_figure
from validation.schemas.base import DECIMAL_PATTERN

#: The checks this family reports.
CHECKS = (
    Check("figure-unparseable",
          "A fact's 'text' cannot be read as a figure.",
          hint="'text' holds just the figure as printed, e.g. 6000余家, 近5成, 突破27亿元"),
    Check("figure-mismatch",
          ("The figure as printed gives another value, unit or bound than the row, or 'text' holds "
           "only part of the printed figure (the low end of a range 4—6级, a number without its "
           "unit)."),
          hint=("make value, unit and bound say what the printed figure says, or widen 'text' to the"
                " whole figure")),
)

_DECIMAL = re.compile(DECIMAL_PATTERN)


def run(corpus: Corpus) -> list[Finding]:
    if not corpus.has_columns("facts", "fact_id", "text", "value", "unit", "bound"):
        return []
    facts = corpus.tables["facts"]
    quotes = corpus.has_columns("facts", "quote")
    findings = []
    for index, row in facts.rows():
        text = row["text"]
        if not text:
            continue
        figure = corpus.model.readings.get(text)
        if isinstance(figure, FigureError):
            exc = figure
            findings.append(Finding(
                "figure-unparseable", f"cannot read the figure: {exc}", table="facts",
                row=facts.row_key(index), column="text", found=text, location=facts.location(index),
                hint="'text' holds just the figure as printed, e.g. 6000余家, 近5成, 突破27亿元, "
                     "4—6级 (a range)"))
            continue
        assert figure is not None
        whole = _whole_figure(text, figure, row["quote"] or "") if quotes else None
        if whole is not None:
            findings.append(_partial(facts.row_key(index), facts.location(index), text, whole))
            continue
        value = row["value"]
        wrong = []  # (column, what the figure reads, what the row says)
        if value and _DECIMAL.match(value) and Decimal(value) != figure.value:
            wrong.append(("value", format_decimal(figure.value), value))
        if row["unit"] and figure.unit and row["unit"] != figure.unit:
            wrong.append(("unit", figure.unit, row["unit"]))
        if row["bound"] and row["bound"] != figure.bound:
            wrong.append(("bound", figure.bound, row["bound"]))
        if wrong:  # the row's key, location and reading are written out only for a finding
            key, location = facts.row_key(index), facts.location(index)
            reading = f"{text!r} reads as {_show(figure)}"
            findings.extend(_mismatch(key, location, column, expected, found, reading, figure)
                            for column, expected, found in wrong)
    return findings


def _show(figure: Figure) -> str:
    unit = f" {figure.unit}" if figure.unit else " (no unit printed)"
    if figure.high is not None:
        return f"{format_decimal(figure.value)} to {format_decimal(figure.high)}{unit} (range)"
    return f"{format_decimal(figure.value)}{unit} ({figure.bound})"


def _whole_figure(text: str, figure: Figure, quote: str) -> Mention | None:
    """The figure printed in ``quote`` of which ``text`` is only a part, wherever ``text`` is
    printed there: one that reaches past it with digits (``４`` of ``４—６级``), or one with a unit
    where ``text`` has none (``52.5`` of ``52.5%``). ``None`` when ``text`` is whole somewhere."""
    # First in the matching forms alone (the quote's own index is built only to scan it).
    target, printed = normalize(text), normalize(quote)
    starts = occurrences(printed, target) if target else []
    if not starts:
        return None  # figure-not-in-quote says so
    if figure.unit and any(not _touches(printed, start, start + len(target)) for start in starts):
        return None  # whole there: no numeral runs on past it, so no mention can cut it
    index = index_text(quote)
    return scanned_whole_figure(index, index.find_all(text), figure)


def scanned_whole_figure(index: NormalizedText, places: list[Span], figure: Figure) -> Mention | None:
    """:func:`_whole_figure` by scanning the quote's mentions at every place."""
    mentions = scan(index)
    bigger: list[Mention] = []
    for place in places:
        around = next((m for m in mentions if m.start < place.end and place.start < m.end),
                      None)
        if around is None or not _cuts(place, around, figure):
            return None
        bigger.append(around)
    return bigger[0]


#: Characters a mention's numeral (its core) may hold: digits and separators, Chinese
#: numerals and magnitudes, dashes of a range, the characters of dates and times (2024年3月,
#: 8时30分), and 第, 首, 翻, 番 of ranks and doublings. A figure with neither of them right before
#: or after it in the quote is printed whole there.
_CORE_CHARACTERS = frozenset("0123456789.,%〇零一二两三四五六七八九十百千万亿年月日时分秒第首翻番"
                             + "".join(RANGE_DASHES))


def _touches(text: str, first: int, last: int) -> bool:
    """Whether a character that a numeral may hold sits right before or after ``text[first:last]``."""
    return ((first > 0 and (text[first - 1] in _CORE_CHARACTERS or text[first - 1].isdigit()))
            or (last < len(text) and (text[last] in _CORE_CHARACTERS or text[last].isdigit())))


def _cuts(place: Span, mention: Mention, figure: Figure) -> bool:
    if not (place.start <= mention.core_start and mention.core_end <= place.end):
        return True  # part of the number is outside the text
    if figure.unit:
        return False
    try:
        return bool(parse_figure(mention.text).unit)
    except FigureError:
        return False


def _partial(key: str, location: str, text: str, whole: Mention) -> Finding:
    try:
        figure: Figure | None = parse_figure(whole.text)
    except FigureError:
        figure = None
    what = "range" if figure is not None and figure.bound == "range" else "figure"
    if figure is None:
        should = "the whole figure as printed, and value, unit and bound to what it says"
    elif figure.high is not None:
        should = (f"{whole.text!r} with value {format_decimal(figure.value)} (the low end), "
                  f"unit {figure.unit or '(as printed)'} and bound range")
    else:
        should = (f"{whole.text!r} with value {format_decimal(figure.value)}, unit {figure.unit} "
                  f"and bound {figure.bound}")
    return Finding(
        "figure-mismatch",
        f"{text!r} is only part of the printed {what} {whole.text!r}: 'text' must hold the whole "
        "figure as printed", table="facts", row=key, column="text", expected=whole.text,
        found=text, location=location, hint=f"set text to {should}")


def _mismatch(key: str, location: str, column: str, expected: str, found: str,
              reading: str, figure: Figure) -> Finding:
    hint = f"set {column} to what the printed figure says, or correct 'text'"
    if column == "value" and figure.high is not None:
        hint = f"set value to the low end of the printed range ({expected}), or correct 'text'"
    return Finding(
        "figure-mismatch", f"{reading}, but the row's {column} is {found!r}", table="facts",
        row=key, column=column, expected=expected, found=found, location=location, hint=hint)
