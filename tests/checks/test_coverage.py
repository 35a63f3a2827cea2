"""Coverage: every numeric mention is a fact, an event, a fact's period or an exclusion."""

import json

from tests.conftest import REPO, cell, checks, edit_cell, flat, read_rows, write_rows
from validation.cli import main
from validation.engine import coverage, validate


def remove_row(root, table, key):
    path = root / "facts" / f"{table}.csv"
    header, rows = read_rows(path)
    kept = [row for row in rows if row[0] != key]
    assert len(kept) == len(rows) - 1
    write_rows(path, header, kept)


def add_row(root, table, values):
    path = root / "facts" / f"{table}.csv"
    header, rows = read_rows(path)
    rows.append([values.get(column, "") for column in header])
    write_rows(path, header, sorted(rows))


def test_the_embedded_corpus_is_fully_covered():
    result = coverage(REPO)
    assert result.findings == []
    assert result.mentions > 500 and result.uncovered == 0
    totals = result.totals()
    assert all(totals[f"covered_by_{kind}"] > 0 for kind in ("facts", "events", "periods", "exclusions"))


def test_a_figure_without_its_fact_is_uncovered_and_located(corpus_root):
    remove_row(corpus_root, "facts", "F0021")
    report = validate(corpus_root)
    assert flat(report) == {("A000-01", None, "mention-not-covered")}
    (finding,) = report.errors
    assert finding.location.startswith("seeds/000_56aa01df765f2168.txt:") and "'386张'" in finding.message
    assert "[386张]" in finding.found and "登记证书" in finding.found


def test_a_date_without_its_event_is_uncovered(corpus_root):
    header, rows = read_rows(corpus_root / "facts" / "events.csv")
    event = next(row for row in rows if row[header.index("text")] == "12月3日")
    remove_row(corpus_root, "events", event[0])
    report = validate(corpus_root)
    assert checks(report) == {"mention-not-covered"}
    assert all("12月3日" in f.message for f in report.errors)


def test_a_year_in_a_quote_is_covered_only_by_the_facts_own_period(corpus_root):
    assert cell(corpus_root, "facts", "F1002", "quote").startswith("2023年")
    edit_cell(corpus_root, "facts", "F1002", "period", "2024")
    report = validate(corpus_root)
    assert ("A001-01", None, "mention-not-covered") in flat(report)
    assert any("'2023年'" in f.message for f in report.findings)


def test_an_exclusion_that_matches_no_mention_is_stale(corpus_root):
    add_row(corpus_root, "exclusions", {
        "exclusion_id": "X9999", "article_id": "A000-01", "text": "数商会员",
        "quote": "发展数商会员777家", "category": "idiom", "reason": "test"})
    assert flat(validate(corpus_root)) == {("X9999", "text", "exclusion-stale")}


def test_an_exclusion_may_not_claim_a_stated_figure(corpus_root):
    add_row(corpus_root, "exclusions", {
        "exclusion_id": "X9999", "article_id": "A000-01", "text": "777家",
        "quote": "发展数商会员777家", "category": "idiom", "reason": "test"})
    assert flat(validate(corpus_root)) == {("X9999", "text", "exclusion-overlaps-fact")}


def test_a_corpus_without_events_and_exclusions_still_loads(corpus_root):
    (corpus_root / "facts" / "events.csv").unlink()
    (corpus_root / "facts" / "exclusions.csv").unlink()
    report = validate(corpus_root)
    assert report.table_sizes["events"] == 0 and report.table_sizes["exclusions"] == 0
    assert checks(report) == {"mention-not-covered"}


def test_coverage_command_prints_a_row_per_block_and_exits_0(capsys):
    assert main(["coverage"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["article", "mentions", "facts", "events", "periods", "exclusions",
                                "uncovered"]
    assert any(line.startswith("A003-07 ") for line in lines)
    assert lines[-1].startswith("PASS: ") and "100.0% covered, 0 uncovered" in lines[-1]


def test_coverage_command_lists_uncovered_mentions_and_exits_1(corpus_root, capsys):
    remove_row(corpus_root, "facts", "F0021")
    assert main(["coverage", "--root", str(corpus_root)]) == 1
    out = capsys.readouterr().out
    assert "uncovered A000-01 seeds/000_56aa01df765f2168.txt:" in out and "386张" in out
    assert out.splitlines()[-1].startswith("FAIL: ") and ", 1 uncovered" in out


def test_coverage_json_has_totals_and_one_record_per_block(corpus_root, capsys):
    remove_row(corpus_root, "facts", "F0021")
    assert main(["coverage", "--root", str(corpus_root), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"format_version", "root", "embedded", "ok", "totals", "articles", "findings",
                         "relations"}
    assert data["ok"] is False and data["totals"]["uncovered"] == 1
    block = next(a for a in data["articles"] if a["article_id"] == "A000-01")
    assert set(block) == {"article_id", "file", "mentions", "covered_by_facts", "covered_by_events",
                          "covered_by_periods", "covered_by_exclusions", "uncovered"}
    (missing,) = block["uncovered"]
    assert missing["text"] == "386张" and missing["kind"] == "figure"


def test_coverage_of_an_unreadable_corpus_exits_2(tmp_path, capsys):
    assert main(["coverage", "--root", str(tmp_path)]) == 2
    assert "no seeds/ folder" in capsys.readouterr().err


def test_pages_without_blocks_are_no_pass_for_coverage(corpus_root, capsys):
    """Registered pages that no block cites were never scanned: not '0 mentions, 100% covered'."""
    path = corpus_root / "facts" / "articles.csv"
    header, _ = read_rows(path)
    write_rows(path, header, [])
    for table in ("facts", "events", "exclusions", "relations", "conflicts"):
        header, _ = read_rows(corpus_root / "facts" / f"{table}.csv")
        write_rows(corpus_root / "facts" / f"{table}.csv", header, [])
    result = coverage(corpus_root)
    assert result.mentions == 0
    found = [f.check for f in result.findings]
    assert found.count("line-not-covered") == 5 and found[-1] == "no-mention-scanned"
    assert main(["coverage", "--root", str(corpus_root)]) == 1
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("FAIL: 0 mentions"), last
    assert "no-mention-scanned" in checks(validate(corpus_root))


def test_a_page_left_out_of_articles_is_reported_by_layout_and_coverage(corpus_root, capsys):
    path = corpus_root / "facts" / "articles.csv"
    header, rows = read_rows(path)
    write_rows(path, header, [r for r in rows if r[header.index("file")] != "002_ebc840b96cdb363d.txt"])
    result = coverage(corpus_root)
    (unscanned,) = [f for f in result.findings if f.check == "line-not-covered"]
    assert unscanned.location == "seeds/002_ebc840b96cdb363d.txt:3:1"  # lines 1-2 are blank
    assert "no-mention-scanned" not in {f.check for f in result.findings}  # the other pages have mentions
    assert ("line_start", "line-not-covered") in {(f.column, f.check) for f in validate(corpus_root).findings}


def test_a_page_left_out_of_pages_csv_fails_coverage_too(corpus_root, capsys):
    (corpus_root / "seeds" / "006_new.txt").write_text("新区新增企业120家。\n", encoding="utf-8")
    result = coverage(corpus_root)
    (unscanned,) = [f for f in result.findings if f.check == "seed-unregistered"]
    assert unscanned.location == "seeds/006_new.txt"
    assert main(["coverage", "--root", str(corpus_root)]) == 1
    assert "seed-unregistered" in capsys.readouterr().out


def test_a_corpus_without_pages_is_no_pass(corpus_root):
    for table in ("pages", "articles", "facts", "events", "exclusions", "relations", "conflicts"):
        header, _ = read_rows(corpus_root / "facts" / f"{table}.csv")
        write_rows(corpus_root / "facts" / f"{table}.csv", header, [])
    for seed in (corpus_root / "seeds").iterdir():
        seed.unlink()
    (finding,) = coverage(corpus_root).findings
    assert (finding.check, finding.table, finding.found) == ("no-mention-scanned", "pages", "0 pages")
    assert "add-page" in (finding.hint or "")
    assert not validate(corpus_root).ok


def test_unreadable_pages_are_left_to_the_seed_checks(corpus_root):
    for seed in (corpus_root / "seeds").iterdir():
        seed.write_bytes(b"\xff\xfe not utf-8")
    assert "no-mention-scanned" not in {f.check for f in coverage(corpus_root).findings}
