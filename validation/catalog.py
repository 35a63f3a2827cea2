"""Every check id the validator can report, with the family it belongs to and what it means,
gathered from the declarations each family keeps next to the code that emits it (``CHECKS``
in :mod:`validation.csvfile` for loading, in each module of :mod:`validation.checks` for the
others), in the order the families run."""

from __future__ import annotations

from validation import csvfile
from validation.checks import FAMILY_MODULES
from validation.findings import Check

#: Each family's declared checks, in the order the families run: loading first.
DECLARED: dict[str, tuple[Check, ...]] = {
    "load": csvfile.CHECKS,
    **{name: module.CHECKS for name, module in FAMILY_MODULES.items()},
}

#: Each check id: its family and its description.
CHECKS: dict[str, tuple[str, str]] = {
    check.id: (family, check.description) for family, checks in DECLARED.items() for check in checks
}

#: Each check id's declaration.
CHECK_SPECS: dict[str, Check] = {check.id: check for checks in DECLARED.values() for check in checks}

#: The checks whose findings are warnings, not failures.
WARNING_CHECKS: frozenset[str] = frozenset(
    check.id for check in CHECK_SPECS.values() if check.severity == "warning")
