"""Shared fixtures: a writable copy of the embedded corpus and helpers to damage it."""

from __future__ import annotations

import csv
import io
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from validation.findings import Report

REPO = Path(__file__).resolve().parent.parent

settings.register_profile("ci", max_examples=150, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=40, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def corpus_root(tmp_path: Path) -> Path:
    """A copy of the embedded corpus that a test may damage."""
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "facts", root / "facts")
    return root


@pytest.fixture
def page_reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each seed page is read from disk from now on, by file name."""
    from validation import corpus

    reads: Counter[str] = Counter()
    real = corpus.read_regular

    def counting(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads[Path(path).name] += 1
        return real(path, *args, **kwargs)

    monkeypatch.setattr(corpus, "read_regular", counting)
    return reads


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    return rows[0], rows[1:]


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def edit_cell(root: Path, table: str, key: str, column: str, value: str) -> None:
    """Set one cell of the row whose first column is ``key``."""
    path = root / "facts" / f"{table}.csv"
    header, rows = read_rows(path)
    matches = [row for row in rows if row[0] == key]
    assert matches, f"no row {key} in {table}.csv"
    matches[0][header.index(column)] = value
    write_rows(path, header, rows)


def cell(root: Path, table: str, key: str, column: str) -> str:
    header, rows = read_rows(root / "facts" / f"{table}.csv")
    return next(row for row in rows if row[0] == key)[header.index(column)]


def flat(report: Report) -> set[tuple[str | None, str | None, str]]:
    """The report as (row key, column, check id) tuples, for compact assertions. The corpus's
    recorded conflicts (known-conflict warnings) are left out: tests pin what they change."""
    return {(f.row, f.column, f.check) for f in report.findings if f.check != "known-conflict"}


def checks(report: Report) -> set[str]:
    return {f.check for f in report.findings if f.check != "known-conflict"}
