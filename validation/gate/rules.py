"""Why the gate refuses a change: each reason is one finding with one of these rule ids."""

from __future__ import annotations

from validation.findings import Finding

GATE_RULES: dict[str, str] = {
    "new-failure": "A check fails that did not fail at the base ref.",
    "removed-row-cited": "A removed row is still cited by another row.",
    "id-reused": "An id now names a different figure: its quote and its text both changed.",
    "seed-unrecorded": "A seed file changed or was added, and pages.csv does not record its sha256.",
    "not-canonical": "A table is not in canonical form (python -m validation fmt writes it).",
}

#: Load checks about a file's form, which the canonical-form rule reports in their place.
FORM_CHECKS = frozenset({"csv-bom", "csv-line-endings", "csv-blank-row", "csv-not-sorted"})


def refusal(rule: str, message: str, *, table: str | None = None, row: str | None = None,
            column: str | None = None, expected: str | None = None, found: str | None = None,
            location: str | None = None, hint: str | None = None) -> Finding:
    """One reason to refuse a change, as a finding whose check id is the rule."""
    assert rule in GATE_RULES, rule
    return Finding(rule, message, table=table, row=row, column=column, expected=expected,
                   found=found, location=location, hint=hint)
