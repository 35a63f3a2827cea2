"""One walk over the pages: everything that needs a page's text is done while the page is read,
and the page is let go before the next (the corpus keeps only the few read last).

For each page, in the order its first block comes in articles.csv:

* the rows of facts, events and exclusions citing its articles are placed
  (:class:`validation.model.placements.Placing`);
* the title, byline and date quote of each of its articles are looked for;
* each of its blocks is scanned for numeric mentions (:func:`validation.mentions.scan`);
* the sentences of each block are read for the relations they state
  (:func:`validation.miner.mine_block`);
* the entity names not yet found are looked for.

What crosses pages (coverage's matching, agreement, relations, repeats) then works on these
compact results, without the pages."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

import ahocorasick

from validation.corpus import Corpus, Page
from validation.findings import Finding
from validation.mentions import Mention, scan
from validation.miner import Candidate, mine_block, reading
from validation.model.blocks import Block
from validation.model.citations import QUOTING_TABLES
from validation.model.placements import (
    _NO_FINDINGS,
    ArticleSpans,
    Located,
    MissingQuote,
    PlacedRow,
    Placements,
    Placing,
)
from validation.model.workers import split, walk_runs
from validation.normalize import normalize

#: The columns of articles.csv whose words must be printed: in the block, or on its page.
WORD_COLUMNS = ("title", "byline", "published_quote")


@dataclass
class PageWalk:
    """What the walk over the pages found."""

    placements: Placements
    #: The numeric mentions of each block, by the block's row in articles.csv (blocks whose page
    #: cannot be read, or whose lines run past its end, are not scanned).
    mentions: dict[int, list[Mention]] = field(default_factory=dict)
    #: The relations each block's sentences state, by the block's row in articles.csv.
    sentences: dict[int, list[Candidate]] = field(default_factory=dict)
    #: The columns of each row of articles.csv whose words are not printed where they must be.
    unprinted_words: dict[int, list[str]] = field(default_factory=dict)
    #: The entity names (in matching form) that some seed page prints.
    printed_names: set[str] = field(default_factory=set)


def walk(corpus: Corpus, articles: ArticleSpans) -> PageWalk:
    """Walk every page that holds a block, then the other seed pages for names still unfound.
    The pages are walked in runs of consecutive pages (:meth:`_Walker.walk_pages`), one per
    job of ``corpus.jobs``, each in its own process (:mod:`validation.model.workers`); the
    runs' results merge in page order, into what one walk over all pages finds."""
    walker = _Walker(corpus, articles)
    mentions: dict[int, list[Mention]] = {}
    sentences: dict[int, list[Candidate]] = {}
    unprinted: dict[int, list[str]] = {}
    printed: set[str] = set()
    for part in walk_runs(walker.walk_pages, split(list(walker.on_page), corpus.jobs),
                          walker.pack, walker.unpack):
        walker.placing.absorb(part.placed, part.missing)
        mentions.update(part.mentions)
        sentences.update(part.sentences)
        unprinted.update(part.unprinted)
        printed.update(part.names)
    unfound = Names(walker.names - printed)
    for file in corpus.seed_files():
        if not unfound.remaining:
            break
        page = corpus.page(file) if file not in walker.on_page else None
        if page is not None and page.text is not None:
            unfound.look_in(page.index.text)
    return PageWalk(walker.placing.finish(), mentions, sentences, unprinted,
                    walker.names - unfound.remaining)


@dataclass
class _Part:
    """What the walk found on a run of pages."""

    placed: list[PlacedRow]
    missing: list[MissingQuote]
    mentions: dict[int, list[Mention]]
    sentences: dict[int, list[Candidate]]
    unprinted: dict[int, list[str]]
    names: set[str]


@dataclass
class _Packed:
    """A :class:`_Part` as a worker process sends it back: placements and mentions as arrays of
    numbers and one string, which pickle as a few blocks of bytes. Pickling their objects one
    by one cost more than walking the pages, and the strings a placement names (its row's id,
    article and page) are the parent's own: it finds them again from the row's table and index.
    Rare things (findings, missing quotes, sentences) travel as they are."""

    #: Per placed row: its table's rank, its index, its quote's start and end (-1: not placed)
    #: and its figure's (-1: none).
    placed: array[int]
    findings: dict[int, Sequence[Finding]]
    missing: list[MissingQuote]
    #: Per block scanned: its index, and how many mentions follow in the arrays below.
    blocks: array[int]
    #: Per mention: start, end, core start, core end.
    spans: array[int]
    kinds: bytes  # 1 for a date, 0 for a figure
    texts: str  # every mention's text, one after the other
    lengths: array[int]
    sentences: dict[int, list[Candidate]]
    unprinted: dict[int, list[str]]
    names: set[str]


class _Walker:
    """What walking a page needs, prepared once from the tables: the rows to place by page, the
    facts' values for the miner, the articles' words, the entity names, each page's blocks."""

    def __init__(self, corpus: Corpus, articles: ArticleSpans) -> None:
        self.corpus = corpus
        self.articles = articles
        self.placing = Placing(corpus, articles)
        self.miner = reading(corpus)
        self.words = _article_rows(corpus, articles)
        self.names = _entity_names(corpus)
        self.on_page: dict[str, list[Block]] = {}
        for block in corpus.model.blocks:  # every block, two of one id too
            self.on_page.setdefault(block.file, []).append(block)

    def walk_pages(self, files: list[str]) -> _Part:
        """Walk ``files`` in order; what was found on them."""
        mentions: dict[int, list[Mention]] = {}
        sentences: dict[int, list[Candidate]] = {}
        unprinted: dict[int, list[str]] = {}
        unfound = Names(self.names)
        for file in files:
            placed = self.placing.place_page(file)
            page = self.corpus.page(file)
            if page is None or page.text is None:
                continue
            facts: dict[str, list[Located]] = {}
            for placement in placed.get("facts", []):
                facts.setdefault(placement.article_id, []).append(placement)
            for block in self.on_page[file]:
                if block.last > page.line_count:
                    continue  # reported by the layout check
                mentions[block.index] = scan(page.index, page.line_range(block.first, block.last))
                sentences[block.index] = mine_block(self.miner, page, block,
                                                    facts.get(block.article_id, []))
            for index, article_id, row in self.words.get(file, []):
                missing = _unprinted_words(page, self.articles, article_id, row)
                if missing:
                    unprinted[index] = missing
            unfound.look_in(page.index.text)
        placed_rows, missing_quotes = self.placing.take()
        return _Part(placed_rows, missing_quotes, mentions, sentences, unprinted,
                     self.names - unfound.remaining)

    def pack(self, part: _Part) -> _Packed:
        """``part`` as a worker sends it (:class:`_Packed`)."""
        placed = array("q")
        findings: dict[int, Sequence[Finding]] = {}
        for position, (rank, index, at, given) in enumerate(part.placed):
            if at is None:
                placed.extend((rank, index, -1, -1, -1, -1))
            else:
                placed.extend((rank, index, at.quote_start, at.quote_end, at.figure_start,
                               at.figure_end))
            if given:
                findings[position] = given
        blocks, spans, lengths = array("q"), array("q"), array("q")
        kinds, texts = bytearray(), []
        for block_index, scanned in part.mentions.items():
            blocks.extend((block_index, len(scanned)))
            for m in scanned:
                spans.extend((m.start, m.end, m.core_start, m.core_end))
                kinds.append(m.kind == "date")
                texts.append(m.text)
                lengths.append(len(m.text))
        return _Packed(placed, findings, part.missing, blocks, spans, bytes(kinds), "".join(texts),
                       lengths, part.sentences, part.unprinted, part.names)

    def unpack(self, packed: _Packed) -> _Part:
        """The :class:`_Part` a worker sent as ``packed``; each placement's row id, article and
        page are read again from its row."""
        tables = [(self.corpus.tables[table].rows(), id_column)
                  for table, id_column in QUOTING_TABLES.items()]
        blocks = self.articles.blocks
        placed: list[PlacedRow] = []
        numbers = packed.placed
        for position in range(len(numbers) // 6):
            rank, index, quote_start, quote_end, figure_start, figure_end = \
                numbers[6 * position:6 * position + 6]
            at = None
            if quote_start >= 0:
                rows, id_column = tables[rank]
                row = rows[index][1]
                block = blocks[row["article_id"] or ""]
                at = Located(row[id_column] or "", block.article_id, block.file, quote_start,
                             quote_end, figure_start, figure_end)
            placed.append((rank, index, at, packed.findings.get(position, _NO_FINDINGS)))
        mentions: dict[int, list[Mention]] = {}
        spans, kinds, texts, lengths = packed.spans, packed.kinds, packed.texts, packed.lengths
        first = offset = 0
        for block_index, count in zip(packed.blocks[0::2], packed.blocks[1::2], strict=True):
            found: list[Mention] = []
            for k in range(first, first + count):
                end = offset + lengths[k]
                found.append(Mention("date" if kinds[k] else "figure", texts[offset:end],
                                     spans[4 * k], spans[4 * k + 1], spans[4 * k + 2],
                                     spans[4 * k + 3]))
                offset = end
            first += count
            mentions[block_index] = found
        return _Part(placed, packed.missing, mentions, packed.sentences, packed.unprinted,
                     packed.names)


def _unprinted_words(page: Page, articles: ArticleSpans, article_id: str,
                     row: dict[str, str | None]) -> list[str]:
    """The columns of an article's row whose words are not printed: title and byline in its
    block, the date quote anywhere on its page."""
    where = articles.article(article_id)
    if where is None:
        return []
    missing = [column for column in ("title", "byline")
               if (words := row[column]) and not page.index.find_all(words, within=where[2])]
    quote = row["published_quote"]
    if quote and not page.index.find_all(quote):
        missing.append("published_quote")
    return missing


class Names:
    """Entity names (in matching form) not yet found in the pages. All of them are looked for in
    one pass over a page's text, with an Aho-Corasick automaton built once: looking for each
    name in each page would cost names times pages, for an archive 100,000 names times 100,000
    pages. An empty name is printed everywhere, so it is never looked for."""

    def __init__(self, names: set[str]) -> None:
        self.remaining = names - {""}
        self._automaton = ahocorasick.Automaton()
        for name in self.remaining:
            self._automaton.add_word(name, name)
        if self.remaining:
            self._automaton.make_automaton()

    def look_in(self, text: str) -> None:
        """Strike off the names ``text`` prints."""
        if self.remaining:
            self.remaining.difference_update(name for _, name in self._automaton.iter(text))


def _article_rows(corpus: Corpus, articles: ArticleSpans
                  ) -> dict[str, list[tuple[int, str, dict[str, str | None]]]]:
    """The rows of articles.csv whose words are looked for, by the page of their block."""
    if not corpus.has_columns("articles", "article_id", *WORD_COLUMNS):
        return {}
    by_page: dict[str, list[tuple[int, str, dict[str, str | None]]]] = {}
    for index, row in corpus.tables["articles"].rows():
        block = articles.blocks.get(row["article_id"] or "")
        if block is not None:
            by_page.setdefault(block.file, []).append((index, block.article_id, row))
    return by_page


def entity_names(row: dict[str, str | None]) -> list[tuple[str, str]]:
    """An entity's names as (column, name): its Chinese name, then each alias."""
    return [("name_zh", row["name_zh"] or "")] + [
        ("aliases", alias.strip()) for alias in (row["aliases"] or "").split("|") if alias.strip()]


def _entity_names(corpus: Corpus) -> set[str]:
    """Every name and alias of entities.csv, in matching form."""
    if not corpus.has_columns("entities", "entity_id", "name_zh", "aliases"):
        return set()
    return {normalize(name) for _, row in corpus.tables["entities"].rows()
            for _, name in entity_names(row) if name}
