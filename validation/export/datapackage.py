"""A corpus as a Frictionless Data Package (v1): ``datapackage.json`` beside byte-for-byte
copies of the tables (``data/NAME.csv``) and of the pages they quote (``seeds/FILE``).

Each table's Table Schema is generated from its pandera model (:mod:`validation.schemas`), never
written by hand, so the package says exactly what the validator checks cell by cell:

* ``constraints.required`` where the column may not be empty, ``unique`` where the model says so;
* ``pattern`` from the column's ``str_matches`` check, rewritten to match the whole cell without
  anchors (:func:`whole_cell_pattern`), in the syntax Python's ``re`` and XML Schema share;
* ``enum`` from its ``isin`` check, or the type ``boolean`` when the values are ``true``/``false``;
* the type ``integer`` (minimum 1) for a positive-integer pattern, ``number`` for a decimal one
  (read exactly, as ``Decimal``), ``string`` for everything else, dates included: a date may be
  as precise as printed (``2024``, ``2024-01``), which no Frictionless date type allows;
* ``primaryKey`` from the table's key, ``foreignKeys`` from the columns the schemas declare as
  references (:func:`validation.model.citations.declared_references`, the declaration the
  ``dangling-reference`` check reads), ``missingValues: [""]`` (an empty cell is absent).

Checks across a row or across the pages (a quote is found in its article, a period is a real
date) have no Table Schema form; ``python -m validation check`` runs them.

Nothing is written unless the tables pass the checks the package states (reading, schema,
references) and every registered page is present, unchanged and UTF-8: a data package whose
data break its own schemas is no publication. The package is built in a temporary folder beside
``out`` and renamed into place, so ``out`` is never half written.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandera.pandas as pa

from validation import __version__
from validation.checks import references, schema
from validation.checks.pages import not_regular_seed
from validation.corpus import FACTS_DIR, SEEDS_DIR, Corpus, is_embedded, load_corpus
from validation.files import (  # the private helpers are those of files.staged, reused
    NotRegularFile,
    _alive,
    _signals_held,
    _umask,
    kind_of,
    read_regular,
    unreadable,
)
from validation.findings import Finding, InputError
from validation.model.citations import declared_references
from validation.schemas import TABLES, TableSpec
from validation.schemas.base import BOOLEANS, DECIMAL_PATTERN, POSITIVE_INT_PATTERN, whole_cell
from validation.schemas.units import FACTOR_PATTERN

#: The descriptor's file name, as Frictionless tools look for it.
DESCRIPTOR = "datapackage.json"
#: Where the copies of the tables go inside the package (never ``facts/``: a package is not a
#: corpus, and a corpus tool pointed at it must not mistake it for one).
DATA_DIR = "data"
#: The package name of the corpus that ships with the validator.
EMBEDDED_NAME = "tianxin-facts"
EMBEDDED_TITLE = "Tianxin fact tables"
#: Data Package v1 profiles. A descriptor without ``$schema`` is v1 (frictionless-py 5 reads it so).
PACKAGE_PROFILE = "data-package"
TABLE_PROFILE = "tabular-data-resource"
FILE_PROFILE = "data-resource"
#: What a package or resource name may hold in v1.
NAME_CHARACTERS = re.compile(r"[^a-z0-9._-]+")
#: The CSV dialect of every table in canonical form (validation.canonical).
DIALECT = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True,
           "header": True}
#: Patterns whose cells are values of a Frictionless type, with the constraints that type keeps.
TYPED_PATTERNS: dict[str, tuple[str, dict[str, Any]]] = {
    POSITIVE_INT_PATTERN: ("integer", {"minimum": 1}),
    DECIMAL_PATTERN: ("number", {}),
    FACTOR_PATTERN: ("number", {}),
}
#: Escapes that mean the same in Python's ``re`` and in XML Schema regular expressions.
_PORTABLE_ESCAPES = frozenset("dDntr.-|\\()[]{}*+?^$/")
#: Temporary folders of an export: ``.OUT.PID.RANDOM.tmp`` (being built) and ``.old`` (the
#: earlier export being replaced).
_WORK_FOLDER = r"^\.{name}\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.(tmp|old)$"


@dataclass(frozen=True)
class Written:
    """One file of the package: its path inside it, its size, and rows for a table."""

    path: str
    size: int
    rows: int | None = None


@dataclass
class Export:
    """What an export did: the package folder and its files, or the findings that stopped it
    (then nothing was written)."""

    root: Path
    out: Path
    name: str
    files: list[Written] = field(default_factory=list)
    #: Optional tables the corpus does not have, so the package has no resource for them.
    left_out: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


# -- Table Schemas from the pandera models ---------------------------------------------------


def whole_cell_pattern(pattern: str) -> str:
    """The ``str_matches`` pattern ``^BODY$`` (a Python regex, tested with ``re.match``) as a
    Table Schema ``pattern``: one that matches the whole cell by itself, without the anchors
    (in XML Schema syntax ``^`` and ``$`` are ordinary characters). Raises ``ValueError`` for a
    pattern with no such form: not anchored at both ends, an alternative outside any group
    (``^A|B$`` is ``(^A)|(B$)`` to Python: write ``^(A|B)$``), or syntax that differs between
    Python and XML Schema (``(?...)`` groups, ``\\b``, ``\\w``, lazy quantifiers, a back
    reference, an anchor inside)."""
    if pattern.endswith(r"\Z") and not pattern.endswith(r"\\Z"):
        pattern = pattern[:-2] + "$"  # the schemas' whole-cell anchor (schemas.base.whole_cell)
    if len(pattern) < 2 or not pattern.startswith("^") or not _ends_with_anchor(pattern):
        raise ValueError(f"pattern {pattern!r} is not anchored as ^...$")
    body = pattern[1:-1]
    depth = 0
    position = 0
    while position < len(body):
        char = body[position]
        after = body[position + 1:position + 2]
        if char == "\\":
            if after not in _PORTABLE_ESCAPES or not after:
                raise ValueError(f"pattern {pattern!r}: the escape \\{after} has no portable form")
            position += 2
            continue
        if char == "[":
            position = _class_end(body, position, pattern)
            continue
        if char == "(":
            if after == "?":
                raise ValueError(f"pattern {pattern!r}: (?...) groups have no XML Schema form")
            depth += 1
        elif char == ")":
            depth -= 1
        elif char in "^$":
            raise ValueError(f"pattern {pattern!r}: an anchor inside the pattern has no portable form")
        elif char == "|" and depth == 0:
            raise ValueError(f"pattern {pattern!r}: an alternative outside a group binds to the "
                             "anchors; group it as ^(...|...)$")
        elif char in "*+?}" and after in ("?", "+"):
            raise ValueError(f"pattern {pattern!r}: lazy and possessive quantifiers have no "
                             "XML Schema form")
        position += 1
    return body


def _ends_with_anchor(pattern: str) -> bool:
    """Whether the last ``$`` is an anchor, not an escaped dollar."""
    if not pattern.endswith("$"):
        return False
    backslashes = len(pattern[:-1]) - len(pattern[:-1].rstrip("\\"))
    return backslashes % 2 == 0


def _class_end(body: str, start: int, pattern: str) -> int:
    """The position just after the character class opening at ``start``."""
    position = start + 1
    if body[position:position + 1] == "^":
        position += 1
    if body[position:position + 1] == "]":
        position += 1  # a ] first in the class is a member
    while position < len(body):
        char = body[position]
        if char == "\\":
            after = body[position + 1:position + 2]
            if after not in _PORTABLE_ESCAPES or not after:
                raise ValueError(f"pattern {pattern!r}: the escape \\{after} has no portable form")
            position += 2
            continue
        if char == "[":
            raise ValueError(f"pattern {pattern!r}: a [ inside a class has no portable meaning")
        if char == "]":
            return position + 1
        position += 1
    raise ValueError(f"pattern {pattern!r}: a character class is not closed")


def field_descriptor(name: str, column: pa.Column) -> dict[str, Any]:
    """The Table Schema field of one column of a pandera model."""
    statistics = {check.name: check.statistics or {} for check in column.checks}
    pattern = statistics.get("str_matches", {}).get("pattern")
    allowed = statistics.get("isin", {}).get("allowed_values")
    descriptor: dict[str, Any] = {"name": name, "type": "string"}
    if column.description:
        descriptor["description"] = column.description
    example = (column.metadata or {}).get("example")
    if example:
        descriptor["example"] = example
    constraints: dict[str, Any] = {"required": not column.nullable}
    if column.unique:
        constraints["unique"] = True
    typed_by = {whole_cell(p): t for p, t in TYPED_PATTERNS.items()}
    if pattern in typed_by:
        descriptor["type"], typed = typed_by[pattern]
        constraints.update(typed)
    elif pattern:
        constraints["pattern"] = whole_cell_pattern(pattern)
    if allowed is not None and sorted(allowed) == sorted(BOOLEANS) and not pattern:
        descriptor.update(type="boolean", trueValues=["true"], falseValues=["false"])
    elif allowed is not None:
        constraints["enum"] = list(allowed)
    descriptor["constraints"] = constraints
    return descriptor


def table_schema(spec: TableSpec, header: list[str] | None = None,
                 resources: set[str] | None = None) -> dict[str, Any]:
    """The Table Schema of a table: its fields in the order of ``header`` (the file's own
    order, which Frictionless requires; the model's order by default), its key, and a foreign
    key for each declared reference whose table is among ``resources`` (all by default)."""
    columns = spec.model.to_schema().columns
    order = header if header is not None else list(columns)
    present = set(TABLES) if resources is None else resources
    foreign = [{"fields": [column],
                "reference": {"resource": "" if target == spec.name else target,
                              "fields": [target_column]}}
               for table, column, target, target_column in declared_references()
               if table == spec.name and target in present and column in order]
    descriptor: dict[str, Any] = {
        "fields": [field_descriptor(name, columns[name]) for name in order],
        "missingValues": [""],
        "primaryKey": list(spec.key),
    }
    if foreign:
        descriptor["foreignKeys"] = foreign
    return descriptor


def table_description(spec: TableSpec) -> str:
    """What a table holds: its model's docstring, on one line."""
    return " ".join(inspect.cleandoc(spec.model.__doc__ or "").split())


# -- Names -----------------------------------------------------------------------------------


def slug(text: str) -> str:
    """``text`` as a v1 package or resource name: lower case, runs of other characters as
    ``-``; empty when nothing of it is left."""
    return NAME_CHARACTERS.sub("-", text.lower()).strip("-.")


def package_name(root: Path) -> tuple[str, str]:
    """The package's name and title: the corpus folder's name (``tianxin-facts`` for the
    embedded corpus)."""
    if is_embedded(root):
        return EMBEDDED_NAME, EMBEDDED_TITLE
    folder = root.absolute().name or root.resolve().name
    return slug(folder) or "corpus", folder or "corpus"


def _seed_names(files: list[str], taken: set[str]) -> dict[str, str]:
    """A distinct resource name per seed file: ``seed-`` and the file name as a slug."""
    names: dict[str, str] = {}
    for file in files:
        base = f"seed-{slug(file) or 'page'}"
        name, count = base, 1
        while name in taken:
            count += 1
            name = f"{base}-{count}"
        taken.add(name)
        names[file] = name
    return names


# -- Where the package goes ------------------------------------------------------------------


def check_target(root: Path, out: Path, *, force: bool = False) -> None:
    """Raise :class:`InputError` unless ``out`` may receive the package: a new or empty folder,
    or with ``force`` a folder holding an earlier export (it is replaced whole). Never the corpus
    itself, a folder holding it, nor a folder inside its ``seeds/`` or ``facts/``."""
    try:
        where, corpus = out.resolve(), root.resolve()
    except (OSError, RuntimeError) as exc:
        raise InputError(f"{out}: cannot resolve the path ({exc}); choose another --out") from None
    for sub in (SEEDS_DIR, FACTS_DIR):
        if where.is_relative_to(corpus / sub):
            raise InputError(f"{out}: is inside the corpus's {sub}/ folder; the package is never "
                             f"written among the tables or pages: choose a folder outside {sub}/")
    if corpus.is_relative_to(where):
        raise InputError(f"{out}: holds the corpus {root}, and the package replaces its folder "
                         f"whole: choose a new folder, such as {out / 'datapackage'}")
    kind = kind_of(out)
    if kind is None:
        return
    if kind == "a symbolic link":
        raise InputError(f"{out}: is a symbolic link; the package replaces its folder whole, so "
                         "name a real folder (or a new one) with --out")
    if kind != "a directory":
        raise InputError(f"{out}: is {kind}, not a folder; choose a new folder with --out")
    try:
        entries = os.listdir(out)
    except OSError as exc:
        raise unreadable(out, exc) from None
    if not entries:
        return
    if not force:
        raise InputError(f"{out}: is not empty ({len(entries)} entries); the export writes a new "
                         "folder: choose another --out, or pass --force to replace an earlier "
                         "export there")
    if kind_of(out / DESCRIPTOR) != "a regular file":
        raise InputError(f"{out}: holds no {DESCRIPTOR}, so it is no earlier export; --force "
                         "replaces only an earlier export: choose a new folder with --out")


# -- The export ------------------------------------------------------------------------------


def export_datapackage(root: Path | str, out: Path | str, *, force: bool = False) -> Export:
    """Write the corpus under ``root`` as a data package into the folder ``out``. Raises
    :class:`InputError` when the corpus cannot be read or ``out`` may not be written; returns
    an :class:`Export` whose ``findings`` say why nothing was written when the tables or pages
    break what the package would state."""
    root, out = Path(root), Path(os.path.abspath(out))  # "." and ".." named, not renamed over
    check_target(root, out, force=force)
    corpus = load_corpus(root)
    name, title = package_name(root)
    result = Export(root, out, name)
    result.findings = [*corpus.load_findings, *schema.run(corpus), *references.run(corpus),
                       *_unregistered_seeds(corpus)]
    if result.findings:
        return result
    present = [spec for spec in TABLES.values()
               if not (spec.optional and kind_of(root / FACTS_DIR / spec.filename) is None)]
    result.left_out = [spec.filename for spec in TABLES.values() if spec not in present]
    names = {spec.name for spec in present}
    try:
        with _building(out) as stage:
            resources = [_copy_table(corpus, spec, stage, names, result) for spec in present]
            resources += _copy_seeds(corpus, stage, names, result)
            if result.findings:
                return result
            descriptor = {"profile": PACKAGE_PROFILE, "name": name, "title": title,
                          "description": _package_description(root), "resources": resources}
            text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
            _write(stage / DESCRIPTOR, text.encode("utf-8"))
            result.files.insert(0, Written(DESCRIPTOR, len(text.encode("utf-8"))))
            _install(stage, out)
    except OSError as exc:
        raise InputError(f"{out}: cannot write the package ({exc.strerror or exc}); nothing was "
                         "written: choose another folder with --out") from None
    return result


def _package_description(root: Path) -> str:
    corpus = "the corpus that ships with the validator" if is_embedded(root) else \
        f"the corpus folder {root.absolute().name or root}"
    return (f"Fact tables of the figures printed in news pages, each row citing the article it "
            f"comes from and the verbatim words that state it; exported from {corpus} by "
            f"tianxin-facts {__version__}. The pages are under seeds/, byte for byte as received. "
            "Add the sources and licenses of your pages before you publish.")


def _unregistered_seeds(corpus: Corpus) -> list[Finding]:
    """Pages in ``seeds/`` that ``pages.csv`` does not list, and entries that are no file."""
    registered = {f for f in corpus.tables["pages"].frame["file"] if isinstance(f, str)}
    findings = []
    for file, kind in corpus.seed_entries():
        if kind != "a regular file":
            findings.append(not_regular_seed(file, kind, f"{SEEDS_DIR}/{file}"))
        elif file not in registered:
            findings.append(Finding(
                "seed-unregistered", f"{SEEDS_DIR}/{file} has no row in pages.csv", table="pages",
                row=file, column="file", location=f"{SEEDS_DIR}/{file}",
                hint="add a row with its file name, sha256 and description"))
    return findings


def _copy_table(corpus: Corpus, spec: TableSpec, stage: Path, present: set[str],
                result: Export) -> dict[str, Any]:
    """Copy one table byte for byte; its resource descriptor."""
    table = corpus.tables[spec.name]
    data = read_regular(table.path)
    path = f"{DATA_DIR}/{spec.filename}"
    _write(stage / path, data)
    result.files.append(Written(path, len(data), len(table.frame)))
    return {"profile": TABLE_PROFILE, "name": spec.name, "title": spec.filename,
            "description": table_description(spec), "path": path, "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "bytes": len(data),
            "hash": f"sha256:{hashlib.sha256(data).hexdigest()}", "dialect": DIALECT,
            "schema": table_schema(spec, list(table.header), present)}


def _copy_seeds(corpus: Corpus, stage: Path, taken: set[str], result: Export) -> list[dict[str, Any]]:
    """Copy each page ``pages.csv`` lists, one at a time, checking that it is present,
    unchanged and UTF-8 (a finding otherwise, and the export stops); their resources."""
    pages = corpus.tables["pages"]
    rows = [(index, row["file"], row["sha256"]) for index, row in pages.rows()]
    names = _seed_names([str(file) for _, file, _ in rows], set(taken))
    resources = []
    for index, file, expected in rows:
        assert isinstance(file, str) and isinstance(expected, str)  # the schema passed
        try:
            data = read_regular(corpus.seeds_dir / file)
        except FileNotFoundError:
            result.findings.append(Finding(
                "seed-missing", f"{SEEDS_DIR}/{file} does not exist", table="pages", row=file,
                column="file", found="no such file", location=pages.location(index),
                hint=f"restore {SEEDS_DIR}/{file} (byte for byte) or remove its rows"))
            continue
        except NotRegularFile as exc:
            result.findings.append(not_regular_seed(file, exc.kind, pages.location(index)))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != expected:
            result.findings.append(Finding(
                "page-checksum-mismatch", f"{SEEDS_DIR}/{file} has changed since it was registered",
                table="pages", row=file, column="sha256", expected=expected, found=digest,
                location=pages.location(index),
                hint="seeds are never edited: restore the original bytes; a new edition of a "
                     "page is a new page, added under a new file name with its own rows"))
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            result.findings.append(Finding(
                "seed-not-utf8", f"{SEEDS_DIR}/{file} is not UTF-8 text", table="pages", row=file,
                column="file", location=f"{SEEDS_DIR}/{file}", hint="convert the page to UTF-8"))
            continue
        if result.findings:
            continue  # the export stops: check the remaining pages, copy none
        path = f"{SEEDS_DIR}/{file}"
        _write(stage / path, data)
        result.files.append(Written(path, len(data)))
        resources.append({"profile": FILE_PROFILE, "name": names[file], "path": path,
                          "format": "txt", "mediatype": "text/plain", "encoding": "utf-8",
                          "bytes": len(data), "hash": f"sha256:{digest}"})
    return resources


# -- Writing the folder ----------------------------------------------------------------------


def _write(path: Path, data: bytes) -> None:
    """Write a new file of the package (its folder is created on first use), flushed to disk."""
    path.parent.mkdir(exist_ok=True)
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def _building(out: Path) -> Iterator[Path]:
    """A new temporary folder beside ``out`` to build the package in; removed unless it was
    renamed into place. Work folders left by killed exports to ``out`` are removed first."""
    parent = out.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(parent, out.absolute().name)
    stage = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.absolute().name}.{os.getpid()}.",
                                  suffix=".tmp"))
    try:
        yield stage
    finally:
        if kind_of(stage) == "a directory":
            shutil.rmtree(stage, ignore_errors=True)


def _install(stage: Path, out: Path) -> None:
    """Put the built package at ``out``: the folder renamed into place when ``out`` is new; its
    entries moved in, the descriptor last, when ``out`` is an empty folder (which stays the
    user's: it may be a shell's current folder); an earlier export is first moved aside, then
    removed once the new one is in place."""
    os.chmod(stage, 0o777 & ~_umask())  # mkdtemp made it private; the package is an ordinary folder
    with _signals_held():
        if kind_of(out) is None:
            os.replace(stage, out)
            return
        if not os.listdir(out):
            for entry in sorted(os.listdir(stage), key=lambda name: name == DESCRIPTOR):
                os.replace(stage / entry, out / entry)
            return
        aside = Path(tempfile.mkdtemp(dir=stage.parent, prefix=f".{out.absolute().name}."
                                      f"{os.getpid()}.", suffix=".old"))
        os.replace(out, aside)
        try:
            os.replace(stage, out)
        except OSError:
            os.replace(aside, out)
            raise
    shutil.rmtree(aside, ignore_errors=True)


def _remove_stale(parent: Path, name: str) -> None:
    """Remove the work folders that exports to ``parent/name`` no longer alive left behind."""
    pattern = re.compile(_WORK_FOLDER.format(name=re.escape(name)))
    try:
        entries = os.listdir(parent)
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry)
        if match and not _alive(int(match["pid"])) and kind_of(parent / entry) == "a directory":
            shutil.rmtree(parent / entry, ignore_errors=True)
