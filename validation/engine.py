"""Validate a corpus: load it, run every check family, collect one report."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from validation.checks import FAMILIES, layout
from validation.checks.pages import unregistered_seeds
from validation.corpus import Corpus, load_corpus
from validation.findings import FamilyResult, Report
from validation.model.coverage import Coverage

#: The cyclic garbage collector's thresholds during a run (Python's default is 700, 10, 10).
RUN_GC_THRESHOLDS = (100_000, 50, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run with the cyclic garbage collector called less often. A run builds millions of small
    objects (rows, placements, mentions, intervals) that live to its end and form no cycles;
    at the default thresholds the collector walks them again and again, a tenth to a fifth of a
    large run. The thresholds are restored afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(*RUN_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def validate(root: Path | str, *, jobs: int | None = None) -> Report:
    """Validate the corpus under ``root``, its pages walked by ``jobs`` processes (``None``: one
    per usable processor); raises ``InputError`` if it cannot be read at all."""
    with fewer_collections():
        started = time.perf_counter()
        corpus = load_corpus(root, jobs=jobs)
        return validate_corpus(corpus, root=str(root), load_seconds=time.perf_counter() - started)


def validate_corpus(corpus: Corpus, *, root: str | None = None, load_seconds: float = 0.0) -> Report:
    """Run every check family on a loaded corpus (whose model later renderings may reuse)."""
    with fewer_collections():
        report = Report(root=root if root is not None else str(corpus.root))
        report.findings.extend(corpus.load_findings)
        report.families.append(FamilyResult("load", len(report.findings), load_seconds))
        for name, family in FAMILIES.items():
            started = time.perf_counter()
            findings = family(corpus)
            report.findings.extend(findings)
            report.families.append(FamilyResult(name, len(findings), time.perf_counter() - started))
        report.table_sizes = {name: len(table.frame) for name, table in corpus.tables.items()}
        return report


def coverage(root: Path | str, *, jobs: int | None = None) -> Coverage:
    """Which numeric mentions of the corpus under ``root`` are covered, and by what. Pages that
    pages.csv does not register and lines that no block holds were never scanned, so their
    findings come first: a page left out of pages.csv or articles.csv must not read as fully
    covered."""
    with fewer_collections():
        corpus = load_corpus(root, jobs=jobs)
        result = corpus.model.coverage
        unscanned = [*unregistered_seeds(corpus, set(corpus.model.registered_files)),
                     *(f for f in layout.run(corpus) if f.check == "line-not-covered")]
        return replace(result, findings=[*unscanned, *result.findings],
                       relations=corpus.model.stated.counts())
