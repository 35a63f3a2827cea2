"""Coverage: every numeric mention on every page is accounted for by a fact, an event, a
fact's period or an exclusion (:mod:`validation.model.coverage` says what covers each)."""

from __future__ import annotations

from validation.corpus import Corpus
from validation.findings import Finding


def run(corpus: Corpus) -> list[Finding]:
    return corpus.model.coverage.findings
