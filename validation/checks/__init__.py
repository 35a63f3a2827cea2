"""The check families, in the order they run. Each is a function ``run(corpus) -> findings``."""

from __future__ import annotations

from collections.abc import Callable

from validation.checks import (
    consistency,
    coverage,
    events,
    figures,
    layout,
    pages,
    periods,
    references,
    schema,
    stated,
    traceability,
)
from validation.corpus import Corpus
from validation.findings import Finding

CheckFamily = Callable[[Corpus], list[Finding]]

FAMILIES: dict[str, CheckFamily] = {
    "schema": schema.run,
    "references": references.run,
    "pages": pages.run,
    "layout": layout.run,
    "traceability": traceability.run,
    "figures": figures.run,
    "periods": periods.run,
    "events": events.run,
    "coverage": coverage.run,
    "consistency": consistency.run,
    "stated": stated.run,
}
