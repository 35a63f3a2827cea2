"""The model of a corpus: the views are computed once, the pages are walked one by one and let
go, and what the walk finds is what the checks report."""

from __future__ import annotations

import gc
import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import REPO, edit_cell, read_rows
from validation import corpus as corpus_module
from validation.corpus import PAGES_KEPT, load_corpus
from validation.engine import RUN_GC_THRESHOLDS, fewer_collections, validate, validate_corpus
from validation.model.pages import Names
from validation.model.placements import _printed_elsewhere


def _synthetic(root: Path, copies: int) -> Path:
    spec = importlib.util.spec_from_file_location("synthetic_corpus", REPO / "ci" / "synthetic_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synthetic_corpus", module)
    spec.loader.exec_module(module)
    module.build(root, copies)
    return root


@pytest.fixture(scope="module")
def four_copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 pages: more than a corpus keeps."""
    return _synthetic(tmp_path_factory.mktemp("x4") / "corpus", 4)


def test_each_view_is_computed_once_and_shared():
    corpus = load_corpus(REPO)
    assert corpus.model is corpus.model
    assert corpus.model.placements is corpus.model.page_walk.placements
    assert corpus.model.coverage is corpus.model.coverage
    assert corpus.model.fact_values is corpus.model.fact_values


def test_the_walk_reads_each_page_once(four_copies, page_reads):
    reads = page_reads
    corpus = load_corpus(four_copies)
    walk = corpus.model.page_walk
    pages = {b.file for b in corpus.model.blocks}
    assert len(pages) == 20 > PAGES_KEPT
    assert set(reads) == pages and set(reads.values()) == {1}
    assert walk.mentions and walk.sentences and walk.placements.facts


def test_a_run_keeps_only_the_pages_read_last(four_copies):
    corpus = load_corpus(four_copies)
    report = validate_corpus(corpus)
    assert report.ok
    assert 0 < len(corpus._pages) <= PAGES_KEPT


def test_a_page_read_again_after_it_was_let_go_is_the_same_page(four_copies):
    corpus = load_corpus(four_copies)
    files = sorted({b.file for b in corpus.model.blocks})
    first = corpus.page(files[0])
    for file in files[1:]:
        corpus.page(file)
    again = corpus.page(files[0])
    assert again is not first and again is not None and first is not None
    assert again.text == first.text and again.sha256 == first.sha256


def test_findings_do_not_depend_on_how_many_pages_are_kept(four_copies, monkeypatch, tmp_path):
    broken = _synthetic(tmp_path / "corpus", 2)
    fact = read_rows(broken / "facts" / "facts.csv")[1][-1][0]  # on the second copy's pages
    article = read_rows(broken / "facts" / "articles.csv")[1][-1][0]
    edit_cell(broken, "facts", fact, "quote", "并不存在的话")
    edit_cell(broken, "articles", article, "title", "并不存在的标题")
    kept = validate(broken).findings
    monkeypatch.setattr(corpus_module, "PAGES_KEPT", 1)
    assert validate(broken).findings == kept
    assert {"quote-not-in-article", "title-not-in-article"} <= {f.check for f in kept}


def test_an_entity_printed_only_on_a_page_without_blocks_is_found(corpus_root):
    (corpus_root / "seeds" / "extra.txt").write_text("天心区新来的一家公司\n", encoding="utf-8")
    edit_cell(corpus_root, "entities", "beiha_tech", "aliases", "新来的一家公司")
    checks = {f.check for f in validate(corpus_root).findings}
    assert "entity-name-not-found" not in checks and "seed-unregistered" in checks


def test_a_run_calls_the_collector_less_often_and_restores_it():
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == RUN_GC_THRESHOLDS
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError
    assert gc.get_threshold() == before


@given(names=st.sets(st.text(alphabet="天心区长沙数商😀 ", max_size=4), max_size=8),
       texts=st.lists(st.text(alphabet="天心区长沙数商😀 ", max_size=30), max_size=4))
def test_names_are_struck_off_exactly_when_a_text_prints_them(names, texts):
    unfound = Names(set(names))
    for text in texts:
        unfound.look_in(text)
    assert unfound.remaining == {n for n in names if n and not any(n in t for t in texts)}


def _elsewhere_one_by_one(articles, quotes):
    """The search for missing quotes as it was written first: each quote on each page."""
    found = {quote: [] for quote in quotes}
    for file in sorted({b.file for b in articles.blocks.values()}):
        page = articles.corpus.page(file)
        for quote in sorted(quotes):
            for span in page.index.find_all(quote):
                article = articles.block_at(file, span.start) or "no block"
                found[quote].append(f"{article} at {page.where(span.start)}")
    return found


EMBEDDED = load_corpus(REPO)
PAGE_TEXTS = [EMBEDDED.page(f).text for f in sorted({b.file for b in EMBEDDED.model.blocks})]


@given(st.lists(st.tuples(st.integers(0, len(PAGE_TEXTS) - 1), st.integers(0, 10**6),
                          st.integers(1, 12)), max_size=6),
       st.sets(st.text(alphabet="亿元家 ，。0123456789", max_size=5), max_size=4))
def test_missing_quotes_are_found_elsewhere_as_one_by_one_finds_them(cuts, invented):
    quotes = set(invented)
    for page, start, length in cuts:  # pieces of the pages: printed at least once
        text = PAGE_TEXTS[page]
        start %= max(1, len(text) - length)
        quotes.add(text[start:start + length])
    articles = EMBEDDED.model.article_spans
    assert _printed_elsewhere(articles, quotes) == _elsewhere_one_by_one(articles, quotes)
