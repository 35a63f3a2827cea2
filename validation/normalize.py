"""Matching form of text: width folded, whitespace removed, with a map back to the original.

Seed pages come from newspaper columns: sentences break across lines and the pages mix
full-width and half-width forms (``，`` and ``,``, ``３`` and ``3``). Quotes are therefore
compared in a matching form that folds exactly two things:

* width: every character whose Unicode decomposition is tagged ``<wide>`` or ``<narrow>``
  becomes the one character it decomposes to (``Ａ`` -> ``A``, ``（`` -> ``(``, ``￥`` -> ``¥``,
  ``ｶ`` -> ``カ``; a half-width voiced mark stays a separate mark, nothing is composed);
* whitespace: every character for which :meth:`str.isspace` is true is dropped (including
  U+3000 ideographic space).

Nothing else folds: superscripts, subscripts, circled digits, fractions, squared units,
ligatures, ``…``, Roman numerals and compatibility ideographs are compared as printed, because
a verbatim quote must hold the printed characters and a look-alike digit is a different figure.
The fold maps one character to at most one character, so ``normalize(a + b) == normalize(a) +
normalize(b)``, and every match maps back to an exact span of the original text, reported as
``file:line:column``.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import cache

__all__ = ["NormalizedText", "Span", "index_text", "line_column", "line_starts", "normalize",
           "occurrences"]

_WIDTH_TAGS = ("<wide>", "<narrow>")


@cache
def _fold_table() -> dict[int, int | None]:
    """The ``str.translate`` table of the matching form: width forms to their ordinary character,
    whitespace to nothing. Built once, on first use, from :mod:`unicodedata` over the BMP (all
    width forms and all whitespace characters are in the BMP), in about 10 ms."""
    bmp = "".join(map(chr, itertools.chain(range(0xD800), range(0xE000, 0x10000))))
    decompositions = list(map(unicodedata.decomposition, bmp))
    table: dict[int, int | None] = {}
    for i in itertools.compress(range(len(bmp)), decompositions):  # the non-empty ones
        tag, _, target = decompositions[i].partition(" ")
        if tag in _WIDTH_TAGS:  # always exactly one code point
            table[ord(bmp[i])] = None if chr(int(target, 16)).isspace() else int(target, 16)
    for ch in re.findall(r"\s", bmp):  # re's \s is str.isspace
        table[ord(ch)] = None
    return table


# Not frozen, to be created five times faster (millions are); never changed once made.
@dataclass(slots=True, unsafe_hash=True)
class Span:
    """A half-open character range ``[start, end)`` of an original text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """``text`` is the matching form of ``original``.

    Each character of ``text`` comes from exactly one character of ``original``; the fold maps
    one character to one, and only whitespace is dropped, so matching character ``i`` sits at
    ``i`` plus the number of characters dropped before it (:meth:`original_offset`). That
    number changes only where whitespace was dropped (a line break, a space), so it is kept
    once per gap: ``gap_starts[k]`` is the first matching character after the k-th gap and
    ``gap_shifts[k]`` the characters dropped before it, a few hundred numbers for a page
    instead of one per character.
    """

    original: str
    text: str
    gap_starts: array[int] = field(compare=False, repr=False)
    gap_shifts: array[int] = field(compare=False, repr=False)
    #: ``gap_starts[k] + gap_shifts[k]``: where each run of kept characters starts in ``original``.
    gap_originals: array[int] = field(compare=False, repr=False)

    def original_offset(self, i: int) -> int:
        """Offset in ``original`` of matching character ``i`` (``0 <= i < len(text)``)."""
        k = bisect.bisect_right(self.gap_starts, i) - 1
        return i + self.gap_shifts[k]

    def span(self, first: int, last: int) -> Span:
        """Original span of the matching characters ``[first, last)`` (``first < last``)."""
        starts, shifts = self.gap_starts, self.gap_shifts  # original_offset, inlined: per match
        return Span(first + shifts[bisect.bisect_right(starts, first) - 1],
                    last + shifts[bisect.bisect_right(starts, last - 1) - 1])

    def bounds(self, first: int, last: int) -> tuple[int, int]:
        """:meth:`span` as two numbers, for callers that keep numbers, not spans."""
        starts, shifts = self.gap_starts, self.gap_shifts
        return (first + shifts[bisect.bisect_right(starts, first) - 1],
                last + shifts[bisect.bisect_right(starts, last - 1) - 1])

    def offset(self, original_offset: int) -> int:
        """Index into ``text`` of the first character at or after ``original_offset``."""
        k = bisect.bisect_right(self.gap_originals, original_offset) - 1
        if k < 0:
            return 0
        end = self.gap_starts[k + 1] if k + 1 < len(self.gap_starts) else len(self.text)
        return min(original_offset - self.gap_shifts[k], end)

    def find_all(self, needle: str, within: Span | None = None) -> list[Span]:
        """Every original span whose matching form equals ``normalize(needle)``, in order;
        only those inside the original span ``within`` when it is given (searched there alone)."""
        target = normalize(needle)
        if not target:
            return []
        first, last = (0, len(self.text)) if within is None else (
            self.offset(within.start), self.offset(within.end))
        starts, shifts, size = self.gap_starts, self.gap_shifts, len(target)
        spans: list[Span] = []
        for pos in self.positions(target, first, last):
            end = pos + size - 1  # self.span(pos, pos + size), without its calls: per match
            spans.append(Span(pos + shifts[bisect.bisect_right(starts, pos) - 1],
                              end + shifts[bisect.bisect_right(starts, end) - 1] + 1))
        return spans

    def positions(self, target: str, first: int, last: int) -> list[int]:
        """Where the non-empty matching-form ``target`` starts in ``text[first:last]`` (matches
        may overlap), as offsets into ``text``."""
        return occurrences(self.text, target, first, last)


def occurrences(text: str, target: str, first: int = 0, last: int | None = None) -> list[int]:
    """Where the non-empty ``target`` starts in ``text[first:last]``, overlapping matches too."""
    end = len(text) if last is None else last
    found = []
    pos = text.find(target, first, end)
    while pos != -1:
        found.append(pos)
        pos = text.find(target, pos + 1, end)
    return found


def index_text(original: str) -> NormalizedText:
    """Normalise ``original`` and keep where each run of dropped whitespace was: the whitespace
    goes in one :meth:`str.split`, the width forms in one regular-expression pass over what is
    left (twice as fast as :meth:`str.translate` on a page, whose every character it looks up;
    the characters the matching form drops are exactly those :meth:`str.isspace` holds), and
    the gaps are found in one pass over the whitespace, so nothing loops over the characters in
    Python."""
    if _foldable().search(original) is None:  # already in matching form: nothing to map
        return NormalizedText(original, original, array("q", [0]), array("q", [0]), array("q", [0]))
    widths, folded = _widths()
    text = widths.sub(lambda m: folded[m.group()], "".join(original.split()))
    gap_starts, gap_shifts = array("q", [0]), array("q", [0])
    dropped = 0
    for run in _dropped().finditer(original):
        dropped += run.end() - run.start()
        kept_before = run.end() - dropped  # the matching character right after the run
        if kept_before == 0:
            gap_shifts[0] = dropped  # the text starts with whitespace
        else:
            gap_starts.append(kept_before)
            gap_shifts.append(dropped)
    gap_originals = array("q", (start + shift for start, shift in zip(gap_starts, gap_shifts,
                                                                        strict=True)))
    return NormalizedText(original, text, gap_starts, gap_shifts, gap_originals)


@cache
def _foldable() -> re.Pattern[str]:
    """Any character the matching form changes or drops: most quotes hold none, and a search
    for one is much cheaper than translating them."""
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_fold_table())) + "]")


@cache
def _widths() -> tuple[re.Pattern[str], dict[str, str]]:
    """The width forms the matching form folds, and what each becomes."""
    folded = {chr(code): chr(to) for code, to in _fold_table().items() if to is not None}
    return re.compile("[" + "".join(map(re.escape, folded)) + "]"), folded


@cache
def _dropped() -> re.Pattern[str]:
    """Runs of the characters the matching form drops (whitespace, and width forms of it)."""
    codes = sorted(code for code, to in _fold_table().items() if to is None)
    return re.compile("[" + "".join(re.escape(chr(code)) for code in codes) + "]+")


def normalize(text: str) -> str:
    """The matching form of ``text``: width forms folded, all whitespace removed."""
    return text if _foldable().search(text) is None else text.translate(_fold_table())


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of ``text`` begins (lines split on ``\\n``)."""
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def line_column(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset``, given ``line_starts``."""
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1
