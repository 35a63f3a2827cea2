"""``conflicts.csv``: contradictions between the pages, recorded instead of hidden."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from validation.schemas.base import field


class Conflicts(pa.DataFrameModel):
    """Facts the sources state incompatibly. A violated agreement, series or relation whose facts
    are exactly these is reported as a known conflict instead of failing; a conflict that
    matches no violation exactly fails as stale."""

    conflict_id: Series[str] = field("Stable id: C and at least four digits.", pattern=r"^C\d{4,}$",
                                     unique=True, example="C0001")
    fact_ids: Series[str] = field("The facts in conflict, '|'-separated.",
                                  pattern=r"^F\d{4,}(\|F\d{4,})+$", example="F0004|F2011")
    description: Series[str] = field("What the pages say, and why they cannot both be right.")
    preferred: Series[str] = field("The fact the dataset trusts, one of fact_ids; empty when "
                                   "none can be preferred.", required=False, pattern=r"^F\d{4,}$")
