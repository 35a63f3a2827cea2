"""Find every numeric mention in a page: what a complete extraction must account for.

A mention is one of

* a date (kind ``date``): ``2024年1月11日``, ``2023年10月``, ``12月3日``, ``2019年底``, ``2017年``
  (a year needs four digits, so ``3年`` is a duration, not a date);

  - a clock time, a moment: ``14时``, ``8时30分`` (:mod:`validation.dates` does not read times,
    so an event cannot state one: an exclusion of category ``time`` covers it);
  - each end of a span of years, months or hours, its own mention: ``2023—2025年`` is ``2023``
    and ``2025年``, ``2024-2025`` is ``2024`` and ``2025``, ``3-5月`` (March to May) is ``3`` and
    ``5月``, ``8-10时`` is ``8`` and ``10时``;

* a figure (kind ``figure``):

  - a run of Arabic digits with the qualifiers, magnitude and measure word attached to it
    (``突破27亿元``, ``52.5%``, ``6000余家``, ``5000P``, ``1.8万余个``, ``１．５亿美元``, ``25℃``);
  - a range of two Arabic numbers joined by a dash (``-`` ``~`` ``—`` ``——`` ``–`` ``〜`` ``至``
    ``到``, and ``－`` ``～`` folded), with its unit: ``４—６级``, ``3至5年``, ``10%-15%``,
    ``1.5亿—2亿元``, as one mention whose core runs from the low end's first digit to the high
    end's last. A unit after the low end must be repeated after the high end (``10%-15%``).
    No range: after a letter (``G4-5``), after ``从`` (``从0到5000P`` is a change from one figure
    to another) or after a month (``6月1至3日`` are days), with a leading zero
    (``010-65123456``), or with a third number (``400-800-1234``): each number is then its own
    mention;
  - a Chinese numeral followed by a measure word from ``MEASURE_WORDS`` (``两大``, ``十几个``,
    ``近两圈``, ``三届``, ``七八家``), including ``成`` and ``倍``;
  - an ordinal ``第`` + numeral (``第一``, ``第六``, ``第十八``);
  - a doubling: ``翻番``, ``翻一番``;
  - a primacy word, ``首`` + a measure word of :data:`~validation.numbers.PRIMACY_MEASURES`
    (``首个``, ``首家``, ``首笔``, ``首批``, ``首次``): the first, rank 1 as ``第一`` is. ``首`` in
    other words (``首先``, ``首都``, ``首页``, ``首选``, ``首开式``) is none, nor is ``首`` as the
    measure word of a song (``这首``, ``三首``: the numeral is the mention then);
  - a count of the names just listed: a Chinese numeral and a one-character noun of
    ``GROUP_NOUNS`` (``长沙、株洲、湘潭三市``, ``长株潭三市``), only right after a list of names
    joined by ``、`` whose length the numeral states (at least it, after ``等``; one more where
    the last two are joined by ``和``, ``与`` or ``及``), or after a known group of
    ``NAMED_GROUPS`` of that size (长株潭 is three); or a merger of that many
    (``三园合并``, ``两区合一``). Elsewhere such a pair names or describes (``一县一清单``,
    ``两地``) and is no mention.

A Chinese numeral with no measure word after it (``一主一特``, ``四梁八柱``, ``十五五``) is not a
mention: it names or describes, it does not count. Units that make words after Chinese numerals
(``十分``, ``一时``, ``一盘棋``, ``中铁一局``) are read after Arabic digits only (``ARABIC_UNITS``), and
units that begin words are read only where the word is not (``UNIT_GUARDS``: ``3金``, not
``5金融``; ``1日元``, not ``1日元旦``). Each mention has a ``core``, the span of its
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
from validation.numbers import CHINESE_DIGITS, PRIMACY_MEASURES, QUALIFIERS, RANGE_DASHES

MentionKind = Literal["figure", "date"]

#: Measure words a Chinese numeral must be followed by to count as a figure (longest first).
MEASURE_WORDS: tuple[str, ...] = tuple(sorted((
    "平方公里", "平方米", "公里", "万里", "小时", "分钟", "个月", "人次", "批次", "工作日",
    "个", "家", "大", "届", "圈", "项", "条", "名", "人", "次", "批", "位", "种", "座", "栋",
    "支", "笔", "张", "件", "元", "倍", "成", "部", "类", "间", "所", "层", "楼", "期", "轮",
    "场", "台", "套", "份", "款", "只", "辆", "架", "艘", "级", "朵", "周", "岁", "里",
    "米", "亩", "吨", "户", "段", "片", "组", "天", "年", "月", "日", "秒", "单", "块",
    "道", "册", "颗", "根", "枚", "篇", "首", "本", "集", "棚", "头", "口", "趟", "遍", "回",
    # measures of weather, land, energy and weight
    "摄氏度", "立方米", "毫米", "厘米", "公顷", "公斤", "兆瓦",
    # currencies (元 is above)
    "美元", "港元", "欧元", "日元", "英镑", "卢布", "韩元", "澳元",
), key=len, reverse=True))
#: Units that may follow Arabic digits besides the measure words. They are not measure words
#: after Chinese numerals, where they make words: 百度 (Baidu), 一起 (together), 一点 (a little),
#: 十分 (very), 三分之一, 一盘棋, 中铁一局; 两千瓦 is 2000 瓦 (the numeral takes 千), not 2 千瓦.
ARABIC_UNITS: tuple[str, ...] = (
    "%", "‰", "P", "度", "起", "点",
    "℃", "°C", "°", "千米", "千克", "克", "千瓦时", "千瓦", "米/秒",
    "分", "金", "银", "铜", "球", "局", "盘", "胜", "负",
)
_CJK = "\u4e00-\u9fff"
#: Units that begin words; the unit is read only where the word is not (3分, not 3分之1 or 3分店;
#: 3金2银, not 3金融; 1日元, not 1日元旦).
UNIT_GUARDS: dict[str, str] = {
    "日元": "(?![旦宵])", "分": "(?![之局店行公会])", "克": "(?!拉)", "球": "(?![队员场迷])",
    "局": "(?!长)", "胜": "(?![利任])", "负": "(?![责债担])",
    "金": f"(?![{_CJK}])", "银": f"(?![{_CJK}])", "铜": f"(?![{_CJK}])",
}

_CN_DIGITS = "〇零一二两三四五六七八九"
#: Where 首 is a measure word (这首, 三首歌) or part of a word (元首, 榜首, 自首, 回首), not "first".
_NOT_PRIMACY = f"这那哪每几某各{_CN_DIGITS}十百千元榜自回昂俯祸"
_PRIMACY = "".join(sorted(set(PRIMACY_MEASURES)))
#: One-character nouns a numeral counts right after a list of names: 长沙、株洲、湘潭三市.
GROUP_NOUNS = "市园区县省国地港馆校院州镇村城岛方企"
#: Groups named by abbreviation, with their size: 长株潭三市, 京津冀三地.
NAMED_GROUPS: dict[str, int] = {
    "长株潭": 3, "京津冀": 3, "粤港澳": 3, "江浙沪": 3, "苏锡常": 3, "湘鄂赣": 3, "北上广深": 4,
    "北上广": 3, "川渝": 2, "沪苏浙皖": 4,
}
#: Words after a count of units that make it a merger of that many: 三园合并, 两区合一.
_MERGERS = "合并|合一|整合"
#: How far before a count a list of names is looked for, in characters of the matching form.
LIST_WINDOW = 48
_GROUP_COUNT = re.compile(
    rf"(?<![{_CN_DIGITS}十百千万第])(?P<gcore>[两二三四五六七八九十])(?=[{GROUP_NOUNS}](?P<merger>{_MERGERS})?)")
#: A list of names joined by 、 that ends where the count begins; its last item may end in 等.
_NAME_LIST = re.compile(r"(?:[^\W\d_]+、)+(?P<last>[^\W\d_]{1,17})\Z")
_CN = f"[{_CN_DIGITS}十百千]+(?:万[{_CN_DIGITS}十百千]+)?"
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
#: Words that end in a one-character qualifier but qualify nothing: 签约 (sign), 最近 (recently).
NOT_QUALIFIERS = {"约": "签合节预公条制契婚邀相违履", "近": "最附靠临亲"}
_PREFIX = "|".join(
    (f"(?<![{NOT_QUALIFIERS[w]}]){re.escape(w)}" if w in NOT_QUALIFIERS else re.escape(w))
    for w in sorted((w for w, (_, where) in QUALIFIERS.items() if where == "prefix" and w != "上"),
                    key=len, reverse=True))
_INNER = "余|多|几|来"
_MAGNITUDE = "万亿|亿|万"
_SUFFIX = "以上|以下|以内|之内|左右|上下|有余|以来|余|多|来|内"


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) + UNIT_GUARDS.get(w, "") for w in sorted(words, key=len, reverse=True))


_UNIT = _alternation(MEASURE_WORDS + ARABIC_UNITS)
_MEASURE = _alternation(MEASURE_WORDS)
#: What joins the ends of a range (after the fold, ``－`` is ``-`` and ``～`` is ``~``).
_DASH = "|".join(re.escape(d) for d in RANGE_DASHES)
_ONE_DASH = "".join(re.escape(d) for d in RANGE_DASHES if len(d) == 1)
_LONG_DASHES = [re.escape(d) for d in RANGE_DASHES if len(d) > 1]
#: Right after a dash that follows four digits (a fixed-width look-behind per dash length).
_AFTER_YEAR_DASH = "|".join([rf"(?<=\d{{4}}[{_ONE_DASH}])", *(rf"(?<=\d{{4}}{d})" for d in _LONG_DASHES)])
_NOT_AFTER_LONG_DASH = "".join(rf"(?<!\d{d})" for d in _LONG_DASHES)
#: 时 after one or two digits is an hour of the clock, except in 时段, 时期, 时间, 时代.
_HOUR = "时(?![段期间代])"
#: Where a number ends: no further digit, decimal or thousands group.
_NUMBER_END = r"(?!\d|[.,]\d)"
#: After the high year of a span: 年, or nothing a figure would take (2024-2025, not 2000-3000万元).
_YEAR_END = rf"{_NUMBER_END}(?:年|(?!{_MAGNITUDE}|{_UNIT}|余|多))"

_FULL_PATTERN_TEXT = (
    # dates first, so that 2024年 is a date rather than a figure in 年
    rf"(?P<date>(?P<dcore>(?:\d{{4}}|[〇零一二三四五六七八九]{{4}})年(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?"
    rf"|\d{{1,2}}月\d{{1,2}}日|(?<![\d.])\d{{1,2}}月(?!份?\d))(?:上半年|下半年|底|末|初)?)"
    # clock times are moments, dates too: 14时, 8时30分
    rf"|(?P<tcore>(?<![\d.])\d{{1,2}}{_HOUR}(?:\d{{1,2}}分(?:\d{{1,2}}秒)?)?)"
    # spans of years, months and hours are dates, each end its own mention: 2023—2025年, 3-5月
    rf"|(?P<ylow>(?<![\d.])\d{{4}}(?=(?:{_DASH})\d{{4}}{_YEAR_END}))"
    rf"|(?P<yhigh>(?:{_AFTER_YEAR_DASH})\d{{4}}{_NUMBER_END}(?!年|{_MAGNITUDE}|{_UNIT}|余|多))"
    rf"|(?P<mlow>(?<![\d.])\d{{1,2}}(?=(?:{_DASH})\d{{1,2}}(?:月(?!份?\d)|{_HOUR})))"
    # a primacy word: 首个, 首家, 首次 (not 这首, 元首, 首先, 首都)
    rf"|(?P<primacy>(?<![{_NOT_PRIMACY}\d])(?P<pcore>首)[{_PRIMACY}])"
    rf"|(?P<prefix>{_PREFIX}|上(?=[百千万亿]))?(?:"
    rf"(?P<ordinal>第(?P<ocore>{_CN}|\d+)(?:{_MEASURE})?)"
    rf"|(?P<double>(?P<dblcore>翻[一两二三四五六七八九]?番))"
    # an Arabic range, one mention from the low end's first digit to the high end's last: not
    # after a letter or digit (G4-5), not after 从 (从0到5000P is a change), not after a month
    # (6月1至3日 are days), no leading zero (010-6512), no third number (400-800-1234); a unit
    # after the low end is repeated after the high end (10%-15%)
    rf"|(?P<range>(?<![\dA-Za-z.])(?<!从)(?<!\d月)(?<!\d[{_ONE_DASH}]){_NOT_AFTER_LONG_DASH}"
    rf"(?P<rcore>(?!0\d){_ARABIC}(?:{_MAGNITUDE})?(?P<runit>{_UNIT})?(?:{_DASH})(?!0\d){_ARABIC}{_NUMBER_END}"
    rf"(?!(?!{_MAGNITUDE}|{_UNIT})[A-Za-z]))"
    rf"(?:{_MAGNITUDE})?(?(runit)(?P=runit)|(?:{_UNIT})?)(?:{_SUFFIX})?(?!(?:{_DASH})\d))"
    rf"|(?P<arabic>(?P<acore>{_ARABIC})(?:{_INNER})?(?:{_MAGNITUDE})?(?:余|多)?(?:{_UNIT})?(?:{_SUFFIX})?)"
    rf"|(?P<chinese>(?P<ccore>{_CN})(?:{_INNER})?(?:{_MAGNITUDE})?(?:余|多)?(?:{_MEASURE})(?:{_SUFFIX})?)"
    rf"|(?P<bare>(?<=[超逾上近约])(?P<bcore>[万亿])(?:{_MEASURE}))"
    r")"
)
#: Every character a mention can start with: digits, Chinese numerals, 万 and 亿 (超万家),
#: 首, 第, 翻, 上 and the first character of each prefix qualifier.
MENTION_STARTS = "".join(sorted(
    set("0123456789首第翻上万亿十百千" + _CN_DIGITS)
    | {w[0] for w, (_, where) in QUALIFIERS.items() if where == "prefix"}))
#: The same pattern, refusing at once a position no mention starts at: the many alternatives
#: are tried only where one can match (eight times faster on a page of news).
_PATTERN = re.compile(rf"(?=[\d{re.escape(MENTION_STARTS)}])(?:{_FULL_PATTERN_TEXT})")


def full_pattern() -> re.Pattern[str]:
    """The mention pattern without the look-ahead, against which its tests check it."""
    return re.compile(_FULL_PATTERN_TEXT)
_DATE_CORES = ("dcore", "tcore", "ylow", "yhigh", "mlow")
#: The numeral group of each alternative, by the group that closes last when it matches.
_CORE_OF = {"date": "dcore", "tcore": "tcore", "ylow": "ylow", "yhigh": "yhigh", "mlow": "mlow",
            "primacy": "pcore", "ordinal": "ocore", "double": "dblcore", "range": "rcore",
            "arabic": "acore", "chinese": "ccore", "bare": "bcore"}
_CORE_GROUPS = (*_DATE_CORES, "pcore", "ocore", "dblcore", "rcore", "acore", "ccore", "bcore")


# Not frozen, to be created five times faster (millions are); never changed once made.
@dataclass(slots=True, unsafe_hash=True)
class Mention:
    """A numeric mention: what it says as printed, its span and its numeral's span (``core``).
    The spans are kept as four numbers, not two objects: a newsroom's archive has millions of
    mentions."""

    kind: MentionKind
    text: str
    start: int
    end: int
    core_start: int
    core_end: int

    @classmethod
    def spanning(cls, kind: MentionKind, text: str, span: Span, core: Span) -> Mention:
        return cls(kind, text, span.start, span.end, core.start, core.end)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def core(self) -> Span:
        return Span(self.core_start, self.core_end)


def scan(index: NormalizedText, area: Span | None = None) -> list[Mention]:
    """Every mention in ``index`` (optionally only inside ``area`` of the original), in order."""
    first = 0 if area is None else index.offset(area.start)
    last = len(index.text) if area is None else index.offset(area.end)
    found: list[Mention] = []
    for m in _PATTERN.finditer(index.text, first, last):
        group = _CORE_OF.get(m.lastgroup or "") or next(g for g in _CORE_GROUPS
                                                        if m.group(g) is not None)
        kind: MentionKind = "date" if group in _DATE_CORES else "figure"
        start, end = index.bounds(m.start(), m.end())
        found.append(Mention(kind, index.original[start:end], start, end,
                             *index.bounds(m.start(group), m.end(group))))
    counts = [c for c in _group_counts(index, first, last)
              if not any(m.start < c.end and c.start < m.end for m in found)]
    if counts:
        found = sorted(found + counts, key=lambda m: m.start)
    return found


def _group_counts(index: NormalizedText, first: int, last: int) -> list[Mention]:
    """Counts of the names just listed (长沙、株洲、湘潭三市, 长株潭三市) and mergers (三园合并)."""
    found: list[Mention] = []
    text = index.text
    for m in _GROUP_COUNT.finditer(text, first, last):
        start = m.start()
        if start + 2 > last:
            continue
        if not (m.group("merger") or _names_counted(text[max(first, start - LIST_WINDOW):start],
                                                    CHINESE_DIGITS.get(m.group("gcore"), 10))):
            continue
        span = index.span(start, start + 2)
        found.append(Mention.spanning("figure", index.original[span.start:span.end], span,
                             index.span(start, start + 1)))
    return found


def _names_counted(before: str, count: int) -> bool:
    """Whether ``before`` ends in a list of ``count`` names (or a named group of that size)."""
    if any(before.endswith(group) and size == count for group, size in NAMED_GROUPS.items()):
        return True
    listed = _NAME_LIST.search(before)
    if listed is None:
        return False
    items = listed.group().count("、") + 1
    last_item = listed.group("last")
    if last_item.endswith("等"):
        return count >= items
    joined = len(last_item) > 1 and any(w in last_item[1:-1] for w in "和与及")
    return count == items or (joined and count == items + 1)


def scan_text(text: str) -> list[Mention]:
    """Every mention in ``text``; spans index into ``text``."""
    return scan(index_text(text))
