"""The README's JSON reference matches what the commands print: every key printed is documented
in the row of its top-level key, and every top-level key documented is printed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, edit_cell, read_rows, write_rows
from tests.gate.test_gate import commit, git
from validation.cli import main

#: Objects whose keys are table names, not documented one by one.
KEYED_BY_TABLE = {"summary.tables", "tables"}
FINDING_LISTS = {"findings", "reasons", "allowed", "failures.new", "failures.preexisting",
                 "failures.fixed", "failures", "warnings"}


def documented(title: str) -> dict[str, str]:
    """The rows of the README table under the bold ``title``: top-level key -> content."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index(f"**{title}**"):].split("\n\n")[1]
    rows: dict[str, str] = {}
    for line in table.splitlines()[2:]:
        keys, content = line.strip("|").split("|", 1)
        for key in re.findall(r"`([^`]+)`", keys):
            rows[key] = content
    return rows


def nested_keys(value: Any, path: str = "") -> list[tuple[str, str]]:
    """(path of the parent object, key) for every key below the top level, list items merged."""
    found: list[tuple[str, str]] = []
    if isinstance(value, list) and path in FINDING_LISTS:
        return found  # findings are checked against the finding table as a whole
    if isinstance(value, list):
        for item in value:
            found += nested_keys(item, path)
    elif isinstance(value, dict) and path not in KEYED_BY_TABLE:
        for key, item in value.items():
            if path:
                found.append((path, key))
            found += nested_keys(item, f"{path}.{key}" if path else key)
    elif isinstance(value, dict) and path in KEYED_BY_TABLE:
        for item in value.values():
            found += nested_keys(item, path + ".*")
    return found


def assert_documented(data: dict[str, Any], title: str) -> None:
    rows = documented(title)
    assert set(data) == set(rows), f"{title}: printed {sorted(data)}, documented {sorted(rows)}"
    finding_keys = set(documented("A finding"))
    for path, key in nested_keys(data):
        top = path.split(".")[0]
        assert f"`{key}`" in rows[top], f"{title}: {path}.{key} is printed but not documented"
    for path in FINDING_LISTS:
        node: Any = data
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        for finding in node if isinstance(node, list) else []:
            assert set(finding) == finding_keys, f"{title}: {path} holds {sorted(finding)}"


@pytest.fixture
def broken(corpus_root: Path) -> Path:
    """A corpus with a failure, an uncovered mention and a stale exclusion, so lists are full."""
    edit_cell(corpus_root, "facts", "F0024", "value", "778")
    path = corpus_root / "facts" / "facts.csv"
    header, rows = read_rows(path)
    write_rows(path, header, [r for r in rows if r[0] != "F0021"])
    return corpus_root


def printed(capsys: pytest.CaptureFixture[str], argv: list[str], status: int) -> dict[str, Any]:
    assert main(argv) == status
    return json.loads(capsys.readouterr().out)


def test_check_json_is_documented(broken, capsys):
    data = printed(capsys, ["check", "--root", str(broken), "--format", "json"], 1)
    assert data["findings"]
    assert_documented(data, "`check --format json`")


def test_coverage_json_is_documented(broken, capsys):
    data = printed(capsys, ["coverage", "--root", str(broken), "--format", "json"], 1)
    assert any(a["uncovered"] for a in data["articles"])
    assert_documented(data, "`coverage --format json`")


def test_gate_json_is_documented(broken, capsys):
    edit_cell(broken, "facts", "F0024", "value", "777")
    git(broken, "init", "-q", "-b", "main")
    commit(broken, "base")
    edit_cell(broken, "facts", "F0024", "value", "778")
    data = printed(capsys, ["gate", "--root", str(broken), "--base", "HEAD", "--format", "json"], 1)
    assert data["reasons"] and data["failures"]["new"]
    assert_documented(data, "`gate --format json`")


def test_error_object_is_documented(tmp_path, capsys):
    data = printed(capsys, ["check", "--root", str(tmp_path / "nowhere"), "--format", "json"], 2)
    assert_documented(data, "When a command cannot run")


def test_report_json_is_documented(broken, tmp_path, capsys):
    assert main(["report", "--root", str(broken), "--out", str(tmp_path / "out")]) == 1
    capsys.readouterr()
    data = json.loads((tmp_path / "out" / "validation-report.json").read_text(encoding="utf-8"))
    assert data["failures"] and data["conflicts"] and data["series"]
    assert_documented(data, "`validation-report.json`")


def test_ground_json_is_documented(tmp_path, capsys):
    root = tmp_path / "tiny"
    shutil.copytree(REPO / "tests" / "fixtures" / "tiny-corpus", root)
    extractions = REPO / "tests" / "fixtures" / "ground" / "tiny.jsonl"
    assert main(["ground", str(extractions), "--root", str(root), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {e["status"] for e in data["extractions"]} >= {"exact", "normalised", "not-found"}
    assert_documented(data, "`ground --format json`")
