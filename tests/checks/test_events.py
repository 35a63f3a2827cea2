"""Events: the printed date reads as the row's date, and the row is traced like a fact."""

from tests.conftest import edit_cell, flat, read_rows
from validation.engine import validate


def events(root):
    header, rows = read_rows(root / "facts" / "events.csv")
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_a_date_that_disagrees_with_its_text_is_rejected(corpus_root):
    event = next(e for e in events(corpus_root) if e["text"].startswith("2024年1月11日"))
    edit_cell(corpus_root, "events", event["event_id"], "date", "2024-01-12")
    report = validate(corpus_root)
    assert flat(report) == {(event["event_id"], "date", "event-date-mismatch")}
    assert report.findings[0].expected == "2024-01-11"


def test_a_relative_year_resolves_against_the_publication_date(corpus_root):
    event = next(e for e in events(corpus_root) if e["text"].startswith("去年"))
    year = int(event["date"][:4])
    edit_cell(corpus_root, "events", event["event_id"], "date", f"{year + 1}{event['date'][4:]}")
    assert flat(validate(corpus_root)) == {(event["event_id"], "date", "event-date-mismatch")}


def test_a_date_printed_without_a_year_needs_a_note(corpus_root):
    event = next(e for e in events(corpus_root) if e["text"] == "12月3日")
    assert event["note"] and event["date"] == "2024-12-03"
    edit_cell(corpus_root, "events", event["event_id"], "note", "")
    assert flat(validate(corpus_root)) == {(event["event_id"], "note", "event-year-unexplained")}


def test_text_that_is_no_date_is_reported(corpus_root):
    event = next(e for e in events(corpus_root) if e["text"] == "12月3日")
    edit_cell(corpus_root, "events", event["event_id"], "text", "12月")
    edit_cell(corpus_root, "events", event["event_id"], "quote", event["quote"].replace("12月3日", "12月"))
    report = validate(corpus_root)
    assert (event["event_id"], "quote", "quote-not-in-article") in flat(report)
    edit_cell(corpus_root, "events", event["event_id"], "quote", event["quote"])
    edit_cell(corpus_root, "events", event["event_id"], "text", "3日，在")
    assert (event["event_id"], "text", "event-date-unreadable") in flat(validate(corpus_root))


def test_an_event_quote_from_another_article_is_located_elsewhere(corpus_root):
    event = next(e for e in events(corpus_root) if e["article_id"] == "A000-01")
    edit_cell(corpus_root, "events", event["event_id"], "article_id", "A001-01")
    report = validate(corpus_root)
    assert (event["event_id"], "quote", "quote-not-in-article") in flat(report)
    finding = next(f for f in report.findings if f.check == "quote-not-in-article")
    assert finding.table == "events" and "A000-01" in finding.found
