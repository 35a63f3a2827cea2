"""``dismissals.csv``: relations a page states that are deliberately not declared, each with its
reason."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from validation.schemas.base import field, has, row_check

#: The kinds of stated relation the miner finds (:data:`validation.miner.KINDS`).
RELATION_KINDS = ("parts", "share", "growth", "ratio", "subset", "repeat")


def fact_id_order(fact_id: str) -> tuple[int, str]:
    """Fact ids in numeric order: F9999 before F10000."""
    digits = fact_id[1:]
    return (int(digits) if digits.isdigit() else 0, fact_id)


class Dismissals(pa.DataFrameModel):
    """A relation the miner finds stated in a sentence (``relation-undeclared``) that is not
    declared in relations.csv, with the reason: the words do not state arithmetic (a list that
    nests, 50亿元以上 inside 2亿元以上), or the relation is declared in another form. A dismissal
    matching no stated relation fails as stale."""

    dismissal_id: Series[str] = field("Stable id: D and at least four digits.", pattern=r"^D\d{4,}$",
                                      unique=True, example="D0001")
    fact_ids: Series[str] = field("The facts of the stated relation, exactly as the finding lists "
                                  "them: '|'-separated, each once, in numeric order.",
                                  pattern=r"^F\d{4,}(\|F\d{4,})+$", example="F1005|F1006|F1007")
    kind: Series[str] = field("The kind of stated relation: parts (其中), share (占比), growth "
                              "(同比增长), ratio (翻番, 倍, 从…增至), subset (50亿元以上 among "
                              "2亿元以上), repeat (one figure printed twice).",
                              one_of=RELATION_KINDS)
    reason: Series[str] = field("Why the relation is not declared, in a sentence.")

    @row_check("fact-ids-unsorted", "fact_ids", "fact_ids must list each fact once, in numeric order")
    def fact_ids_sorted(cls, df: pd.DataFrame) -> pd.Series:
        if not has(df, "fact_ids"):
            return pd.Series(True, index=df.index)
        return pd.Series([not isinstance(cell, str) or _in_order(cell.split("|"))
                          for cell in df["fact_ids"]], index=df.index)


def _in_order(ids: list[str]) -> bool:
    return ids == sorted(set(ids), key=fact_id_order)
