"""The gate's verdict as text for a terminal, Markdown for a pull-request comment, and JSON."""

from __future__ import annotations

import json
from typing import Any

from validation.findings import Finding
from validation.gate.verdict import GateResult
from validation.report.json import FORMAT_VERSION
from validation.report.markdown import cell, code
from validation.textsafe import join_lines, json_text

#: Rows listed per table and failures listed in Markdown; the rest are counted.
MAX_LISTED = 30


def _verdict(result: GateResult) -> str:
    if result.accepted:
        return f"ACCEPTED against {result.base} ({result.commit[:12]})"
    return f"REFUSED against {result.base} ({result.commit[:12]}): {len(result.reasons)} reason(s)"


def _changes_line(result: GateResult) -> str:
    parts = [f"{d.table} +{len(d.added)} ~{len(d.changed)} -{len(d.removed)}"
             for d in result.diffs if not d.empty]
    seeds = result.seeds
    if seeds.added or seeds.changed or seeds.removed:
        parts.append(f"seeds +{len(seeds.added)} ~{len(seeds.changed)} -{len(seeds.removed)}")
    return ", ".join(parts) if parts else "no row changes"


def gate_to_text(result: GateResult) -> str:
    lines = []
    for r in result.reasons:
        where = " ".join(x for x in (r.table, r.row, r.column) if x)
        lines.append(f"refused  {r.check}  {where}" + (f"  ({r.location})" if r.location else ""))
        lines.append(f"         {r.message}")
        if r.hint:
            lines.append(f"         hint: {r.hint}")
    for r in result.allowed:
        where = " ".join(x for x in (r.table, r.row, r.column) if x)
        lines.append(f"allowed  {r.check}  {where}" + (f"  ({r.location})" if r.location else ""))
        lines.append(f"         {r.message}")
    lines.append(f"changes: {_changes_line(result)}")
    for d in result.diffs:
        lines += [f"  + {d.table} {key}" for key in d.added]
        lines += [f"  - {d.table} {key}" for key in d.removed]
        for change in d.changed:
            for c in change.cells:
                lines.append(f"  ~ {d.table} {change.row} {c.column}: {c.old!r} -> {c.new!r}")
    for kind in ("added", "changed", "removed"):
        lines += [f"  {kind} seeds/{f}" for f in getattr(result.seeds, kind)]
    lines.append(f"failures: {len(result.new_failures)} new, {len(result.preexisting)} pre-existing "
                 f"(not blocking), {len(result.fixed)} fixed")
    for f in result.preexisting:
        lines.append(f"  pre-existing  {f.check}  {' '.join(x for x in (f.table, f.row, f.column) if x)}")
    lines.append(_verdict(result))
    return join_lines(lines)


def gate_to_markdown(result: GateResult) -> str:
    icon = "✅" if result.accepted else "❌"
    lines = [f"## {icon} {_verdict(result)}", ""]
    if result.reasons:
        lines += ["### Why", ""]
        lines += [f"- {code(r.check)} {cell(' '.join(x for x in (r.table, r.row, r.column) if x))}: "
                  f"{cell(r.message)}" + (f" *Fix:* {cell(r.hint)}" if r.hint else "")
                  for r in result.reasons[:MAX_LISTED]]
        if len(result.reasons) > MAX_LISTED:
            lines.append(f"- … and {len(result.reasons) - MAX_LISTED} more")
        lines.append("")
    if result.allowed:
        lines += ["### Allowed by --allow", ""]
        lines += [f"- {code(r.check)} {cell(' '.join(x for x in (r.table, r.row, r.column) if x))}: "
                  f"{cell(r.message)}" for r in result.allowed[:MAX_LISTED]]
        if len(result.allowed) > MAX_LISTED:
            lines.append(f"- … and {len(result.allowed) - MAX_LISTED} more")
        lines.append("")
    lines += ["### Changes", "", _changes_line(result), ""]
    for d in result.diffs:
        if d.empty:
            continue
        lines += [f"#### {cell(d.table)}", "", "| change | row | column | old | new |",
                  "| --- | --- | --- | --- | --- |"]
        rows = [f"| added | {cell(k)} | | | |" for k in d.added]
        rows += [f"| removed | {cell(k)} | | | |" for k in d.removed]
        rows += [f"| changed | {cell(c.row)} | {cell(x.column)} | {cell(x.old)} | {cell(x.new)} |"
                 for c in d.changed for x in c.cells]
        lines += rows[:MAX_LISTED]
        if len(rows) > MAX_LISTED:
            lines.append(f"\n… and {len(rows) - MAX_LISTED} more change(s)")
        lines.append("")
    lines += [f"### Failures: {len(result.new_failures)} new, {len(result.preexisting)} pre-existing, "
              f"{len(result.fixed)} fixed", ""]
    if result.new_failures:
        lines += ["| check | table | row | column | expected | found |",
                  "| --- | --- | --- | --- | --- | --- |"]
        lines += [f"| {code(f.check)} | {cell(f.table)} | {cell(f.row)} | {cell(f.column)} | "
                  f"{cell(f.expected)} | {cell(f.found)} |" for f in result.new_failures[:MAX_LISTED]]
        lines.append("")
    return "\n".join(lines) + "\n"


def gate_to_json_data(result: GateResult) -> dict[str, Any]:
    def records(findings: list[Finding]) -> list[dict[str, Any]]:
        return [f.to_dict() for f in findings]

    return {
        "format_version": FORMAT_VERSION,
        "base": result.base, "commit": result.commit, "root": result.root,
        "accepted": result.accepted,
        "reasons": records(result.reasons),
        "allowed": records(result.allowed),
        "tables": {d.table: d.to_dict() for d in result.diffs},
        "seeds": vars(result.seeds),
        "not_canonical": result.not_canonical,
        "failures": {"new": records(result.new_failures), "preexisting": records(result.preexisting),
                     "fixed": records(result.fixed)},
    }


def gate_to_json(result: GateResult) -> str:
    return json_text(json.dumps(gate_to_json_data(result), ensure_ascii=False, indent=2))
