"""One structured record per failure, and the report that collects them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """A single failed check: what, where (table, row key, column, source location) and how to fix."""

    check: str
    message: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    expected: str | None = None
    found: str | None = None
    location: str | None = None
    hint: str | None = None
    severity: Severity = "error"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Check:
    """A check a family can report, declared next to the code that emits it: its id, what a
    failure means, how grave it is, and what usually fixes it (each finding's own hint is more
    precise)."""

    id: str
    description: str
    hint: str
    severity: Severity = "error"


@dataclass(frozen=True)
class FamilyResult:
    """How one family of checks went: how many findings, how long it took, whether it ran."""

    name: str
    findings: int
    seconds: float
    skipped: str | None = None


@dataclass
class Report:
    """The outcome of validating one corpus."""

    root: str
    findings: list[Finding] = field(default_factory=list)
    families: list[FamilyResult] = field(default_factory=list)
    table_sizes: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def by_check(self, check: str) -> list[Finding]:
        return [f for f in self.findings if f.check == check]


class InputError(Exception):
    """Input that cannot be read at all (not a corpus, not UTF-8, not CSV): exit status 2."""
