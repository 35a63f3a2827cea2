"""Figures highlighted in place: marks over an article's text, laid out as properly nested HTML.

Each row that prints a figure or date gets exactly one mark, even where two rows print the same
characters (one 第一 ranking two things): such marks nest. A mark that would cross another is
shortened to end where the enclosing one ends, so the HTML stays well formed and the text is
never repeated or lost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup, escape

#: What a mark stands for, in the order marks of the same span nest (outermost first): a
#: fact's figure, an event's date, an excluded number, a date that is the period of a fact
#: quoting it, and a mention nothing covers.
MARK_KINDS = ("fact", "event", "exclusion", "period", "uncovered")


@dataclass(frozen=True)
class Mark:
    """A highlight over ``text[start:end]``: what it is, the row it stands for, its tooltip,
    its anchor, and the rows it is about without standing for them (the facts a period date
    belongs to)."""

    start: int
    end: int
    kind: str
    ref: str = ""  # "facts/F0001"; empty for a mention no row stands for
    failing: bool = False
    title: str = ""
    anchor: str = ""  # the element's id when it has no ref (``mention_anchor``)
    related: tuple[str, ...] = ()  # refs of the facts whose period this date is

    @property
    def id(self) -> str:
        return mark_anchor(self.ref) if self.ref else self.anchor

    @property
    def classes(self) -> str:
        return f"hl {self.kind}" + (" failing" if self.failing else "")


@dataclass(frozen=True)
class Piece:
    """One step of a laid-out text: a run of text, or a mark opening or closing."""

    text: str = ""
    opens: Mark | None = None
    closes: bool = False


def lay_out(text: str, marks: list[Mark]) -> list[Piece]:
    """``text`` with ``marks`` opened and closed in a properly nested order."""
    order = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)),
                   key=lambda m: (m.start, -m.end, MARK_KINDS.index(m.kind) if m.kind in MARK_KINDS
                                  else len(MARK_KINDS)))
    pieces: list[Piece] = []
    open_ends: list[int] = []
    position = 0

    def advance(to: int) -> None:
        nonlocal position
        if to > position:
            pieces.append(Piece(text=text[position:to]))
            position = to

    for mark in order:
        while open_ends and open_ends[-1] <= mark.start:
            advance(open_ends.pop())
            pieces.append(Piece(closes=True))
        advance(mark.start)
        end = min(mark.end, open_ends[-1]) if open_ends else mark.end
        pieces.append(Piece(opens=mark))
        open_ends.append(end)
    while open_ends:
        advance(open_ends.pop())
        pieces.append(Piece(closes=True))
    advance(len(text))
    return pieces


def mark_anchor(ref: str) -> str:
    """The id of the mark standing for ``ref`` ("facts/F0001" gives "mark-facts-F0001"), made
    like the id of the row's own element (``model.row_anchor``)."""
    return "mark-" + ref.replace("/", "-").replace(" ", "_")


def mention_anchor(article_id: str, start: int, end: int) -> str:
    """The id of the mark of a mention no row stands for (an uncovered number, a period date):
    its article and its characters within the article's text."""
    return f"mention-{article_id}-{start}-{end}".replace("/", "-").replace(" ", "_")


def to_html(pieces: list[Piece]) -> Markup:
    """The laid-out text as HTML: every character escaped, each mark a ``<mark>`` element."""
    out: list[str] = []
    for piece in pieces:
        if piece.opens is not None:
            m = piece.opens
            anchor = f' id="{escape(m.id)}"' if m.id else ""
            related = f' data-period-of="{escape(json.dumps(m.related))}"' if m.related else ""
            out.append(f'<mark class="{m.classes}"{anchor} data-ref="{escape(m.ref)}"{related} '
                       f'title="{escape(m.title)}" tabindex="0">')
        elif piece.closes:
            out.append("</mark>")
        else:
            out.append(str(escape(piece.text)))
    return Markup("".join(out))
