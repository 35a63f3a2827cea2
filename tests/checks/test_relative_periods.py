"""Relative time words in a quote are resolved into the period and explained in the note."""

from tests.conftest import cell, edit_cell, flat, read_rows
from validation.engine import validate


def test_a_quote_dated_by_目前_needs_a_note(corpus_root):
    assert "目前" in cell(corpus_root, "facts", "F0009", "quote")
    edit_cell(corpus_root, "facts", "F0009", "note", "")
    report = validate(corpus_root)
    assert flat(report) == {("F0009", "note", "period-unexplained")}
    assert "目前" in report.findings[0].message


def test_去年_is_the_year_before_publication(corpus_root):
    header, rows = read_rows(corpus_root / "facts" / "facts.csv")
    quote = header.index("quote")
    row = next(r for r in rows if "去年" in r[quote] and "今年" not in r[quote])
    fact_id, period = row[0], row[header.index("period")]
    published = cell(corpus_root, "articles", row[header.index("article_id")], "published")
    assert int(period[:4]) == int(published[:4]) - 1
    edit_cell(corpus_root, "facts", fact_id, "period", published[:4])
    report = validate(corpus_root)
    assert (fact_id, "period", "period-mismatch-relative") in flat(report)
    finding = next(f for f in report.findings if f.check == "period-mismatch-relative")
    assert finding.expected == f"{int(published[:4]) - 1} or a part of it"
