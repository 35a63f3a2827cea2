"""Renderings of a report: plain text for people at a terminal, JSON for machines."""

from __future__ import annotations

import json
from typing import Any

from validation.findings import Report

JSON_FORMAT_VERSION = 1


def to_text(report: Report, *, timings: bool = False) -> str:
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
    sizes = ", ".join(f"{n} {name}" for name, n in report.table_sizes.items())
    verdict = "PASS" if report.ok else "FAIL"
    lines.append(f"{verdict}: {len(report.errors)} error(s), {len(report.warnings)} warning(s) "
                 f"in {report.root} ({sizes})")
    return "\n".join(lines)


def to_json_data(report: Report) -> dict[str, Any]:
    return {
        "format_version": JSON_FORMAT_VERSION,
        "root": report.root,
        "ok": report.ok,
        "summary": {"errors": len(report.errors), "warnings": len(report.warnings),
                    "tables": report.table_sizes},
        "families": [{"name": f.name, "findings": f.findings, "seconds": round(f.seconds, 6)}
                     for f in report.families],
        "findings": [f.to_dict() for f in report.findings],
    }


def to_json(report: Report) -> str:
    return json.dumps(to_json_data(report), ensure_ascii=False, indent=2)
