"""What each printed figure of facts.csv reads as, parsed once per corpus for every check that
needs it (the figure check compares the reading with the row; consistency builds intervals)."""

from __future__ import annotations

from validation.corpus import Corpus
from validation.numbers import Figure, FigureError, parse_figure


def read_figures(corpus: Corpus) -> dict[str, Figure | FigureError]:
    """Each distinct ``text`` of facts.csv and what it reads as, or why it cannot be read."""
    found: dict[str, Figure | FigureError] = {}
    if corpus.has_columns("facts", "text"):
        for text in corpus.tables["facts"].frame["text"]:
            if isinstance(text, str) and text and text not in found:
                try:
                    found[text] = parse_figure(text)
                except FigureError as exc:
                    found[text] = exc
    return found
