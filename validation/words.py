"""Counts and sizes as the report's outputs print them: "1 row", "2 rows", "812 bytes", "1.4 KiB"."""

from __future__ import annotations


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``count`` and the noun agreeing with it: ``plural(1, "row")`` is "1 row",
    ``plural(0, "row")`` "0 rows"; irregular plurals are given (``plural(2, "entry", "entries")``)."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def noun(count: int, singular: str, many: str | None = None) -> str:
    """The noun alone, agreeing with ``count``."""
    return singular if count == 1 else (many or singular + "s")


def file_size(size: int) -> str:
    """A file's size for a person: bytes below 1 KiB, then KiB or MiB, with one decimal below 10
    ("812 bytes", "1.4 KiB", "865 KiB", "2.3 MiB")."""
    if size < 1024:
        return plural(size, "byte")
    for unit, scale in (("KiB", 1024), ("MiB", 1024**2), ("GiB", 1024**3)):
        value = size / scale
        if value < 1024 or unit == "GiB":
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover
