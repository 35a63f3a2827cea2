"""Where each row that quotes the pages is printed: its quote's span in the article it cites,
and its printed figure's span inside the quote. Facts, events and exclusions are placed alike:
each row cites a block (``article_id``), quotes words printed there (``quote``, with
``occurrence`` where they are printed more than once) and names the printed figure or date
inside them (``text``). A row that cannot be placed carries the finding that says why."""

from __future__ import annotations

from dataclasses import dataclass, field

from validation.corpus import SEEDS_DIR, Corpus, Page
from validation.findings import Finding
from validation.model.blocks import Block
from validation.model.citations import QUOTING_TABLES
from validation.normalize import Span, normalize


@dataclass(frozen=True, slots=True)
class Located:
    """Where a row stands in its page: the quote's span, and its text's span within the quote
    (``None`` when the text cannot be placed exactly once)."""

    row_id: str
    article_id: str
    file: str
    quote: Span
    figure: Span | None


@dataclass
class ArticleSpans:
    """Each article's block, page and character span, looked up once for all the rows citing it."""

    corpus: Corpus
    blocks: dict[str, Block]
    _articles: dict[str, tuple[Block, Page, Span] | None] = field(default_factory=dict)

    def article(self, article_id: str | None) -> tuple[Block, Page, Span] | None:
        """The block, its page and its character span, if all are usable."""
        key = article_id or ""
        if key not in self._articles:
            self._articles[key] = self._find_article(key)
        return self._articles[key]

    def _find_article(self, article_id: str) -> tuple[Block, Page, Span] | None:
        block = self.blocks.get(article_id)
        if block is None:
            return None
        page = self.corpus.page(block.file)
        if page is None or page.text is None or block.last > page.line_count:
            return None
        return block, page, page.line_range(block.first, block.last)

    def block_at(self, file: str, offset: int) -> str | None:
        """The block of page ``file`` whose lines hold character ``offset``."""
        for article_id, block in self.blocks.items():
            where = self.article(article_id) if block.file == file else None
            if where is not None and where[2].start <= offset < where[2].end:
                return article_id
        return None


@dataclass
class Placements:
    """Where each placeable row of facts, events and exclusions is printed, by table and id, and
    the findings of the rows that could not be placed."""

    located: dict[str, dict[str, Located]]
    findings: list[Finding]

    @property
    def facts(self) -> dict[str, Located]:
        return self.located["facts"]


def place(corpus: Corpus, articles: ArticleSpans) -> Placements:
    """Place every quoting row in the article it cites."""
    findings: list[Finding] = []
    located: dict[str, dict[str, Located]] = {}
    for table, id_column in QUOTING_TABLES.items():
        located[table] = {}
        if not corpus.has_columns(table, id_column, "article_id", "quote", "text", "occurrence"):
            continue
        for index, row in corpus.tables[table].rows():
            result = _place_row(articles, table, id_column, index, row, findings)
            if result is not None:
                located[table][result.row_id] = result
    return Placements(located, findings)


def _place_row(articles: ArticleSpans, table: str, id_column: str, index: int,
               row: dict[str, str | None], findings: list[Finding]) -> Located | None:
    rows = articles.corpus.tables[table]
    row_id, quote, text = row[id_column], row["quote"], row["text"]
    where = articles.article(row["article_id"])
    if not row_id or not quote or where is None:
        return None  # missing cells, unknown articles and bad pages are reported elsewhere
    block, page, area = where
    key, location = rows.row_key(index), rows.location(index)
    spans = page.index.find_all(quote, within=area)
    occurrence_cell = row["occurrence"] or ""
    occurrence = int(occurrence_cell) if occurrence_cell.isdigit() else None

    if not spans:
        findings.append(_quote_missing(articles, table, block, page, area, quote, key, location))
        return None
    if occurrence is not None and occurrence > len(spans):
        findings.append(Finding(
            "occurrence-out-of-range",
            f"occurrence {occurrence} asked for, but the quote is printed {len(spans)} time(s) "
            f"in {block.article_id}", table=table, row=key, column="occurrence",
            expected=f"1..{len(spans)}", found=str(occurrence), location=location,
            hint="count the quote's occurrences inside the article"))
        return None
    if occurrence is None and len(spans) > 1:
        places = ", ".join(page.where(s.start) for s in spans)
        findings.append(Finding(
            "quote-ambiguous",
            f"quote is printed {len(spans)} times in {block.article_id} ({places})",
            table=table, row=key, column="occurrence", expected="an occurrence number",
            found="empty", location=location,
            hint="set occurrence to the one meant (1 is the first), or lengthen the quote"))
        return None
    quote_span = spans[(occurrence or 1) - 1]

    figure_span = None
    count = normalize(quote).count(normalize(text)) if text else 0
    if text and count:  # zero is reported by the schema as figure-not-in-quote
        in_quote = page.index.find_all(text, within=quote_span)
        if count > 1 or len(in_quote) != 1:
            findings.append(Finding(
                "figure-ambiguous-in-quote",
                f"{text!r} appears {count} times in the quote, so it cannot be placed",
                table=table, row=key, column="quote", found=quote, location=location,
                hint="shorten or shift the quote so that it holds the figure once"))
        else:
            figure_span = in_quote[0]
    return Located(row_id, block.article_id, page.file, quote_span, figure_span)


def _quote_missing(articles: ArticleSpans, table: str, block: Block, page: Page, area: Span, quote: str,
                   key: str, location: str) -> Finding:
    elsewhere = []
    for other_file in sorted({b.file for b in articles.blocks.values()}):
        other = articles.corpus.page(other_file)
        if other is None or other.text is None:
            continue
        for span in other.index.find_all(quote):
            article = articles.block_at(other_file, span.start) or "no block"
            elsewhere.append(f"{article} at {other.where(span.start)}")
    area_text = page.index.text[_normal_offset(page, area.start):_normal_offset(page, area.end)]
    target = normalize(quote)
    if elsewhere:
        found = "printed in " + "; ".join(elsewhere[:3])
    else:
        matched = _longest_prefix(target, area_text)
        found = (f"not printed anywhere; the article matches only the first {matched} of "
                 f"{len(target)} characters, up to {target[:matched][-12:]!r}" if matched
                 else "not printed anywhere in the corpus")
    return Finding(
        "quote-not-in-article",
        f"quote not found in {block.article_id} ({SEEDS_DIR}/{page.file} lines "
        f"{block.first}-{block.last})", table=table, row=key, column="quote",
        expected=f"words printed in {block.article_id}", found=found, location=location,
        hint="copy the quote verbatim from the seed, and cite the block it is printed in")


def _normal_offset(page: Page, offset: int) -> int:
    """Index into the normalised text of the first character at or after ``offset``."""
    return page.index.offset(offset)


def _longest_prefix(needle: str, haystack: str) -> int:
    low, high = 0, len(needle)
    while low < high:
        mid = (low + high + 1) // 2
        if needle[:mid] in haystack:
            low = mid
        else:
            high = mid - 1
    return low
