"""Page layout: the blocks of ``articles.csv`` lie inside their page and cover each non-blank
line of it exactly once."""

from __future__ import annotations

from itertools import pairwise

from validation.corpus import SEEDS_DIR, Corpus, Page
from validation.findings import Check, Finding
from validation.model.blocks import Block

#: The checks this family reports.
CHECKS = (
    Check("line-range-outside-page",
          "A block's lines run past the end of its page.",
          hint="fix the line range"),
    Check("block-overlap",
          "Two blocks of a page share lines.",
          hint="each line of a page belongs to exactly one block"),
    Check("line-not-covered",
          "Non-blank lines of a page belong to no block.",
          hint="add a block (article, fragment, caption, advert or other) for these lines"),
)


def run(corpus: Corpus) -> list[Finding]:
    articles = corpus.tables["articles"]
    findings = []
    by_page: dict[str, list[Block]] = {}
    for block in corpus.model.blocks:
        page = corpus.page(block.file)
        if page is None or page.text is None:
            continue  # reported by the seed checks
        if block.last > page.line_count:
            findings.append(Finding(
                "line-range-outside-page",
                f"lines {block.first}-{block.last} run past the end of {block.file} "
                f"({page.line_count} lines)", table="articles", row=block.article_id,
                column="line_end", expected=f"at most {page.line_count}", found=str(block.last),
                location=articles.location(block.index), hint="fix the line range"))
            continue
        by_page.setdefault(block.file, []).append(block)
    for file, page_blocks in sorted(by_page.items()):
        page = corpus.page(file)
        assert page is not None
        findings.extend(_overlaps(corpus, sorted(page_blocks, key=lambda b: (b.first, b.last))))
        findings.extend(_uncovered(page, page_blocks))
    findings.extend(unblocked_pages(corpus))
    return findings


def unblocked_pages(corpus: Corpus) -> list[Finding]:
    """``line-not-covered`` for every readable registered page that no row of articles.csv
    cites: none of its numbers would be scanned, so coverage could not see them."""
    cited = (set(corpus.tables["articles"].frame["file"])
             if corpus.has_columns("articles", "file") else set())
    findings = []
    for file in corpus.model.registered_files:
        if file in cited:
            continue
        page = corpus.page(file)
        if page is not None and page.text is not None:
            findings.extend(_uncovered(page, []))
    return findings


def _overlaps(corpus: Corpus, ordered: list[Block]) -> list[Finding]:
    articles = corpus.tables["articles"]
    findings = []
    for before, after in pairwise(ordered):
        if after.first <= before.last:
            findings.append(Finding(
                "block-overlap",
                f"{after.article_id} (lines {after.first}-{after.last}) overlaps "
                f"{before.article_id} (lines {before.first}-{before.last})",
                table="articles", row=after.article_id, column="line_start",
                expected=f"after line {before.last}", found=str(after.first),
                location=articles.location(after.index),
                hint="each line of a page belongs to exactly one block"))
    return findings


def _uncovered(page: Page, page_blocks: list[Block]) -> list[Finding]:
    covered: set[int] = set()
    for block in page_blocks:
        covered.update(range(block.first, block.last + 1))
    runs: list[list[int]] = []
    current: list[int] = []
    for number in range(1, page.line_count + 1):
        if not page.line(number).strip():
            continue  # blank lines neither need a block nor end a run
        if number in covered:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(number)
    if current:
        runs.append(current)
    findings = []
    for run_lines in runs:
        first, last = run_lines[0], run_lines[-1]
        excerpt = page.line(first).strip()[:30]
        findings.append(Finding(
            "line-not-covered",
            f"{SEEDS_DIR}/{page.file} lines {first}-{last} are not in any block of articles.csv",
            table="articles", column="line_start", found=excerpt,
            location=f"{SEEDS_DIR}/{page.file}:{first}:1",
            hint="add a block (article, fragment, caption, advert or other) for these lines"))
    return findings
