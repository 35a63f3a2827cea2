"""The gate: may a change to the tables land? It compares the working tree with a git ref,
table by table, runs every check on both, and refuses a change that breaks something."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from validation.canonical import table_files
from validation.checks.references import declared_references
from validation.checks.traceability import QUOTING_TABLES
from validation.corpus import Corpus, load_corpus
from validation.engine import validate_corpus
from validation.expressions import FACT_ID
from validation.findings import Finding, InputError
from validation.gate.diff import TableDiff, diff_table, keyed_rows
from validation.gate.rules import FORM_CHECKS, refusal
from validation.gate.snapshot import corpus_at
from validation.schemas import TABLES


@dataclass
class SeedChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


@dataclass
class GateResult:
    """The verdict on a change, with what it does and every reason to refuse it."""

    base: str
    commit: str
    root: str
    diffs: list[TableDiff]
    seeds: SeedChanges
    new_failures: list[Finding]
    preexisting: list[Finding]
    fixed: list[Finding]
    reasons: list[Finding]
    not_canonical: list[str]

    @property
    def accepted(self) -> bool:
        return not self.reasons


def _identity(f: Finding) -> tuple[str, str | None, str | None, str | None]:
    """What makes a failure the same failure before and after a change (not its line)."""
    return (f.check, f.table, f.row, f.column)


def _match(findings: list[Finding], baseline: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """``findings`` split into those ``baseline`` also has (each matched once) and the rest."""
    available = Counter(_identity(f) for f in baseline)
    matched, unmatched = [], []
    for f in findings:
        if available[_identity(f)] > 0:
            available[_identity(f)] -= 1
            matched.append(f)
        else:
            unmatched.append(f)
    return matched, unmatched


def gate(root: Path | str, base: str) -> GateResult:
    """Judge the working tree under ``root`` against git ref ``base``; raises ``InputError``
    when either state cannot be read at all."""
    root = Path(root)
    new = load_corpus(root)
    new_report = validate_corpus(new)
    with corpus_at(root, base) as snapshot:
        old: Corpus | None = None
        if snapshot.root is not None:
            try:
                old = load_corpus(snapshot.root)
            except InputError:
                old = None  # the base was no readable corpus: everything now is new
        old_errors = validate_corpus(old).errors if old is not None else []
        seeds = _seed_changes(old, new)

    unformed = [t for t in table_files(root) if t.changed]
    unformed_tables = {t.name for t in unformed}

    # A table's form checks are reported once, as its canonical form.
    current = [f for f in new_report.errors
               if not (f.check in FORM_CHECKS and f.table in unformed_tables)]
    preexisting, new_failures = _match(current, old_errors)
    _, fixed = _match(old_errors, new_report.errors)

    diffs = [diff_table(name, old.tables.get(name) if old else None, new.tables[name])
             for name in TABLES]
    reasons = [refusal("new-failure", f"{f.check}: {f.message}", table=f.table, row=f.row,
                       column=f.column, expected=f.expected, found=f.found, location=f.location,
                       hint=f.hint) for f in new_failures]
    reasons += _removed_and_cited(new, diffs)
    reasons += _reused_ids(old, new, diffs)
    reasons += _unrecorded_seeds(new, seeds)
    reasons += [refusal("not-canonical", f"{t.display_path} is not in canonical form"
                        + (f": {t.error}" if t.error else ""), table=t.name, location=t.display_path,
                        hint="fix the row, then run python -m validation fmt" if t.error
                        else "run python -m validation fmt, then commit the result")
                for t in unformed]
    return GateResult(base, snapshot.commit, str(root), diffs, seeds, new_failures, preexisting,
                      fixed, reasons, [t.display_path for t in unformed])


def _seed_changes(old: Corpus | None, new: Corpus) -> SeedChanges:
    before = {f: (old.seeds_dir / f).read_bytes() for f in old.seed_files()} if old else {}
    after = {f: (new.seeds_dir / f).read_bytes() for f in new.seed_files()}
    return SeedChanges(added=sorted(set(after) - set(before)), removed=sorted(set(before) - set(after)),
                       changed=sorted(f for f in set(after) & set(before) if after[f] != before[f]))


def _unrecorded_seeds(new: Corpus, seeds: SeedChanges) -> list[Finding]:
    recorded = {row["file"]: row["sha256"] for _, row in new.tables["pages"].rows()} \
        if new.has_columns("pages", "file", "sha256") else {}
    reasons = []
    for file in [*seeds.changed, *seeds.added]:
        digest = hashlib.sha256((new.seeds_dir / file).read_bytes()).hexdigest()
        if recorded.get(file) != digest:
            how = "changed" if file in seeds.changed else "was added"
            reasons.append(refusal(
                "seed-unrecorded", f"seeds/{file} {how}, but pages.csv does not record its sha256",
                table="pages", row=file, column="sha256", expected=digest, found=recorded.get(file),
                location=f"seeds/{file}",
                hint="seeds are never edited: restore the file; a new page needs a pages.csv row "
                     "with its sha256"))
    return reasons


def citations(corpus: Corpus) -> list[tuple[str, str, str, str, str]]:
    """Every citation of one row by another: (cited table, cited id, citing table, citing row,
    citing column)."""
    found = []
    for table, column, ref_table, _ in declared_references():
        if corpus.has_columns(table, column):
            rows = corpus.tables[table]
            for index, row in rows.rows():
                if row[column]:
                    found.append((ref_table, row[column] or "", table, rows.row_key(index), column))
    for table, column, split in (("relations", "expression", FACT_ID.findall),
                                 ("conflicts", "fact_ids", lambda cell: cell.split("|")),
                                 ("conflicts", "preferred", lambda cell: [cell])):
        if corpus.has_columns(table, column):
            rows = corpus.tables[table]
            for index, row in rows.rows():
                for fact in split(row[column] or ""):
                    if fact.strip():
                        found.append(("facts", fact.strip(), table, rows.row_key(index), column))
    return found


def _removed_and_cited(new: Corpus, diffs: list[TableDiff]) -> list[Finding]:
    removed = {(d.table, key) for d in diffs for key in d.removed}
    return [refusal("removed-row-cited",
                    f"{cited_table} {cited} was removed, but {table} {row} still cites it in {column}",
                    table=cited_table, row=cited, column=None, found=f"{table} {row} {column}",
                    location=new.tables[table].location_of(row),
                    hint=f"remove or change the citing row of {table} too, or keep {cited}")
            for cited_table, cited, table, row, column in citations(new) if (cited_table, cited) in removed]


def _reused_ids(old: Corpus | None, new: Corpus, diffs: list[TableDiff]) -> list[Finding]:
    if old is None:
        return []
    reasons = []
    for d in diffs:
        if d.table not in QUOTING_TABLES:
            continue
        before, after = keyed_rows(old.tables.get(d.table)), keyed_rows(new.tables[d.table])
        for change in d.changed:
            if {"quote", "text"} <= {c.column for c in change.cells}:
                previous, current = before[change.row], after[change.row]
                reasons.append(refusal(
                    "id-reused", f"{change.row} named {previous['text']!r} "
                    f"({previous['quote']!r}) and now names {current['text']!r} ({current['quote']!r})",
                    table=d.table, row=change.row, column="text", expected=previous["text"],
                    found=current["text"], location=new.tables[d.table].location_of(change.row),
                    hint="an id always means the same printed figure: give the new one the next "
                         "free id and keep or remove the old row"))
    return reasons
