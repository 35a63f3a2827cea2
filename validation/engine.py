"""Validate a corpus: load it, run every check family, collect one report."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from validation.checks import FAMILIES, layout
from validation.checks.pages import unregistered_seeds
from validation.corpus import Corpus, load_corpus
from validation.findings import FamilyResult, Report
from validation.model.coverage import Coverage


def validate(root: Path | str) -> Report:
    """Validate the corpus under ``root``; raises ``InputError`` if it cannot be read at all."""
    started = time.perf_counter()
    corpus = load_corpus(root)
    return validate_corpus(corpus, root=str(root), load_seconds=time.perf_counter() - started)


def validate_corpus(corpus: Corpus, *, root: str | None = None, load_seconds: float = 0.0) -> Report:
    """Run every check family on a loaded corpus (whose model later renderings may reuse)."""
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


def coverage(root: Path | str) -> Coverage:
    """Which numeric mentions of the corpus under ``root`` are covered, and by what. Pages that
    pages.csv does not register and lines that no block holds were never scanned, so their
    findings come first: a page left out of pages.csv or articles.csv must not read as fully
    covered."""
    corpus = load_corpus(root)
    result = corpus.model.coverage
    unscanned = [*unregistered_seeds(corpus, set(corpus.model.registered_files)),
                 *(f for f in layout.run(corpus) if f.check == "line-not-covered")]
    return replace(result, findings=[*unscanned, *result.findings],
                   relations=corpus.model.stated.counts())
