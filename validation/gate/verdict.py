"""The gate: may a change to the tables land? It compares the working tree with a git ref,
table by table, runs every check on both, and refuses a change that breaks something."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from validation.canonical import table_files
from validation.corpus import FACTS_DIR, Corpus, load_corpus
from validation.engine import validate_corpus
from validation.expressions import FACT_ID
from validation.files import kind_of
from validation.findings import Finding, InputError
from validation.gate.diff import TableDiff, diff_table, keyed_rows
from validation.gate.rules import ALLOWABLE, FORM_CHECKS, GATE_RULES, refusal
from validation.gate.snapshot import corpus_at
from validation.model.citations import QUOTING_TABLES, declared_references
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
    #: Changes that a rule would refuse but that ``--allow`` named: listed, not blocking.
    allowed: list[Finding] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return not self.reasons


def parse_allow(text: str | None) -> frozenset[str]:
    """The rules named by ``--allow`` (comma-separated); raises ``InputError`` for any other."""
    names = frozenset(n.strip() for n in (text or "").split(",") if n.strip())
    unknown = sorted(names - ALLOWABLE)
    if unknown:
        what = ("is a rule that cannot be allowed" if all(n in GATE_RULES for n in unknown)
                else "is not a rule")
        raise InputError(f"--allow {','.join(unknown)}: {what}; rules that may be allowed: "
                         + ", ".join(sorted(ALLOWABLE)))
    return names


def _identity(f: Finding) -> tuple[str | None, ...]:
    """What makes a failure the same failure before and after a change: check, table, row,
    column, and the place on the page for failures found in the seeds (seeds never change, so
    that place is stable; a table's line number is not, so it is left out)."""
    place = f.location if f.location and f.location.startswith("seeds/") else None
    return (f.check, f.table, f.row, f.column, place)


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


def gate(root: Path | str, base: str, allow: frozenset[str] = frozenset()) -> GateResult:
    """Judge the working tree under ``root`` against git ref ``base``; raises ``InputError``
    when either state cannot be read at all. Rules named in ``allow`` (see ``ALLOWABLE``) list
    their changes without refusing them."""
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
        removed_tables = _removed_tables(old, new)
        downgraded = _replaced_by_exclusions(old, new) if old is not None else []

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
    reasons += _edited_seeds(seeds)
    reasons += removed_tables
    reasons += _weakened(old, diffs)
    reasons += downgraded
    reasons += [refusal("not-canonical", f"{t.display_path} is not in canonical form"
                        + (f": {t.error}" if t.error else ""), table=t.name, location=t.display_path,
                        hint="fix the row, then run python -m validation fmt" if t.error
                        else "run python -m validation fmt, then commit the result")
                for t in unformed]
    allowed = [r for r in reasons if r.check in allow]
    reasons = [r for r in reasons if r.check not in allow]
    return GateResult(base, snapshot.commit, str(root), diffs, seeds, new_failures, preexisting,
                      fixed, reasons, [t.display_path for t in unformed], allowed)


def _seed_digests(corpus: Corpus | None) -> dict[str, str | None]:
    """Each seed's sha256 (``None`` for one that is no regular file), by name."""
    if corpus is None:
        return {}
    digests: dict[str, str | None] = {}
    for name, _ in corpus.seed_entries():
        page = corpus.page(name)
        digests[name] = page.sha256 if page is not None else None
    return digests


def _seed_changes(old: Corpus | None, new: Corpus) -> SeedChanges:
    before, after = _seed_digests(old), _seed_digests(new)
    return SeedChanges(added=sorted(set(after) - set(before)), removed=sorted(set(before) - set(after)),
                       changed=sorted(f for f in set(after) & set(before) if after[f] != before[f]))


def _edited_seeds(seeds: SeedChanges) -> list[Finding]:
    hint = ("seeds are never edited or deleted: restore seeds/{0} from the base; a new edition of "
            "a page is a new page, added under a new file name with its own pages.csv row")
    return [refusal("seed-edited", f"seeds/{f} differs from the base ref", table="pages", row=f,
                    column="sha256", location=f"seeds/{f}", hint=hint.format(f))
            for f in seeds.changed] + \
           [refusal("seed-removed", f"seeds/{f} exists at the base ref and was deleted",
                    table="pages", row=f, location=f"seeds/{f}", hint=hint.format(f))
            for f in seeds.removed]


def _removed_tables(old: Corpus | None, new: Corpus) -> list[Finding]:
    """Tables whose file exists at the base and is gone now (an absent optional table would
    otherwise read as empty and silently drop its rows)."""
    if old is None:
        return []
    reasons = []
    for name, spec in TABLES.items():
        if kind_of(old.root / FACTS_DIR / spec.filename) is not None and \
                kind_of(new.root / FACTS_DIR / spec.filename) is None:
            rows = len(old.tables[name].frame)
            reasons.append(refusal(
                "table-removed", f"{FACTS_DIR}/{spec.filename} exists at the base ref with {rows} "
                "row(s) and is missing now", table=name, location=f"{FACTS_DIR}/{spec.filename}",
                hint=f"restore {FACTS_DIR}/{spec.filename}; to drop rows, remove them from the "
                     "table (the gate then shows each one)"))
    return reasons


#: Rows whose change can silence a consistency check: (table, what a row is, the columns that
#: matter). Adding a relation or removing a conflict only makes the checks stricter.
_WATCHED = (("relations", "relation", ("expression",)), ("conflicts", "conflict", ("fact_ids", "preferred")))


def _weakened(old: Corpus | None, diffs: list[TableDiff]) -> list[Finding]:
    """Relations removed or rewritten, conflicts added or changed: refused unless allowed by
    name, since each can silence a consistency check."""
    if old is None:
        return []
    by_table = {d.table: d for d in diffs}
    removed_relations = keyed_rows(old.tables.get("relations"))
    reasons = [refusal(
        "relation-removed", f"relation {key} ({removed_relations[key].get('expression')}) was "
        "removed", table="relations", row=key, column="expression",
        expected=removed_relations[key].get("expression"),
        hint="keep the relation; if it is wrong on purpose, pass --allow relation-removed")
        for key in by_table["relations"].removed]
    reasons += [refusal(
        "conflict-added", f"conflict {key} was recorded: its facts' violations become warnings",
        table="conflicts", row=key, column="fact_ids",
        hint="fix the facts instead; if the pages really disagree, pass --allow conflict-added")
        for key in by_table["conflicts"].added]
    for table, noun, columns in _WATCHED:
        reasons += [refusal(
            f"{noun}-changed", f"{noun} {change.row} {c.column} changed from {c.old} to {c.new}",
            table=table, row=change.row, column=c.column, expected=c.old, found=c.new,
            hint=f"keep the {noun} as it was; if the change is meant, pass --allow {noun}-changed")
            for change in by_table[table].changed for c in change.cells if c.column in columns]
    return reasons


def _replaced_by_exclusions(old: Corpus, new: Corpus) -> list[Finding]:
    """Printed numbers that a fact, event or period covered at the base and only an exclusion
    covers now. Seeds never change (the seed rules see to that), so a mention's place on its
    page identifies it in both states."""
    before = {(a.article_id, m.span.start): how for a in old.model.coverage.articles
              for m, how in zip(a.mentions, a.covered_as, strict=True)}
    reasons = []
    for article in new.model.coverage.articles:
        page = new.page(article.file)
        for mention, how in zip(article.mentions, article.covered_as, strict=True):
            previous = before.get((article.article_id, mention.span.start))
            if how != "exclusions" or previous in (None, "exclusions"):
                continue
            reasons.append(refusal(
                "fact-replaced-by-exclusion", f"{mention.text} was covered by {previous} and is now "
                "covered only by an exclusion", table="exclusions", row=article.article_id,
                location=page.where(mention.span.start) if page else f"seeds/{article.file}",
                expected=f"covered by {previous}", found="covered by an exclusion",
                hint="keep the row that stated the figure; if it is no figure after all, pass "
                     "--allow fact-replaced-by-exclusion"))
    return reasons


def _unrecorded_seeds(new: Corpus, seeds: SeedChanges) -> list[Finding]:
    recorded = {row["file"]: row["sha256"] for _, row in new.tables["pages"].rows()} \
        if new.has_columns("pages", "file", "sha256") else {}
    reasons = []
    for file in seeds.added:
        page = new.page(file)
        digest = page.sha256 if page is not None else None
        if digest is None or recorded.get(file) != digest:
            reasons.append(refusal(
                "seed-unrecorded", f"seeds/{file} was added, but pages.csv does not record its "
                "sha256",
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
