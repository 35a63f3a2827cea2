"""The model of a corpus: typed views derived once from its tables and pages.

The check families judge these views and emit findings; the report, the gate and the on-ramp
read them too, never a check module. Each view is computed on first use and kept for the life of
the corpus (``corpus.model``), so a figure is parsed, a quote placed and a page scanned once per
run, whoever asks:

* :attr:`Model.blocks`, :attr:`Model.registered_files`: where each article sits on its page;
* :attr:`Model.publication_dates`, :attr:`Model.published_years`: when each block was published;
* :attr:`Model.article_spans`: each article's page and character span;
* :attr:`Model.page_walk`: what one walk over the pages finds (:mod:`validation.model.pages`);
* :attr:`Model.placements`: where each quoting row is printed, and why a row cannot be placed;
* :attr:`Model.readings`: what each printed figure reads as;
* :attr:`Model.metric_dimensions`, :attr:`Model.fact_values`: each metric's dimension, each
  fact as an interval of its base unit;
* :attr:`Model.coverage`: what covers each numeric mention;
* :attr:`Model.stated_relations`, :attr:`Model.stated`: the relations the pages state, and what
  accounts for each.

Which column cites which table is :mod:`validation.model.citations`.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from validation.miner import Candidate, mine
from validation.model.blocks import Block, read_blocks, read_registered_files
from validation.model.coverage import Coverage, measure
from validation.model.dates import read_publication_dates
from validation.model.pages import PageWalk, walk
from validation.model.placements import ArticleSpans, Placements
from validation.model.readings import read_figures
from validation.model.stated import Assessment, assess
from validation.model.values import FactValue, read_fact_values, read_metric_dimensions
from validation.numbers import Figure, FigureError

if TYPE_CHECKING:
    from validation.corpus import Corpus


class Model:
    """The views of one corpus, each computed on first use."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    @cached_property
    def blocks(self) -> list[Block]:
        return read_blocks(self.corpus)

    @cached_property
    def registered_files(self) -> list[str]:
        return read_registered_files(self.corpus)

    @cached_property
    def publication_dates(self) -> dict[str, date]:
        return read_publication_dates(self.corpus)

    @cached_property
    def published_years(self) -> dict[str, int]:
        return {article: day.year for article, day in self.publication_dates.items()}

    @cached_property
    def article_spans(self) -> ArticleSpans:
        return ArticleSpans(self.corpus, {b.article_id: b for b in self.blocks})

    @cached_property
    def page_walk(self) -> PageWalk:
        return walk(self.corpus, self.article_spans)

    @cached_property
    def placements(self) -> Placements:
        return self.page_walk.placements

    @cached_property
    def readings(self) -> dict[str, Figure | FigureError]:
        return read_figures(self.corpus)

    @cached_property
    def metric_dimensions(self) -> dict[str, str | None]:
        return read_metric_dimensions(self.corpus)

    @cached_property
    def fact_values(self) -> dict[str, FactValue]:
        return read_fact_values(self.corpus)

    @cached_property
    def coverage(self) -> Coverage:
        return measure(self.corpus)

    @cached_property
    def stated_relations(self) -> list[Candidate]:
        return mine(self.corpus)

    @cached_property
    def stated(self) -> Assessment:
        return assess(self.corpus)
