"""What accounts for each relation the pages state (:mod:`validation.miner`): a relation of
``relations.csv`` that declares it, a row of ``dismissals.csv`` that dismisses it, or nothing.

A stated relation is declared when some relation of relations.csv cites every one of its facts
(it may cite more: ``F1005 >= F1006`` declares nothing about F1007, but ``F3013 >= F3015 +
F3017 + F3019`` declares the parts it lists). A repeat (the same figure printed several times)
is declared when the relations citing two or more of its facts, with the agreement check's own
groups, connect all of them. It is dismissed when a row of dismissals.csv lists exactly its
facts and its kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from validation.corpus import Corpus
from validation.expressions import ExpressionError, parse_relation
from validation.miner import Candidate


@dataclass
class Assessment:
    """Each stated relation, sorted by what accounts for it, and the stale dismissals."""

    declared: list[Candidate] = field(default_factory=list)
    dismissed: list[Candidate] = field(default_factory=list)
    undeclared: list[Candidate] = field(default_factory=list)
    #: (row index, dismissal id) of each dismissal that matches no stated relation.
    stale: list[tuple[int, str]] = field(default_factory=list)
    #: The relations that would declare each undeclared candidate, by its facts.
    suggested: dict[tuple[str, ...], str] = field(default_factory=dict)

    @property
    def stated(self) -> int:
        return len(self.declared) + len(self.dismissed) + len(self.undeclared)

    def counts(self) -> dict[str, int]:
        """The coverage report's "relations" section."""
        return {"stated": self.stated, "declared": len(self.declared),
                "dismissed": len(self.dismissed), "undeclared": len(self.undeclared)}


def assess(corpus: Corpus) -> Assessment:
    """Account for each relation the pages state."""
    citing = _relations_by_fact(_declared_fact_sets(corpus))
    dismissals = _dismissals(corpus)
    by_facts: dict[tuple[str, frozenset[str]], list[str]] = {}
    for _, d, kind, ids in dismissals:
        by_facts.setdefault((kind, ids), []).append(d)
    result = Assessment()
    matched: set[str] = set()
    for candidate in corpus.model.stated_relations:
        facts = frozenset(candidate.facts)
        hits = by_facts.get((candidate.kind, facts), [])
        if _is_declared(candidate, citing):
            result.declared.append(candidate)  # a dismissal of it too is redundant, so stale
        elif hits:
            result.dismissed.append(candidate)
            matched.update(hits)
        else:
            result.undeclared.append(candidate)
            result.suggested[candidate.facts] = suggestion(candidate, citing)
    # A dismissal citing a fact that exists but cannot be placed (a missing page, a quote not
    # found) cannot be matched by the miner: that row's own failure is the one to fix.
    placed = {f for f, where in corpus.model.placements.facts.items() if where.figure_start >= 0}
    known = (set(corpus.tables["facts"].frame["fact_id"])
             if corpus.has_columns("facts", "fact_id") else set())
    unplaced = known - placed
    result.stale = [(index, d) for index, d, _, ids in dismissals
                    if d not in matched and not ids & unplaced]
    return result


def _declared_fact_sets(corpus: Corpus) -> list[frozenset[str]]:
    """The facts each readable relation of relations.csv cites (an unreadable one is reported
    by the consistency checks)."""
    if not corpus.has_columns("relations", "expression"):
        return []
    sets = []
    for expression in corpus.tables["relations"].frame["expression"]:
        if not isinstance(expression, str):
            continue
        try:
            sets.append(frozenset(parse_relation(expression).facts()))
        except ExpressionError:
            continue
    return sets


def _relations_by_fact(sets: list[frozenset[str]]) -> dict[str, list[frozenset[str]]]:
    """Each fact's citing relations, so that a candidate looks only at relations of its facts."""
    citing: dict[str, list[frozenset[str]]] = {}
    for cited in sets:
        for fact in cited:
            citing.setdefault(fact, []).append(cited)
    return citing


def _is_declared(candidate: Candidate, citing: dict[str, list[frozenset[str]]]) -> bool:
    if candidate.kind == "repeat":
        return len(unconnected(candidate, citing)) == 1
    facts = frozenset(candidate.facts)
    return any(facts <= cited for cited in citing.get(candidate.facts[0], ()))


def unconnected(candidate: Candidate,
                citing: dict[str, list[frozenset[str]]]) -> list[tuple[str, ...]]:
    """A repeat's facts in the groups that neither agreement nor a declared relation connects
    (one group when it is declared), each group and the list in numeric order."""
    facts = frozenset(candidate.facts)
    parent = {f: f for f in facts}

    def root(fact: str) -> str:
        while parent[fact] != fact:
            parent[fact] = parent[parent[fact]]
            fact = parent[fact]
        return fact

    for group in candidate.groups:  # what agreement compares already
        for fact in group[1:]:
            parent[root(fact)] = root(group[0])
    for fact in facts:
        for cited in citing.get(fact, ()):
            for other in cited & facts:
                parent[root(other)] = root(fact)
    components: dict[str, list[str]] = {}
    for fact in candidate.facts:
        components.setdefault(root(fact), []).append(fact)
    return [tuple(group) for group in components.values()]


def suggestion(candidate: Candidate, citing: dict[str, list[frozenset[str]]]) -> str:
    """The relation (or, for a repeat, the relations) that would declare the candidate."""
    if candidate.kind != "repeat":
        return candidate.expression
    heads = [group[0] for group in unconnected(candidate, citing)]
    return "; ".join(f"{a} == {b}" for a, b in pairwise(heads))


def _dismissals(corpus: Corpus) -> list[tuple[int, str, str, frozenset[str]]]:
    if not corpus.has_columns("dismissals", "dismissal_id", "fact_ids", "kind"):
        return []
    rows = []
    for index, row in corpus.tables["dismissals"].rows():
        if row["dismissal_id"] and row["fact_ids"] and row["kind"]:
            facts = frozenset(f.strip() for f in row["fact_ids"].split("|") if f.strip())
            rows.append((index, row["dismissal_id"], row["kind"], facts))
    return rows
