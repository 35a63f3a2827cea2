"""Cross-table checks: every id a row cites exists, every metric's dimension is declared in
units.csv, every unit fits its metric's dimension, and each dimension but count has one base
unit."""

from __future__ import annotations

from collections.abc import Sequence

from validation.corpus import Corpus
from validation.dimensions import SEVERAL_BASE_UNITS, declared_dimensions, is_dimension_name
from validation.findings import Check, Finding
from validation.model.citations import declared_references

#: The checks this family reports.
CHECKS = (
    Check("dangling-reference",
          "A row cites an id that does not exist.",
          hint="add a row for the id to the table it cites, or fix the id"),
    Check("unknown-unit",
          "A fact's unit is not listed in units.csv.",
          hint="add the unit to units.csv with its dimension, base unit and factor"),
    Check("unit-dimension-mismatch",
          "A fact's unit does not measure its metric's dimension.",
          hint="check the metric and the unit"),
    Check("base-unit-undefined",
          "A unit's base unit has no row of its own with factor 1.",
          hint="add the row BASE,DIMENSION,BASE,1 to units.csv"),
    Check("dimension-undeclared",
          "A metric's dimension is not declared: no row of units.csv has it.",
          hint="use a declared dimension, or declare it by giving units.csv its units"),
    Check("dimension-base-units",
          "A dimension other than count has more than one base unit (a currency without its rate).",
          hint="give each base unit a dimension of its own, or a rate to the one base unit"),
    Check("entity-parent-cycle",
          "An entity is its own ancestor through parent_id.",
          hint="break the cycle: a parent is a larger body the entity belongs to"),
)

#: Most names a finding lists (declared dimensions, units of a base unit) before "…".
LISTED = 30


def run(corpus: Corpus) -> list[Finding]:
    return [*_foreign_keys(corpus), *_unit_dimensions(corpus), *_base_units(corpus),
            *_undeclared_dimensions(corpus), *_several_base_units(corpus),
            *_parent_cycles(corpus)]


def _listing(names: Sequence[str]) -> str:
    shown = ", ".join(names[:LISTED])
    more = len(names) - LISTED
    return f"{shown} and {more} more" if more > 0 else shown or "none"


def _foreign_keys(corpus: Corpus) -> list[Finding]:
    findings = []
    for name, column, ref_table, ref_column in declared_references():
        if not (corpus.has_columns(name, column) and corpus.has_columns(ref_table, ref_column)):
            continue
        table = corpus.tables[name]
        valid = set(corpus.tables[ref_table].frame[ref_column].dropna())
        for index, value in zip(table.frame.index, table.frame[column], strict=True):
            if value is not None and value not in valid:
                findings.append(Finding(
                    "dangling-reference",
                    f"{column} {value!r} does not exist in {ref_table}.csv",
                    table=name, row=table.row_key(index), column=column,
                    expected=f"an existing {ref_table}.{ref_column}", found=value,
                    location=table.location(index),
                    hint=f"add a row for {value!r} to {ref_table}.csv, or fix the id"))
    return findings


def _unit_dimensions(corpus: Corpus) -> list[Finding]:
    if not (corpus.has_columns("facts", "unit", "metric_id")
            and corpus.has_columns("metrics", "metric_id", "dimension")
            and corpus.has_columns("units", "unit", "dimension")):
        return []
    facts = corpus.tables["facts"]
    units = corpus.tables["units"].frame
    declared = declared_dimensions(units["dimension"])
    # a metric whose dimension is undeclared is reported once, on the metric, not on each fact
    metric_dimension = {m: d for m, d in zip(corpus.tables["metrics"].frame["metric_id"],
                                             corpus.tables["metrics"].frame["dimension"], strict=True)
                        if d in declared}
    dimensions_of: dict[str, set[str]] = {}
    for unit, dimension in zip(units["unit"], units["dimension"], strict=True):
        if dimension is not None:  # an empty dimension is reported by the schema
            dimensions_of.setdefault(unit, set()).add(dimension)
    findings = []
    for index, row in facts.rows():
        unit, metric = row["unit"], row["metric_id"]
        if unit is None:
            continue
        known = dimensions_of.get(unit)
        if not known:
            findings.append(Finding(
                "unknown-unit", f"unit {unit!r} is not in units.csv", table="facts",
                row=facts.row_key(index), column="unit", found=unit,
                expected="a unit listed in units.csv", location=facts.location(index),
                hint=f"add {unit!r} to units.csv with its dimension, base unit and factor"))
            continue
        dimension = metric_dimension.get(metric)
        if dimension and dimension not in known:
            findings.append(Finding(
                "unit-dimension-mismatch",
                f"unit {unit!r} is not a unit of {dimension} (metric {metric})",
                table="facts", row=facts.row_key(index), column="unit",
                expected=f"a unit with dimension {dimension}",
                found=f"{unit} ({', '.join(sorted(known))})", location=facts.location(index),
                hint="check the metric and unit; if this unit can measure "
                     f"{dimension}, add ({unit}, {dimension}) to units.csv"))
    return findings


def _base_units(corpus: Corpus) -> list[Finding]:
    if not corpus.has_columns("units", "unit", "dimension", "base_unit", "factor"):
        return []
    units = corpus.tables["units"]
    known = {(u, d): f for u, d, f in zip(units.frame["unit"], units.frame["dimension"],
                                          units.frame["factor"], strict=True)}
    findings = []
    for index, row in units.rows():
        base, dimension = row["base_unit"], row["dimension"]
        if base is None or dimension is None:
            continue
        factor = known.get((base, dimension))
        if factor is None or factor != "1":
            findings.append(Finding(
                "base-unit-undefined",
                f"base unit {base!r} of {row['unit']!r} has no row ({base}, {dimension}) "
                "with factor 1", table="units", row=units.row_key(index), column="base_unit",
                expected=f"a row {base},{dimension},{base},1", found=base,
                location=units.location(index),
                hint=f"add the row {base},{dimension},{base},1 to units.csv"))
    return findings


def _undeclared_dimensions(corpus: Corpus) -> list[Finding]:
    """A metric's dimension must be one units.csv declares (uses in its dimension column)."""
    if not (corpus.has_columns("metrics", "metric_id", "dimension")
            and corpus.has_columns("units", "dimension")):
        return []
    declared = declared_dimensions(corpus.tables["units"].frame["dimension"])
    shown = _listing(sorted(declared))
    metrics = corpus.tables["metrics"]
    findings = []
    for index, dimension in zip(metrics.frame.index, metrics.frame["dimension"], strict=True):
        if not is_dimension_name(dimension) or dimension in declared:
            continue  # an empty or malformed dimension is reported by the schema
        findings.append(Finding(
            "dimension-undeclared",
            f"dimension {dimension!r} is not declared: no row of units.csv has it (declared: "
            f"{shown})", table="metrics", row=metrics.row_key(index), column="dimension",
            expected=f"a dimension declared in units.csv: {shown}", found=dimension,
            location=metrics.location(index),
            hint=f"use a declared dimension, or declare {dimension} by giving units.csv its units: "
                 f"a row BASE,{dimension},BASE,1 for its base unit and one per other unit"))
    return findings


def _several_base_units(corpus: Corpus) -> list[Finding]:
    """Each dimension but count has one base unit: the one most of its units convert to (the
    first in the table on a tie). Each other base unit is one finding, on the row that defines
    it. A base unit without such a row is ``base-unit-undefined`` instead (a typo, usually)."""
    if not corpus.has_columns("units", "unit", "dimension", "base_unit", "factor"):
        return []
    units = corpus.tables["units"]
    frame = units.frame
    defined = {(u, d) for u, d, f in zip(frame["unit"], frame["dimension"], frame["factor"],
                                         strict=True) if f == "1"}
    bases: dict[str, dict[str, list[int]]] = {}
    for index, dimension, base in zip(frame.index, frame["dimension"], frame["base_unit"],
                                      strict=True):
        if (isinstance(dimension, str) and isinstance(base, str)
                and dimension not in SEVERAL_BASE_UNITS and (base, dimension) in defined):
            bases.setdefault(dimension, {}).setdefault(base, []).append(index)
    findings = []
    for dimension, by_base in bases.items():
        if len(by_base) < 2:
            continue
        order = {base: position for position, base in enumerate(by_base)}
        main = max(by_base, key=lambda b: (len(by_base[b]), -order[b]))
        for base, indexes in by_base.items():
            if base == main:
                continue
            members = [str(frame.at[i, "unit"]) for i in indexes]
            own = next((i for i in indexes if frame.at[i, "unit"] == base), indexes[0])
            example = " such as usd for US dollars" if dimension == "money" else ""
            findings.append(Finding(
                "dimension-base-units",
                f"dimension {dimension} has more than one base unit, {main} and {base}: "
                f"{_listing(members)} convert to {base}, its other units to {main}, so a figure "
                "in one cannot be compared with a figure in the other", table="units",
                row=units.row_key(own), column="base_unit",
                expected=f"{main}, the base unit of {dimension}", found=base,
                location=units.location(own),
                hint=f"give {base} and its units a dimension of their own (a new slug{example}, "
                     f"e.g. {base},{'usd' if example else 'SLUG'},{base},1), or give their rate: "
                     f"base_unit {main} and factor the {main} per unit "
                     f"(e.g. {base},{dimension},{main},RATE)"))
    return findings


def _parent_cycles(corpus: Corpus) -> list[Finding]:
    """Entities that are their own ancestor through ``parent_id``: one finding per cycle, on
    the entity of the cycle that sorts first. Each entity is walked once."""
    if not corpus.has_columns("entities", "entity_id", "parent_id"):
        return []
    entities = corpus.tables["entities"]
    parent = {e: p for e, p in zip(entities.frame["entity_id"], entities.frame["parent_id"], strict=True)
              if isinstance(e, str) and isinstance(p, str)}
    done: set[str] = set()
    findings = []
    for start in sorted(parent):
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parent.get(node)
        if node is not None and node in on_path:
            cycle = path[path.index(node):]
            first = min(cycle)
            chain = " -> ".join([*cycle[cycle.index(first):], *cycle[:cycle.index(first)], first])
            findings.append(Finding(
                "entity-parent-cycle", f"{first} is its own ancestor: {chain}", table="entities",
                row=first, column="parent_id", found=parent[first],
                location=entities.location_of(first),
                hint="a parent is a larger body the entity belongs to; break the cycle by "
                     "emptying or correcting one parent_id"))
        done.update(path)
    return findings
