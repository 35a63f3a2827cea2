"""The JSON for machines of ``check``, ``coverage`` and the report, and the object a command
prints when it cannot run, under stable keys documented in the README.

:data:`FORMAT_VERSION` is the one version of every JSON the validator prints, the gate's
(:mod:`validation.report.gate`) and ``ground``'s included (SARIF follows its own standard): a
reader checks one number, raised only when a key of any of them changes meaning or disappears."""

from __future__ import annotations

import json
from typing import Any

from validation.corpus import is_embedded
from validation.findings import Report
from validation.model.coverage import Coverage
from validation.report.model import ReportData
from validation.textsafe import json_text

FORMAT_VERSION = 1


def check_to_json_data(report: Report) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "root": report.root,
        "embedded": is_embedded(report.root),
        "ok": report.ok,
        "summary": {"errors": len(report.errors), "warnings": len(report.warnings),
                    "tables": report.table_sizes},
        "families": [{"name": f.name, "findings": f.findings, "seconds": round(f.seconds, 6)}
                     for f in report.families],
        "findings": [f.to_dict() for f in report.findings],
    }


def check_to_json(report: Report) -> str:
    return json_text(json.dumps(check_to_json_data(report), ensure_ascii=False, indent=2))


def coverage_to_json(result: Coverage, root: str) -> str:
    data = {
        "format_version": FORMAT_VERSION,
        "root": root,
        "embedded": is_embedded(root),
        "ok": not result.findings,
        "totals": result.totals(),
        "articles": [a.to_dict() for a in result.articles],
        "findings": [f.to_dict() for f in result.findings if f.check != "mention-not-covered"],
        "relations": result.relations,
    }
    return json_text(json.dumps(data, ensure_ascii=False, indent=2))


def error_to_json(message: str, status: int) -> str:
    """The JSON a command with ``--format json`` prints when it cannot run (exit 2 or 3)."""
    data = {"format_version": FORMAT_VERSION, "ok": False,
            "error": {"exit_status": status,
                      "kind": "internal-error" if status == 3 else "unusable-input",
                      "message": message}}
    return json_text(json.dumps(data, ensure_ascii=False, indent=2))


def report_to_json_data(data: ReportData) -> dict[str, Any]:
    """The report: everything it knows."""
    report, run = data.report, data.run
    return {
        "format_version": FORMAT_VERSION,
        "run": {"generated_at": run.generated_at, "root": run.root, "embedded": run.embedded,
                "name": run.name, "version": run.version, "commit": run.commit, "dirty": run.dirty,
                "seconds": round(run.seconds, 6)},
        "ok": data.ok,
        "summary": {"errors": len(report.errors), "warnings": len(report.warnings),
                    "checks": len(data.checks),
                    "checks_failed": sum(c.status == "fail" for c in data.checks),
                    "conflicts": len(data.conflicts), "tables": report.table_sizes,
                    "coverage": data.coverage.totals()},
        "families": [{"name": f.name, "checks": f.checks, "passed": f.passed, "warned": f.warned,
                      "failed": f.failed, "errors": f.errors, "warnings": f.warnings,
                      "seconds": round(f.seconds, 6)} for f in data.families],
        "checks": [{"check": c.check, "family": c.family, "status": c.status, "errors": c.errors,
                    "warnings": c.warnings, "description": c.description} for c in data.checks],
        "failures": [f.to_dict() for f in report.errors],
        "warnings": [f.to_dict() for f in report.warnings],
        "coverage": [a.to_dict() for a in data.coverage.articles],
        "conflicts": [{"conflict_id": c.conflict_id, "description": c.description,
                       "preferred": c.preferred,
                       "facts": [{k: f.get(k) for k in ("fact_id", "article_id", "entity_id",
                                                        "metric_id", "value", "unit", "bound",
                                                        "status", "period", "text", "quote",
                                                        "location")} for f in c.facts]}
                      for c in data.conflicts],
        "series": [{"entity_id": s.entity_id, "metric_id": s.metric_id, "unit": s.unit,
                    "points": [{"fact_id": p.fact_id, "period": p.period, "status": p.status,
                                "low": _number(p.low), "high": _number(p.high)} for p in s.points]}
                   for s in data.series],
    }


def _number(value: Any) -> str | None:
    """A Decimal as text (exact), or ``None`` for an open end."""
    return None if value.is_infinite() else format(value.normalize(), "f")


def report_to_json(data: ReportData) -> str:
    return json_text(json.dumps(report_to_json_data(data), ensure_ascii=False, indent=2)) + "\n"
