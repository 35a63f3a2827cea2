"""Where each row that quotes the pages is printed: its quote's span in the article it cites,
and its printed figure's span inside the quote. Facts, events and exclusions are placed alike:
each row cites a block (``article_id``), quotes words printed there (``quote``, with
``occurrence`` where they are printed more than once) and names the printed figure or date
inside them (``text``). A row that cannot be placed carries the finding that says why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import ahocorasick

from validation.corpus import SEEDS_DIR, Corpus, Page
from validation.findings import Finding
from validation.model.blocks import Block
from validation.model.citations import QUOTING_TABLES
from validation.normalize import Span, normalize


# Not frozen, to be created five times faster (millions are); never changed once made.
@dataclass(slots=True, unsafe_hash=True)
class Located:
    """Where a row stands in its page: the quote's span, and its text's span within the quote
    (``None`` when the text cannot be placed exactly once). The spans are kept as numbers, not
    objects (``figure_start`` is -1 for no figure span): an archive has millions of rows."""

    row_id: str
    article_id: str
    file: str
    quote_start: int
    quote_end: int
    figure_start: int = -1
    figure_end: int = -1

    @classmethod
    def spanning(cls, row_id: str, article_id: str, file: str, quote: Span,
                 figure: Span | None) -> Located:
        if figure is None:
            return cls(row_id, article_id, file, quote.start, quote.end)
        return cls(row_id, article_id, file, quote.start, quote.end, figure.start, figure.end)

    @property
    def quote(self) -> Span:
        return Span(self.quote_start, self.quote_end)

    @property
    def figure(self) -> Span | None:
        return None if self.figure_start < 0 else Span(self.figure_start, self.figure_end)


@dataclass
class ArticleSpans:
    """Each article's block and character span, looked up once for all the rows citing it. The
    page itself is asked of the corpus each time, which keeps only the pages read last."""

    corpus: Corpus
    blocks: dict[str, Block]
    _spans: dict[str, tuple[Block, Span] | None] = field(default_factory=dict)
    _by_file: dict[str, list[Block]] | None = None
    #: The page asked for last, kept while its rows are placed.
    _last: Page | None = None

    def article(self, article_id: str | None) -> tuple[Block, Page, Span] | None:
        """The block, its page and its character span, if all are usable."""
        key = article_id or ""
        if key not in self._spans:
            self._spans[key] = self._find_article(key)
        found = self._spans[key]
        if found is None:
            return None
        page = self._last
        if page is None or page.file != found[0].file:  # rows of one page come together
            page = self._last = self.corpus.page(found[0].file)
            assert page is not None  # it was read once, so it is a readable regular file
        return found[0], page, found[1]

    def _find_article(self, article_id: str) -> tuple[Block, Span] | None:
        block = self.blocks.get(article_id)
        if block is None:
            return None
        page = self.corpus.page(block.file)
        if page is None or page.text is None or block.last > page.line_count:
            return None
        return block, page.line_range(block.first, block.last)

    def on_page(self, file: str) -> list[Block]:
        """The blocks of page ``file``."""
        if self._by_file is None:
            self._by_file = {}
            for block in self.blocks.values():
                self._by_file.setdefault(block.file, []).append(block)
        return self._by_file.get(file, [])

    def block_at(self, file: str, offset: int) -> str | None:
        """The block of page ``file`` whose lines hold character ``offset``."""
        for block in self.on_page(file):
            where = self.article(block.article_id)
            if where is not None and where[2].start <= offset < where[2].end:
                return block.article_id
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


#: A placed row: its table's rank, its row, where it is printed (``None``: not placeable) and
#: the findings placing it gave.
PlacedRow = tuple[int, int, "Located | None", Sequence[Finding]]
#: What most rows give: kept once, not as an empty list per row.
_NO_FINDINGS: tuple[Finding, ...] = ()


class Placing:
    """Placing the quoting rows page by page: :meth:`place_page` places the rows of one page
    while it is read, :meth:`finish` gives the results in table order (facts, events,
    exclusions, each in its rows' order) once every page was walked."""

    def __init__(self, corpus: Corpus, articles: ArticleSpans) -> None:
        self.articles = articles
        tables = [(rank, table, id_column)
                  for rank, (table, id_column) in enumerate(QUOTING_TABLES.items())
                  if corpus.has_columns(table, id_column, "article_id", "quote", "text", "occurrence")]
        #: The quoting rows that cite a known block, by the page of that block.
        self.rows = _rows_by_page(corpus, articles, tables)
        self._results: list[PlacedRow] = []
        self._missing: list[MissingQuote] = []

    def place_page(self, file: str) -> dict[str, list[Located]]:
        """Place the rows citing an article of page ``file``; the placed ones, by table, in row
        order."""
        placed: dict[str, list[Located]] = {}
        for rank, table, id_column, index, row in self.rows.get(file, []):
            findings: list[Finding] = []
            result = _place_row(self.articles, table, id_column, index, row, findings, self._missing)
            self._results.append((rank, index, result, findings or _NO_FINDINGS))
            if result is not None:
                placed.setdefault(table, []).append(result)
        return placed

    def take(self) -> tuple[list[PlacedRow], list[MissingQuote]]:
        """What was placed so far, and the quotes found missing, handed over (to the process
        that merges the pages' results) and forgotten here."""
        taken = self._results, self._missing
        self._results, self._missing = [], []
        return taken

    def absorb(self, results: list[PlacedRow], missing: list[MissingQuote]) -> None:
        """Add what another process placed on its pages."""
        self._results.extend(results)
        self._missing.extend(missing)

    def finish(self) -> Placements:
        """Every placement and finding, in table order; a missing quote is looked for on the
        other pages now, in one more walk, and only when some quote is missing."""
        elsewhere = _printed_elsewhere(self.articles, {m.quote for m in self._missing})
        unplaced = {(m.rank, m.index): m for m in self._missing}
        located: dict[str, dict[str, Located]] = {table: {} for table in QUOTING_TABLES}
        ordered: list[Finding] = []
        names = list(QUOTING_TABLES)
        for rank, index, result, findings in sorted(self._results, key=lambda r: (r[0], r[1])):
            if result is not None:
                located[names[rank]][result.row_id] = result
            if (rank, index) in unplaced:
                ordered.append(_quote_missing(unplaced[rank, index], elsewhere))
            ordered.extend(findings)
        return Placements(located, ordered)


_Row = tuple[int, str, str, int, dict[str, str | None]]


def _rows_by_page(corpus: Corpus, articles: ArticleSpans,
                  tables: list[tuple[int, str, str]]) -> dict[str, list[_Row]]:
    """The quoting rows that cite a known block, by the page of that block (pages in the order
    their first row comes)."""
    by_page: dict[str, list[_Row]] = {}
    for rank, table, id_column in tables:
        for index, row in corpus.tables[table].rows():
            block = articles.blocks.get(row["article_id"] or "")
            if block is not None:
                by_page.setdefault(block.file, []).append((rank, table, id_column, index, row))
    return by_page


@dataclass(frozen=True, slots=True)
class MissingQuote:
    """A row whose quote is not printed in its article, reported once the pages were walked."""

    rank: int
    index: int
    table: str
    key: str
    location: str
    quote: str
    article_id: str
    #: The article's lines as ``seeds/FILE lines A-B``, and how much of the quote they match.
    where: str
    matched: int


def _place_row(articles: ArticleSpans, table: str, id_column: str, index: int,
               row: dict[str, str | None], findings: list[Finding],
               missing: list[MissingQuote]) -> Located | None:
    rows = articles.corpus.tables[table]
    row_id, quote, text = row[id_column], row["quote"], row["text"]
    where = articles.article(row["article_id"])
    if not row_id or not quote or where is None:
        return None  # missing cells, unknown articles and bad pages are reported elsewhere
    block, page, area = where
    # Everything below is matched in the page's matching form: the quote inside its article,
    # then the figure inside the quote's own matching form (the page's text there is the quote).
    pages = page.index
    target = normalize(quote)
    first, last = pages.offset(area.start), pages.offset(area.end)
    found = pages.positions(target, first, last) if target else []
    occurrence_cell = row["occurrence"] or ""
    occurrence = int(occurrence_cell) if occurrence_cell.isdigit() else None

    if not found:
        rank = list(QUOTING_TABLES).index(table)
        missing.append(MissingQuote(rank, index, table, rows.row_key(index), rows.location(index),
                                    quote, block.article_id,
                                    f"{SEEDS_DIR}/{page.file} lines {block.first}-{block.last}",
                                    _longest_prefix(target, pages.text[first:last])))
        return None
    if occurrence is not None and occurrence > len(found):
        findings.append(Finding(
            "occurrence-out-of-range",
            f"occurrence {occurrence} asked for, but the quote is printed {len(found)} time(s) "
            f"in {block.article_id}", table=table, row=rows.row_key(index), column="occurrence",
            expected=f"1..{len(found)}", found=str(occurrence), location=rows.location(index),
            hint="count the quote's occurrences inside the article"))
        return None
    if occurrence is None and len(found) > 1:
        places = ", ".join(page.where(pages.original_offset(start)) for start in found)
        findings.append(Finding(
            "quote-ambiguous",
            f"quote is printed {len(found)} times in {block.article_id} ({places})",
            table=table, row=rows.row_key(index), column="occurrence", expected="an occurrence number",
            found="empty", location=rows.location(index),
            hint="set occurrence to the one meant (1 is the first), or lengthen the quote"))
        return None
    start = found[(occurrence or 1) - 1]
    quote_span = pages.span(start, start + len(target))

    figure_span = None
    figure = normalize(text) if text else ""
    count = target.count(figure) if text else 0
    if text and count:  # zero is reported by the schema as figure-not-in-quote
        at = target.find(figure) if figure else -1
        if count > 1 or at < 0 or target.find(figure, at + 1) != -1:  # printed once, overlaps too
            findings.append(Finding(
                "figure-ambiguous-in-quote",
                f"{text!r} appears {count} times in the quote, so it cannot be placed",
                table=table, row=rows.row_key(index), column="quote", found=quote,
                location=rows.location(index),
                hint="shorten or shift the quote so that it holds the figure once"))
        else:
            figure_span = pages.span(start + at, start + at + len(figure))
    return Located.spanning(row_id, block.article_id, page.file, quote_span, figure_span)


def _printed_elsewhere(articles: ArticleSpans, quotes: set[str]) -> dict[str, list[str]]:
    """Where each of ``quotes`` is printed in the corpus (its block, or "no block", and its
    place), found in one more walk over the pages, and only when some quote is missing. All of
    them are looked for in one pass over each page (an Aho-Corasick automaton of their matching
    forms), so a corpus with many broken quotes costs one walk, not one per quote."""
    found: dict[str, list[str]] = {quote: [] for quote in quotes}
    by_target: dict[str, list[str]] = {}
    for quote in sorted(quotes):
        target = normalize(quote)
        if target:
            by_target.setdefault(target, []).append(quote)
    if not by_target:
        return found
    automaton = ahocorasick.Automaton()
    for target in by_target:
        automaton.add_word(target, target)
    automaton.make_automaton()
    for file in sorted({b.file for b in articles.blocks.values()}):
        page = articles.corpus.page(file)
        if page is None or page.text is None:
            continue
        for end, target in automaton.iter(page.index.text):
            span = page.index.span(end + 1 - len(target), end + 1)
            place = f"{articles.block_at(file, span.start) or 'no block'} at {page.where(span.start)}"
            for quote in by_target[target]:
                found[quote].append(place)
    return found


def _quote_missing(missing: MissingQuote, elsewhere: dict[str, list[str]]) -> Finding:
    target = normalize(missing.quote)
    places = elsewhere.get(missing.quote, [])
    if places:
        found = "printed in " + "; ".join(places[:3])
    else:
        matched = missing.matched
        found = (f"not printed anywhere; the article matches only the first {matched} of "
                 f"{len(target)} characters, up to {target[:matched][-12:]!r}" if matched
                 else "not printed anywhere in the corpus")
    return Finding(
        "quote-not-in-article", f"quote not found in {missing.article_id} ({missing.where})",
        table=missing.table, row=missing.key, column="quote",
        expected=f"words printed in {missing.article_id}", found=found, location=missing.location,
        hint="copy the quote verbatim from the seed, and cite the block it is printed in")


def _longest_prefix(needle: str, haystack: str) -> int:
    low, high = 0, len(needle)
    while low < high:
        mid = (low + high + 1) // 2
        if needle[:mid] in haystack:
            low = mid
        else:
            high = mid - 1
    return low
