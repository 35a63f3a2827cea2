"""Coverage: every numeric mention on every page is accounted for by a fact, an event, a
fact's period or an exclusion (:mod:`validation.model.coverage` says what covers each)."""

from __future__ import annotations

from validation.corpus import Corpus
from validation.findings import Check, Finding

#: The checks this family reports.
CHECKS = (
    Check("mention-not-covered",
          "A number printed in a block is covered by no fact, event or exclusion.",
          hint=("add a fact (figure) or event (date) whose text is this mention, or an exclusion "
                "saying why it is no figure")),
    Check("exclusion-stale",
          "An exclusion's text no longer contains any numeric mention.",
          hint="delete the exclusion, or make its text the mention as printed"),
    Check("exclusion-overlaps-fact",
          "An exclusion claims a mention a fact or event states.",
          hint="a mention is either a figure or excluded: delete the exclusion or the other row"),
    Check("no-mention-scanned",
          ("No numeric mention was scanned: no page is registered, or no block of the pages holds "
           "one; coverage proves nothing."),
          hint="register the pages and add their blocks to articles.csv"),
)


def run(corpus: Corpus) -> list[Finding]:
    return corpus.model.coverage.findings
