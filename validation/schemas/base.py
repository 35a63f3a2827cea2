"""Building blocks the table schemas are written with.

Every cell is kept as text, exactly as written in the CSV. Formats (ids, numbers, dates) are
checked with patterns; typed values are parsed exactly (``Decimal``) by the checks that use them.
This keeps ``96.92`` exact and rejects ``nan``, ``1e3`` or ``true``-ish spellings that a
coercion would silently accept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pandera.pandas as pa

from validation.normalize import normalize
from validation.numbers import BOUNDS

DECIMAL_PATTERN = r"^-?(0|[1-9]\d*)(\.\d+)?$"
POSITIVE_INT_PATTERN = r"^[1-9]\d*$"
SLUG_PATTERN = r"^[a-z][a-z0-9_]*$"
ISO_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ISO_PERIOD_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"

KINDS = ("article", "fragment", "caption", "advert", "other")
ENTITY_TYPES = ("region", "zone", "government", "organisation", "company", "exchange", "fund",
                "facility", "project", "platform", "product", "person", "other")
STATUSES = ("actual", "estimate", "target", "plan")
#: Why a numeric mention is not a fact (exclusions.csv ``category``).
EXCLUSION_CATEGORIES = ("indefinite", "idiom", "name", "ordinal", "time", "threshold", "furniture")
BOUND_VALUES = BOUNDS
BOOLEANS = ("true", "false")

#: Column a row-wise check's findings are reported against, by check id.
ROW_CHECK_COLUMNS: dict[str, str] = {}


def field(description: str, *, required: bool = True, pattern: str | None = None,
          one_of: tuple[str, ...] | None = None, unique: bool = False, references: str | None = None,
          example: str | None = None) -> Any:
    """A text column: its meaning, whether it may be empty, its format and what it refers to."""
    metadata: dict[str, str] = {}
    if references:
        metadata["references"] = references
    if example:
        metadata["example"] = example
    kwargs: dict[str, Any] = {}
    if pattern:
        kwargs["str_matches"] = whole_cell(pattern)
    if one_of:
        kwargs["isin"] = list(one_of)
    return pa.Field(description=description, nullable=not required, unique=unique,
                    metadata=metadata or None, **kwargs)


def whole_cell(pattern: str) -> str:
    r"""``^...$`` as a pattern that must match the whole cell: ``$`` also matches before a final
    line break, so ``count\n`` would pass ``^[a-z]+$``; ``\Z`` matches only at the very end."""
    return pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith(r"\$") else pattern


def row_check(check_id: str, column: str, description: str) -> Callable[[Any], Any]:
    """Declare a check across the columns of each row; findings are reported on ``column``."""
    ROW_CHECK_COLUMNS[check_id] = column
    return pa.dataframe_check(name=check_id, description=description)


def has(frame: Any, *columns: str) -> bool:
    """True when ``frame`` has every column (row checks pass vacuously on a missing column,
    which is reported once as ``missing-column`` instead)."""
    return all(c in frame.columns for c in columns)


def text_inside_quote(df: pd.DataFrame) -> pd.Series:
    """Row by row: the printed ``text`` appears inside ``quote`` (in matching form)."""
    if not has(df, "text", "quote"):
        return pd.Series(True, index=df.index)
    return pd.Series([not isinstance(t, str) or not isinstance(q, str) or normalize(t) in normalize(q)
                      for t, q in zip(df["text"], df["quote"], strict=True)], index=df.index)


def article_field() -> Any:
    """``article_id`` of a row that quotes a page."""
    return field("The block the quote is printed in.", references="articles.article_id")


def occurrence_field() -> Any:
    """``occurrence`` of a row that quotes a page."""
    return field("Which occurrence of the quote in its article is meant; only where the quote is "
                 "printed more than once there.", required=False, pattern=POSITIVE_INT_PATTERN)
