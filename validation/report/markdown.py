"""The report as a short Markdown summary for a CI job summary or a pull-request comment: the
verdict, then the failures (capped), then coverage and conflicts."""

from __future__ import annotations

from validation.findings import Finding
from validation.report.model import ReportData

#: Failures listed in full; the rest are counted.
MAX_FAILURES = 25


def cell(text: str | None) -> str:
    """Text safe inside a Markdown table cell: no markup, pipes or line breaks."""
    if not text:
        return ""
    escaped = (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
               .replace("|", "\\|").replace("`", "\\`").replace("*", "\\*").replace("_", "\\_")
               .replace("[", "\\[").replace("]", "\\]"))
    return " ".join(escaped.split())


def to_markdown(data: ReportData, *, max_failures: int = MAX_FAILURES) -> str:
    report, run = data.report, data.run
    totals = data.coverage.totals()
    failures = data.failures
    verdict = "✅ PASS" if data.ok else "❌ FAIL"
    commit = f"`{run.commit[:12]}`" + (" (uncommitted table changes)" if run.dirty else "") \
        if run.commit else "no commit"
    lines = [
        f"## {verdict}: {len(failures)} error(s), {len(report.warnings)} warning(s)",
        "",
        f"{cell(run.root)} · {commit} · {run.generated_at} · tianxin-facts {run.version}",
        "",
    ]
    if failures:
        lines += [f"### Failures ({len(failures)})", "",
                  "| check | table | row | column | expected | found | where |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        lines += [_failure_row(f) for f in failures[:max_failures]]
        if len(failures) > max_failures:
            lines.append(f"\n… and {len(failures) - max_failures} more failure(s); see the HTML or "
                         "JSON report for all of them.")
        lines.append("")
    failing_families = [f for f in data.families if f.failed]
    lines += ["### Checks", "",
              f"{sum(c.status != 'fail' for c in data.checks)} of {len(data.checks)} checks pass"
              + (": failing in " + ", ".join(f"{f.name} ({f.errors})" for f in failing_families)
                 if failing_families else "."), ""]
    lines += ["### Coverage", "",
              f"{data.coverage.covered_percent:.1f}% of {totals['mentions']} numeric mentions covered: "
              f"{totals['covered_by_facts']} by facts, {totals['covered_by_events']} by events, "
              f"{totals['covered_by_periods']} as periods, {totals['covered_by_exclusions']} by "
              f"exclusions; {totals['uncovered']} uncovered.", ""]
    lines += [f"### Known conflicts ({len(data.conflicts)})", ""]
    for c in data.conflicts:
        facts = ", ".join(f"{f['fact_id']} {cell(f.get('text'))}" for f in c.facts)
        preferred = f"; preferred: {c.preferred}" if c.preferred else "; none preferred"
        lines.append(f"- **{cell(c.conflict_id)}** ({facts}{preferred}): {cell(c.description)}")
    if not data.conflicts:
        lines.append("None recorded.")
    lines += ["", "Tables: " + ", ".join(f"{name} {size}" for name, size in report.table_sizes.items())]
    return "\n".join(lines) + "\n"


def _failure_row(f: Finding) -> str:
    return (f"| `{f.check}` | {cell(f.table)} | {cell(f.row)} | {cell(f.column)} | "
            f"{cell(f.expected)} | {cell(f.found)} | {cell(f.location)} |")
