"""Strings from the tables and seeds shown safely at a terminal: a cell may hold control
characters (ESC starts an ANSI sequence that can recolour, move the cursor or retitle the user's
terminal; CR and BS overwrite what was printed; a line break forges a line of output). Every text
renderer passes what it prints through :func:`visible` or :func:`join_lines`."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: DEL, C1 controls and the bidirectional overrides (which make a line display in another order
#: than it reads): with the C0 controls, what a cell may not hold and output never shows raw.
INVISIBLE = "\x7f-\x9f\u202a-\u202e\u2066-\u2069"
#: Every character a terminal may act on rather than show.
CONTROL = re.compile(f"[\x00-\x1f{INVISIBLE}]")
#: How the common ones are shown; any other as ``\xNN``.
NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _show(match: re.Match[str]) -> str:
    char = match.group()
    return NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def visible(text: str) -> str:
    """``text`` with every control character (line breaks included) written out as an escape,
    ``\\x1b``, ``\\r``, ``\\n``: safe to print, and on one line."""
    return CONTROL.sub(_show, text)


def join_lines(lines: Iterable[str]) -> str:
    """Lines of output joined by line breaks, each made :func:`visible`: the only control
    characters in the result are the line breaks the renderer put between its lines."""
    return "\n".join(visible(line) for line in lines)


#: DEL, C1 controls and bidirectional overrides, which ``json.dumps(..., ensure_ascii=False)`` leaves raw.
_RAW_IN_JSON = re.compile(f"[{INVISIBLE}]")


def json_text(text: str) -> str:
    """JSON text with DEL, C1 controls and bidirectional overrides written as ``\\uXXXX``
    escapes. ``json.dumps`` already escapes C0 controls; these can only stand inside strings, so
    the value read back is the same, but the text no longer holds a raw 8-bit CSI (U+009B) for a
    terminal to act on, nor an override (U+202E) that reorders what a reader sees."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
