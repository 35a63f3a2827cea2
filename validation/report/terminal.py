"""What ``check`` and ``coverage`` print for people at a terminal: the findings, then the verdict."""

from __future__ import annotations

from validation.corpus import describe_root
from validation.findings import Report
from validation.model.coverage import COVERED_BY, Coverage
from validation.textsafe import join_lines, visible
from validation.words import plural


def check_to_text(report: Report, *, timings: bool = False) -> str:
    """The findings one by one, then the verdict. Cells and messages may hold anything a table
    holds: every line is made visible (no control character reaches the terminal)."""
    lines = []
    for f in report.findings:
        where = " ".join(x for x in (f.table, f.row, f.column) if x)
        lines.append(f"{f.severity:<7} {f.check}  {where}" + (f"  ({f.location})" if f.location else ""))
        lines.append(f"        {f.message}")
        if f.expected is not None:
            lines.append(f"        expected: {f.expected}")
        if f.found is not None:
            lines.append(f"        found:    {f.found}")
        if f.hint:
            lines.append(f"        hint:     {f.hint}")
    if timings:
        lines.append("timings:")
        for family in report.families:
            lines.append(f"  {family.name:<14} {family.seconds * 1000:8.1f} ms  "
                         f"{family.findings} finding(s)")
        total = sum(f.seconds for f in report.families)
        lines.append(f"  {'total':<14} {total * 1000:8.1f} ms")
    sizes = ", ".join(table_rows(name, n) for name, n in report.table_sizes.items())
    verdict = "PASS" if report.ok else "FAIL"
    counts = f"{plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')}"
    lines.append(f"{verdict}: {counts} in {describe_root(report.root)} ({sizes})")
    return join_lines(lines)


def table_rows(table: str, rows: int) -> str:
    """``1 page``, ``2 entities``: a table's row count, in words."""
    if rows == 1:
        return f"1 {table[:-3] + 'y' if table.endswith('ies') else table.removesuffix('s')}"
    return f"{rows} {table}"


def coverage_to_text(result: Coverage, root: str) -> str:
    """A table of mentions per block and what covers them, then every uncovered mention, then
    the relations the pages state, when they were counted."""
    header = ["article", "mentions", *COVERED_BY, "uncovered"]
    rows = [[visible(a.article_id), str(len(a.mentions)), *(str(a.covered[k]) for k in COVERED_BY),
             str(len(a.uncovered))] for a in result.articles]
    totals = result.totals()
    rows.append(["total", *(str(v) for v in totals.values())])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                       for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
             for row in [header, *rows]]
    for article in result.articles:
        for u in article.uncovered:
            lines.append(f"uncovered {article.article_id} {u.location}  {u.text}  ...{u.context}...")
    others = [f for f in result.findings if f.check != "mention-not-covered"]
    for f in others:
        lines.append(f"{f.check}  {f.table} {f.row}  ({f.location})  {f.message}")
    if result.relations is not None:
        lines.append("relations: " + ", ".join(f"{n} {k}" for k, n in result.relations.items()))
    verdict = "PASS" if not result.findings else "FAIL"
    lines.append(f"{verdict}: {plural(totals['mentions'], 'mention')}, {result.covered_percent:.1f}% "
                 f"covered, {totals['uncovered']} uncovered, {plural(len(others), 'other finding')} "
                 f"in {describe_root(root)}")
    return join_lines(lines)
