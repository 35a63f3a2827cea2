"""Merge a reviewed draft file (see :mod:`validation.draft`) into the corpus's tables.

:func:`apply_drafts` reads the draft file, checks every row, validates the corpus as it would be
with the rows merged, and only when nothing is wrong writes ``facts.csv``, ``events.csv`` and
``exclusions.csv`` as one set, atomically, in canonical form. A row is refused when

* a cell it needs is empty (``entity_id``, ``metric_id``, ``reason``…), its ``table`` is not
  facts, events or exclusions, or it fills a column of another table;
* its id is already used in the corpus, or twice in the draft;
* it cites a block that ``articles.csv`` no longer has (renamed since the draft was made);
* the merged corpus fails a check that the corpus does not fail now. Findings are compared by
  check, table, row, column and place in a page, as the gate compares them; each new failure is
  reported on the draft row it names (by id, in its row or its message).

Each problem names the draft file's line and column. An unreadable draft file (not UTF-8, not
CSV, a header that is not a draft's, a row that does not fit the header) raises
:class:`InputError`, as does a table that cannot be rewritten without losing a cell.

Nothing here prints or exits; :mod:`validation.commands.draft` does.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from validation.canonical import canonical_text, read_cells
from validation.corpus import FACTS_DIR, SEEDS_DIR, Corpus, load_corpus
from validation.csvfile import decode_utf8, parse_records, read_table
from validation.draft import DRAFT_COLUMNS, DRAFT_TABLES, unescape_cell
from validation.engine import validate_corpus
from validation.files import NotRegularFile, check_writable, read_regular, staged
from validation.findings import Finding, InputError
from validation.schemas import TABLES

#: Columns of the draft file that no table has.
DRAFT_ONLY = ("table", "draft_note")


@dataclass(frozen=True)
class Problem:
    """Why a draft row cannot be applied: the draft file's line and column (``None`` when the
    problem is the merge's as a whole), the row's id, what is wrong and how to fix it."""

    line: int | None
    column: str | None
    row_id: str | None
    message: str
    hint: str = ""
    #: ``empty`` or ``foreign`` for a cell the row can still be checked without; else ``""``.
    kind: str = ""


@dataclass(frozen=True)
class DraftLine:
    """One row of a draft file: its line and its cells, unescaped (see
    :func:`validation.draft.unescape_cell`)."""

    line: int
    cells: dict[str, str]

    @property
    def table(self) -> str:
        return self.cells["table"]

    @property
    def row_id(self) -> str:
        id_column = DRAFT_TABLES[self.table][0] if self.table in DRAFT_TABLES else None
        return self.cells.get(id_column or "", "")


@dataclass
class Applied:
    """What applying a draft file did, or why it was refused."""

    draft: str
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: Ids added (or, refused, that would have been added), per table.
    added: dict[str, list[str]] = field(default_factory=dict)
    #: The tables written, as ``facts/NAME.csv``.
    written: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_draft_file(path: Path, display: str | None = None) -> list[DraftLine]:
    """The rows of the draft file at ``path``. Raises :class:`InputError` naming the file and
    line when it is missing, no regular file, not UTF-8, not CSV, has another header than a
    draft's, or a row that does not fit the header."""
    shown = display or str(path)
    try:
        data = read_regular(path)
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file; name the draft file that "
                         "'python -m validation draft' wrote") from None
    except NotRegularFile as exc:
        raise InputError(f"{shown}: is {exc.kind}; the draft must be a regular file") from None
    text = decode_utf8(data, shown).removeprefix("\ufeff")  # spreadsheets add a BOM
    if not text.strip():
        raise InputError(f"{shown}: empty file; a draft file starts with its header: "
                         + ",".join(DRAFT_COLUMNS))
    records = parse_records(text, shown)
    duplicates = records.duplicate_columns()
    if duplicates:
        raise InputError(f"{shown}:1: column {', '.join(duplicates)} appears more than once in "
                         "the header")
    missing = [c for c in DRAFT_COLUMNS if c not in records.header]
    unknown = [c for c in records.header if c not in DRAFT_COLUMNS]
    if missing or unknown:
        said = "; ".join(part for part in (
            f"missing {', '.join(missing)}" if missing else "",
            f"unknown {', '.join(unknown)}" if unknown else "") if part)
        raise InputError(f"{shown}:1: not a draft file's header ({said}); a draft file has the "
                         f"columns {','.join(DRAFT_COLUMNS)}")
    records.require_whole(shown)
    return [DraftLine(line, {c: unescape_cell(cell) for c, cell in zip(records.header, row,
                                                                        strict=True)})
            for line, row in zip(records.lines, records.rows, strict=True)]


def apply_drafts(root: Path | str, draft_file: Path, *, display: str | None = None,
                 write: bool = True) -> Applied:
    """Merge the rows of ``draft_file`` into the tables of the corpus at ``root``, or refuse
    (``Applied.problems``) and write nothing. With ``write`` false, only check."""
    root = Path(root)
    lines = read_draft_file(draft_file, display)
    result = Applied(display or str(draft_file), rows=len(lines))
    corpus = load_corpus(root)
    good = _check_rows(corpus, lines, result.problems)
    for line in lines:
        if line.table in DRAFT_TABLES:
            result.added.setdefault(line.table, []).append(line.row_id)
    if not lines:
        return result
    merged = _merged_tables(root, good)
    result.problems.extend(_new_failures(corpus, root, merged, lines))
    order = {c: i for i, c in enumerate(DRAFT_COLUMNS)}
    result.problems.sort(key=lambda p: (p.line is None, p.line or 0, order.get(p.column or "", -1)))
    if result.problems or not write:
        return result
    with staged(root / FACTS_DIR) as stage:
        for name, (path, before, text) in merged.items():
            _unchanged_since(path, before)
            stage(path, text)
            result.written.append(f"{FACTS_DIR}/{TABLES[name].filename}")
    return result


def _check_rows(corpus: Corpus, lines: list[DraftLine], problems: list[Problem]) -> list[DraftLine]:
    """The rows that can be merged; a :class:`Problem` for each thing wrong with the others."""
    articles = {b.article_id for b in corpus.model.blocks}
    if corpus.has_columns("articles", "article_id"):
        articles |= {a for a in corpus.tables["articles"].frame["article_id"] if isinstance(a, str)}
    existing = {table: _ids(corpus, table) for table in DRAFT_TABLES}
    seen: dict[str, int] = {}
    good = []
    for line in lines:
        found = _row_problems(line, articles, existing, seen)
        problems.extend(found)
        if all(p.kind for p in found):  # still checked, so that every problem is listed at once
            good.append(line)
    return good


def _row_problems(line: DraftLine, articles: set[str], existing: dict[str, set[str]],
                  seen: dict[str, int]) -> list[Problem]:
    table = line.table
    if table not in DRAFT_TABLES:
        return [Problem(line.line, "table", None, f"table is {table!r}, not one of "
                        f"{', '.join(DRAFT_TABLES)}", "write facts, events or exclusions")]
    spec = TABLES[table]
    row_id = line.row_id
    problems = []
    for column in DRAFT_COLUMNS:
        if column in DRAFT_ONLY or column in spec.columns or not line.cells.get(column):
            continue
        problems.append(Problem(line.line, column, row_id or None,
                                f"{column} is not a column of {table}, but holds "
                                f"{line.cells[column]!r}",
                                f"empty it (a row moved to {table} keeps only its columns)",
                                "foreign"))
    nullable = {name: column.nullable for name, column in spec.model.to_schema().columns.items()}
    for column in spec.columns:
        if not nullable.get(column, True) and not line.cells.get(column, "").strip():
            problems.append(Problem(line.line, column, row_id or None,
                                    f"{column} is empty, and every row of {table} needs it",
                                    _fill_hint(column), "empty"))
    if row_id and row_id in existing[table]:
        problems.append(Problem(line.line, DRAFT_TABLES[table][0], row_id,
                                f"{row_id} is already a row of {table}.csv",
                                "give the row an unused id (run draft again for fresh ones)"))
    if row_id and row_id in seen:
        problems.append(Problem(line.line, DRAFT_TABLES[table][0], row_id,
                                f"{row_id} is also the id of the row on line {seen[row_id]}",
                                "give each row its own id"))
    if row_id:
        seen.setdefault(row_id, line.line)
    article = line.cells.get("article_id", "")
    if article and article not in articles:
        problems.append(Problem(line.line, "article_id", row_id or None,
                                f"cites block {article}, which articles.csv no longer has",
                                "the block was renamed or removed since the draft was made: "
                                "draft again, or cite the block the quote is printed in"))
    return problems


def _fill_hint(column: str) -> str:
    return {
        "entity_id": "write the id of the entity (entities.csv) the row is about",
        "metric_id": "write the id of the metric (metrics.csv) the figure measures",
        "description_en": "say in English what happened on that date",
        "reason": "say in a sentence why this mention is no figure",
        "unit": "write the unit the context gives (the page prints none)",
    }.get(column, f"fill {column}")


def _ids(corpus: Corpus, table: str) -> set[str]:
    id_column = DRAFT_TABLES[table][0]
    if not corpus.has_columns(table, id_column):
        return set()
    return {i for i in corpus.tables[table].frame[id_column] if isinstance(i, str)}


def _merged_tables(root: Path, rows: list[DraftLine]) -> dict[str, tuple[Path, bytes | None, str]]:
    """Each table that gains rows: its path, its bytes now (``None``: absent) and its text with
    the rows merged, in canonical form. Raises :class:`InputError` when a table cannot take
    them without losing a cell."""
    merged = {}
    for name in DRAFT_TABLES:
        new = [r for r in rows if r.table == name]
        if not new:
            continue
        spec = TABLES[name]
        path = root / FACTS_DIR / spec.filename
        display = f"{FACTS_DIR}/{spec.filename}"
        try:
            before: bytes | None = read_regular(path)
        except FileNotFoundError:
            before = None
        except NotRegularFile as exc:
            raise InputError(f"{display}: is {exc.kind}; drafts are merged into regular files "
                             "only, so nothing was written") from None
        existing: list[list[str]] = []
        if before is None:
            header = list(spec.columns)
        else:
            header, existing = read_cells(decode_utf8(before, display), display)
        lacking = [c for c in spec.columns if c not in header]
        if lacking:
            raise InputError(f"{display}:1: the header lacks {', '.join(lacking)}, so the drafted "
                             "rows' cells would be lost; add the columns first (nothing was "
                             "written)")
        added = [[r.cells.get(c, "") for c in header] for r in new]
        merged[name] = (path, before, canonical_text(spec, header, [*existing, *added]))
    return merged


def _new_failures(corpus: Corpus, root: Path,
                  merged: dict[str, tuple[Path, bytes | None, str]],
                  lines: list[DraftLine]) -> list[Problem]:
    """The failures of the corpus with ``merged`` tables that the corpus does not have now,
    each on the draft row it names."""
    if not merged:
        return []
    now = validate_corpus(corpus, root=str(root))
    with tempfile.TemporaryDirectory(prefix="tianxin-apply-") as folder:
        tables = {}
        for name, spec in TABLES.items():
            path = root / FACTS_DIR / spec.filename
            if name in merged:
                path = Path(folder) / spec.filename
                path.write_text(merged[name][2], encoding="utf-8", newline="\n")
            tables[name] = read_table(path, name, spec.columns, spec.key,
                                      f"{FACTS_DIR}/{spec.filename}", optional=spec.optional)
        after = validate_corpus(Corpus(root, tables), root=str(root))
    known = Counter(_identity(f) for f in now.errors)
    fresh = []
    for finding in after.errors:
        key = _identity(finding)
        if known[key]:
            known[key] -= 1
        else:
            fresh.append(finding)
    by_id = {line.row_id: line for line in lines if line.row_id}
    said = {(line.row_id, column) for line in lines for column in DRAFT_COLUMNS
            if not line.cells.get(column, "").strip()}
    return [_on_row(finding, by_id) for finding in fresh
            if not (finding.check == "missing-value" and (finding.row, finding.column) in said)]


def _identity(finding: Finding) -> tuple[str | None, ...]:
    """What makes a finding the same before and after the merge: a table's line numbers move,
    a place in a page does not."""
    place = finding.location if finding.location and finding.location.startswith(SEEDS_DIR) else None
    return finding.check, finding.table, finding.row, finding.column, place


_ID = re.compile(r"\b[FEX][0-9]{4,}\b")


def _on_row(finding: Finding, by_id: dict[str, DraftLine]) -> Problem:
    """A new failure as a problem of the draft row whose id it names."""
    named = [finding.row] if finding.row in by_id else []
    named += [i for i in _ID.findall(" ".join(filter(None, (finding.message, finding.found))))
              if i in by_id and i not in named]
    line = by_id[named[0]] if named else None
    column = finding.column if line is not None and finding.column in DRAFT_COLUMNS else None
    where = f" ({finding.location})" if finding.location and line is None else ""
    return Problem(line.line if line else None, column, named[0] if named else finding.row,
                   f"{finding.check}: {finding.message}{where}", finding.hint or "")


def _unchanged_since(path: Path, before: bytes | None) -> None:
    """Refuse to write over a table that changed while the draft was being checked."""
    check_writable(path, f"{FACTS_DIR}/{path.name}")
    try:
        now: bytes | None = read_regular(path)
    except FileNotFoundError:
        now = None
    except NotRegularFile as exc:
        raise InputError(f"{FACTS_DIR}/{path.name}: is {exc.kind}; nothing was written") from None
    if now != before:
        raise InputError(f"{FACTS_DIR}/{path.name}: changed while the draft was being checked; "
                         "nothing was written: apply again")
