"""ci/synthetic_corpus.py builds corpora of N re-keyed copies of the embedded one, and
ci/benchmark.py measures the validator on them: a copy must validate as the original does, its
ids and pages must be its own, and the benchmark's arithmetic must be right."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO, read_rows
from validation.catalog import CHECKS
from validation.engine import validate
from validation.findings import Report


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "ci" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


synthetic = _load("synthetic_corpus")
benchmark = _load("benchmark")

COPIES = 3
SHARED = {"metrics", "units"}
_FACT = re.compile(r"\bF\d{4,}\b")


@pytest.fixture(scope="module")
def embedded() -> Report:
    return validate(REPO)


@pytest.fixture(scope="module")
def tripled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int], Report]:
    root = tmp_path_factory.mktemp("x3")
    counts = synthetic.build(root, COPIES)
    return root, counts, validate(root)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    root = tmp_path_factory.mktemp("x3-shared")
    synthetic.build(root, COPIES, shared_entities=True)
    return root, validate(root)


def _checks(report: Report, severity: str) -> Counter[str]:
    return Counter(f.check for f in report.findings if f.severity == severity)


# --- (a) three copies validate as one does ----------------------------------------------------

def test_three_copies_have_no_error_and_three_times_the_warnings(
        tripled: tuple[Path, dict[str, int], Report], embedded: Report) -> None:
    _, _, report = tripled
    errors = [f"{f.check} {f.row}: {f.message}" for f in report.findings if f.severity == "error"]
    assert errors == []
    assert embedded.findings, "the embedded corpus records known conflicts; this test needs some"
    assert _checks(report, "warning") == Counter(
        {check: COPIES * n for check, n in _checks(embedded, "warning").items()})
    assert _checks(report, "warning")["known-conflict"] > 0


def test_three_copies_have_three_times_the_rows_but_one_set_of_metrics_and_units(
        tripled: tuple[Path, dict[str, int], Report], embedded: Report) -> None:
    _, counts, report = tripled
    expected = {name: n if name in SHARED else COPIES * n for name, n in embedded.table_sizes.items()}
    assert report.table_sizes == expected
    assert counts == expected


# --- (b) ids and pages are each copy's own ----------------------------------------------------

def test_every_id_is_unique_and_every_reference_is_rekeyed(
        tripled: tuple[Path, dict[str, int], Report]) -> None:
    root, _, _ = tripled
    for name, key in synthetic.KEYS.items():
        header, rows = read_rows(root / "facts" / f"{name}.csv")
        keys = [tuple(row[header.index(c)] for c in key) for row in rows]
        assert len(set(keys)) == len(keys), name
        assert keys == sorted(keys), f"{name} is not sorted by {key}"
    source_facts = {row[0] for row in read_rows(REPO / "facts" / "facts.csv")[1]}
    header, rows = read_rows(root / "facts" / "relations.csv")
    cited = {m for row in rows for m in _FACT.findall(row[header.index("expression")])}
    assert cited and not cited & source_facts
    header, rows = read_rows(root / "facts" / "dismissals.csv")
    for row in rows:
        ids = row[header.index("fact_ids")].split("|")
        assert ids == sorted(ids, key=lambda f: int(f[1:])) and not set(ids) & source_facts


def test_every_page_has_bytes_of_its_own_and_its_recorded_hash(
        tripled: tuple[Path, dict[str, int], Report]) -> None:
    root, _, _ = tripled
    header, rows = read_rows(root / "facts" / "pages.csv")
    pages = {row[header.index("file")]: row[header.index("sha256")] for row in rows}
    source = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (REPO / "seeds").iterdir()}
    digests = {}
    for name, recorded in pages.items():
        data = (root / "seeds" / name).read_bytes()
        digests[name] = hashlib.sha256(data).hexdigest()
        assert digests[name] == recorded
        assert re.fullmatch(r"\d+_[0-9a-f]{16}\.txt", name) and name.split("_")[1][:16] == recorded[:16]
    assert sorted(pages) == sorted(p.name for p in (root / "seeds").iterdir())
    assert len(set(digests.values())) == len(digests) == COPIES * len(source)
    assert not set(digests.values()) & source


def test_the_marker_holds_no_number_and_moves_no_line() -> None:
    tags = [synthetic.copy_tag(k) for k in range(1, 2000)]
    assert len(set(tags)) == len(tags) and all(re.fullmatch(r"[a-z]+", t) for t in tags)
    assert synthetic.copy_tag(1) == "a" and synthetic.copy_tag(26) == "z" and synthetic.copy_tag(27) == "aa"
    page = "标题\n\n第一行 361家\n最后一行。  \r\n\n\n".encode()
    marked = synthetic.mark_page(page, 28).decode()
    assert marked == "标题\n\n第一行 361家\n最后一行。 copyab  \r\n\n\n"
    assert marked.count("\n") == page.decode().count("\n")


def test_the_command_line_builds_and_refuses_a_used_folder(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert synthetic.main([str(tmp_path), "--copies", "1"]) == 0
    assert "facts" in capsys.readouterr().out
    assert synthetic.main([str(tmp_path), "--copies", "1"]) == 2
    assert "exists already" in capsys.readouterr().err


# --- (c) shared entities: the disagreements of the recorded conflicts, nothing else -----------

def test_shared_entities_keep_the_entity_ids(shared: tuple[Path, Report]) -> None:
    root, _ = shared
    assert read_rows(root / "facts" / "entities.csv") == read_rows(REPO / "facts" / "entities.csv")
    header, rows = read_rows(root / "facts" / "facts.csv")
    source_entities = {row[0] for row in read_rows(REPO / "facts" / "entities.csv")[1]}
    assert {row[header.index("entity_id")] for row in rows} <= source_entities


def test_shared_entities_fail_only_where_facts_were_in_conflict(shared: tuple[Path, Report]) -> None:
    _, report = shared
    header, rows = read_rows(REPO / "facts" / "conflicts.csv")
    in_conflict = {f for row in rows for f in row[header.index("fact_ids")].split("|")}
    errors = [f for f in report.findings if f.severity == "error"]
    families = {CHECKS[f.check][0] for f in errors}
    # A figure printed in N copies of a page for one entity is also a stated 'repeat' relation
    # across copies, which no relation declares: the stated family fails too.
    assert families <= {"consistency", "stated"}, Counter(f.check for f in errors)
    disagree = [f for f in errors if f.check == "facts-disagree"]
    assert disagree
    for finding in disagree:
        facts = set(_FACT.findall(f"{finding.row} {finding.message}"))
        assert facts and {f"F{int(f[1:]) % 10_000:04d}" for f in facts} <= in_conflict, finding.message
    consistency = {f.check for f in errors if CHECKS[f.check][0] == "consistency"}
    assert consistency <= {"facts-disagree", "series-falls", "relation-violated", "conflict-stale"}
    stated = [f for f in errors if CHECKS[f.check][0] == "stated"]
    assert all(f.check == "dismissal-stale" or "repeat" in f.message for f in stated)


# --- (d) the benchmark's helpers --------------------------------------------------------------

def test_growth_exponent() -> None:
    assert benchmark.growth_exponent(100, 1.0, 1000, 10.0) == pytest.approx(1.0)
    assert benchmark.growth_exponent(100, 1.0, 1000, 100.0) == pytest.approx(2.0)
    assert benchmark.growth_exponent(100, 2.0, 200, 2.0) == pytest.approx(0.0)
    assert benchmark.growth_exponent(100, None, 1000, 1.0) is None
    assert benchmark.growth_exponent(100, 1.0, 100, 2.0) is None
    assert benchmark.growth_exponent(100, 0.0, 1000, 2.0) is None
    lines = benchmark.growth_lines("check", [(1, 10, 1.0), (10, 100, 10.0), (100, 1000, 1000.0),
                                             (1000, 10000, None)])
    assert lines == ["check: x1 -> x10 1.00, x10 -> x100 2.00, overall x1 -> x100 1.50"]
    assert benchmark.growth_lines("check", [(1, 10, 1.0), (10, 100, None)]) == [
        "check: needs two sizes that finished"]


def test_format_table_aligns_columns() -> None:
    table = benchmark.format_table(["copies", "s"], [["1", "0.5"], ["100", "12.25"]])
    assert table.splitlines() == ["copies      s",
                                  "------  -----",
                                  "     1    0.5",
                                  "   100  12.25"]


def test_size_table_shows_families_and_timeouts() -> None:
    done = benchmark.Size(1, {"facts": 323, "pages": 5}, 0.01, benchmark.Run(2.0, 0, 102_400),
                          errors=0, warnings=4, families={"schema": 0.4, "stated": 0.1})
    late = benchmark.Size(10, {"facts": 3230, "pages": 50}, 0.1,
                          benchmark.Run(900.0, None, None, timed_out=True))
    lines = benchmark.report_sizes([done, late]).splitlines()
    header = lines[0].split()
    assert header[-2:] == ["schema", "stated"]
    first, second = lines[2].split(), lines[3].split()
    assert first[:5] == ["1", "323", "5", "0.010", "2.000"]
    assert first[6:9] == ["100", "-", "162"]  # 100 MiB, no worker; 323 facts / 2 s
    assert "timeout" in second and second[-2:] == ["-", "-"]
    assert lines[-1] == "growth exponent, validate s: needs two sizes that finished"


def test_read_check_json(tmp_path: Path) -> None:
    path = tmp_path / "check.json"
    path.write_text(json.dumps({"summary": {"errors": 2, "warnings": 1},
                                "families": [{"name": "schema", "findings": 0, "seconds": 0.25}]}))
    assert benchmark.read_check_json(path) == (2, 1, {"schema": 0.25})
    path.write_text("Traceback ...")
    assert benchmark.read_check_json(path) == (None, None, {})


def test_run_child_measures_the_child_and_stops_it_in_time() -> None:
    run = benchmark.run_child(["--version"], timeout=60)
    assert run.returncode == 0 and not run.timed_out
    assert run.peak_kib is not None and run.peak_kib > 1024
    late = benchmark.run_child(["check", "--root", str(REPO)], timeout=0.01)
    assert late.timed_out and late.returncode is None
