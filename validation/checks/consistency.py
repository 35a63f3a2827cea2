"""Consistency: the figures fit together, and where the sources contradict each other the data
says so.

* Agreement: facts with the same entity, metric and period, both actual, must allow a common
  value (their intervals overlap).
* Series: for a cumulative metric, an entity's actual values ordered by period end (then by
  publication date, for "as of" figures) never fall.
* Relations: each row of ``relations.csv`` adds, subtracts and compares only quantities of one
  dimension (:mod:`validation.dimensions`), and holds for some values inside its facts'
  intervals.

A violation whose facts are exactly the facts of a row of ``conflicts.csv`` is reported as a
known conflict (a warning); any other fails. A recorded conflict that matches no violation
exactly fails as stale, so a conflict can neither be written in advance nor list extra facts
to silence checks it was not written for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import groupby

from validation.corpus import Corpus
from validation.dimensions import Dimension, DimensionError, declared_dimensions
from validation.expressions import (
    MAX_EXPONENT,
    ExpressionError,
    Relation,
    parse_relation,
)
from validation.findings import Check, Finding
from validation.intervals import Interval
from validation.model.values import FactValue, agreement_key
from validation.periods import PeriodError, parse_period

#: The checks this family reports.
CHECKS = (
    Check("facts-disagree",
          "Two actual facts with the same entity, metric and period allow no common value.",
          hint="correct the misread figure, or record the disagreement in conflicts.csv"),
    Check("series-falls",
          "A cumulative metric's value falls from one period to a later one.",
          hint="check the period and metric; a running total cannot shrink"),
    Check("share-out-of-range",
          "A share of a whole allows no value between 0 and 100 %.",
          hint=("give a growth rate or a multiple a metric of dimension percent or ratio, or correct"
                " the figure")),
    Check("relation-violated",
          "A relation of relations.csv holds for no values inside its facts' intervals.",
          hint=("check each operand's figure and the relation; record a real contradiction in "
                "conflicts.csv")),
    Check("relation-unparseable",
          ("A relation is not written in the relation language, or divides by an interval holding "
           "zero."),
          hint="write it as e.g. F3033 == F3034 + F3035, citing existing facts"),
    Check("relation-dimension-mismatch",
          "A relation adds, subtracts or compares quantities of different dimensions.",
          hint="compare like with like: convert, or relate the facts of one dimension"),
    Check("known-conflict",
          ("A violation whose facts are exactly those of a conflict in conflicts.csv (a warning, not"
           " a failure)."),
          hint="nothing to do: the pages disagree and conflicts.csv says so",
          severity="warning"),
    Check("conflict-stale",
          ("A recorded conflict matches no violation exactly: it no longer occurs, or lists other "
           "facts than the violation's."),
          hint="a conflict names exactly the facts of one failing check; delete or correct it"),
    Check("conflict-preferred-not-listed",
          "A conflict prefers a fact it does not list.",
          hint="prefer one of the facts in conflict, or leave it empty"),
)


@dataclass(frozen=True, slots=True)
class Violation:
    """A failed agreement, series or relation, and the facts it involves."""

    finding: Finding
    facts: frozenset[str]


def _shares(corpus: Corpus, values: dict[str, FactValue]) -> list[Finding]:
    """``share-out-of-range`` for a share of a whole that allows no value in [0, 100] %."""
    facts = corpus.tables["facts"]
    return [Finding(
        "share-out-of-range",
        f"{value.fact_id} ({value.text} -> {value.interval} {value.base_unit}) is a share of a "
        f"whole, which lies between 0 and 100 %", table="facts", row=value.fact_id, column="value",
        expected="a share between 0 and 100 %", found=value.text,
        location=facts.location_of(value.fact_id),
        hint="a share above 100 % is a growth rate or a multiple: give the fact a metric of "
             "dimension percent (a rate) or ratio (倍), or correct its figure")
        for value in values.values() if value.outside_share]


def run(corpus: Corpus) -> list[Finding]:
    every = corpus.model.fact_values
    shares = _shares(corpus, every)
    values = {f: v for f, v in every.items() if not v.outside_share}
    recorded = _recorded_conflicts(corpus)
    partners = _conflict_partners(recorded)
    violations = [*_agreement(corpus, values, partners), *_series(corpus, values, partners)]
    findings, relation_violations = _relations(corpus, values)
    violations.extend(relation_violations)
    findings.extend(_apply_conflicts(corpus, violations, values, recorded))
    return [*shares, *findings]


def _recorded_conflicts(corpus: Corpus) -> list[tuple[int, dict[str, str | None], frozenset[str]]]:
    """Each row of conflicts.csv with an id and facts: its index, its cells and its facts."""
    if not corpus.has_columns("conflicts", "conflict_id", "fact_ids", "preferred"):
        return []
    return [(index, row, frozenset(f.strip() for f in row["fact_ids"].split("|") if f.strip()))
            for index, row in corpus.tables["conflicts"].rows()
            if row["conflict_id"] and row["fact_ids"]]


def _conflict_partners(recorded: list[tuple[int, dict[str, str | None], frozenset[str]]]
                       ) -> dict[str, set[str]]:
    """For each fact in a recorded conflict of two facts, the other one."""
    partners: dict[str, set[str]] = {}
    for _, _, facts in recorded:
        if len(facts) == 2:
            a, b = facts
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)
    return partners


def describe(value: FactValue) -> str:
    return f"{value.fact_id} ({value.text} -> {value.interval} {value.base_unit})"


def _agreement(corpus: Corpus, values: dict[str, FactValue],
               partners: dict[str, set[str]]) -> list[Violation]:
    """Each actual fact that allows no value in common with some earlier fact of its group
    (same entity, metric, period and base unit), reported once, against one such earlier fact
    (:func:`disagreements`): a fact disagrees with some earlier fact exactly when it disagrees
    with the earlier one that ends first or the one that starts last (or an earlier fact is
    empty), so no pair is compared. A recorded conflict partner that disagrees is preferred as
    the witness, so that the pair the data records is the pair reported."""
    groups: dict[tuple[str, str, str, str], list[FactValue]] = {}
    for value in values.values():
        key = agreement_key(value)
        if key is not None:
            groups.setdefault(key, []).append(value)
    return [_disagreement(corpus, entity, metric, period, first, second)
            for (entity, metric, period, _), members in groups.items()
            for first, second in disagreements(members, partners)]


def disagreements(members: list[FactValue],
                  partners: dict[str, set[str]]) -> list[tuple[FactValue, FactValue]]:
    """(earlier, later) for each member that allows no value in common with some earlier
    member, in one pass: the earlier witness is a recorded conflict partner if one disagrees,
    else the earliest (in member order) of the first empty member, the member whose interval
    ends first and the one that starts last, if any of them disagrees."""
    if len(members) < 2:
        return []
    position = {m.fact_id: i for i, m in enumerate(members)}
    by_id = {m.fact_id: m for m in members}
    first_ending: FactValue | None = None
    last_starting: FactValue | None = None
    first_empty: FactValue | None = None
    found = []
    for i, second in enumerate(members):
        if i:
            first = _agreement_witness(second, i, position, by_id, partners, first_ending,
                                       last_starting, first_empty)
            if first is not None:
                found.append((first, second))
        interval = second.interval
        if interval.empty:
            first_empty = first_empty or second
            continue
        if first_ending is None or _end_key(interval) < _end_key(first_ending.interval):
            first_ending = second
        if last_starting is None or _start_key(interval) > _start_key(last_starting.interval):
            last_starting = second
    return found


def _end_key(interval: Interval) -> tuple[Decimal, int]:
    """Orders intervals by where they end: an open end before a closed one at the same value."""
    return (interval.high, 0 if interval.high_open else 1)


def _start_key(interval: Interval) -> tuple[Decimal, int]:
    """Orders intervals by where they start: an open start after a closed one at the same value."""
    return (interval.low, 1 if interval.low_open else 0)


def _agreement_witness(value: FactValue, index: int, position: dict[str, int],
                       by_id: dict[str, FactValue], partners: dict[str, set[str]],
                       first_ending: FactValue | None, last_starting: FactValue | None,
                       first_empty: FactValue | None) -> FactValue | None:
    """An earlier fact of the group that ``value`` cannot agree with, or ``None``."""
    recorded = sorted((position[p], p) for p in partners.get(value.fact_id, ())
                      if p in position and position[p] < index)
    for _, partner in recorded:
        if not by_id[partner].interval.overlaps(value.interval):
            return by_id[partner]
    if value.interval.empty:
        return next(iter(by_id.values()))  # the group's first fact, earlier than this one
    candidates = [c for c in (first_empty, first_ending, last_starting)
                  if c is not None and not c.interval.overlaps(value.interval)]
    return min(candidates, key=lambda c: position[c.fact_id]) if candidates else None


def _disagreement(corpus: Corpus, entity: str, metric: str, period: str, first: FactValue,
                  second: FactValue) -> Violation:
    finding = Finding(
        "facts-disagree",
        f"{describe(first)} and {describe(second)} both state {metric} of {entity} for "
        f"{period}, but no value satisfies both", table="facts", row=second.fact_id,
        column="value", expected=f"a value in {first.interval}", found=str(second.interval),
        location=corpus.tables["facts"].location_of(second.fact_id),
        hint="if the pages really disagree, record the facts in conflicts.csv; "
             "otherwise fix the entity, metric, period or figure")
    return Violation(finding, frozenset({first.fact_id, second.fact_id}))


def _series(corpus: Corpus, values: dict[str, FactValue],
            partners: dict[str, set[str]]) -> list[Violation]:
    """Each actual value of a cumulative metric that lies wholly below some earlier value of
    the same entity and metric, reported once (:func:`falls`): sorted by period end (then
    publication date), each point is compared with the earlier point that starts highest (a
    recorded conflict partner first), never with every earlier point."""
    if not corpus.has_columns("metrics", "metric_id", "cumulative"):
        return []
    metrics = corpus.tables["metrics"].frame
    cumulative = {m for m, c in zip(metrics["metric_id"], metrics["cumulative"], strict=True)
                  if c == "true"}
    published = corpus.model.publication_dates
    series: dict[tuple[str, str, str], list[tuple[tuple[date, date], FactValue]]] = {}
    for value in values.values():
        row = value.row
        if row["metric_id"] not in cumulative or row["status"] != "actual" or not row["period"]:
            continue
        try:
            end = parse_period(row["period"])[1]
        except PeriodError:
            continue
        order = (end, published.get(row["article_id"] or "", end))
        key = (row["entity_id"] or "", row["metric_id"] or "", value.base_unit)
        series.setdefault(key, []).append((order, value))
    return [_fall(corpus, entity, metric, earlier, later)
            for (entity, metric, _), points in series.items()
            for earlier, later in falls(points, partners)]


def falls(points: list[tuple[tuple[date, date], FactValue]],
          partners: dict[str, set[str]]) -> list[tuple[FactValue, FactValue]]:
    """(earlier, later) for each point wholly below some point of an earlier order, in one
    pass over the points sorted by order: the witness is a recorded conflict partner if one is
    higher, else the earlier point that starts highest."""
    if len(points) < 2:
        return []
    points = sorted(points, key=lambda p: p[0])
    at = {value.fact_id: order for order, value in points}
    by_id = {value.fact_id: value for _, value in points}
    highest: FactValue | None = None
    found = []
    for later_at, same_order in groupby(points, key=lambda p: p[0]):
        batch = [value for _, value in same_order]
        for later in batch:
            recorded = sorted((at[p], p) for p in partners.get(later.fact_id, ())
                              if p in at and at[p] < later_at)
            earlier = next((by_id[p] for _, p in recorded
                            if later.interval.high < by_id[p].interval.low), None)
            if earlier is None and highest is not None and later.interval.high < highest.interval.low:
                earlier = highest
            if earlier is not None:
                found.append((earlier, later))
        for value in batch:  # only now: points of the same order are not compared
            if highest is None or value.interval.low > highest.interval.low:
                highest = value
    return found


def _fall(corpus: Corpus, entity: str, metric: str, earlier: FactValue,
          later: FactValue) -> Violation:
    finding = Finding(
        "series-falls",
        f"{metric} of {entity} is cumulative, but {describe(later)} for "
        f"{later.row['period']} is below {describe(earlier)} for {earlier.row['period']}",
        table="facts", row=later.fact_id, column="value",
        expected=f"at least {earlier.interval.low}", found=str(later.interval),
        location=corpus.tables["facts"].location_of(later.fact_id),
        hint="check the period and metric; a running total cannot shrink (if the pages "
             "say so, record a conflict)")
    return Violation(finding, frozenset({earlier.fact_id, later.fact_id}))


def _fact_ids(corpus: Corpus) -> set[str]:
    return set(corpus.tables["facts"].frame["fact_id"]) if corpus.has_columns("facts", "fact_id") else set()


def _fact_dimensions(corpus: Corpus) -> dict[str, tuple[str, str, str]]:
    """(dimension, metric, unit) of each fact whose metric has a dimension declared in
    units.csv; an undeclared one is reported on the metric (``dimension-undeclared``)."""
    if not (corpus.has_columns("facts", "fact_id", "metric_id", "unit")
            and corpus.has_columns("metrics", "metric_id", "dimension")
            and corpus.has_columns("units", "dimension")):
        return {}
    declared = declared_dimensions(corpus.tables["units"].frame["dimension"])
    metrics = corpus.tables["metrics"].frame
    dimension_of = {m: d for m, d in zip(metrics["metric_id"], metrics["dimension"], strict=True)
                    if d in declared}
    facts = corpus.tables["facts"].frame
    return {f: (dimension_of[m], m, u or "")
            for f, m, u in zip(facts["fact_id"], facts["metric_id"], facts["unit"], strict=True)
            if isinstance(f, str) and m in dimension_of}


def _dimension_mismatch(relation: Relation, text: str, known: dict[str, tuple[str, str, str]],
                        key: str, location: str) -> Finding | None:
    """A ``relation-dimension-mismatch`` finding where the relation adds, subtracts or compares
    quantities of different dimensions; ``None`` where it does not, or where some fact's
    dimension is unknown (reported elsewhere)."""
    facts = relation.facts()
    if any(f not in known for f in facts):
        return None
    try:
        relation.dimensions({f: Dimension.of(known[f][0]) for f in facts})
    except DimensionError as exc:
        operands = "; ".join(f"{f}: {Dimension.of(known[f][0])} (metric {known[f][1]}, unit "
                             f"{known[f][2]})" for f in facts)
        op = exc.operation
        if exc.scales_differ:
            hint = ("percent and ratio are different scales of a pure number: multiply the ratio "
                    "by 100, or divide the percent by 100, before comparing them")
        else:
            hint = ("add, subtract and compare only quantities of one dimension: check each fact's "
                    "metric; divide to relate two dimensions (F1076 / F1011 * 100 == F1013 is a "
                    "share); a currency is comparable with 元 only when units.csv gives its rate")
        return Finding(
            "relation-dimension-mismatch",
            f"{text} {exc}, in {exc.left_text} {op} {exc.right_text} (facts: {operands})",
            table="relations", row=key, column="expression",
            expected=f"{exc.left} on both sides of {op}", found=f"{exc.left} {op} {exc.right}",
            location=location, hint=hint)
    return None


def _relations(corpus: Corpus, values: dict[str, FactValue]) -> tuple[list[Finding], list[Violation]]:
    if not corpus.has_columns("relations", "relation_id", "expression"):
        return [], []
    table = corpus.tables["relations"]
    known = _fact_ids(corpus)
    dimensions = _fact_dimensions(corpus) if len(table.frame) else {}
    findings: list[Finding] = []
    violations: list[Violation] = []
    for index, row in table.rows():
        key, location, text = table.row_key(index), table.location(index), row["expression"]
        if not text:
            continue
        try:
            relation = parse_relation(text)
        except ExpressionError as exc:
            findings.append(Finding("relation-unparseable", str(exc), table="relations", row=key,
                                    column="expression", found=text, location=location,
                                    hint="e.g. F3033 == F3034 + F3035"))
            continue
        missing = [f for f in relation.facts() if f not in known]
        if missing:
            findings.append(Finding(
                "dangling-reference", f"the relation cites {', '.join(missing)}, not in facts.csv",
                table="relations", row=key, column="expression", found=text, location=location,
                hint="cite existing fact ids"))
            continue
        mismatch = _dimension_mismatch(relation, text, dimensions, key, location)
        if mismatch is not None:
            findings.append(mismatch)
            continue  # its figures do not compare
        if any(f not in values for f in relation.facts()):
            continue  # a fact whose figure cannot be read is reported by the figure checks
        try:
            holds, left, right = relation.holds({f: values[f].interval for f in relation.facts()})
        except ZeroDivisionError as exc:
            findings.append(Finding("relation-unparseable", f"cannot evaluate: {exc}",
                                    table="relations", row=key, column="expression", found=text,
                                    location=location, hint="divide only by facts that exclude zero"))
            continue
        except ExpressionError as exc:
            findings.append(Finding("relation-unparseable", f"cannot evaluate: {exc}",
                                    table="relations", row=key, column="expression", found=text,
                                    location=location, hint=f"keep each operand and intermediate "
                                    f"result below 10^{MAX_EXPONENT} in its base unit"))
            continue
        if holds:
            continue
        operands = "; ".join(describe(values[f]) for f in relation.facts())
        violations.append(Violation(Finding(
            "relation-violated",
            f"{text} does not hold: left side {left}, right side {right} (operands: {operands})"
            f"{mixed_statuses([values[f] for f in relation.facts()])}",
            table="relations", row=key, column="expression", expected=f"{relation.comparator} "
            f"{right}", found=str(left), location=location,
            hint="check each operand's figure and the relation; if the pages contradict each "
                 "other, record the facts in conflicts.csv"), frozenset(relation.facts())))
    return findings, violations


def mixed_statuses(facts: list[FactValue]) -> str:
    """What a failure adds when it mixes actual figures with estimates, targets or plans: a
    target need not agree with what was achieved, so the mix may be the explanation."""
    statuses = {f.fact_id: f.row.get("status") or "actual" for f in facts}
    others = {fact: status for fact, status in statuses.items() if status != "actual"}
    if not others or len(others) == len(statuses):
        return ""
    listed = ", ".join(f"{fact} is {'an' if status == 'estimate' else 'a'} {status}"
                       for fact, status in sorted(others.items()))
    return (f"; it mixes actual figures with others ({listed}): a figure that is not actual "
            "need not agree with one that is")


def _apply_conflicts(corpus: Corpus, violations: list[Violation], values: dict[str, FactValue],
                     recorded: list[tuple[int, dict[str, str | None], frozenset[str]]]
                     ) -> list[Finding]:
    conflicts: list[tuple[int, str, frozenset[str]]] = []
    findings: list[Finding] = []
    if recorded:
        table = corpus.tables["conflicts"]
        known = _fact_ids(corpus)
        for index, row, facts in recorded:
            key, location = table.row_key(index), table.location(index)
            missing = sorted(facts - known)
            if missing:
                findings.append(Finding(
                    "dangling-reference", f"fact_ids cites {', '.join(missing)}, not in facts.csv",
                    table="conflicts", row=key, column="fact_ids", found=row["fact_ids"],
                    location=location, hint="cite existing fact ids"))
            if row["preferred"] and row["preferred"] not in facts:
                findings.append(Finding(
                    "conflict-preferred-not-listed", f"preferred {row['preferred']} is not one of "
                    "the conflict's facts", table="conflicts", row=key, column="preferred",
                    expected=" or ".join(sorted(facts)), found=row["preferred"], location=location,
                    hint="prefer one of the facts in conflict, or leave it empty"))
            conflicts.append((index, row["conflict_id"] or "", facts))
    by_facts: dict[frozenset[str], list[str]] = {}
    for _, conflict_id, facts in conflicts:
        by_facts.setdefault(facts, []).append(conflict_id)
    matched: set[str] = set()
    for violation in violations:
        ids = by_facts.get(violation.facts, [])
        if not ids:
            findings.append(violation.finding)
            continue
        matched.update(ids)
        f = violation.finding
        findings.append(Finding(
            "known-conflict", f"{ids[0]} (recorded): {f.message}", table=f.table, row=f.row,
            column=f.column, expected=f.expected, found=f.found, location=f.location,
            hint=f"was {f.check}; see conflicts.csv {ids[0]}", severity="warning"))
    for index, conflict_id, facts in conflicts:
        if conflict_id not in matched and facts <= set(values):
            findings.append(Finding(
                "conflict-stale", f"{conflict_id} records a conflict among {', '.join(sorted(facts))}, "
                "but no agreement, series or relation check fails among exactly these facts",
                table="conflicts", row=conflict_id, column="fact_ids",
                location=corpus.tables["conflicts"].location(index),
                hint="a conflict names exactly the facts of one failing check (see the failure's "
                     "message); delete it if the facts were corrected, narrow it if it lists more"))
    return findings
