"""Matching form of text: Unicode NFKC without whitespace, with a map back to the original.

Seed pages come from newspaper columns: sentences break across lines and the pages mix
full-width and half-width punctuation (``，`` and ``,``). Quotes are therefore compared in a
normalised form, and every match is mapped back to an exact span of the original text so it
can be reported as ``file:line:column``.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

__all__ = ["NormalizedText", "Span", "index_text", "line_column", "line_starts", "normalize"]


def _never_interacts(ch: str) -> bool:
    """True for characters that NFKC leaves alone and that never compose with a predecessor."""
    return (ch.isascii() and not ch.isspace()) or "\u4e00" <= ch <= "\u9fff"


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of an original text."""

    start: int
    end: int


@dataclass(frozen=True)
class NormalizedText:
    """``text`` is the matching form of ``original``; each of its characters maps back to a span.

    ``starts[i]``/``ends[i]`` give the original span of the cluster that produced normalised
    character ``i``; ``cluster_start[i]``/``cluster_end[i]`` say whether a match may begin or
    end there (a match must not split a cluster, e.g. ``㎡`` becoming ``m2``).
    """

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    cluster_start: tuple[bool, ...]
    cluster_end: tuple[bool, ...]

    def find_all(self, needle: str) -> list[Span]:
        """Every original span whose matching form equals ``normalize(needle)``, in order."""
        target = normalize(needle)
        if not target:
            return []
        spans: list[Span] = []
        pos = self.text.find(target)
        while pos != -1:
            last = pos + len(target) - 1
            if self.cluster_start[pos] and self.cluster_end[last]:
                spans.append(Span(self.starts[pos], self.ends[last]))
            pos = self.text.find(target, pos + 1)
        return spans


@cache
def _independent(previous: str, ch: str) -> bool:
    """True when ``ch`` normalises the same with or without ``previous`` before it."""
    return _nfkc(previous + ch) == _nfkc(previous) + _nfkc(ch)


@cache
def _matching_form(raw: str) -> tuple[str, bool]:
    """NFKC of a cluster without whitespace, and whether NFKC itself produced whitespace."""
    if len(raw) == 1 and _never_interacts(raw):
        return raw, False
    normal = _nfkc(raw)
    kept = "".join(c for c in normal if not c.isspace())
    return kept, len(kept) != len(normal)


def _one_pass(chars: list[tuple[str, int, int]]) -> tuple[list[tuple[str, int, int, bool, bool]], bool]:
    """Cluster, NFKC each cluster, drop whitespace. Returns (char, start, end, opens, closes)
    per output character, and whether NFKC emitted whitespace (so another pass may change more)."""
    clusters: list[list[tuple[str, int, int]]] = []
    for item in chars:
        ch, start, _ = item
        if clusters:
            last = clusters[-1]
            if start < last[-1][2]:
                last.append(item)  # produced by one earlier cluster: keep it whole
                continue
            if not _never_interacts(ch) and not _independent("".join(c for c, _, _ in last), ch):
                last.append(item)
                continue
        clusters.append([item])
    out: list[tuple[str, int, int, bool, bool]] = []
    emitted_space = False
    for cluster in clusters:
        start, end = cluster[0][1], cluster[-1][2]
        produced, spaced = _matching_form("".join(c for c, _, _ in cluster))
        emitted_space = emitted_space or spaced
        last_index = len(produced) - 1
        for i, c in enumerate(produced):
            out.append((c, start, end, i == 0, i == last_index))
    return out, emitted_space


@lru_cache(maxsize=64)
def index_text(original: str) -> NormalizedText:
    """Normalise ``original`` and keep, for each normalised character, where it came from."""
    chars = [(ch, i, i + 1) for i, ch in enumerate(original) if not ch.isspace()]
    result, emitted_space = _one_pass(chars)
    # NFKC can emit spaces (e.g. "¨" -> " ̈"); once they are dropped, neighbours may compose.
    # Repeat until the text no longer changes, so that normalisation is idempotent.
    while emitted_space:
        again, emitted_space = _one_pass([(c, s, e) for c, s, e, _, _ in result])
        if [c for c, *_ in again] == [c for c, *_ in result]:
            break
        result = again
    return NormalizedText(
        original=original,
        text="".join(c for c, *_ in result),
        starts=tuple(s for _, s, _, _, _ in result),
        ends=tuple(e for _, _, e, _, _ in result),
        cluster_start=tuple(o for *_, o, _ in result),
        cluster_end=tuple(c for *_, c in result),
    )


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """The matching form of ``text``: NFKC with all whitespace removed."""
    if all(_never_interacts(ch) for ch in text):
        return text
    return index_text.__wrapped__(text).text  # short strings: keep them out of the page cache


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
