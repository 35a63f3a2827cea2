"""Why the gate refuses a change: each reason is one finding with one of these rule ids."""

from __future__ import annotations

from validation.findings import Finding

GATE_RULES: dict[str, str] = {
    "new-failure": "A check fails that did not fail at the base ref.",
    "removed-row-cited": "A removed row is still cited by another row.",
    "id-reused": "An id now names a different figure: its quote and its text both changed.",
    "seed-unrecorded": "A seed file was added, and pages.csv does not record its sha256.",
    "seed-edited": "A seed file that exists at the base ref changed (even with pages.csv's sha256 "
                   "updated to match): seeds are never edited.",
    "seed-removed": "A seed file that exists at the base ref was deleted.",
    "table-removed": "A table that exists at the base ref is missing (deleted or renamed).",
    "not-canonical": "A table is not in canonical form (python -m validation fmt writes it).",
    "relation-removed": "A relation of relations.csv was removed.",
    "relation-changed": "A relation's expression changed (for example weakened from == to >=).",
    "conflict-added": "A conflict was recorded in conflicts.csv.",
    "conflict-changed": "A recorded conflict's facts or preferred fact changed.",
    "fact-replaced-by-exclusion": "A printed number that a fact, event or period covered at the "
                                  "base ref is now covered only by an exclusion.",
}
#: Rules for changes a maintainer may make on purpose: refused unless named with --allow, and
#: listed in the verdict either way.
ALLOWABLE = frozenset({"relation-removed", "relation-changed", "conflict-added", "conflict-changed",
                       "fact-replaced-by-exclusion"})

#: Load checks about a file's form, which the canonical-form rule reports in their place.
FORM_CHECKS = frozenset({"csv-bom", "csv-line-endings", "csv-blank-row", "csv-not-sorted"})


def refusal(rule: str, message: str, *, table: str | None = None, row: str | None = None,
            column: str | None = None, expected: str | None = None, found: str | None = None,
            location: str | None = None, hint: str | None = None) -> Finding:
    """One reason to refuse a change, as a finding whose check id is the rule."""
    assert rule in GATE_RULES, rule
    return Finding(rule, message, table=table, row=row, column=column, expected=expected,
                   found=found, location=location, hint=hint)
