"""``pages.csv``: the seed pages, one row per file in ``seeds/``."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from validation.schemas.base import SHA256_PATTERN, field


def is_bare_file_name(name: str) -> bool:
    """A name that stays inside ``seeds/``: no directory part, not hidden, no traversal."""
    return bool(name) and "/" not in name and "\\" not in name and "\x00" not in name \
        and not name.startswith(".")


class Pages(pa.DataFrameModel):
    """One row per seed page. A page whose bytes change no longer matches its ``sha256``."""

    file: Series[str] = field("File name of the page inside seeds/ (no directory part).",
                              unique=True, example="001_888f096fff14ae58.txt")
    sha256: Series[str] = field("SHA-256 of the file's bytes, lower-case hex.", pattern=SHA256_PATTERN)
    description: Series[str] = field("What the page is: paper, section, main subject (English).")

    @pa.check("file", element_wise=True, name="unsafe-file-name",
              description="a seed file name must be a bare name inside seeds/ (no '/', '\\' or "
                          "leading '.')")
    def file_is_bare_name(cls, name: str) -> bool:
        return is_bare_file_name(name)
