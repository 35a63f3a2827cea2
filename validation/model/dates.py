"""When each block was published, as far as its ``published`` cell can be read."""

from __future__ import annotations

from datetime import date

from validation.corpus import Corpus
from validation.periods import is_partial_date, parse_partial_date


def read_publication_dates(corpus: Corpus) -> dict[str, date]:
    """The last day each block's ``published`` date covers, where it is readable."""
    if not corpus.has_columns("articles", "article_id", "published"):
        return {}
    frame = corpus.tables["articles"].frame
    found = {}
    for article, text in zip(frame["article_id"], frame["published"], strict=True):
        if isinstance(article, str) and isinstance(text, str) and is_partial_date(text):
            found[article] = parse_partial_date(text)[1]
    return found
