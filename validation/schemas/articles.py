"""``articles.csv``: the blocks of each page (articles, fragments, captions, adverts)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from validation.periods import is_partial_date
from validation.schemas.base import ISO_DATE_PATTERN, KINDS, POSITIVE_INT_PATTERN, field, has, row_check


class Articles(pa.DataFrameModel):
    """A block is a run of lines of one page; the blocks of a page cover its text exactly once."""

    article_id: Series[str] = field("Block id: A, the page number, '-', the block number.",
                                    pattern=r"^A\d+-\d+$", unique=True, example="A001-03")
    file: Series[str] = field("The page the block is printed on.", references="pages.file")
    line_start: Series[str] = field("First line of the block (1-based).", pattern=POSITIVE_INT_PATTERN)
    line_end: Series[str] = field("Last line of the block (1-based, inclusive).",
                                  pattern=POSITIVE_INT_PATTERN)
    kind: Series[str] = field("article, fragment (continues another block), caption, advert or other.",
                              one_of=KINDS)
    title: Series[str] = field("Headline as printed; required for kind 'article'.", required=False)
    byline: Series[str] = field("Authors as printed; empty where none.", required=False)
    published: Series[str] = field("Publication date, ISO 8601, as precise as the text allows.",
                                   pattern=ISO_DATE_PATTERN, example="2024-01")
    published_quote: Series[str] = field("Verbatim words on the page that justify 'published'.")
    continues: Series[str] = field("For a fragment: the block whose text it continues, where "
                                   "printed in the corpus.", required=False,
                                   references="articles.article_id")
    note: Series[str] = field("How the date was inferred, layout remarks.", required=False)

    @pa.check("published", element_wise=True, name="invalid-date",
              description="'published' must be a real calendar date (YYYY, YYYY-MM or YYYY-MM-DD)")
    def published_is_a_date(cls, value: str) -> bool:
        return is_partial_date(value)

    @row_check("line-range-reversed", "line_end", "line_end must not come before line_start")
    def lines_in_order(cls, df: pd.DataFrame) -> pd.Series:
        if not has(df, "line_start", "line_end"):
            return pd.Series(True, index=df.index)
        start = pd.to_numeric(df["line_start"], errors="coerce")
        end = pd.to_numeric(df["line_end"], errors="coerce")
        return ~(end < start)

    @row_check("missing-title", "title", "a block of kind 'article' needs its headline in 'title'")
    def articles_have_titles(cls, df: pd.DataFrame) -> pd.Series:
        if not has(df, "kind", "title"):
            return pd.Series(True, index=df.index)
        return ~((df["kind"] == "article") & df["title"].isna())
