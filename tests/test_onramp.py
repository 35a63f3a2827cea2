"""From nothing to a validated corpus through the on-ramp's commands only: init, add-page,
draft, a person's review (what only a person can know: which entity, which metric, what a unit
means), draft --apply, check. The page is tests/fixtures/onramp/001_library.txt, written for
this test."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import read_rows, write_rows
from validation.cli import main

PAGE = Path(__file__).parent / "fixtures" / "onramp" / "001_library.txt"

#: What the person knows and writes: metric of each drafted fact, by its printed text.
METRICS = {"约1200平方米": "floor_area", "3.5万余册": "books_held", "260个": "reading_seats",
           "1800万元": "total_investment", "14个月": "construction_time",
           "超过10万人次": "expected_visits", "首座": "district_rank"}
TABLE_ROWS = {
    "entities": [["yuelu_library", "社区图书馆", "Yuelu district community library",
                  "facility", "", ""]],
    "metrics": [
        ["books_held", "藏书", "Books held", "count", "false"],
        ["construction_time", "建设历时", "Construction time", "duration", "false"],
        ["district_rank", "岳麓区首座", "Order among the district's community libraries", "rank", "false"],
        ["expected_visits", "接待读者", "Reader visits expected in a year", "count", "false"],
        ["floor_area", "馆舍面积", "Floor area", "area", "false"],
        ["reading_seats", "阅览座位", "Reading seats", "count", "false"],
        ["total_investment", "总投资", "Total investment", "money", "false"],
    ],
    "units": [
        ["万人次", "count", "人次", "10000", ""], ["万元", "money", "元", "10000", ""],
        ["万册", "count", "册", "10000", ""], ["个", "count", "个", "1", ""],
        ["个月", "duration", "年", "0.0833333333", "a month (1/12 year)"],
        ["人次", "count", "人次", "1", ""], ["元", "money", "元", "1", ""],
        ["册", "count", "册", "1", ""], ["平方米", "area", "平方米", "1", ""],
        ["年", "duration", "年", "1", ""], ["名", "rank", "名", "1", "place in a ranking"],
    ],
}


def add_rows(root: Path, table: str, rows: list[list[str]]) -> None:
    path = root / "facts" / f"{table}.csv"
    header, existing = read_rows(path)
    write_rows(path, header, sorted(existing + rows))


def review(drafts: Path) -> None:
    """What a person does to the draft: fill entities and metrics, turn the masthead's date into
    page furniture, and give the indefinite 一座 its reason."""
    rows = list(csv.DictReader(io.StringIO(drafts.read_text(encoding="utf-8"))))
    for row in rows:
        if row["table"] == "facts":
            row["entity_id"], row["metric_id"] = "yuelu_library", METRICS[row["text"]]
        elif row["table"] == "events":  # the masthead's date dates the page, no event
            row.update(table="exclusions", exclusion_id="X0002", event_id="", date="",
                       category="furniture", reason="The masthead's date of the issue.")
        elif row["table"] == "exclusions":
            row["reason"] = "一座 is the indefinite article: a library, not a count."
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    drafts.write_text(buffer.getvalue(), encoding="utf-8")


def test_a_new_corpus_from_one_page_to_pass_through_the_commands(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "library"]) == 0
    root = tmp_path / "library"
    monkeypatch.chdir(root)
    assert main(["check"]) == 1  # an empty corpus is no pass
    assert main(["add-page", str(PAGE)]) == 0
    assert (root / "seeds" / PAGE.name).read_bytes() == PAGE.read_bytes()
    header, articles = read_rows(root / "facts" / "articles.csv")
    assert [(r[0], r[header.index("kind")], r[header.index("title")]) for r in articles] == [
        ("A001-01", "other", ""), ("A001-02", "article", "岳麓山下新添一座社区图书馆")]
    assert main(["draft"]) == 0
    drafts = root / "drafts.csv"
    drafted = list(csv.DictReader(io.StringIO(drafts.read_text(encoding="utf-8"))))
    assert sorted(r["text"] for r in drafted if r["table"] == "facts") == sorted(METRICS)
    capsys.readouterr()

    assert main(["draft", "--apply", str(drafts)]) == 1  # entity and metric still empty
    assert "entity_id" in capsys.readouterr().out
    review(drafts)
    for table, rows in TABLE_ROWS.items():
        add_rows(root, table, rows)
    path = root / "facts" / "pages.csv"
    header, pages = read_rows(path)
    pages[0][header.index("description")] = "Changsha evening paper: a new community library."
    write_rows(path, header, pages)
    assert main(["draft", "--apply", str(drafts)]) == 0, capsys.readouterr().out
    capsys.readouterr()

    assert main(["check"]) == 0, capsys.readouterr().out
    assert f"PASS: 0 errors, 0 warnings in {root} (1 page, 2 articles" in capsys.readouterr().out
    assert main(["fmt", "--check"]) == 0
    assert main(["coverage"]) == 0
    assert "PASS: 9 mentions, 100.0% covered" in capsys.readouterr().out
    assert main(["draft"]) == 0  # nothing left to draft
    assert "nothing" in capsys.readouterr().out.lower()
    assert main(["report", "--out", str(tmp_path / "report")]) == 0
    html = (tmp_path / "report" / "validation-report.html").read_text(encoding="utf-8")
    assert "<title>PASS · library · validation report</title>" in html and "tianxin" not in html.lower()


@pytest.mark.parametrize("broken", [b"\xff\xfe not utf-8", b""])
def test_add_page_refuses_a_page_it_cannot_read_and_writes_nothing(broken, tmp_path, capsys):
    assert main(["init", str(tmp_path / "c")]) == 0
    page = tmp_path / "bad.txt"
    page.write_bytes(broken)
    before = sorted(p.name for p in (tmp_path / "c").rglob("*"))
    table = (tmp_path / "c" / "facts" / "pages.csv").read_bytes()
    assert main(["add-page", str(page), "--root", str(tmp_path / "c")]) == 2
    assert "bad.txt" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "c").rglob("*")) == before
    assert (tmp_path / "c" / "facts" / "pages.csv").read_bytes() == table
