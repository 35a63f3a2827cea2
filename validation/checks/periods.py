"""Periods: words that date a figure relative to the page (今年, 去年, 近三年, 目前) are resolved
into the fact's ``period`` and the resolution is explained in its note."""

from __future__ import annotations

from validation.corpus import Corpus
from validation.dates import RELATIVE_YEARS
from validation.findings import Check, Finding
from validation.normalize import normalize
from validation.periods import PeriodError, parse_period

#: The checks this family reports.
CHECKS = (
    Check("period-unexplained",
          ("A fact's quote dates it relative to the page (今年, 近三年, 目前) and its note does not say how"
           " that was resolved."),
          hint="say in 'note' how the period was resolved, e.g. '去年 (last year): 2025'"),
    Check("period-mismatch-relative",
          ("A fact's quote says 今年 / 去年 / 前年 / 明年 and its period is not that year counted from the "
           "publication date."),
          hint="resolve the relative year against the block's 'published' date"),
)

#: Words that place a figure in time relative to the page it is printed on.
RELATIVE_TIME_WORDS = (*RELATIVE_YEARS, "当年", "年内", "目前", "如今", "近年", "年来", "以来",
                       "近三年", "近两年", "近五年", "过去一年", "一年来")


def run(corpus: Corpus) -> list[Finding]:
    if not corpus.has_columns("facts", "fact_id", "article_id", "quote", "period", "note"):
        return []
    facts = corpus.tables["facts"]
    years = corpus.model.published_years
    findings = []
    for index, row in facts.rows():
        quote = normalize(row["quote"] or "")
        words = [w for w in RELATIVE_TIME_WORDS if w in quote]
        if not words:
            continue
        key, location = facts.row_key(index), facts.location(index)
        if not row["note"]:
            findings.append(Finding(
                "period-unexplained",
                f"the quote dates the figure with {'、'.join(words)}, but the note does not say how "
                "that was resolved", table="facts", row=key, column="note", found="empty",
                location=location,
                hint="e.g. '去年 (last year): 2025, the page being published in 2026.'"))
        relative = [w for w in RELATIVE_YEARS if w in quote]
        published = years.get(row["article_id"] or "")
        if len(relative) != 1 or published is None or not row["period"]:
            continue
        year = published + RELATIVE_YEARS[relative[0]]
        try:
            start, end = parse_period(row["period"])
        except PeriodError:
            continue  # reported by the schema
        if start.year != year or end.year != year:
            findings.append(Finding(
                "period-mismatch-relative",
                f"the quote says {relative[0]}, which on a page published in {published} is {year}, "
                f"but the period is {row['period']}", table="facts", row=key, column="period",
                expected=f"{year} or a part of it", found=row["period"], location=location,
                hint="resolve the relative year against the block's 'published' date"))
    return findings
