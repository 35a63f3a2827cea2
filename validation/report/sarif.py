"""Findings as SARIF 2.1.0, the format GitHub code scanning reads (github/codeql-action/upload-sarif):
one run, a rule for every check id of the catalogue, a result for every finding.

Code scanning follows an alert from commit to commit by the result's ``partialFingerprints``:
ours is a hash of what identifies a finding (check id, table, row key, column), never of a line
number of a table, which moves whenever a row is added above; a place in a page is part of it,
since a page's bytes are pinned by its sha256. Code scanning rejects the whole upload when a
result has no location, so a finding without one is placed on its table's file, or else on the
facts/ folder."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any
from urllib.parse import quote

from validation import __version__
from validation.catalog import CHECK_SPECS, CHECKS, WARNING_CHECKS
from validation.corpus import FACTS_DIR
from validation.findings import Finding, Report
from validation.report.annotations import Where, finding_text, parse_location, repository_path
from validation.textsafe import json_text, visible

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL_NAME = "tianxin-validate"
#: The base every artifact URI is relative to: the repository's root, as code scanning expects.
SRCROOT = "%SRCROOT%"
#: The key of our fingerprint in ``partialFingerprints``; raise the version if its recipe changes.
FINGERPRINT = "tianxinFinding/v1"


def _rule(check: str, family: str | None, description: str) -> dict[str, Any]:
    level = "warning" if check in WARNING_CHECKS else "error"
    rule: dict[str, Any] = {
        "id": check,
        "name": "".join(part.capitalize() for part in check.split("-")),
        "shortDescription": {"text": description},
        "fullDescription": {"text": description},
        "defaultConfiguration": {"level": level},
    }
    if check in CHECK_SPECS:
        rule["help"] = {"text": CHECK_SPECS[check].hint}
    if family:
        rule["properties"] = {"family": family, "tags": [family]}
    return rule


def rules_for(report: Report) -> list[dict[str, Any]]:
    """Every check of the catalogue, then any check id a finding has that the catalogue lacks."""
    rules = [_rule(check, family, description) for check, (family, description) in CHECKS.items()]
    extra = sorted({f.check for f in report.findings} - CHECKS.keys())
    return rules + [_rule(check, None, check) for check in extra]


def _uri(path: str, prefix: str) -> str:
    """A relative URI reference for ``path``: non-ASCII, spaces and reserved characters
    percent-encoded, ``/`` kept."""
    return quote(repository_path(path, prefix), safe="/")


def _where(finding: Finding) -> Where:
    where = parse_location(finding.location)
    if where is not None:
        return where
    if finding.table:
        return Where(f"{FACTS_DIR}/{finding.table}.csv")
    return Where(FACTS_DIR)


def _location(finding: Finding, prefix: str) -> dict[str, Any]:
    where = _where(finding)
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(where.path, prefix),
                                                     "uriBaseId": SRCROOT}}
    if where.line is not None:
        region: dict[str, Any] = {"startLine": where.line}
        if where.column is not None:
            region["startColumn"] = where.column
        physical["region"] = region
    return {"physicalLocation": physical}


def identity(finding: Finding) -> str:
    """What makes a finding the same finding in another run: its check, table, row key and
    column, and where it is unless that is a line of a table (``.csv``), which shifts when rows
    are added; a page's lines do not move (the page is pinned by its checksum)."""
    where = parse_location(finding.location)
    place = ""
    if where is not None:
        place = where.path if where.path.endswith(".csv") else finding.location or ""
    parts = (finding.check, finding.table or "", finding.row or "", finding.column or "", place)
    return "\x00".join(parts)


def fingerprints(findings: list[Finding]) -> list[str]:
    """A stable hash per finding; findings of one run that share an identity are told apart by
    their order (the 2nd, the 3rd...)."""
    seen: Counter[str] = Counter()
    result = []
    for finding in findings:
        key = identity(finding)
        seen[key] += 1
        suffix = "" if seen[key] == 1 else f"\x00{seen[key]}"
        result.append(hashlib.sha256((key + suffix).encode("utf-8")).hexdigest())
    return result


def _result(finding: Finding, index: int, fingerprint: str, prefix: str) -> dict[str, Any]:
    properties = {k: v for k, v in (("table", finding.table), ("row", finding.row),
                                    ("column", finding.column), ("expected", finding.expected),
                                    ("found", finding.found), ("location", finding.location))
                  if v is not None}
    result: dict[str, Any] = {
        "ruleId": finding.check,
        "ruleIndex": index,
        "level": "warning" if finding.severity == "warning" else "error",
        "message": {"text": finding_text(finding)},
        "locations": [_location(finding, prefix)],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }
    if properties:
        result["properties"] = properties
    return result


def to_sarif_data(report: Report, *, prefix: str = "") -> dict[str, Any]:
    rules = rules_for(report)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [_result(f, index[f.check], fp, prefix)
               for f, fp in zip(report.findings, fingerprints(report.findings), strict=True)]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {"name": TOOL_NAME, "version": __version__,
                                "semanticVersion": __version__, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def to_sarif(report: Report, *, prefix: str = "") -> str:
    """The report as a SARIF 2.1.0 log. ``prefix`` is the corpus folder's path inside the
    repository, so that every URI is relative to the repository's root (``%SRCROOT%``)."""
    return json_text(json.dumps(to_sarif_data(report, prefix=prefix), ensure_ascii=False, indent=2))


def error_to_sarif(message: str, status: int) -> str:
    """A SARIF log for a run that could not validate (exit status 2 or 3): no results, and an
    invocation that failed with the reason. Not to be uploaded: an analysis without results
    would close every open alert."""
    data = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {"name": TOOL_NAME, "version": __version__,
                                "semanticVersion": __version__, "rules": []}},
            "invocations": [{"executionSuccessful": False, "exitCode": status,
                             "toolExecutionNotifications": [
                                 {"level": "error", "message": {"text": visible(message)}}]}],
            "results": [],
        }],
    }
    return json_text(json.dumps(data, ensure_ascii=False, indent=2))
