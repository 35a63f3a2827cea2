"""`export --format datapackage`: a Frictionless Data Package whose Table Schemas come from the
pandera models, which the frictionless library itself finds valid, and which is written whole or
not at all."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import frictionless
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import REPO, edit_cell, read_rows, write_rows
from validation.cli import main
from validation.export import datapackage
from validation.export.datapackage import (
    DESCRIPTOR,
    export_datapackage,
    package_name,
    slug,
    table_schema,
    whole_cell_pattern,
)
from validation.model.citations import declared_references
from validation.schemas import TABLES
from validation.schemas.base import BOUND_VALUES, KINDS

TINY = Path(__file__).parent / "fixtures" / "tiny-corpus"
TINY_PAGE = "001_tiny.txt"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A copy of the tiny corpus (fast to export) that a test may damage."""
    root = tmp_path / "tiny"
    shutil.copytree(TINY, root)
    return root


@pytest.fixture(scope="module")
def embedded_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded corpus exported once; tests copy it before damaging it."""
    out = tmp_path_factory.mktemp("export") / "datapackage"
    assert export_datapackage(REPO, out).ok
    return out


def descriptor(out: Path) -> dict[str, Any]:
    return json.loads((out / DESCRIPTOR).read_text(encoding="utf-8"))


def resource(out: Path, name: str) -> dict[str, Any]:
    return next(r for r in descriptor(out)["resources"] if r["name"] == name)


def fields(out: Path, name: str) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in resource(out, name)["schema"]["fields"]}


def errors(report: frictionless.Report) -> list[tuple[str | None, int | None, str | None, str]]:
    """(resource, row, field, error type) of every error of a validation report."""
    return [(task.name, getattr(e, "row_number", None), getattr(e, "field_name", None), e.type)
            for task in report.tasks for e in task.errors] + [(None, None, None, e.type)
                                                              for e in report.errors]


def edit_exported(out: Path, table: str, edits: list[tuple[int, str, str]]) -> None:
    """Change cells (data row number from 1, column, new value) of an exported table, and its
    hash and size in the descriptor, so that only the cells are wrong."""
    path = out / "data" / f"{table}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    for row, column, value in edits:
        rows[row][rows[0].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    path.write_bytes(data)
    package = descriptor(out)
    for entry in package["resources"]:
        if entry["name"] == table:
            entry.update(hash=f"sha256:{hashlib.sha256(data).hexdigest()}", bytes=len(data))
    (out / DESCRIPTOR).write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")


def siblings(folder: Path) -> list[str]:
    """Everything in ``folder``, hidden work folders included."""
    return sorted(os.listdir(folder))


# -- The package frictionless reads ---------------------------------------------------------


def test_the_embedded_corpus_exports_to_a_package_frictionless_finds_valid(embedded_package):
    report = frictionless.validate(str(embedded_package / DESCRIPTOR))
    assert errors(report) == []
    assert report.valid
    tasks = {task.name: task for task in report.tasks}
    assert set(TABLES) <= set(tasks)
    assert tasks["facts"].stats["rows"] == len(read_rows(REPO / "facts" / "facts.csv")[1])
    assert sum(1 for name in tasks if name.startswith("seed-")) == len(os.listdir(REPO / "seeds"))


def test_the_package_is_data_package_v1_with_every_table_and_page(embedded_package):
    package = descriptor(embedded_package)
    assert "$schema" not in package and package["profile"] == "data-package"  # v1
    assert (package["name"], package["title"]) == ("tianxin-facts", "Tianxin fact tables")
    assert "licenses" not in package and "sources" not in package  # the user's to give
    assert "sources and licenses" in package["description"]
    tables = [r for r in package["resources"] if r["profile"] == "tabular-data-resource"]
    assert [r["name"] for r in tables] == list(TABLES)
    assert all(re.fullmatch(r"[-a-z0-9._/]+", r["name"]) for r in package["resources"])


def test_tables_and_pages_are_copied_byte_for_byte_with_their_sha256(embedded_package):
    for spec in TABLES.values():
        copy = (embedded_package / "data" / spec.filename).read_bytes()
        assert copy == (REPO / "facts" / spec.filename).read_bytes()
        assert resource(embedded_package, spec.name)["hash"] == \
            f"sha256:{hashlib.sha256(copy).hexdigest()}"
    header, rows = read_rows(REPO / "facts" / "pages.csv")
    registered = {row[header.index("file")]: row[header.index("sha256")] for row in rows}
    pages = [r for r in descriptor(embedded_package)["resources"] if r["name"].startswith("seed-")]
    assert sorted(r["path"] for r in pages) == sorted(f"seeds/{f}" for f in registered)
    for page in pages:
        file = page["path"].removeprefix("seeds/")
        assert (embedded_package / page["path"]).read_bytes() == (REPO / "seeds" / file).read_bytes()
        assert page["hash"] == f"sha256:{registered[file]}"
        assert (page["profile"], page["mediatype"], page["encoding"]) == \
            ("data-resource", "text/plain", "utf-8")


def test_a_fact_citing_an_unknown_article_is_a_foreign_key_error_for_frictionless(embedded_package,
                                                                                   tmp_path):
    out = tmp_path / "copy"
    shutil.copytree(embedded_package, out)
    edit_exported(out, "facts", [(1, "article_id", "A999-99")])
    report = frictionless.validate(str(out / DESCRIPTOR))
    assert not report.valid
    assert errors(report) == [("facts", 2, None, "foreign-key")]


def test_frictionless_enforces_the_generated_constraints(embedded_package, tmp_path):
    out = tmp_path / "copy"
    shutil.copytree(embedded_package, out)
    edit_exported(out, "articles", [(1, "line_start", "0"), (2, "kind", "poem"),
                                    (3, "published", "2024-1"), (4, "continues", "A999-01")])
    edit_exported(out, "entities", [(1, "parent_id", "nobody")])
    edit_exported(out, "metrics", [(1, "cumulative", "yes")])
    edit_exported(out, "facts", [(1, "value", "many"), (2, "bound", "about"), (3, "fact_id", "F12"),
                                 (4, "quote", "")])
    found = set(errors(frictionless.validate(str(out / DESCRIPTOR))))
    assert found == {
        ("articles", 2, "line_start", "constraint-error"),  # integer, minimum 1
        ("articles", 3, "kind", "constraint-error"),  # enum
        ("articles", 4, "published", "constraint-error"),  # pattern
        ("articles", 5, None, "foreign-key"),  # a self-reference
        ("entities", 2, None, "foreign-key"),  # a self-reference
        ("metrics", 2, "cumulative", "type-error"),  # boolean true/false only
        ("facts", 2, "value", "type-error"),  # number
        ("facts", 3, "bound", "constraint-error"),
        ("facts", 4, "fact_id", "constraint-error"),
        ("facts", 5, "quote", "constraint-error"),  # required
    }


def test_a_table_whose_columns_are_in_another_order_gets_fields_in_that_order(tiny, tmp_path):
    header, rows = read_rows(tiny / "facts" / "pages.csv")
    order = [2, 0, 1]
    write_rows(tiny / "facts" / "pages.csv", [header[i] for i in order],
               [[row[i] for i in order] for row in rows])
    out = tmp_path / "out"
    assert main(["export", "--root", str(tiny), "--out", str(out)]) == 0
    assert list(fields(out, "pages")) == [header[i] for i in order]
    assert frictionless.validate(str(out / DESCRIPTOR)).valid


# -- Table Schemas generated from the pandera models -----------------------------------------


def test_every_column_has_a_field_with_required_pattern_and_enum_from_its_model():
    for name, spec in TABLES.items():
        generated = {f["name"]: f for f in table_schema(spec)["fields"]}
        columns = spec.model.to_schema().columns
        assert list(generated) == list(columns)
        for column, model in columns.items():
            constraints = generated[column]["constraints"]
            assert constraints["required"] is (not model.nullable), (name, column)
            assert constraints.get("unique", False) is model.unique, (name, column)
            checks = {c.name: c.statistics for c in model.checks}
            if "str_matches" in checks and generated[column]["type"] == "string":
                assert constraints["pattern"] == whole_cell_pattern(checks["str_matches"]["pattern"])
            if "isin" in checks and generated[column]["type"] == "string":
                assert constraints["enum"] == checks["isin"]["allowed_values"]
            assert generated[column]["description"] == model.description


def test_exported_constraints_for_a_few_columns_say_what_the_model_says(embedded_package):
    facts, articles = fields(embedded_package, "facts"), fields(embedded_package, "articles")
    assert facts["fact_id"]["constraints"] == {"required": True, "unique": True,
                                               "pattern": r"F\d{4,}"}
    assert facts["fact_id"]["example"] == "F0123"
    assert facts["bound"]["constraints"] == {"required": True, "enum": list(BOUND_VALUES)}
    assert facts["period"]["constraints"] == {
        "required": False, "pattern": r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?"}
    assert facts["value"]["type"] == "number"
    assert facts["note"] == {"name": "note", "type": "string",
                             "description": "How period, status or entity were resolved.",
                             "constraints": {"required": False}}
    assert articles["kind"]["constraints"]["enum"] == list(KINDS)
    assert articles["line_start"]["type"] == "integer"
    assert articles["line_start"]["constraints"] == {"required": True, "minimum": 1}
    assert fields(embedded_package, "metrics")["cumulative"] | {"description": None} == {
        "name": "cumulative", "type": "boolean", "trueValues": ["true"], "falseValues": ["false"],
        "description": None, "constraints": {"required": True}}
    assert fields(embedded_package, "conflicts")["fact_ids"]["constraints"]["pattern"] == \
        r"F\d{4,}(\|F\d{4,})+"


def test_keys_come_from_the_table_specs_and_the_declared_references(embedded_package):
    for name, spec in TABLES.items():
        schema = resource(embedded_package, name)["schema"]
        assert schema["primaryKey"] == list(spec.key)
        assert schema["missingValues"] == [""]
        declared = [(column, "" if target == name else target, target_column)
                    for table, column, target, target_column in declared_references()
                    if table == name]
        exported = [(k["fields"][0], k["reference"]["resource"], k["reference"]["fields"][0])
                    for k in schema.get("foreignKeys", [])]
        assert exported == declared, name
    assert ("article_id", "articles", "article_id") in [
        (k["fields"][0], k["reference"]["resource"], k["reference"]["fields"][0])
        for k in resource(embedded_package, "facts")["schema"]["foreignKeys"]]


def test_the_descriptor_is_the_same_for_the_same_corpus(tiny, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert export_datapackage(tiny, first).ok and export_datapackage(tiny, second).ok
    assert (first / DESCRIPTOR).read_bytes() == (second / DESCRIPTOR).read_bytes()


# -- Patterns --------------------------------------------------------------------------------

SCHEMA_PATTERNS = sorted({c.statistics["pattern"] for spec in TABLES.values()
                          for column in spec.model.to_schema().columns.values()
                          for c in column.checks if c.name == "str_matches"})
NO_NEWLINE = st.text(st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)),
                     max_size=40)


@pytest.mark.parametrize("pattern", SCHEMA_PATTERNS)
@given(data=st.data())
def test_an_exported_pattern_matches_a_whole_cell_exactly_when_the_model_pattern_does(pattern, data):
    matching = st.from_regex(pattern, fullmatch=True)
    cell = data.draw(st.one_of(NO_NEWLINE, matching, st.tuples(matching, NO_NEWLINE).map("".join),
                               st.tuples(NO_NEWLINE, matching).map("".join)))
    exported = whole_cell_pattern(pattern)
    expected = re.match(pattern, cell) is not None
    assert (re.fullmatch(exported, cell) is not None) is expected
    assert (re.match(f"^{exported}$", cell) is not None) is expected  # as frictionless tests it


ATOMS = st.sampled_from(["a", "b", r"\d", "[ab]", "[^a]", ".", r"\|", r"\.", "c"])


@st.composite
def regexes(draw: st.DrawFn, depth: int = 0) -> str:
    """A small regular expression: concatenations, groups, quantifiers, and alternatives inside
    groups (outside one, an alternative binds to the anchors)."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        atom = draw(ATOMS) if depth > 1 or draw(st.booleans()) else f"({draw(regexes(depth + 1))})"
        parts.append(atom + draw(st.sampled_from(["", "", "*", "+", "?", "{1,2}"])))
    body = "".join(parts)
    if depth > 0 and draw(st.booleans()):
        body += "|" + draw(regexes(depth + 1))
    return body


@given(body=regexes(), cell=st.text(alphabet="abc1|.x", max_size=8))
@example(body="(a|b)", cell="ab")
@example(body="(a|bc)", cell="bc")
def test_a_generated_pattern_keeps_its_meaning_without_anchors(body, cell):
    pattern = f"^{body}$"
    exported = whole_cell_pattern(pattern)
    assert (re.fullmatch(exported, cell) is not None) is (re.match(pattern, cell) is not None)
    assert (re.match(f"^{exported}$", cell) is not None) is (re.match(pattern, cell) is not None)


@pytest.mark.parametrize("pattern", [
    "F\\d+$", "^F\\d+", "^F\\d+\\$", "^(?:a|b)$", "^\\w+$", "^a*?$", "^a(b)\\1$", "^a^b$",
    "^[a$", "^\\bword$", "^a$b$", "^a|b$", "^F\\d+|G$",
])
def test_a_pattern_without_a_portable_whole_cell_form_is_refused(pattern):
    with pytest.raises(ValueError, match="pattern"):
        whole_cell_pattern(pattern)


def test_every_schema_pattern_has_an_exported_form():
    assert SCHEMA_PATTERNS
    for pattern in SCHEMA_PATTERNS:
        exported = whole_cell_pattern(pattern)
        assert "^" not in exported.replace("[^", "") and not exported.endswith("$")


# -- Names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("folder", "name"), [
    ("corpus", "corpus"), ("My Corpus 2024", "my-corpus-2024"), ("天心", "corpus"),
    ("news_2024.v2", "news_2024.v2"), ("--x--", "x"),
])
def test_the_package_is_named_after_the_corpus_folder(tmp_path, folder, name):
    assert package_name(tmp_path / folder) == (name, folder)


@given(st.text(max_size=30))
def test_a_slug_is_a_v1_name_or_empty(text):
    result = slug(text)
    assert result == "" or re.fullmatch(r"[-a-z0-9._/]+", result)
    assert slug(result) == result


def test_seeds_whose_names_fold_together_get_distinct_resource_names():
    names = datapackage._seed_names(["A_1.txt", "a_1.txt", "a 1.txt"], {"pages"})
    assert len(set(names.values())) == 3 and all(n.startswith("seed-") for n in names.values())


# -- The command: what it writes and what it refuses -----------------------------------------


def test_export_writes_datapackage_in_the_current_folder_by_default(tiny, monkeypatch, capsys):
    monkeypatch.chdir(tiny)
    assert main(["export", "--format", "datapackage"]) == 0
    out = capsys.readouterr().out
    assert f"into {tiny / 'datapackage'}" in out and "data/facts.csv" in out
    assert sorted(os.listdir(tiny / "datapackage")) == ["data", DESCRIPTOR, "seeds"]
    assert descriptor(tiny / "datapackage")["name"] == "tiny"
    umask = os.umask(0)
    os.umask(umask)
    assert (tiny / "datapackage").stat().st_mode & 0o777 == 0o777 & ~umask  # not mkdtemp's 0700


def test_an_empty_out_folder_is_filled_and_stays_the_same_folder(tiny, tmp_path, monkeypatch):
    out = tmp_path / "empty"
    out.mkdir()
    inode = out.stat().st_ino
    monkeypatch.chdir(out)
    assert main(["export", "--root", str(tiny), "--out", "."]) == 0
    assert sorted(os.listdir(out)) == ["data", DESCRIPTOR, "seeds"]
    assert out.stat().st_ino == inode
    assert siblings(tmp_path) == ["empty", "tiny"]


def test_a_missing_parent_folder_of_out_is_created(tiny, tmp_path):
    out = tmp_path / "a" / "b" / "package"
    assert main(["export", "--root", str(tiny), "--out", str(out)]) == 0
    assert (out / "data" / "facts.csv").read_bytes() == (tiny / "facts" / "facts.csv").read_bytes()


def test_an_absent_optional_table_is_left_out_and_said(tiny, tmp_path, capsys):
    (tiny / "facts" / "events.csv").unlink()
    out = tmp_path / "out"
    assert main(["export", "--root", str(tiny), "--out", str(out)]) == 0
    assert "left out (the corpus has no such table): events.csv" in capsys.readouterr().out
    assert "events" not in [r["name"] for r in descriptor(out)["resources"]]
    assert not (out / "data" / "events.csv").exists()


def test_a_non_empty_out_folder_is_refused_with_exit_2_and_left_as_it_is(tiny, tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["export", "--root", str(tiny), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "is not empty" in err and "--force" in err and "Traceback" not in err
    assert siblings(out) == ["notes.txt"] and siblings(tmp_path) == ["mine", "tiny"]


def test_force_replaces_only_an_earlier_export(tiny, tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["export", "--root", str(tiny), "--out", str(out), "--force"]) == 2
    assert "no earlier export" in capsys.readouterr().err
    assert siblings(out) == ["notes.txt"]

    earlier = tmp_path / "package"
    assert main(["export", "--root", str(tiny), "--out", str(earlier)]) == 0
    (earlier / "stale.csv").write_text("from before", encoding="utf-8")
    edit_cell(tiny, "pages", TINY_PAGE, "description", "A new description")
    assert main(["export", "--root", str(tiny), "--out", str(earlier)]) == 2
    assert main(["export", "--root", str(tiny), "--out", str(earlier), "--force"]) == 0
    assert not (earlier / "stale.csv").exists()
    assert b"A new description" in (earlier / "data" / "pages.csv").read_bytes()
    assert siblings(tmp_path) == ["mine", "package", "tiny"]  # no work folder left


@pytest.mark.parametrize(("out", "says"), [
    ("facts", "inside the corpus's facts/ folder"),
    ("facts/package", "inside the corpus's facts/ folder"),
    ("seeds/package", "inside the corpus's seeds/ folder"),
    (".", "holds the corpus"),
    ("..", "holds the corpus"),
])
def test_out_is_never_among_the_tables_nor_the_folder_holding_them(tiny, capsys, out, says):
    before = {p: p.read_bytes() for p in tiny.rglob("*") if p.is_file()}
    assert main(["export", "--root", str(tiny), "--out", str(tiny / out), "--force"]) == 2
    assert says in capsys.readouterr().err
    assert {p: p.read_bytes() for p in tiny.rglob("*") if p.is_file()} == before


def test_out_that_is_a_link_or_a_file_is_refused(tiny, tmp_path, capsys):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "link").symlink_to(target)
    assert main(["export", "--root", str(tiny), "--out", str(tmp_path / "link")]) == 2
    assert "is a symbolic link" in capsys.readouterr().err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["export", "--root", str(tiny), "--out", str(tmp_path / "file")]) == 2
    assert "is a regular file, not a folder" in capsys.readouterr().err
    assert siblings(target) == []


def test_a_missing_table_is_refused_with_exit_2_and_nothing_written(tiny, tmp_path, capsys):
    (tiny / "facts" / "units.csv").unlink()
    assert main(["export", "--root", str(tiny), "--out", str(tmp_path / "out")]) == 2
    assert "facts/units.csv: file not found" in capsys.readouterr().err
    assert siblings(tmp_path) == ["tiny"]


def test_an_unreadable_table_is_refused_with_exit_2_and_nothing_written(tiny, tmp_path, monkeypatch,
                                                                        capsys):
    real = os.open

    def failing(path, *args, **kwargs):
        if str(path).endswith("facts.csv"):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing)
    assert main(["export", "--root", str(tiny), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "facts/facts.csv: cannot read (Permission denied)" in err and "Traceback" not in err
    assert siblings(tmp_path) == ["tiny"]


def test_a_corpus_folder_that_is_no_corpus_is_refused_with_exit_2(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["export", "--root", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]) == 2
    assert "no seeds/ folder" in capsys.readouterr().err
    assert siblings(tmp_path) == ["empty"]


@pytest.mark.parametrize(("damage", "check"), [
    (lambda root: edit_cell(root, "facts", "F0001", "article_id", "A999-99"), "dangling-reference"),
    (lambda root: edit_cell(root, "facts", "F0001", "bound", "about"), "invalid-value"),
    (lambda root: (root / "seeds" / TINY_PAGE).write_bytes(b"edited"), "page-checksum-mismatch"),
    (lambda root: (root / "seeds" / TINY_PAGE).unlink(), "seed-missing"),
    (lambda root: (root / "seeds" / "extra.txt").write_text("x", encoding="utf-8"),
     "seed-unregistered"),
    (lambda root: (root / "seeds" / "link.txt").symlink_to(root / "facts" / "facts.csv"),
     "not-a-regular-file"),
    (lambda root: (root / "facts" / "units.csv").write_bytes(
        (root / "facts" / "units.csv").read_bytes().replace(b"\n", b"\r\n")), "csv-line-endings"),
])
def test_tables_or_pages_that_break_the_package_are_refused_with_exit_1(tiny, tmp_path, capsys,
                                                                        damage, check):
    damage(tiny)
    assert main(["export", "--root", str(tiny), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert check in out and "REFUSED" in out and "nothing was written" in out
    assert siblings(tmp_path) == ["tiny"]


def test_a_write_that_fails_midway_leaves_the_earlier_export_whole(tiny, tmp_path, monkeypatch,
                                                                  capsys):
    out = tmp_path / "package"
    assert main(["export", "--root", str(tiny), "--out", str(out)]) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    real = datapackage._write

    def failing(path: Path, data: bytes) -> None:
        if path.parent.name == "seeds":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data)

    monkeypatch.setattr(datapackage, "_write", failing)
    edit_cell(tiny, "pages", TINY_PAGE, "description", "Changed")
    assert main(["export", "--root", str(tiny), "--out", str(out), "--force"]) == 2
    assert "cannot write the package (No space left on device); nothing was written" in \
        capsys.readouterr().err
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert siblings(tmp_path) == ["package", "tiny"]


def test_a_work_folder_left_by_a_killed_export_is_removed(tiny, tmp_path):
    stale = tmp_path / ".package.999999999.abc123.tmp"
    stale.mkdir()
    (stale / "half.csv").write_text("x", encoding="utf-8")
    other = tmp_path / ".other.999999999.abc123.tmp"
    other.mkdir()
    assert main(["export", "--root", str(tiny), "--out", str(tmp_path / "package")]) == 0
    assert siblings(tmp_path) == [".other.999999999.abc123.tmp", "package", "tiny"]


def test_export_runs_as_a_module(tmp_path):
    done = subprocess.run([sys.executable, "-m", "validation", "export", "--root", "embedded",
                           "--out", str(tmp_path / "package")], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "as data package 'tianxin-facts'" in done.stdout
    assert "frictionless validate" in done.stdout
    assert (tmp_path / "package" / DESCRIPTOR).is_file()
