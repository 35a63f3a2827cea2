"""Find every numeric mention in a page: what a complete extraction must account for.

A mention is one of

* a date (kind ``date``): ``2024年1月11日``, ``2023年10月``, ``12月3日``, ``2019年底``, ``2017年``
  (a year needs four digits, so ``3年`` is a duration, not a date);
* a figure (kind ``figure``):

  - a run of Arabic digits with the qualifiers, magnitude and measure word attached to it
    (``突破27亿元``, ``52.5%``, ``6000余家``, ``5000P``, ``1.8万余个``);
  - a Chinese numeral followed by a measure word from ``MEASURE_WORDS`` (``两大``, ``十几个``,
    ``近两圈``, ``三届``, ``七八家``), including ``成`` and ``倍``;
  - an ordinal ``第`` + numeral (``第一``, ``第六``, ``第十八``);
  - a doubling: ``翻番``, ``翻一番``.

A Chinese numeral with no measure word after it (``一主一特``, ``四梁八柱``, ``十五五``) is not a
mention: it names or describes, it does not count. Each mention has a ``core``, the span of its
numeral (or of ``翻番``): a fact, event or exclusion covers the mention when its located text
contains the core, so the scanner and a row may disagree about where qualifiers end.

The scan runs over the matching form of the page (see :mod:`validation.normalize`), so
full-width digits and ``％`` are read like ASCII, line breaks inside a mention are skipped, and
every span maps back to the page. The matching form maps each printed character to at most one
character, so mentions never overlap in the page. Look-alikes such as ``³⁶¹`` or ``③`` are not
digits there and are not read as figures; decimal digits of other scripts (``٣٦١``) are still
scanned, so that coverage asks for them, although :func:`~validation.numbers.parse_figure`
reads ASCII digits only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from validation.normalize import NormalizedText, Span, index_text
from validation.numbers import QUALIFIERS

MentionKind = Literal["figure", "date"]

#: Measure words a Chinese numeral must be followed by to count as a figure (longest first).
MEASURE_WORDS: tuple[str, ...] = tuple(sorted((
    "平方公里", "平方米", "公里", "万里", "小时", "分钟", "个月", "人次", "批次", "工作日",
    "个", "家", "大", "届", "圈", "项", "条", "名", "人", "次", "批", "位", "种", "座", "栋",
    "支", "笔", "张", "件", "元", "倍", "成", "部", "类", "间", "所", "层", "楼", "期", "轮",
    "场", "台", "套", "份", "款", "只", "辆", "架", "艘", "级", "朵", "周", "岁", "里",
    "米", "亩", "吨", "户", "段", "片", "组", "天", "年", "月", "日", "秒", "单", "块",
    "道", "颗", "根", "枚", "篇", "首", "本", "集", "棚", "头", "口", "趟", "遍", "回",
), key=len, reverse=True))
#: Units that may follow Arabic digits besides the measure words. They are not measure words
#: after Chinese numerals, where they make words: 百度 (Baidu), 一起 (together), 一点 (a little).
ARABIC_UNITS: tuple[str, ...] = ("%", "‰", "P", "度", "起", "点")

_CN_DIGITS = "〇零一二两三四五六七八九"
_CN = f"[{_CN_DIGITS}十百千]+(?:万[{_CN_DIGITS}十百千]+)?"
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_PREFIX = "|".join(sorted((re.escape(w) for w, (_, where) in QUALIFIERS.items()
                           if where == "prefix" and w != "上"), key=len, reverse=True))
_INNER = "余|多|几|来"
_MAGNITUDE = "万亿|亿|万"
_SUFFIX = "以上|以下|以内|之内|左右|上下|有余|以来|余|多|来|内"
_UNIT = "|".join(re.escape(u) for u in sorted(MEASURE_WORDS + ARABIC_UNITS, key=len, reverse=True))
_MEASURE = "|".join(re.escape(u) for u in MEASURE_WORDS)

_PATTERN = re.compile(
    # dates first, so that 2024年 is a date rather than a figure in 年
    rf"(?P<date>(?P<dcore>(?:\d{{4}}|[〇零一二三四五六七八九]{{4}})年(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?"
    rf"|\d{{1,2}}月\d{{1,2}}日|(?<![\d.])\d{{1,2}}月(?!份?\d))(?:上半年|下半年|底|末|初)?)"
    rf"|(?P<prefix>{_PREFIX}|上(?=[百千万亿]))?(?:"
    rf"(?P<ordinal>第(?P<ocore>{_CN}|\d+)(?:{_MEASURE})?)"
    rf"|(?P<double>(?P<dblcore>翻[一两二三四五六七八九]?番))"
    rf"|(?P<arabic>(?P<acore>{_ARABIC})(?:{_INNER})?(?:{_MAGNITUDE})?(?:余|多)?(?:{_UNIT})?(?:{_SUFFIX})?)"
    rf"|(?P<chinese>(?P<ccore>{_CN})(?:{_INNER})?(?:{_MAGNITUDE})?(?:余|多)?(?:{_MEASURE})(?:{_SUFFIX})?)"
    rf"|(?P<bare>(?<=[超逾上近约])(?P<bcore>[万亿])(?:{_MEASURE}))"
    r")"
)
_CORE_GROUPS = ("dcore", "ocore", "dblcore", "acore", "ccore", "bcore")


@dataclass(frozen=True)
class Mention:
    """A numeric mention: what it says as printed, its span and its numeral's span (``core``)."""

    kind: MentionKind
    text: str
    span: Span
    core: Span


def scan(index: NormalizedText, area: Span | None = None) -> list[Mention]:
    """Every mention in ``index`` (optionally only inside ``area`` of the original), in order."""
    first = 0 if area is None else index.offset(area.start)
    last = len(index.text) if area is None else index.offset(area.end)
    found: list[Mention] = []
    for m in _PATTERN.finditer(index.text, first, last):
        group = next(g for g in _CORE_GROUPS if m.group(g) is not None)
        kind: MentionKind = "date" if group == "dcore" else "figure"
        span = index.span(m.start(), m.end())
        core = index.span(m.start(group), m.end(group))
        found.append(Mention(kind, index.original[span.start:span.end], span, core))
    return found


def scan_text(text: str) -> list[Mention]:
    """Every mention in ``text``; spans index into ``text``."""
    return scan(index_text(text))
