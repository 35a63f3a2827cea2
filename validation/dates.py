"""Read calendar dates as printed in Chinese news text into ISO 8601 (partial dates allowed).

``2024年1月11日`` is ``2024-01-11``; ``2023年10月`` is ``2023-10``; ``2017年`` is ``2017``.
Parts of a year or month narrow the date: ``2019年底`` / ``年末`` is ``2019-12``, ``年初`` is
``2019-01``, ``上半年`` is ``2026-01/2026-06``, ``下半年`` is ``2026-07/2026-12``; ``月底`` and
``月初`` keep the month. A year may be relative to the article's publication date: ``今年``,
``去年``, ``前年``, ``明年``. Where no year is printed (``12月3日``, ``当年8月29日``) the reading
has no year, and the row must supply one and say in its note where it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from validation.normalize import normalize

_CN_DIGIT = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
             "六": "6", "七": "7", "八": "8", "九": "9"}
RELATIVE_YEARS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
#: Words for a year whose value the text does not give (it comes from context).
CONTEXT_YEARS = ("当年", "同年")

#: Arabic numbers in ASCII digits only (full-width ones are folded to ASCII before matching):
#: ``²⁰²⁴年`` or Arabic-Indic ``٢٠٢٤年`` are not this date.
_DATE = re.compile(
    r"(?P<relative>今年|去年|前年|明年|当年|同年)?"
    r"(?:(?P<year>[0-9]{4}|[〇零一二三四五六七八九]{4})年)?"
    r"(?:(?P<month>[0-9]{1,2})月(?:(?P<day>[0-9]{1,2})日)?)?"
    r"(?P<part>上半年|下半年|底|末|初)?"
)


class DateError(ValueError):
    """The text is not a date this reader understands; the message says why."""


@dataclass(frozen=True)
class DateReading:
    """A printed date: ``iso`` without the year where none is printed (``--12-03``)."""

    year: int | None
    month: int | None
    day: int | None
    part: str  # "", or one of 上半年, 下半年, 底, 末, 初
    relative: str  # "", or the relative-year word printed (今年, 去年, 当年, ...)

    @property
    def year_printed(self) -> bool:
        return self.year is not None and self.relative in ("", *RELATIVE_YEARS)

    def iso(self, year: int | None = None) -> str:
        """ISO 8601 form, taking ``year`` where the text gives none."""
        y = self.year if self.year is not None else year
        if y is None:
            raise DateError("the printed date has no year; one must be supplied")
        if self.month is None:
            if self.part == "上半年":
                return f"{y:04d}-01/{y:04d}-06"
            if self.part == "下半年":
                return f"{y:04d}-07/{y:04d}-12"
            if self.part in ("底", "末"):
                return f"{y:04d}-12"
            if self.part == "初":
                return f"{y:04d}-01"
            return f"{y:04d}"
        if self.day is None:
            return f"{y:04d}-{self.month:02d}"
        return f"{y:04d}-{self.month:02d}-{self.day:02d}"


def read_date(text: str, published_year: int | None = None) -> DateReading:
    """Read ``text`` (a date and nothing else); relative years resolve against ``published_year``."""
    s = normalize(text)
    m = _DATE.fullmatch(s)
    if not s or not m or not (m.group("year") or m.group("month") or m.group("relative")):
        raise DateError(f"{text!r} is not a date such as 2024年1月11日, 2019年底 or 12月3日")
    relative = m.group("relative") or ""
    if relative and m.group("year"):
        raise DateError(f"{text!r} prints both {relative} and a year")
    year: int | None = None
    if m.group("year"):
        year = int("".join(_CN_DIGIT.get(ch, ch) for ch in m.group("year")))
    elif relative in RELATIVE_YEARS:
        if published_year is None:
            raise DateError(f"{relative} in {text!r} needs the article's publication year")
        year = published_year + RELATIVE_YEARS[relative]
    month = int(m.group("month")) if m.group("month") else None
    day = int(m.group("day")) if m.group("day") else None
    part = m.group("part") or ""
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{text!r} has month {month}")
    if day is not None and not 1 <= day <= 31:
        raise DateError(f"{text!r} has day {day}")
    if month is not None and part in ("上半年", "下半年"):
        raise DateError(f"{text!r} puts {part} after a month")
    if year is None and month is None and part:
        raise DateError(f"{text!r} has {part} without a year or month")
    return DateReading(year, month, day, part, relative)
