"""Parse figures as printed in Chinese news text into value, unit and bound.

A figure is ``[prefix qualifier] number [余|多|几|来] [万|亿|万亿] [余|多] measure [suffix qualifier]``,
or an ordinal (``第六``), or a doubling (``翻番``). The number is Arabic (``96.92``) or Chinese
(``十五``, ``两``, ``二〇二四``). Conventions:

* The magnitude stays with the measure word, as printed: ``5400万元`` is 5400 in ``万元``,
  ``1.8万余个`` is 1.8 in ``万个``. ``units.csv`` converts every such unit to its base unit.
* ``近5成`` is 5 in ``成``; ``52.5%`` is 52.5 in ``%``; ``37倍`` is 37 in ``倍``.
* Ordinals (``第一``, ``第五家``) are ranks: the value is the position and the unit ``名``.
* ``翻番`` / ``翻一番`` is 2 in ``倍``; ``翻两番`` is 4.
* The bound comes from the qualifier words in ``QUALIFIERS``; no qualifier means ``exact``.
* Two consecutive Chinese digits are a range (``七八家`` = seven or eight): the bound is
  ``range``, ``value`` its low end and ``high`` its high end.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from validation.normalize import normalize

Bound = Literal["exact", "approx", "lower", "upper", "range"]
BOUNDS: tuple[Bound, ...] = ("exact", "approx", "lower", "upper", "range")

#: Every qualifier word, with the bound it gives and where it may stand relative to the number.
QUALIFIERS: dict[str, tuple[Bound, str]] = {
    # lower bound: the true figure is above the printed one
    "超过": ("lower", "prefix"), "超出": ("lower", "prefix"), "突破": ("lower", "prefix"),
    "高于": ("lower", "prefix"), "多于": ("lower", "prefix"), "超": ("lower", "prefix"),
    "逾": ("lower", "prefix"), "上": ("lower", "prefix"),
    "余": ("lower", "inner"), "多": ("lower", "inner"), "几": ("lower", "inner"),
    "以上": ("lower", "suffix"), "有余": ("lower", "suffix"),
    # upper bound: the true figure is below the printed one
    "接近": ("upper", "prefix"), "将近": ("upper", "prefix"), "不到": ("upper", "prefix"),
    "不足": ("upper", "prefix"), "低于": ("upper", "prefix"), "少于": ("upper", "prefix"),
    "近": ("upper", "prefix"),
    "以内": ("upper", "suffix"), "以下": ("upper", "suffix"), "之内": ("upper", "suffix"),
    "内": ("upper", "suffix"),
    # approximate: the printed figure give or take
    "大约": ("approx", "prefix"), "约合": ("approx", "prefix"), "约": ("approx", "prefix"),
    "左右": ("approx", "suffix"), "上下": ("approx", "suffix"), "来": ("approx", "inner"),
}

CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                  "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
MAGNITUDES = ("万亿", "亿", "万")
RANK_UNIT = "名"
RATIO_UNIT = "倍"
#: Longest measure word accepted: long enough for a noun counted bare (1数据网络安全大脑), short
#: enough to catch a 'text' that holds more than the figure.
MAX_MEASURE_LENGTH = 8

_PREFIXES = sorted((w for w, (_, p) in QUALIFIERS.items() if p == "prefix"), key=len, reverse=True)
_INNER = sorted((w for w, (_, p) in QUALIFIERS.items() if p == "inner"), key=len, reverse=True)
# "余" and "多" may also follow the measure word: "3年多", "两年余".
_SUFFIXES = sorted([w for w, (_, p) in QUALIFIERS.items() if p == "suffix"] + ["余", "多"],
                   key=len, reverse=True)
#: Arabic numbers in ASCII digits only: after the width fold ``３６１`` is ``361``, but other
#: digits (``³⁶¹``, ``③``, Arabic-Indic ``٣٦١``) are different characters, not this figure.
_ARABIC = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_ASCII_DIGITS = frozenset("0123456789")
_NUMERAL_CHARS = set(CHINESE_DIGITS) | set(CHINESE_UNITS)


class FigureError(ValueError):
    """The text is not a figure this parser understands; the message says why."""


@dataclass(frozen=True)
class Figure:
    """A parsed figure: ``value`` in ``unit``, with ``bound`` read from ``qualifiers``."""

    value: Decimal
    unit: str
    bound: Bound
    qualifiers: tuple[str, ...] = ()
    high: Decimal | None = None  # the high end of a range such as 七八家


def parse_figure(text: str) -> Figure:
    """Parse one printed figure, e.g. ``"6000余家"`` -> ``Figure(6000, "家", "lower")``."""
    s = normalize(text)
    if not s:
        raise FigureError("the figure is empty")
    qualifiers: list[str] = []

    prefix = _match_prefix(s)
    if prefix:
        qualifiers.append(prefix)
        s = s[len(prefix):]

    if s.startswith("第"):
        value, rest = _read_number(s[1:], text)
        if value is None:
            raise FigureError(f"no number after 第 in {text!r}")
        _check_measure(rest, text)
        return Figure(value, RANK_UNIT, _bound(qualifiers, text), tuple(qualifiers))

    doubling = re.fullmatch(r"翻([一两二三四五六七八九]?)番", s)
    if doubling:
        times = CHINESE_DIGITS[doubling.group(1)] if doubling.group(1) else 1
        return Figure(Decimal(2) ** times, RATIO_UNIT, _bound(qualifiers, text), tuple(qualifiers))

    if s.startswith("百分之"):
        value, rest = _read_number(s[3:], text)
        if value is None or rest:
            raise FigureError(f"cannot read the percentage in {text!r}")
        return Figure(value, "%", _bound(qualifiers, text), tuple(qualifiers))

    value, high, s = _read_range(s)
    if value is None:
        value, s = _read_number(s, text)
    inner = _match_start(s, _INNER) if value is not None else ""
    s = s[len(inner):]
    magnitude = _match_start(s, MAGNITUDES)
    if magnitude:
        s = s[len(magnitude):]
        if value is None:
            value = Decimal(1)  # "超万件": 万 on its own is one 万
        if not inner:  # "1.8万余个": the qualifier may also follow the magnitude
            inner = _match_start(s, _INNER)
            s = s[len(inner):]
    if inner:
        qualifiers.append(inner)
    if value is None:
        raise FigureError(f"no number found in {text!r}")

    suffix = _match_end(s, _SUFFIXES)
    if suffix and len(suffix) < len(s):
        qualifiers.append(suffix)
        s = s[: -len(suffix)]
    _check_measure(s, text)
    if high is not None:
        if qualifiers:
            raise FigureError(f"the range in {text!r} cannot also carry {'、'.join(qualifiers)}")
        return Figure(value, (magnitude or "") + s, "range", (), high)
    return Figure(value, (magnitude or "") + s, _bound(qualifiers, text), tuple(qualifiers))


def _match_prefix(s: str) -> str:
    for word in _PREFIXES:
        if s.startswith(word):
            after = s[len(word):]
            # "上" is a qualifier only in "上百", "上千", "上万", "上亿".
            if word == "上" and after[:1] not in ("百", "千", "万", "亿"):
                continue
            if after and (after[0] in _ASCII_DIGITS or after[0] in _NUMERAL_CHARS
                          or after[0] in "万亿翻第百"):
                return word
    return ""


def _match_start(s: str, words: tuple[str, ...] | list[str]) -> str:
    return next((w for w in words if s.startswith(w)), "")


def _match_end(s: str, words: list[str]) -> str:
    return next((w for w in words if s.endswith(w)), "")


def _bound(qualifiers: list[str], text: str) -> Bound:
    bounds = {QUALIFIERS[q][0] for q in qualifiers}
    if len(bounds) > 1:
        raise FigureError(f"qualifiers {'、'.join(qualifiers)} in {text!r} give conflicting bounds")
    return bounds.pop() if bounds else "exact"


def _check_measure(measure: str, text: str) -> None:
    for ch in measure:
        if ch.isdigit() or ch in CHINESE_DIGITS:  # any digit, look-alikes too (³, ③, ٣)
            raise FigureError(f"unexpected numeral {ch!r} after the number in {text!r}")
        if unicodedata.category(ch).startswith(("P", "S")) and ch != "%":
            raise FigureError(f"unexpected {ch!r} in the measure word of {text!r}")
    if len(measure) > MAX_MEASURE_LENGTH:
        raise FigureError(f"measure word {measure!r} in {text!r} is too long to be a unit; "
                          "the text should hold only the figure")


def _read_range(s: str) -> tuple[Decimal | None, Decimal | None, str]:
    """A range of two consecutive Chinese digits (``两三``, ``七八``): (low, high, rest)."""
    if len(s) >= 2 and s[0] in CHINESE_DIGITS and s[1] in CHINESE_DIGITS and s[:2].isalpha():
        low, high = CHINESE_DIGITS[s[0]], CHINESE_DIGITS[s[1]]
        if low >= 1 and high == low + 1 and s[2:3] not in _NUMERAL_CHARS:
            return Decimal(low), Decimal(high), s[2:]
    return None, None, s


def _read_number(s: str, text: str) -> tuple[Decimal | None, str]:
    """Read a leading Arabic or Chinese number; returns (value or None, rest)."""
    m = _ARABIC.match(s)
    if m:
        return Decimal(m.group().replace(",", "")), s[m.end():]
    if s.startswith("半"):
        return Decimal("0.5"), s[1:]
    end = 0
    while end < len(s) and s[end] in _NUMERAL_CHARS:
        end += 1
    if end == 0:
        return None, s
    value = _chinese_integer(s[:end], text)
    rest = s[end:]
    # "一万两千": digits after 万 make one number; a bare 万 stays with the measure word.
    if rest.startswith("万") and rest[1:2] and rest[1] in _NUMERAL_CHARS:
        tail_end = 1
        while tail_end < len(rest) and rest[tail_end] in _NUMERAL_CHARS:
            tail_end += 1
        tail = _chinese_integer(rest[1:tail_end], text)
        if tail >= 10_000:
            raise FigureError(f"malformed Chinese numeral in {text!r}")
        return value * 10_000 + tail, rest[tail_end:]
    return value, rest


def _chinese_integer(numeral: str, text: str) -> Decimal:
    """Value of a Chinese numeral below 10 000, in standard (十五) or positional (二〇二四) form."""
    if all(ch in CHINESE_DIGITS for ch in numeral):
        if len(numeral) == 1:
            return Decimal(CHINESE_DIGITS[numeral])
        if len(numeral) == 2 and "〇" not in numeral and "零" not in numeral:
            raise FigureError(f"{numeral!r} in {text!r} is neither a number nor a range of two "
                              "consecutive digits (七八 = seven or eight)")
        return Decimal("".join(str(CHINESE_DIGITS[ch]) for ch in numeral))
    total, digit, last_unit = 0, None, 10_000
    for ch in numeral:
        if ch in CHINESE_DIGITS:
            if digit not in (None, 0):
                raise FigureError(f"malformed Chinese numeral {numeral!r} in {text!r}")
            digit = CHINESE_DIGITS[ch]
        else:
            unit = CHINESE_UNITS[ch]
            if unit >= last_unit or digit == 0:
                raise FigureError(f"malformed Chinese numeral {numeral!r} in {text!r}")
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return Decimal(total + (digit or 0))


# --- formatting, the inverse used by round-trip tests and by tools that write figures ----

_CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """Standard Chinese numeral for 0 <= n < 10 000 (e.g. 105 -> 一百零五, 15 -> 十五)."""
    if not 0 <= n < 10_000:
        raise ValueError("chinese_numeral handles 0 <= n < 10000")
    if n == 0:
        return "零"
    parts: list[str] = []
    pending_zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(("" if (unit == 10 and digit == 1 and not parts) else _CN_DIGITS[digit]) + name)
    return "".join(parts)


def positional_numeral(n: int) -> str:
    """Digit-by-digit Chinese numeral, as in years: 2024 -> 二〇二四."""
    return "".join("〇" if d == "0" else _CN_DIGITS[int(d)] for d in str(n))


def format_decimal(value: Decimal) -> str:
    """Plain decimal notation without exponent or trailing zeros: 96.920 -> 96.92."""
    return format(value.normalize(), "f")


def format_figure(value: Decimal, unit: str, bound: Bound = "exact", *, qualifier: str = "",
                  chinese: bool = False) -> str:
    """Write a figure the way the parser reads it; the inverse of :func:`parse_figure`."""
    number = chinese_numeral(int(value)) if chinese else format_decimal(value)
    if unit == RANK_UNIT:
        return f"{qualifier if _position(qualifier) == 'prefix' else ''}第{number}"
    magnitude = next((m for m in MAGNITUDES if unit.startswith(m)), "")
    measure = unit[len(magnitude):]
    position = _position(qualifier)
    if bound == "exact" or not qualifier:
        return f"{number}{magnitude}{measure}"
    if position == "prefix":
        return f"{qualifier}{number}{magnitude}{measure}"
    if position == "inner":
        return f"{number}{qualifier}{magnitude}{measure}"
    return f"{number}{magnitude}{measure}{qualifier}"


def _position(qualifier: str) -> str:
    return QUALIFIERS[qualifier][1] if qualifier in QUALIFIERS else ""
