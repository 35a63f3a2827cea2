"""The embedded corpus itself: every fact traced to its article, every figure read back."""

from decimal import Decimal

import pytest

from tests.conftest import REPO
from validation.corpus import load_corpus
from validation.dates import read_date
from validation.engine import validate
from validation.mentions import scan
from validation.normalize import normalize
from validation.numbers import parse_figure

CORPUS = load_corpus(REPO)
FACTS = {row["fact_id"]: row for _, row in CORPUS.tables["facts"].rows()}
LOCATED = CORPUS.model.placements.facts
BLOCKS = {b.article_id: b for b in CORPUS.model.blocks}
EVENTS = {row["event_id"]: row for _, row in CORPUS.tables["events"].rows()}
EXCLUSIONS = {row["exclusion_id"]: row for _, row in CORPUS.tables["exclusions"].rows()}
PLACED = CORPUS.model.placements.located


def test_embedded_corpus_passes_every_check():
    report = validate(REPO)
    assert report.errors == []
    assert {f.check for f in report.warnings} <= {"known-conflict"}


def test_slice_spans_at_least_three_pages_and_forty_facts():
    pages = {BLOCKS[row["article_id"]].file for row in FACTS.values()}
    assert len(FACTS) >= 40 and len(pages) >= 3


@pytest.mark.parametrize("fact_id", sorted(FACTS))
def test_quote_in_article(fact_id):
    row, located = FACTS[fact_id], LOCATED.get(fact_id)
    assert located is not None, f"{fact_id}: quote not located"
    block = BLOCKS[row["article_id"]]
    page = CORPUS.page(block.file)
    area = page.line_range(block.first, block.last)
    assert area.start <= located.quote.start and located.quote.end <= area.end
    assert normalize(page.text[located.quote.start:located.quote.end]) == normalize(row["quote"])


@pytest.mark.parametrize("fact_id", sorted(FACTS))
def test_figure_in_quote(fact_id):
    row, located = FACTS[fact_id], LOCATED[fact_id]
    assert located.figure is not None
    assert located.quote.start <= located.figure.start and located.figure.end <= located.quote.end
    page = CORPUS.page(located.file)
    assert normalize(page.text[located.figure.start:located.figure.end]) == normalize(row["text"])


@pytest.mark.parametrize("fact_id", sorted(FACTS))
def test_figure_reads_as_row(fact_id):
    row = FACTS[fact_id]
    figure = parse_figure(row["text"])
    assert (figure.value, figure.unit, figure.bound) == (Decimal(row["value"]), row["unit"], row["bound"])


def test_exchange_figures_are_printed_on_both_pages_000_and_002():
    def stated(metric, page_prefix):
        return {FACTS[f]["text"] for f in FACTS if FACTS[f]["metric_id"] == metric
                and FACTS[f]["article_id"].startswith(page_prefix)}
    for metric, text in [("exchange_members", "777家"), ("exchange_products_listed", "5433个"),
                         ("exchange_cumulative_turnover", "突破27亿元")]:
        assert text in stated(metric, "A000") and text in stated(metric, "A002")


def test_every_article_block_of_every_page_is_listed():
    assert {b.file for b in BLOCKS.values()} == set(CORPUS.seed_files())


@pytest.mark.parametrize("event_id", sorted(EVENTS))
def test_event_date_printed_in_its_article_reads_as_row(event_id):
    row, located = EVENTS[event_id], PLACED["events"][event_id]
    assert located.figure is not None and located.article_id == row["article_id"]
    page = CORPUS.page(located.file)
    assert normalize(page.text[located.figure.start:located.figure.end]) == normalize(row["text"])
    reading = read_date(row["text"], CORPUS.model.published_years[row["article_id"]])
    year = None if reading.year_printed else int(row["date"][:4])
    assert reading.iso(year) == row["date"]
    assert reading.year_printed or row["note"]


@pytest.mark.parametrize("exclusion_id", sorted(EXCLUSIONS))
def test_exclusion_is_printed_and_holds_a_mention(exclusion_id):
    row, located = EXCLUSIONS[exclusion_id], PLACED["exclusions"][exclusion_id]
    assert located.figure is not None and row["reason"].strip()
    page = CORPUS.page(located.file)
    mentions = scan(page.index, located.figure)
    assert mentions, f"{exclusion_id}: {row['text']!r} holds no numeric mention"


def test_every_page_has_facts():
    pages = {BLOCKS[row["article_id"]].file for row in FACTS.values()}
    assert pages == set(CORPUS.seed_files())
