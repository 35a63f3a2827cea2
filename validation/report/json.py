"""The report as JSON for machines: everything it knows, under stable keys (documented in the
README; ``format_version`` is raised only when a key changes meaning or disappears)."""

from __future__ import annotations

import json
from typing import Any

from validation.report.model import ReportData
from validation.textsafe import json_text

REPORT_FORMAT_VERSION = 1


def to_json_data(data: ReportData) -> dict[str, Any]:
    report, run = data.report, data.run
    return {
        "format_version": REPORT_FORMAT_VERSION,
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


def to_json(data: ReportData) -> str:
    return json_text(json.dumps(to_json_data(data), ensure_ascii=False, indent=2)) + "\n"
