"""The one-screen summary ``python -m validation report`` prints: verdict, checks by family,
coverage, conflicts, the first failures, and where the reports were written."""

from __future__ import annotations

from pathlib import Path

from validation.report.model import ReportData
from validation.textsafe import join_lines
from validation.words import file_size, plural

#: Failures shown on screen; the files hold all of them.
MAX_SHOWN = 10


def to_summary(data: ReportData, written: dict[str, Path]) -> str:
    """The summary for a terminal: conflict ids, rows and messages come from the tables, so every
    line is made visible (no control character reaches the terminal)."""
    report = data.report
    lines = [f"{'family':<14}{'checks':>7}{'pass':>6}{'warn':>6}{'fail':>6}{'errors':>8}"]
    for family in data.families:
        lines.append(f"{family.name:<14}{family.checks:>7}{family.passed:>6}{family.warned:>6}"
                     f"{family.failed:>6}{family.errors:>8}")
    coverage = data.coverage
    lines.append(f"coverage: {plural(coverage.mentions, 'numeric mention')}, "
                 f"{coverage.covered_percent:.1f}% covered, {coverage.uncovered} uncovered")
    ids = ", ".join(c.conflict_id for c in data.conflicts)
    lines.append(f"conflicts: {len(data.conflicts)} known" + (f" ({ids})" if ids else ""))
    failures = data.failures
    for f in failures[:MAX_SHOWN]:
        where = " ".join(x for x in (f.table, f.row, f.column) if x)
        lines.append(f"  {f.check}  {where}: {f.message}")
    if len(failures) > MAX_SHOWN:
        lines.append(f"  ... and {plural(len(failures) - MAX_SHOWN, 'more failure')} in the report")
    for form, path in written.items():
        lines.append(f"wrote {path} ({form}, {file_size(path.stat().st_size)})")
    verdict = "PASS" if data.ok else "FAIL"
    lines.append(f"{verdict}: {plural(len(failures), 'error')}, {plural(len(report.warnings), 'warning')} "
                 f"in {data.run.corpus}")
    return join_lines(lines)
