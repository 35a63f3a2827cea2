"""Parse figures as printed in Chinese news text into value, unit and bound.

A figure is ``[prefix qualifier] number [余|多|几|来] [万|亿|万亿] [余|多] measure [suffix qualifier]``,
or an ordinal (``第六``), or a doubling (``翻番``). The number is Arabic (``96.92``) or Chinese
(``十五``, ``两``, ``二〇二四``). Conventions:

* The magnitude stays with the measure word, as printed: ``5400万元`` is 5400 in ``万元``,
  ``1.8万余个`` is 1.8 in ``万个``. ``units.csv`` converts every such unit to its base unit.
* ``近5成`` is 5 in ``成``; ``52.5%`` is 52.5 in ``%``; ``37倍`` is 37 in ``倍``.
* Ordinals (``第一``, ``第五家``) are ranks: the value is the position and the unit ``名``.
* A primacy word, ``首`` + a measure word of ``PRIMACY_MEASURES`` (``首个``, ``首家``, ``首笔``,
  ``首批``, ``首次``), is the first: rank 1 in ``名``, as ``第一个`` would be. Whether it ranks
  (全国首笔: the first in the country) or only orders (首次提出: the first time) is for the
  row to say, as for ``第一次``. ``首`` in other words (首先, 首都, 首页, 首选, 首开式) is no figure.
* ``翻番`` / ``翻一番`` is 2 in ``倍``; ``翻两番`` is 4.
* The bound comes from the qualifier words in ``QUALIFIERS``; no qualifier means ``exact``.
* Two consecutive Chinese digits are a range (``七八家`` = seven or eight): the bound is
  ``range``, ``value`` its low end and ``high`` its high end.
* Two Arabic numbers joined by a dash are a range too: ``4—6级`` is 4..6 in ``级``, ``3至5年``
  3..5 in ``年``, ``10%-15%`` 10..15 in ``%``, ``２０—３０万元`` 20..30 in ``万元``. The dashes are
  ``-`` ``~`` ``—`` ``——`` ``–`` ``〜`` ``至`` ``到`` (``－`` and ``～`` fold to ``-`` and ``~``).
  The unit is the one printed after the high end; a low end printed with no unit of its own is
  in it. A low end that prints its own magnitude is converted into the high end's:
  ``1.5亿—2亿元`` is 1.5..2 in ``亿元``, ``5000万—1亿元`` 0.5..1 in ``亿元``. The two ends must
  have the same measure word (``3年—5个月`` is refused) and the low end must be below the high
  end. A range carries no qualifier (``约3至5年`` is refused).
* A span of years or months is a date, not a figure: ``2023—2025年`` and ``2024-2025`` (two
  four-digit numbers, in ``年`` or bare) and ``3-5月`` (March to May) are refused; they are
  events or a fact's ``period``. ``3-5个月`` is a range of durations. Clock times (``14时``,
  ``8时30分``, ``8-10时``) are moments and refused too; ``3小时`` is a duration.
* Measure words are words; the only symbols they may hold are ``%`` ``‰`` ``℃`` ``°`` (``°C``)
  and a ``/`` between two words (``米/秒``).
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
    "至少": ("lower", "prefix"), "最少": ("lower", "prefix"),
    # upper bound: the true figure is below the printed one
    "接近": ("upper", "prefix"), "将近": ("upper", "prefix"), "不到": ("upper", "prefix"),
    "不足": ("upper", "prefix"), "低于": ("upper", "prefix"), "少于": ("upper", "prefix"),
    "近": ("upper", "prefix"),
    # at most: 最长3年 is a maximum, the figure may be anything up to it
    "最长": ("upper", "prefix"), "最多": ("upper", "prefix"), "最高": ("upper", "prefix"),
    "至多": ("upper", "prefix"),
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
#: Powers of ten of each magnitude, to put both ends of a range in one unit.
MAGNITUDE_EXPONENTS = {"": 0, "万": 4, "亿": 8, "万亿": 12}
#: What may join the two ends of an Arabic range, after the width fold (``－`` is ``-``).
RANGE_DASHES = ("——", "-", "~", "—", "–", "〜", "至", "到")
RANK_UNIT = "名"
#: Measure words after which ``首`` is "the first" (首个, 首家, 首笔, 首次, 首届): a primacy word,
#: rank 1. Not 先 (首先, first of all), 都, 府, 页, 选, 席, 长, 要, 发, 创, 付: words, not ranks.
PRIMACY_MEASURES: tuple[str, ...] = (
    "个", "家", "笔", "批", "座", "台", "款", "单", "例", "位", "项", "条", "件", "套", "部",
    "架", "艘", "辆", "所", "支", "次", "届", "期", "轮", "场",
)
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
#: Symbols a measure word may hold (``/`` only between two words, as in ``米/秒``).
_MEASURE_SYMBOLS = frozenset("%‰℃°")
_DASH = "|".join(re.escape(d) for d in RANGE_DASHES)
_CLOCK_TIME = re.compile("[0-9]{1,2}时(?:[0-9]{1,2}分(?:[0-9]{1,2}秒)?)?")
#: An Arabic range: the low end (number, then anything but a digit or a dash), a dash, and the
#: digit that starts the high end.
_ARABIC_RANGE = re.compile(
    rf"(?P<low>(?:{_ARABIC.pattern})(?:(?!{_DASH})[^0-9])*)(?P<dash>{_DASH})(?=[0-9])")


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

    if s.startswith("首"):
        if s[1:] not in PRIMACY_MEASURES:
            raise FigureError(f"{text!r} is not a primacy word: 首 is the first (rank 1) only "
                              f"before one of {' '.join(PRIMACY_MEASURES)} (首个, 首家, 首次)")
        return Figure(Decimal(1), RANK_UNIT, _bound(qualifiers, text), tuple(qualifiers))

    doubling = re.fullmatch(r"翻([一两二三四五六七八九]?)番", s)
    if doubling:
        times = CHINESE_DIGITS[doubling.group(1)] if doubling.group(1) else 1
        return Figure(Decimal(2) ** times, RATIO_UNIT, _bound(qualifiers, text), tuple(qualifiers))

    if s.startswith("百分之"):
        value, rest = _read_number(s[3:], text)
        if value is None or rest:
            raise FigureError(f"cannot read the percentage in {text!r}")
        return Figure(value, "%", _bound(qualifiers, text), tuple(qualifiers))

    if _CLOCK_TIME.fullmatch(s):
        raise FigureError(f"{text!r} is a clock time, a moment and not a figure: an exclusion of "
                          "category time covers it")
    arabic_range = _ARABIC_RANGE.match(s)
    if arabic_range:
        return _arabic_range(arabic_range, s, qualifiers, text)

    return _read_amount(s, qualifiers, text)


def _read_amount(s: str, qualifiers: list[str], text: str) -> Figure:
    """The figure ``s`` with any prefix qualifier already in ``qualifiers``."""
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


def _arabic_range(m: re.Match[str], s: str, qualifiers: list[str], text: str) -> Figure:
    """``4—6级``, ``1.5亿—2亿元``, ``10%-15%``: both ends in the unit printed after the high end."""
    if qualifiers:
        raise FigureError(f"the range in {text!r} cannot also carry {'、'.join(qualifiers)}; "
                          "write the range alone (4—6级) and keep the qualifier in the quote")
    low_text, high_text = m.group("low"), s[m.end():]
    if re.match("0[0-9]", low_text) or re.match("0[0-9]", high_text):
        raise FigureError(f"{text!r} has a number with a leading zero: a code or telephone "
                          "number, not a range of figures")
    if _ARABIC_RANGE.match(high_text):
        raise FigureError(f"{text!r} joins more than two numbers with dashes; a range has a low "
                          "and a high end (4—6级), and a code or telephone number is no figure")
    low = _read_amount(low_text, [], text)
    high = _read_amount(high_text, [], text)
    if low.qualifiers or high.qualifiers:
        words = "、".join(low.qualifiers + high.qualifiers)
        raise FigureError(f"the range in {text!r} cannot also carry {words}; write the range "
                          "alone (4—6级) and keep the qualifier in the quote")
    _refuse_date_span(low_text, high_text, low.unit, high.unit, text)
    low_magnitude, low_measure = _split_unit(low.unit)
    high_magnitude, high_measure = _split_unit(high.unit)
    if low_measure and low_measure != high_measure:
        raise FigureError(f"the ends of the range {text!r} are in different units ({low.unit} and "
                          f"{high.unit or 'none'}); a range has one unit, printed after its high end")
    value = low.value
    if low.unit and low_magnitude != high_magnitude:  # 5000万—1亿元: the low end in 亿元 too
        shift = MAGNITUDE_EXPONENTS[low_magnitude] - MAGNITUDE_EXPONENTS[high_magnitude]
        value = Decimal(format_decimal(value.scaleb(shift)))
    if value >= high.value:
        raise FigureError(f"the low end of the range {text!r} ({format_decimal(value)}) is not below "
                          f"its high end ({format_decimal(high.value)}); a range is printed low to "
                          "high, as in 4—6级")
    return Figure(value, high.unit, "range", (), high.value)


def _refuse_date_span(low: str, high: str, low_unit: str, high_unit: str, text: str) -> None:
    """``2023—2025年``, ``2024-2025`` and ``3-5月`` are spans of dates, not ranges of figures."""
    low_number, high_number = _leading_integer(low), _leading_integer(high)
    if low_number is None or high_number is None:
        return
    if (len(low_number) == len(high_number) == 4 and low_unit in ("", "年")
            and high_unit in ("", "年")):
        raise FigureError(f"{text!r} is a span of years, a date and not a figure: record its "
                          f"years as events or as a fact's period ({low_number}/{high_number})")
    if len(low_number) <= 2 and len(high_number) <= 2 and low_unit in ("", "月") and high_unit == "月":
        raise FigureError(f"{text!r} is a span of months, a date and not a figure: record it as "
                          "events or as a fact's period; a range of durations is printed 3-5个月")
    if len(low_number) <= 2 and len(high_number) <= 2 and low_unit in ("", "时") and high_unit == "时":
        raise FigureError(f"{text!r} is a span of clock hours, not a figure: an exclusion of "
                          "category time covers it; a range of durations is printed 8-10小时")


def _leading_integer(s: str) -> str | None:
    m = re.match(r"[0-9]+(?![0-9.,])", s)
    return m.group() if m else None


def _split_unit(unit: str) -> tuple[str, str]:
    """``亿元`` -> (``亿``, ``元``); ``%`` -> (``""``, ``%``)."""
    magnitude = _match_start(unit, MAGNITUDES)
    return magnitude, unit[len(magnitude):]


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
    for i, ch in enumerate(measure):
        if ch.isdigit() or ch in CHINESE_DIGITS:  # any digit, look-alikes too (³, ③, ٣)
            raise FigureError(f"unexpected numeral {ch!r} after the number in {text!r}")
        if ch in _MEASURE_SYMBOLS or (ch == "/" and 0 < i < len(measure) - 1):
            continue
        if unicodedata.category(ch).startswith(("P", "S")):
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


def format_range(low: Decimal, high: Decimal, unit: str, *, dash: str = "—",
                 repeat: Literal["", "magnitude", "unit"] = "") -> str:
    """Write an Arabic range the way the parser reads it: ``4—6级``. ``repeat`` prints the
    magnitude (``1.5亿—2亿元``) or the whole unit (``10%-15%``) after the low end as well."""
    if dash not in RANGE_DASHES:
        raise ValueError(f"{dash!r} is not one of the range dashes {' '.join(RANGE_DASHES)}")
    magnitude, _ = _split_unit(unit)
    after_low = {"": "", "magnitude": magnitude, "unit": unit}[repeat]
    return f"{format_decimal(low)}{after_low}{dash}{format_decimal(high)}{unit}"


def _position(qualifier: str) -> str:
    return QUALIFIERS[qualifier][1] if qualifier in QUALIFIERS else ""
