"""Traceability: every quote is printed in the article it cites, every figure or date in its
quote, and every name, title, byline and date quote in the pages. Matches are reported as
file:line:column.

Facts, events and exclusions are traced alike: each row cites a block (``article_id``), quotes
words printed there (``quote``, with ``occurrence`` where they are printed more than once) and
names the printed figure or date inside them (``text``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from validation.checks.layout import Block, blocks
from validation.corpus import SEEDS_DIR, Corpus, Page
from validation.findings import Finding
from validation.normalize import Span, normalize

#: The tables whose rows quote the pages: table name and id column.
QUOTING_TABLES = {"facts": "fact_id", "events": "event_id", "exclusions": "exclusion_id"}


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
class _Context:
    corpus: Corpus
    blocks: dict[str, Block]
    #: Each article's block, page and span, looked up once for all the rows citing it.
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


def run(corpus: Corpus) -> list[Finding]:
    findings, _ = trace(corpus)
    return findings


def locate_facts(corpus: Corpus) -> dict[str, Located]:
    """Where each traceable fact is printed, for reports that highlight figures in place."""
    return locate(corpus)["facts"]


def locate(corpus: Corpus) -> dict[str, dict[str, Located]]:
    """Where each traceable row of facts, events and exclusions is printed, by table and id."""
    _, located = trace(corpus)
    return located


def trace(corpus: Corpus) -> tuple[list[Finding], dict[str, dict[str, Located]]]:
    """Trace every quoting row and article; computed once per corpus and reused."""
    if "trace" not in corpus.memo:
        corpus.memo["trace"] = _trace(corpus)
    findings, located = corpus.memo["trace"]
    return list(findings), located


def _trace(corpus: Corpus) -> tuple[list[Finding], dict[str, dict[str, Located]]]:
    context = _Context(corpus, {b.article_id: b for b in blocks(corpus)})
    findings: list[Finding] = []
    located: dict[str, dict[str, Located]] = {}
    for table, id_column in QUOTING_TABLES.items():
        located[table] = {}
        if not corpus.has_columns(table, id_column, "article_id", "quote", "text", "occurrence"):
            continue
        for index, row in corpus.tables[table].rows():
            result = _trace_row(context, table, id_column, index, row, findings)
            if result is not None:
                located[table][result.row_id] = result
    findings.extend(_articles(context))
    findings.extend(_entities(corpus))
    return findings, located


def _trace_row(context: _Context, table: str, id_column: str, index: int,
               row: dict[str, str | None], findings: list[Finding]) -> Located | None:
    rows = context.corpus.tables[table]
    row_id, quote, text = row[id_column], row["quote"], row["text"]
    where = context.article(row["article_id"])
    if not row_id or not quote or where is None:
        return None  # missing cells, unknown articles and bad pages are reported elsewhere
    block, page, area = where
    key, location = rows.row_key(index), rows.location(index)
    spans = page.index.find_all(quote, within=area)
    occurrence_cell = row["occurrence"] or ""
    occurrence = int(occurrence_cell) if occurrence_cell.isdigit() else None

    if not spans:
        findings.append(_quote_missing(context, table, block, page, area, quote, key, location))
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


def _quote_missing(context: _Context, table: str, block: Block, page: Page, area: Span, quote: str,
                   key: str, location: str) -> Finding:
    elsewhere = []
    for other_file in sorted({b.file for b in context.blocks.values()}):
        other = context.corpus.page(other_file)
        if other is None or other.text is None:
            continue
        for span in other.index.find_all(quote):
            article = context.block_at(other_file, span.start) or "no block"
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


def _articles(context: _Context) -> list[Finding]:
    corpus = context.corpus
    if not corpus.has_columns("articles", "article_id", "title", "byline", "published_quote"):
        return []
    articles = corpus.tables["articles"]
    findings = []
    for index, row in articles.rows():
        where = context.article(row["article_id"])
        if where is None:
            continue
        block, page, area = where
        for column in ("title", "byline"):
            words = row[column]
            if words and not page.index.find_all(words, within=area):
                findings.append(Finding(
                    f"{column}-not-in-article",
                    f"{column} is not printed in {block.article_id} (lines {block.first}-{block.last})",
                    table="articles", row=block.article_id, column=column, found=words,
                    location=articles.location(index),
                    hint=f"copy the {column} verbatim from the block's lines"))
        quote = row["published_quote"]
        if quote and not page.index.find_all(quote):
            findings.append(Finding(
                "published-quote-not-found",
                f"published_quote is not printed on {page.file}", table="articles",
                row=block.article_id, column="published_quote", found=quote,
                location=articles.location(index),
                hint="quote the words on the page that date it, verbatim"))
    return findings


def _entities(corpus: Corpus) -> list[Finding]:
    if not corpus.has_columns("entities", "entity_id", "name_zh", "aliases"):
        return []
    pages = [p for p in (corpus.page(f) for f in corpus.seed_files()) if p and p.text is not None]
    corpus_text = "\n".join(p.index.text for p in pages)
    entities = corpus.tables["entities"]
    findings = []
    for index, row in entities.rows():
        names = [("name_zh", row["name_zh"])] + [
            ("aliases", alias.strip()) for alias in (row["aliases"] or "").split("|") if alias.strip()]
        for column, name in names:
            if name and normalize(name) not in corpus_text:
                findings.append(Finding(
                    "entity-name-not-found", f"{column} {name!r} is not printed in any seed page",
                    table="entities", row=entities.row_key(index), column=column, found=name,
                    location=entities.location(index),
                    hint="use the name exactly as printed; put other spellings in aliases only "
                         "if they are printed too"))
    return findings
