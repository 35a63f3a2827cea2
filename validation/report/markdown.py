"""The report as a short Markdown summary for a CI job summary or a pull-request comment: the
verdict, then the failures (capped), then coverage and conflicts."""

from __future__ import annotations

import re

from validation.findings import Finding
from validation.report.model import ReportData
from validation.textsafe import visible
from validation.words import noun, plural

#: Failures listed in full; the rest are counted.
MAX_FAILURES = 25
#: Characters that mean something inside a line of Markdown (CommonMark, GitHub's tables,
#: strikethrough and math), escaped with a backslash. The backslash itself comes first: a
#: cell's own ``\`` must not escape the backslash put before its ``|``, or the pipe would end
#: the table cell.
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~$])")
#: What a code span may hold as is: an identifier of ours, such as a check id.
CODE_SAFE = re.compile(r"[A-Za-z0-9._:/-]+")


def cell(text: str | None) -> str:
    """Text safe anywhere in a line of Markdown, a table cell included: no markup, no raw HTML,
    pipes or line breaks, and control characters written out (``\\x1b``)."""
    if not text:
        return ""
    escaped = MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return visible(" ".join(escaped.split()))


def code(text: str | None) -> str:
    """``text`` as a code span if it is an identifier that cannot end the span early; anything
    else as an escaped :func:`cell`."""
    return f"`{text}`" if text and CODE_SAFE.fullmatch(text) else cell(text)


def to_markdown(data: ReportData, *, max_failures: int = MAX_FAILURES) -> str:
    report, run = data.report, data.run
    totals = data.coverage.totals()
    failures = data.failures
    verdict = "✅ PASS" if data.ok else "❌ FAIL"
    commit = f"`{run.commit[:12]}`" + (" (uncommitted table changes)" if run.dirty else "") \
        if run.commit else "no commit"
    corpus = data.corpus
    published = (f", published {cell(corpus.first_published)} to {cell(corpus.last_published)}"
                 if corpus.first_published and corpus.first_published != corpus.last_published else
                 f", published {cell(corpus.first_published)}" if corpus.first_published else "")
    lines = [
        f"## {verdict}: {plural(len(failures), 'error')}, {plural(len(report.warnings), 'warning')}",
        "",
        f"Validation report of {cell(run.name)}: {plural(corpus.pages, 'page')}, "
        f"{plural(corpus.articles, 'article')}{published}.",
        "",
        f"{cell(run.corpus)} · {commit} · {run.generated_at} · validator {run.version}",
        "",
    ]
    if failures:
        lines += [f"### Failures ({len(failures)})", "",
                  "| check | table | row | column | expected | found | where |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        lines += [_failure_row(f) for f in failures[:max_failures]]
        if len(failures) > max_failures:
            lines.append(f"\n… and {plural(len(failures) - max_failures, 'more failure')}; see the "
                         "HTML or JSON report for all of them.")
        lines.append("")
    failing_families = [f for f in data.families if f.failed]
    lines += ["### Checks", "",
              f"{sum(c.status != 'fail' for c in data.checks)} of {plural(len(data.checks), 'check')} "
              f"{'passes' if len(data.checks) == 1 else 'pass'}"
              + (": failing in " + ", ".join(f"{cell(f.name)} ({f.errors})" for f in failing_families)
                 if failing_families else "."), ""]
    lines += ["### Coverage", "",
              f"{data.coverage.covered_percent:.1f}% of {totals['mentions']} numeric "
              f"{noun(totals['mentions'], 'mention')} covered: "
              f"{totals['covered_by_facts']} by facts, {totals['covered_by_events']} by events, "
              f"{totals['covered_by_periods']} as periods, {totals['covered_by_exclusions']} by "
              f"exclusions; {totals['uncovered']} uncovered.", ""]
    lines += [f"### Known conflicts ({len(data.conflicts)})", ""]
    for c in data.conflicts:
        facts = ", ".join(f"{cell(f['fact_id'])} {cell(f.get('text'))}" for f in c.facts)
        preferred = f"; preferred: {cell(c.preferred)}" if c.preferred else "; none preferred"
        lines.append(f"- **{cell(c.conflict_id)}** ({facts}{preferred}): {cell(c.description)}")
    if not data.conflicts:
        lines.append("None recorded.")
    lines += ["", "Tables: " + ", ".join(f"{cell(name)} {size}"
                                         for name, size in report.table_sizes.items())]
    return "\n".join(lines) + "\n"


def _failure_row(f: Finding) -> str:
    return (f"| {code(f.check)} | {cell(f.table)} | {cell(f.row)} | {cell(f.column)} | "
            f"{cell(f.expected)} | {cell(f.found)} | {cell(f.location)} |")
