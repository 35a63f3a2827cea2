"""A user's own corpus, as a user meets it: a page of ordinary news (weather, a contract in US
dollars, a construction period) that nobody here wrote, validated from its own folder with no
--root. Ranges in Arabic digits, ℃, wind force and a currency with no rate must all be read."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from validation.cli import main
from validation.schemas import TABLES as TABLE_SPECS

PAGE = (
    "首都机场第二跑道合同签字\n"
    "本报北京6月2日讯 首都机场扩建工程第二跑道施工合同今天在京签字，"
    "合同金额１．５亿美元，折合人民币约12.4亿元，工期3至5年。\n"
    "\n"
    "北京天气\n"
    "据北京市气象台预报，明天白天晴转多云，北风４—６级，气温１８—２８℃，相对湿度10%-15%。\n"
)
FILE = "001_weather_and_runway.txt"

TABLES: dict[str, list[dict[str, str]]] = {
    "pages": [{"file": FILE, "sha256": hashlib.sha256(PAGE.encode()).hexdigest(),
               "description": "A 1998 page: an airport runway contract and the weather."}],
    "articles": [
        {"article_id": "A001-01", "file": FILE, "line_start": "1", "line_end": "2",
         "kind": "article", "title": "首都机场第二跑道合同签字", "published": "1998-06-03",
         "published_quote": "6月2日讯", "note": "Dated the day after its dateline."},
        {"article_id": "A001-02", "file": FILE, "line_start": "4", "line_end": "5",
         "kind": "article", "title": "北京天气", "published": "1998-06-03",
         "published_quote": "明天白天", "note": "The forecast of the same issue."},
    ],
    "entities": [
        {"entity_id": "capital_airport", "name_zh": "首都机场", "name_en": "Beijing Capital Airport",
         "type": "facility"},
        {"entity_id": "beijing", "name_zh": "北京", "name_en": "Beijing", "type": "region"},
    ],
    "metrics": [
        {"metric_id": "contract_value_usd", "label_zh": "合同金额", "label_en": "Contract value",
         "dimension": "usd", "cumulative": "false"},
        {"metric_id": "contract_value_cny", "label_zh": "折合人民币", "label_en": "Contract value in yuan",
         "dimension": "money", "cumulative": "false"},
        {"metric_id": "construction_period", "label_zh": "工期", "label_en": "Construction period",
         "dimension": "duration", "cumulative": "false"},
        {"metric_id": "wind_force", "label_zh": "风力", "label_en": "Wind force (Beaufort)",
         "dimension": "wind_force", "cumulative": "false"},
        {"metric_id": "temperature", "label_zh": "气温", "label_en": "Air temperature",
         "dimension": "temperature", "cumulative": "false"},
        {"metric_id": "relative_humidity", "label_zh": "相对湿度", "label_en": "Relative humidity",
         "dimension": "percent", "cumulative": "false"},
        {"metric_id": "runway_number", "label_zh": "跑道序号", "label_en": "Runway number",
         "dimension": "rank", "cumulative": "false"},
    ],
    "units": [
        {"unit": "亿美元", "dimension": "usd", "base_unit": "美元", "factor": "100000000"},
        {"unit": "美元", "dimension": "usd", "base_unit": "美元", "factor": "1"},
        {"unit": "亿元", "dimension": "money", "base_unit": "元", "factor": "100000000"},
        {"unit": "元", "dimension": "money", "base_unit": "元", "factor": "1"},
        {"unit": "年", "dimension": "duration", "base_unit": "年", "factor": "1"},
        {"unit": "级", "dimension": "wind_force", "base_unit": "级", "factor": "1",
         "note": "Beaufort scale"},
        {"unit": "℃", "dimension": "temperature", "base_unit": "℃", "factor": "1"},
        {"unit": "%", "dimension": "percent", "base_unit": "%", "factor": "1"},
        {"unit": "名", "dimension": "rank", "base_unit": "名", "factor": "1"},
    ],
    "facts": [
        {"fact_id": "F0001", "article_id": "A001-01", "entity_id": "capital_airport",
         "metric_id": "runway_number", "value": "2", "unit": "名", "bound": "exact",
         "status": "actual", "period": "1998-06-02", "text": "第二", "quote": "第二跑道施工合同",
         "note": "The second runway."},
        {"fact_id": "F0002", "article_id": "A001-01", "entity_id": "capital_airport",
         "metric_id": "contract_value_usd", "value": "1.5", "unit": "亿美元", "bound": "exact",
         "status": "actual", "period": "1998-06-02", "text": "１．５亿美元",
         "quote": "合同金额１．５亿美元"},
        {"fact_id": "F0003", "article_id": "A001-01", "entity_id": "capital_airport",
         "metric_id": "contract_value_cny", "value": "12.4", "unit": "亿元", "bound": "approx",
         "status": "actual", "period": "1998-06-02", "text": "约12.4亿元",
         "quote": "折合人民币约12.4亿元"},
        {"fact_id": "F0004", "article_id": "A001-01", "entity_id": "capital_airport",
         "metric_id": "construction_period", "value": "3", "unit": "年", "bound": "range",
         "status": "plan", "period": "1998-06-02", "text": "3至5年", "quote": "工期3至5年",
         "note": "high end 5"},
        {"fact_id": "F0005", "article_id": "A001-02", "entity_id": "beijing",
         "metric_id": "wind_force", "value": "4", "unit": "级", "bound": "range",
         "status": "estimate", "period": "1998-06-04", "text": "４—６级", "quote": "北风４—６级",
         "note": "The forecast for 明天, the day after publication."},
        {"fact_id": "F0006", "article_id": "A001-02", "entity_id": "beijing",
         "metric_id": "temperature", "value": "18", "unit": "℃", "bound": "range",
         "status": "estimate", "period": "1998-06-04", "text": "１８—２８℃", "quote": "气温１８—２８℃",
         "note": "The forecast for 明天."},
        {"fact_id": "F0007", "article_id": "A001-02", "entity_id": "beijing",
         "metric_id": "relative_humidity", "value": "10", "unit": "%", "bound": "range",
         "status": "estimate", "period": "1998-06-04", "text": "10%-15%", "quote": "相对湿度10%-15%",
         "note": "The forecast for 明天."},
    ],
    "events": [
        {"event_id": "E0001", "article_id": "A001-01", "entity_id": "capital_airport",
         "date": "1998-06-02", "text": "6月2日", "quote": "本报北京6月2日讯",
         "description_en": "The runway contract is signed.",
         "note": "The year is the year of publication."},
    ],
    "exclusions": [
        {"exclusion_id": "X0001", "article_id": "A001-01", "text": "第二",
         "quote": "首都机场第二跑道合同签字", "category": "ordinal",
         "reason": "The headline names the second runway, stated as F0001 in the text."},
    ],
    "relations": [],
    "conflicts": [],
}


def write_corpus(root: Path, tables: dict[str, list[dict[str, str]]]) -> None:
    (root / "seeds").mkdir(parents=True)
    (root / "facts").mkdir()
    (root / "seeds" / FILE).write_text(PAGE, encoding="utf-8")
    for name, spec in TABLE_SPECS.items():
        columns = list(spec.columns)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(sorted([row.get(c, "") for c in columns] for row in tables.get(name, [])))
        (root / "facts" / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture
def user_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "my-archive"
    write_corpus(root, TABLES)
    return root


def run_here(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validation", *args], cwd=root, capture_output=True,
                          text=True, timeout=120, check=False)


def test_a_users_corpus_with_ranges_celsius_and_dollars_validates_from_its_own_folder(user_corpus):
    result = run_here(user_corpus, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("PASS: 0 errors, 0 warnings") and f" in {user_corpus} (" in last
    covered = run_here(user_corpus, "coverage", "--format", "json")
    assert covered.returncode == 0, covered.stdout + covered.stderr
    totals = json.loads(covered.stdout)["totals"]
    assert totals["mentions"] == 9 and totals["uncovered"] == 0  # 8 figures (第二 twice) and the dateline


def check_variant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                  status: int, **changed: list[dict[str, str]]) -> str:
    """Run ``check`` with no --root inside a copy of the corpus whose tables ``changed`` replaces."""
    root = tmp_path / "variant"
    write_corpus(root, {**TABLES, **changed})
    monkeypatch.chdir(root)
    assert main(["check"]) == status
    return capsys.readouterr().out


def with_fact(fact_id: str, **cells: str) -> list[dict[str, str]]:
    return [dict(f, **cells) if f["fact_id"] == fact_id else f for f in TABLES["facts"]]


DOLLARS_AND_YUAN = [{"relation_id": "R0001", "expression": "F0002 ~= F0003",
                     "note": "The contract value in dollars and in yuan."}]


def test_a_broken_figure_in_a_users_corpus_fails_from_its_own_folder(tmp_path, monkeypatch, capsys):
    out = check_variant(tmp_path, monkeypatch, capsys, 1, facts=with_fact("F0002", value="1.6"))
    assert "figure-mismatch  facts F0002 value" in out and f" in {tmp_path / 'variant'} (" in out


def test_a_range_written_as_its_low_end_alone_is_refused(tmp_path, monkeypatch, capsys):
    out = check_variant(tmp_path, monkeypatch, capsys, 1, facts=with_fact("F0005", text="４", bound="exact"))
    assert "figure-mismatch  facts F0005 text" in out
    assert "hint:     set text to '４—６级' with value 4 (the low end), unit 级 and bound range" in out
    assert "missing-value" not in out  # one story: the text is part of a range, nothing else


def test_dollars_against_yuan_without_a_rate_is_a_dimension_mismatch(tmp_path, monkeypatch, capsys):
    out = check_variant(tmp_path, monkeypatch, capsys, 1, relations=DOLLARS_AND_YUAN)
    assert "relation-dimension-mismatch  relations R0001" in out


@pytest.mark.parametrize(("factor", "status"), [("827000000", 0), ("500000000", 1)])
def test_dollars_against_yuan_with_the_rate_are_compared(factor, status, tmp_path, monkeypatch, capsys):
    """With 1998's rate (8.27 yuan per dollar) in units.csv, 1.5亿美元 is about 12.4亿元; with a
    rate of 5 it is 7.5亿元, which the relation refuses."""
    units = [u for u in TABLES["units"] if u["dimension"] != "usd"] + [
        {"unit": "亿美元", "dimension": "money", "base_unit": "元", "factor": factor,
         "note": "yuan per 亿美元"}]
    metrics = [dict(m, dimension="money") if m["metric_id"] == "contract_value_usd" else m
               for m in TABLES["metrics"]]
    out = check_variant(tmp_path, monkeypatch, capsys, status, units=units, metrics=metrics,
                        relations=DOLLARS_AND_YUAN)
    assert ("relation-violated  relations R0001" in out) == (status == 1), out
