import json

import pytest

from tests.conftest import REPO, edit_cell
from validation.catalog import CHECKS
from validation.report.json import report_to_json
from validation.report.model import build_report

TOP_KEYS = {"format_version", "run", "ok", "summary", "families", "checks", "failures", "warnings",
            "coverage", "conflicts", "series"}


@pytest.fixture(scope="module")
def corpus_json() -> dict:
    return json.loads(report_to_json(build_report(REPO)))


def test_keys_are_the_documented_ones(corpus_json):
    assert set(corpus_json) == TOP_KEYS
    assert corpus_json["format_version"] == 1
    assert set(corpus_json["run"]) == {"generated_at", "root", "embedded", "name", "version", "commit",
                                       "dirty", "seconds"}
    assert corpus_json["run"]["embedded"] is True and corpus_json["run"]["name"] == "embedded corpus"
    assert corpus_json["run"]["root"] == str(REPO)
    assert set(corpus_json["summary"]) == {"errors", "warnings", "checks", "checks_failed",
                                           "conflicts", "tables", "coverage"}
    readme = (REPO / "README.md").read_text(encoding="utf-8").split("## Validation report", 1)[1]
    for key in TOP_KEYS:
        assert f"`{key}`" in readme, key


def test_a_passing_corpus(corpus_json):
    assert corpus_json["ok"] is True and corpus_json["failures"] == []
    assert corpus_json["run"]["commit"] and len(corpus_json["run"]["commit"]) == 40
    assert [c["check"] for c in corpus_json["checks"]] == list(CHECKS)
    assert {c["status"] for c in corpus_json["checks"]} == {"pass", "warn"}
    assert corpus_json["summary"]["coverage"]["uncovered"] == 0
    assert len(corpus_json["coverage"]) == corpus_json["summary"]["tables"]["articles"]
    assert [c["conflict_id"] for c in corpus_json["conflicts"]] == ["C0001", "C0002", "C0003", "C0004"]
    c1 = corpus_json["conflicts"][0]
    assert c1["preferred"] == "F2011" and [f["text"] for f in c1["facts"]] == ["52.5%", "突破60%"]
    assert c1["facts"][0]["location"] == "facts/facts.csv:5"


def test_open_ended_series_points_have_a_null_high(corpus_json):
    points = [p for s in corpus_json["series"] for p in s["points"]]
    assert any(p["high"] is None for p in points)  # 突破60%
    assert all(p["low"] is not None for p in points)


def test_each_failure_is_one_record(corpus_root):
    edit_cell(corpus_root, "facts", "F0024", "value", "778")
    data = json.loads(report_to_json(build_report(corpus_root)))
    assert data["ok"] is False and data["summary"]["errors"] == len(data["failures"])
    first = data["failures"][0]
    assert (first["check"], first["table"], first["row"], first["column"]) == (
        "figure-mismatch", "facts", "F0024", "value")
    assert (first["expected"], first["found"]) == ("777", "778")
    (mismatch,) = [c for c in data["checks"] if c["check"] == "figure-mismatch"]
    assert mismatch == {"check": "figure-mismatch", "family": "figures", "status": "fail", "errors": 1,
                        "warnings": 0, "description": CHECKS["figure-mismatch"][1]}
    (figures,) = [f for f in data["families"] if f["name"] == "figures"]
    assert figures["failed"] == 1 and figures["passed"] == figures["checks"] - 1
