"""How close `python -m validation draft` comes to the facts a person wrote.

    python ci/draft_agreement.py [--root DIR] [--examples N]

Copies the corpus (the embedded one by default) to a temporary folder, removes every row of
facts.csv, drafts, and compares each original fact with the draft row proposed for the mention
its figure covers:

* identical figure: the draft proposes a fact with the same ``text``, ``article_id``, ``value``,
  ``unit`` and ``bound``;
* identical quote and period: that fact also has the same ``quote`` (compared in matching form,
  so width and line breaks do not count) and ``period`` (each share is also printed alone).

Prints the shares, then the differences grouped by reason, with a few examples of each.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from validation.corpus import FACTS_DIR, SEEDS_DIR, default_root, load_corpus
from validation.draft import DraftRow, draft
from validation.normalize import normalize
from validation.schemas import TABLES

FIGURE = ("text", "article_id", "value", "unit", "bound")


@dataclass
class Agreement:
    """The comparison of the original facts with the draft."""

    facts: int = 0
    same_figure: int = 0
    same_quote: int = 0
    same_period: int = 0
    same_quote_and_period: int = 0
    #: reason -> examples (fact id, what the fact says, what the draft says)
    differences: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    drafted: Counter[str] = field(default_factory=Counter)

    @property
    def figure_share(self) -> float:
        return self.same_figure / self.facts if self.facts else 1.0

    @property
    def quote_period_share(self) -> float:
        return self.same_quote_and_period / self.facts if self.facts else 1.0

    def differ(self, reason: str, fact_id: str, ours: str, theirs: str) -> None:
        self.differences.setdefault(reason, []).append((fact_id, ours, theirs))


def without_facts(source: Path, target: Path) -> Path:
    """A copy of the corpus at ``source`` in ``target`` whose facts.csv has its header only."""
    shutil.copytree(source / SEEDS_DIR, target / SEEDS_DIR)
    shutil.copytree(source / FACTS_DIR, target / FACTS_DIR)
    facts = target / FACTS_DIR / TABLES["facts"].filename
    header = facts.read_text(encoding="utf-8").split("\n", 1)[0]
    facts.write_text(header + "\n", encoding="utf-8")
    return target


def measure_agreement(source: Path) -> Agreement:
    """Draft the corpus at ``source`` without its facts and compare with them."""
    corpus = load_corpus(source)
    located = corpus.model.placements.facts
    with tempfile.TemporaryDirectory() as folder:
        drafts = draft(without_facts(source, Path(folder) / "corpus"))
    by_article: dict[str, list[DraftRow]] = {}
    for row in drafts.rows:
        by_article.setdefault(row.article_id, []).append(row)
    result = Agreement(drafted=Counter(r.table for r in drafts.rows))
    for _, fact in corpus.tables["facts"].rows():
        fact_id = fact["fact_id"] or ""
        result.facts += 1
        place = located.get(fact_id)
        if place is None or place.figure is None:
            result.differ("the fact cannot be traced in the original corpus", fact_id,
                          fact["text"] or "", "")
            continue
        figure = place.figure
        rows = [r for r in by_article.get(place.article_id, [])
                if r.span.start < figure.end and figure.start < r.span.end]
        if not rows:
            result.differ("no draft row: the scanner reports no mention there", fact_id,
                          fact["text"] or "", "")
            continue
        row = rows[0]
        if row.table != "facts":
            what = row.cells.get("category") or "" if row.table == "exclusions" else ""
            result.differ(f"drafted as {row.table[:-1]}", fact_id, fact["text"] or "",
                          f"{row.cells['text']} {what}".strip())
            continue
        differing = [c for c in FIGURE if (fact[c] or "") != row.cells.get(c, "")]
        if differing:
            result.differ(f"different {'/'.join(differing)}", fact_id,
                          " ".join(fact[c] or "" for c in differing),
                          " ".join(row.cells.get(c, "") for c in differing))
            continue
        result.same_figure += 1
        same_quote = normalize(fact["quote"] or "") == normalize(row.cells["quote"])
        same_period = (fact["period"] or "") == row.cells.get("period", "")
        result.same_quote += same_quote
        result.same_period += same_period
        result.same_quote_and_period += same_quote and same_period
        if not same_quote:
            result.differ("same figure, different quote", fact_id, fact["quote"] or "",
                          row.cells["quote"])
        if not same_period:
            result.differ("same figure, different period", fact_id, fact["period"] or "(none)",
                          row.cells.get("period", ""))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=None,
                        help="the corpus to measure (default: the embedded corpus)")
    parser.add_argument("--examples", type=int, default=5, help="examples per reason (default 5)")
    options = parser.parse_args(argv)
    result = measure_agreement(options.root or default_root())
    print(f"facts: {result.facts}; draft rows: "
          + ", ".join(f"{n} {t}" for t, n in sorted(result.drafted.items())))
    for label, count in (("identical text, article, value, unit, bound", result.same_figure),
                         ("  and identical quote", result.same_quote),
                         ("  and identical period", result.same_period),
                         ("  and identical quote and period", result.same_quote_and_period)):
        print(f"{label:<46} {count:>4}/{result.facts} = {100 * count / max(result.facts, 1):5.1f}%")
    print("(a fact's differences in quote and period are each listed below)")
    for reason, examples in sorted(result.differences.items(), key=lambda kv: -len(kv[1])):
        print(f"\n{reason}: {len(examples)}")
        for fact_id, ours, theirs in examples[:options.examples]:
            print(f"  {fact_id}  fact: {ours}\n{'':8}draft: {theirs}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader went away (| head)
        sys.stderr.close()
        sys.exit(0)
