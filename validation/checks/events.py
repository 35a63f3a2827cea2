"""Events: the date printed in ``text`` reads as the row's ``date``."""

from __future__ import annotations

import re

from validation.corpus import Corpus
from validation.dates import DateError, read_date
from validation.findings import Check, Finding
from validation.schemas.base import ISO_PERIOD_PATTERN

#: The checks this family reports.
CHECKS = (
    Check("event-date-unreadable",
          "An event's 'text' cannot be read as a date.",
          hint="'text' holds just the date as printed, e.g. 2024年1月11日, 2019年底, 12月3日"),
    Check("event-date-mismatch",
          "The date as printed is not the row's 'date'.",
          hint="set 'date' to what the printed date says, or correct 'text'"),
    Check("event-year-unexplained",
          "A date printed without a year has no note saying where the year comes from.",
          hint="say in 'note' where the year comes from"),
)

_PERIOD = re.compile(ISO_PERIOD_PATTERN)


def run(corpus: Corpus) -> list[Finding]:
    if not corpus.has_columns("events", "event_id", "article_id", "date", "text", "note"):
        return []
    events = corpus.tables["events"]
    years = corpus.model.published_years
    findings = []
    for index, row in events.rows():
        text, date = row["text"], row["date"]
        if not text:
            continue
        key, location = events.row_key(index), events.location(index)
        published = years.get(row["article_id"] or "")
        try:
            reading = read_date(text, published)
        except DateError as exc:
            findings.append(Finding(
                "event-date-unreadable", f"cannot read the date: {exc}", table="events", row=key,
                column="text", found=text, location=location,
                hint="'text' holds just the date as printed, e.g. 2024年1月11日, 2019年底, 12月3日"))
            continue
        if not date or not _PERIOD.match(date):
            continue  # reported by the schema
        if reading.year_printed:
            expected = reading.iso()
            how = f"{text!r} reads as {expected}"
        else:
            expected = reading.iso(int(date[:4]))
            how = f"{text!r} prints no year; with the row's year it reads as {expected}"
            if not row["note"]:
                findings.append(Finding(
                    "event-year-unexplained",
                    f"{text!r} prints no year, so the note must say where {date[:4]} comes from",
                    table="events", row=key, column="note", found="empty", location=location,
                    hint="e.g. 'Year from the article's publication date (2024-12).'"))
        if date != expected:
            findings.append(Finding(
                "event-date-mismatch", f"{how}, but the row's date is {date!r}", table="events",
                row=key, column="date", expected=expected, found=date, location=location,
                hint="set 'date' to what the printed date says, or correct 'text'"))
    return findings
