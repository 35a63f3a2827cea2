"""Every check id the validator can report, with the family it belongs to and what it means."""

from __future__ import annotations

CHECKS: dict[str, tuple[str, str]] = {
    # load: the CSV files themselves
    "csv-bom": ("load", "A table starts with a UTF-8 byte-order mark."),
    "csv-line-endings": ("load", "A table has CRLF or CR line ends instead of LF."),
    "csv-blank-row": ("load", "A table has a blank line between rows."),
    "csv-malformed-row": ("load", "A row has more or fewer cells than the header."),
    "csv-not-sorted": ("load", "Rows are not sorted by their id."),
    "missing-column": ("load", "A column of the table is absent from the header."),
    "unknown-column": ("load", "The header has a column the table does not define."),
    "not-a-regular-file": ("load", ("A table or seed is a symbolic link, a folder, a FIFO or a "
                                    "device; it is never read through.")),
    "control-character": ("load", ("A cell holds a control character (C0 other than tab and line "
                                   "feed, DEL, C1) or a bidirectional override.")),
    "cell-too-long": ("load", "A cell is longer than 131,072 characters (usually an unclosed quote)."),
    # schema: each table on its own (pandera)
    "missing-value": ("schema", "A required cell is empty."),
    "invalid-format": ("schema", "A cell does not match its column's format (id, number, date)."),
    "invalid-value": ("schema", "A cell is not one of its column's allowed values."),
    "duplicate-key": ("schema", "Two rows share an id."),
    "invalid-date": ("schema", "'published' is not a real calendar date."),
    "invalid-period": ("schema", "'period' is not a real date or a well-ordered interval."),
    "unsafe-file-name": ("schema", "A page file name has a directory part or is hidden."),
    "line-range-reversed": ("schema", "An article's line_end comes before its line_start."),
    "missing-title": ("schema", "A block of kind 'article' has no title."),
    "figure-not-in-quote": ("schema", "A row's printed figure or date ('text') is not inside its quote."),
    "fact-ids-unsorted": ("schema", "A dismissal's fact_ids are not each listed once, in numeric order."),
    # references: across tables
    "dangling-reference": ("references", "A row cites an id that does not exist."),
    "unknown-unit": ("references", "A fact's unit is not listed in units.csv."),
    "unit-dimension-mismatch": ("references", "A fact's unit does not measure its metric's dimension."),
    "base-unit-undefined": ("references", "A unit's base unit has no row of its own with factor 1."),
    "dimension-undeclared": ("references", ("A metric's dimension is not declared: no row of "
                                            "units.csv has it.")),
    "dimension-base-units": ("references", ("A dimension other than count has more than one base "
                                            "unit (a currency without its rate).")),
    "entity-parent-cycle": ("references", "An entity is its own ancestor through parent_id."),
    # pages: the seeds
    "seed-missing": ("pages", "A page listed in pages.csv is not in seeds/."),
    "seed-unregistered": ("pages", "A file in seeds/ has no row in pages.csv."),
    "page-checksum-mismatch": ("pages", "A page's bytes no longer match its recorded sha256."),
    "seed-not-utf8": ("pages", "A page is not UTF-8 text."),
    # layout: blocks of each page
    "line-range-outside-page": ("layout", "A block's lines run past the end of its page."),
    "block-overlap": ("layout", "Two blocks of a page share lines."),
    "line-not-covered": ("layout", "Non-blank lines of a page belong to no block."),
    # traceability: words found where they are cited
    "quote-not-in-article": ("traceability", ("A fact's, event's or exclusion's quote is not printed "
                                              "in its cited article.")),
    "quote-ambiguous": ("traceability", ("A quote is printed more than once in its article and "
                                         "no occurrence is given.")),
    "occurrence-out-of-range": ("traceability", "The occurrence asked for does not exist."),
    "figure-ambiguous-in-quote": ("traceability", ("The printed text appears more than once in its "
                                                   "quote.")),
    "title-not-in-article": ("traceability", "An article's title is not printed in its lines."),
    "byline-not-in-article": ("traceability", "An article's byline is not printed in its lines."),
    "published-quote-not-found": ("traceability", "The words that date an article are not on its page."),
    "entity-name-not-found": ("traceability", "An entity's name or alias is not printed in any page."),
    # figures: what the printed figure says
    "figure-unparseable": ("figures", "A fact's 'text' cannot be read as a figure."),
    "figure-mismatch": ("figures", ("The figure as printed gives another value, unit or bound "
                                    "than the row, or 'text' holds only part of the printed figure "
                                    "(the low end of a range 4—6级, a number without its unit).")),
    # periods: relative time words resolved
    "period-unexplained": ("periods", ("A fact's quote dates it relative to the page (今年, 近三年, "
                                       "目前) and its note does not say how that was resolved.")),
    "period-mismatch-relative": ("periods", ("A fact's quote says 今年 / 去年 / 前年 / 明年 and its period "
                                             "is not that year counted from the publication date.")),
    # events: what the printed date says
    "event-date-unreadable": ("events", "An event's 'text' cannot be read as a date."),
    "event-date-mismatch": ("events", "The date as printed is not the row's 'date'."),
    "event-year-unexplained": ("events", "A date printed without a year has no note saying where "
                                         "the year comes from."),
    # coverage: every numeric mention accounted for
    "mention-not-covered": ("coverage", ("A number printed in a block is covered by no fact, event "
                                         "or exclusion.")),
    "exclusion-stale": ("coverage", "An exclusion's text no longer contains any numeric mention."),
    "exclusion-overlaps-fact": ("coverage", "An exclusion claims a mention a fact or event states."),
    "no-mention-scanned": ("coverage", ("No numeric mention was scanned: no page is registered, or "
                                        "no block of the pages holds one; coverage proves nothing.")),
    # consistency: the figures fit together
    "facts-disagree": ("consistency", ("Two actual facts with the same entity, metric and period allow "
                                       "no common value.")),
    "series-falls": ("consistency", "A cumulative metric's value falls from one period to a later one."),
    "share-out-of-range": ("consistency", "A share of a whole allows no value between 0 and 100 %."),
    "relation-violated": ("consistency", "A relation of relations.csv holds for no values inside its "
                                         "facts' intervals."),
    "relation-unparseable": ("consistency", "A relation is not written in the relation language, or "
                                            "divides by an interval holding zero."),
    "relation-dimension-mismatch": ("consistency", ("A relation adds, subtracts or compares "
                                                    "quantities of different dimensions.")),
    "known-conflict": ("consistency", ("A violation whose facts are exactly those of a conflict "
                                       "in conflicts.csv (a warning, not a failure).")),
    "conflict-stale": ("consistency", ("A recorded conflict matches no violation exactly: it no "
                                       "longer occurs, or lists other facts than the violation's.")),
    "conflict-preferred-not-listed": ("consistency", "A conflict prefers a fact it does not list."),
    # stated: every relation the pages state is declared or dismissed
    "relation-undeclared": ("stated", ("A page states a relation between facts (其中, 占比, 同比增长, "
                                       "翻番, 从…增至, 以上 classes, a figure printed twice) that no "
                                       "relation of relations.csv declares and "
                                       "no row of dismissals.csv dismisses.")),
    "dismissal-stale": ("stated", ("A dismissal matches no stated relation of its kind among exactly "
                                   "its facts, or dismisses one that relations.csv declares.")),
}
