"""The check families, in the order they run. Each is a module with ``run(corpus) -> findings``
and ``CHECKS``, the declaration of every check id it reports (:mod:`validation.catalog`
gathers them)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

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

#: Each family's module, by family name, in the order the families run.
FAMILY_MODULES: dict[str, ModuleType] = {
    "schema": schema,
    "references": references,
    "pages": pages,
    "layout": layout,
    "traceability": traceability,
    "figures": figures,
    "periods": periods,
    "events": events,
    "coverage": coverage,
    "consistency": consistency,
    "stated": stated,
}

FAMILIES: dict[str, CheckFamily] = {name: module.run for name, module in FAMILY_MODULES.items()}
