"""Draft rows for the numeric mentions no row covers, for a person to review.

:func:`draft` scans a corpus with the coverage machinery (:func:`validation.model.coverage.measure`)
and proposes one row for every mention that no fact, event, fact period or exclusion covers
(mentions whose own row cannot be traced are left to that row's traceability failure):

* a **date** becomes an event candidate: ``date`` read with :func:`validation.dates.read_date`,
  relative to the block's publication year where the page prints none (``note`` then says so,
  as the events check requires); a year word printed before it belongs to it (``去年11月``). A
  clock time (``14时``) or a date the reader cannot read becomes an exclusion of category
  ``time``;
* a **figure** becomes a fact candidate: ``text`` as printed, ``value``, ``unit`` and ``bound``
  from :func:`validation.numbers.parse_figure` (for a range, bound ``range`` and value its low
  end), ``status`` from the words of the quote (:data:`STATUS_WORDS`), ``period`` from a date in
  the quote, else the block's ``published`` date (see :func:`fact_period`). ``entity_id`` and
  ``metric_id`` stay empty for the reviewer unless the corpus's rows print the very same words
  around their figure (:class:`Frames`);
* a figure that reads as no figure, or whose words say it counts nothing, becomes an exclusion
  candidate with a suggested ``category`` (:func:`exclusion_category`) and an empty ``reason``.

Every row's ``quote`` is the shortest clause around its mention (:func:`clause_quote`), its
``draft_note`` says how each guess was made, and its id continues after the highest id of its
table. The rows go into one CSV (:data:`DRAFT_COLUMNS`: ``table`` and the union of the three
tables' columns), never into the tables: :mod:`validation.apply` merges the reviewed file.

Nothing here prints or exits; :mod:`validation.commands.draft` does.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from validation.canonical import csv_line
from validation.checks import layout
from validation.checks.periods import RELATIVE_TIME_WORDS
from validation.corpus import DRAFT_FILE, FACTS_DIR, SEEDS_DIR, Corpus, Page, load_corpus
from validation.csvfile import CONTROL as FORBIDDEN
from validation.dates import CONTEXT_YEARS, RELATIVE_YEARS, DateError, read_date
from validation.files import kind_of, staged
from validation.findings import InputError
from validation.mentions import Mention
from validation.model.blocks import Block
from validation.model.coverage import is_period_of
from validation.normalize import Span, normalize
from validation.numbers import Figure, FigureError, format_decimal, parse_figure
from validation.schemas import TABLES

#: The tables a draft row may go to, with the id column and the letter of their ids.
DRAFT_TABLES: dict[str, tuple[str, str]] = {
    "facts": ("fact_id", "F"), "events": ("event_id", "E"), "exclusions": ("exclusion_id", "X")}


def _draft_columns() -> tuple[str, ...]:
    """``table``, the three id columns, the other columns of the three tables (each once, in
    schema order), and ``draft_note``."""
    ids = [id_column for id_column, _ in DRAFT_TABLES.values()]
    union: list[str] = []
    for table in DRAFT_TABLES:
        union += [c for c in TABLES[table].columns if c not in union and c not in ids]
    return ("table", *ids, *union, "draft_note")


#: The header of a draft file.
DRAFT_COLUMNS: tuple[str, ...] = _draft_columns()
#: The draft file the command writes without ``--out``, in the corpus folder.
DEFAULT_DRAFT_FILE = DRAFT_FILE

#: Words of a quote that give a fact's status, strongest first: the first one printed in the
#: quote wins. 将 (will) counts only before a verb of outcome, since it also marks an object
#: (将项目决策时间压缩至…).
STATUS_WORDS: tuple[tuple[str, str], ...] = (
    ("预计", "estimate"), ("有望", "estimate"),
    ("力争", "target"), ("目标", "target"),
    ("计划", "plan"), ("规划", "plan"), ("拟", "plan"),
    ("将实现", "plan"), ("将达到", "plan"), ("将达", "plan"), ("将超", "plan"),
    ("将突破", "plan"), ("将陆续", "plan"), ("将建成", "plan"), ("将新增", "plan"),
    ("将完成", "plan"), ("将形成", "plan"), ("将于", "plan"), ("将在", "plan"),
)

#: Set phrases whose numerals count nothing (category idiom), wherever they are printed.
IDIOMS: tuple[str, ...] = (
    "一大早", "一块儿", "一条龙", "一站式", "一揽子", "一盘棋", "一张网", "一家人", "一家一户",
    "一个接着一个", "一个也不能少", "一场又一场", "大干一场", "最后一公里", "一件事一次办",
    "千家万户", "千万家", "千方百计", "三番五次", "四面八方", "五湖四海", "七上八下", "十全十美",
    "一心一意", "一草一木", "一砖一瓦", "一点一滴", "一年四季", "市县两级", "省市两级",
    "省市县三级", "上下一心",
)
#: Words that open a clause saying where a figure ranks (居全国第一, 排名全国第六).
RANK_OPENERS = ("位居", "位列", "名列", "排名", "排在", "居", "排")
#: The longest “quoted phrase” whose Chinese numerals are read as a slogan (“四个自信”).
SLOGAN_LENGTH = 8
#: Words for a year printed before a month or day, which belong to the date (去年11月).
YEAR_WORDS = (*RELATIVE_YEARS, *CONTEXT_YEARS)

#: Where a clause ends: Chinese punctuation, its half-width forms (a comma or colon between two
#: digits is part of a number: 1,000, 8:30), line ends, and the control characters no cell may
#: hold (so that no quote holds one).
_DELIMITER = re.compile(rf"[，。；：！？、;!?\n]|(?<![0-9])[,:]|[,:](?![0-9])|{FORBIDDEN.pattern}")
#: Where a sentence ends; quotes never run across one.
_SENTENCE_END = "。！？!?\n\r"
#: Characters that say something (a clause of only "361家" says nothing about the figure).
_WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z]")
#: Opening marks and their closing marks: a quote neither starts nor ends with half a pair.
_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "（": "）", "(": ")", '"': '"'}
_CLOSERS = {close: opening for opening, close in _PAIRS.items()}
#: Marks joining a clause to the next (……, ——), dropped at a quote's ends.
_DANGLING = "…—"
#: Units of time: a duration before 来 / 前, or a clause of its own, dates other figures.
_DURATIONS = ("年", "个月", "月", "天", "周", "日", "小时")
#: What may stand before a duration that heads its clause (近三年，…; 这一年，…).
_TIME_HEADS = ("", "近", "仅", "这", "过去", "那", "最近", "新")
_CHINESE_FIGURE = re.compile("^(?:超过|超出|突破|高于|多于|接近|将近|不到|不足|低于|少于|大约|约合|"
                             "超|逾|近|约|上)?[〇零一二两三四五六七八九十百千万]")
_ORDINAL = re.compile("^[^第]{0,3}第(?P<numeral>[〇零一二两三四五六七八九十百千]+|[0-9]+)(?P<rest>.*)$")
#: Measure words after an ordinal that rank (第五家数据交易所, 第一名); any other orders (第一次).
_RANK_WORDS = ("", "家", "名", "位")
_RANK_CLAUSE = re.compile(f"^[^第]{{0,4}}(?:{'|'.join(RANK_OPENERS)})[^第]{{0,6}}"
                          "第[〇零一二两三四五六七八九十百千0-9]+$")
#: What a spreadsheet reads as the start of a formula (OWASP's CSV-injection list).
_FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")


@dataclass
class DraftRow:
    """One proposed row: its table, its cells (by column of :data:`DRAFT_COLUMNS`), and where
    its mention and quote are printed."""

    table: str
    cells: dict[str, str]
    article_id: str
    location: str
    span: Span
    quote_span: Span

    @property
    def row_id(self) -> str:
        return self.cells.get(DRAFT_TABLES[self.table][0], "")

    def record(self) -> list[str]:
        """The row as cells in :data:`DRAFT_COLUMNS` order."""
        return [self.table, *(self.cells.get(c, "") for c in DRAFT_COLUMNS[1:])]


@dataclass
class Drafts:
    """The rows proposed for a corpus, in page order, and what the scan could not see."""

    root: Path
    rows: list[DraftRow]
    #: Mentions no row covers (one row each).
    uncovered: int
    #: Lines no block holds (``line-not-covered`` messages): never scanned, never drafted.
    unscanned: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {table: sum(r.table == table for r in self.rows) for table in DRAFT_TABLES}

    def csv_text(self) -> str:
        """The draft file: the header, one line per row, formula-looking cells escaped."""
        return "".join(csv_line([escape_cell(c) for c in cells])
                       for cells in [list(DRAFT_COLUMNS), *(r.record() for r in self.rows)])


# --- cells a spreadsheet would run ---------------------------------------------------------


def escape_cell(cell: str) -> str:
    """``cell`` safe to open in a spreadsheet: one that starts like a formula (= + - @, tab,
    CR) gets a leading apostrophe, which spreadsheets read as "this is text". A cell that
    already starts with apostrophes before such a character gets one more, so that
    :func:`unescape_cell` gives every cell back exactly (``-3℃`` is written ``'-3℃`` and
    read back as ``-3℃``)."""
    return f"'{cell}" if _FORMULA_START.match(cell) else cell


def unescape_cell(cell: str) -> str:
    """The inverse of :func:`escape_cell`. A spreadsheet that drops the apostrophe when it saves
    gives back the cell itself, which this leaves as it is."""
    return cell[1:] if cell.startswith("'") and _FORMULA_START.match(cell) else cell


# --- the draft -----------------------------------------------------------------------------


def draft(root: Path | str, article: str | None = None) -> Drafts:
    """Propose a row for every uncovered mention of the corpus under ``root`` (only those of
    block ``article``, when given). Raises :class:`InputError` when the corpus cannot be read or
    ``article`` names no block."""
    return draft_corpus(load_corpus(root), article)


def draft_corpus(corpus: Corpus, article: str | None = None) -> Drafts:
    """As :func:`draft`, on a loaded corpus."""
    by_id = {b.article_id: b for b in corpus.model.blocks}
    if article is not None and article not in by_id:
        known = ", ".join(sorted(by_id)[:5]) + (", ..." if len(by_id) > 5 else "")
        raise InputError(f"--article {article}: {FACTS_DIR}/articles.csv has no such block "
                         f"(its blocks: {known or 'none'})")
    coverage = corpus.model.coverage
    published = _published(corpus)
    frames = Frames(corpus)
    groups: list[tuple[list[DraftRow], int | None]] = []
    uncovered = 0
    for scanned in coverage.articles:
        if article is not None and scanned.article_id != article:
            continue
        reported = {u.span for u in scanned.uncovered}
        todo = [m for m, how in zip(scanned.mentions, scanned.covered_as, strict=True)
                if how is None and m.span in reported]
        if not todo:
            continue
        uncovered += len(todo)
        page = corpus.page(scanned.file)
        assert page is not None and page.text is not None  # measure scanned it
        context = _BlockContext(page, by_id[scanned.article_id], scanned.mentions,
                                published.get(scanned.article_id))
        groups.append(([_draft_mention(context, m, frames) for m in todo], context.published_year))
    ids = IdSource(corpus)
    rows = [row for group, _ in groups for row in group]
    for row in rows:  # in page order, per table
        row.cells[DRAFT_TABLES[row.table][0]] = ids.next(row.table)
    for group, year in groups:
        _mark_periods(group, year)
    unscanned = [f.message for f in layout.run(corpus) if f.check == "line-not-covered"]
    return Drafts(corpus.root, rows, uncovered, unscanned)


def _published(corpus: Corpus) -> dict[str, str]:
    """Each block's ``published`` cell, where it is a readable date."""
    readable = corpus.model.publication_dates
    if not corpus.has_columns("articles", "article_id", "published"):
        return {}
    frame = corpus.tables["articles"].frame
    return {a: p for a, p in zip(frame["article_id"], frame["published"], strict=True)
            if isinstance(a, str) and isinstance(p, str) and a in readable}


def _mark_periods(rows: list[DraftRow], year: int | None) -> None:
    """Say on each drafted event whose date is also the period of a drafted fact quoting it that
    the fact covers it once applied (the event is then only needed if something happened)."""
    facts = sorted((r for r in rows if r.table == "facts"), key=lambda r: r.quote_span.start)
    starts = [f.quote_span.start for f in facts]
    longest = max((f.quote_span.end - f.quote_span.start for f in facts), default=0)
    for event in (r for r in rows if r.table == "events"):
        first = bisect.bisect_left(starts, event.span.end - longest)
        last = bisect.bisect_right(starts, event.span.start)
        for fact in facts[first:last]:
            inside = event.span.end <= fact.quote_span.end
            if inside and is_period_of(event.cells["text"], fact.cells.get("period"), year):
                event.cells["draft_note"] += (
                    f"; the date is also the period of the drafted fact {fact.row_id}, which "
                    "covers it once applied: delete this event unless something happened then")
                break


class IdSource:
    """New ids per table, continuing after the highest id of the corpus (``F0312`` is followed
    by ``F0313``), in the width of that id (four digits at least)."""

    def __init__(self, corpus: Corpus) -> None:
        self.last: dict[str, tuple[int, int]] = {}
        for table, (id_column, letter) in DRAFT_TABLES.items():
            frame = corpus.tables[table].frame
            self.last[table] = highest_id(letter, frame[id_column] if id_column in frame else [])

    def next(self, table: str) -> str:
        number, width = self.last[table]
        self.last[table] = (number + 1, width)
        return f"{DRAFT_TABLES[table][1]}{number + 1:0{width}d}"


def highest_id(letter: str, ids: Iterable[object]) -> tuple[int, int]:
    """The highest number among the ids ``letter`` + four digits or more, and the width to
    write the next ones in (that id's); ``(0, 4)`` when there is none."""
    pattern = re.compile(rf"{re.escape(letter)}([0-9]{{4,}})")
    best = (0, 4)
    for cell in ids:
        m = pattern.fullmatch(cell) if isinstance(cell, str) else None
        if m and int(m.group(1)) >= best[0]:
            best = (int(m.group(1)), len(m.group(1)))
    return best


# --- one block -----------------------------------------------------------------------------


@dataclass
class _BlockContext:
    """A block being drafted: its page and lines, its mentions, where its clauses end, and its
    publication date."""

    page: Page
    block: Block
    mentions: list[Mention]
    published: str | None
    area: Span = field(init=False)
    text: str = field(init=False)
    normal: str = field(init=False)
    cuts: list[int] = field(init=False)
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.area = self.page.line_range(self.block.first, self.block.last)
        self.text = self.page.text or ""
        index = self.page.index
        self.normal = index.text[index.offset(self.area.start):index.offset(self.area.end)]
        segment = self.text[self.area.start:self.area.end]
        self.cuts = [self.area.start + m.start() for m in _DELIMITER.finditer(segment)]
        self.starts = [m.span.start for m in self.mentions]

    @property
    def published_year(self) -> int | None:
        return int(self.published[:4]) if self.published else None

    def printed(self, span: Span) -> str:
        return _printed(self.text[span.start:span.end])

    def count(self, quote: str) -> tuple[int, list[int]]:
        """How often ``quote`` is printed in the block (overlapping, as traceability counts),
        and where each printing starts in the block's matching form."""
        target = normalize(quote)
        starts: list[int] = []
        pos = self.normal.find(target) if target else -1
        while pos != -1:
            starts.append(pos)
            pos = self.normal.find(target, pos + 1)
        return len(starts), starts

    def dates_in(self, start: int, end: int) -> list[Mention]:
        """The date mentions printed between ``start`` and ``end``."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[first:last] if m.kind == "date" and m.span.end <= end]

    def sentence_start(self, offset: int) -> int:
        """Where the sentence holding ``offset`` starts (after 。！？ or a line end)."""
        return max(max(self.text.rfind(ch, self.area.start, offset) for ch in _SENTENCE_END) + 1,
                   self.area.start)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause holding ``start``-``end``; clause ends inside it do not count."""
        before = bisect.bisect_left(self.cuts, start)
        after = bisect.bisect_left(self.cuts, end)
        return (self.cuts[before - 1] + 1 if before else self.area.start,
                self.cuts[after] if after < len(self.cuts) else self.area.end)

    def next_clause(self, start: int, end: int) -> tuple[int, int] | None:
        """``start``-``end`` with the clause after it, within its sentence."""
        if end >= self.area.end or self.text[end] in _SENTENCE_END or FORBIDDEN.match(self.text[end]):
            return None
        after = bisect.bisect_right(self.cuts, end)
        return start, self.cuts[after] if after < len(self.cuts) else self.area.end

    def previous_clause(self, start: int, end: int) -> tuple[int, int] | None:
        """``start``-``end`` with the clause before it, within its sentence."""
        cut = start - 1
        if cut < self.area.start or self.text[cut] in _SENTENCE_END or FORBIDDEN.match(self.text[cut]):
            return None
        before = bisect.bisect_left(self.cuts, cut)
        return self.cuts[before - 1] + 1 if before else self.area.start, end


# --- quotes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    """The quote chosen for a mention: its words, its span, the occurrence to cite (0 when it
    is printed once in the block) and how it was chosen."""

    words: str
    span: Span
    occurrence: int
    how: str


def clause_quote(context: _BlockContext, mention: Mention) -> Quote:
    """The shortest clause around ``mention``: the words between the nearest clause ends
    (，。；：！？、 and line ends) on either side. Where the mention's text is printed again in
    the clause, the quote stops short of the other printing (一个接着一个 gives 改革创新举措一个接着),
    so that the text is in it once; where the clause says nothing besides the figure (``2025年,``)
    it takes in the next clause of its sentence (or the one before). A quote printed more than
    once in the block gets its ``occurrence``."""
    text = context.printed(mention.span)
    start, end = _alone(context, mention, text, *context.clause(mention.span.start, mention.span.end))
    start, end = _balanced(context.text, mention.span, start, end)
    how = "the clause"
    if not _says_something(context, start, end, text):
        for grow in _growth_order(context, end):
            grown = grow(start, end)
            if grown is not None and _holds_once(context, text, grown):
                start, end = grown
                how = "the clause and its neighbour (the clause alone holds only the figure)"
                break
    return _quote(context, (start, end), how)


def _fact_quote(context: _BlockContext, mention: Mention, quote: Quote) -> Quote:
    """A fact's quote, widened by one clause where the clause alone cannot say what the figure
    is: a rank clause (居全国第一) takes in the clause before it, which says what ranks
    (上架数据产品5433个，居全国第一); a quote without a date takes in the clause before it when
    that is a short time clause of the same sentence (2017年前，这里还聚集着361家工业企业; 3年来，
    引进47名专业人才), so that the words its period comes from stand in the quote."""
    text = context.printed(mention.span)
    start, end = quote.span.start, quote.span.end
    grown = context.previous_clause(start, end)
    if grown is None or not _holds_once(context, text, grown):
        return quote
    if _RANK_CLAUSE.match(normalize(_words(context, start, end))):
        before = normalize(_words(context, grown[0], start))
        if before and not _RANK_CLAUSE.match(before):
            return _quote(context, grown, "the rank clause and the clause before it, which says "
                                          "what ranks")
        return quote
    if context.dates_in(start, end):
        return quote
    head = normalize(context.text[grown[0]:start])
    timely = context.dates_in(grown[0], start) or any(w in head for w in RELATIVE_TIME_WORDS)
    if timely and len(_WORDY.findall(head)) <= 4:
        return _quote(context, grown, "the clause and the time clause before it")
    return quote


def _quote(context: _BlockContext, span: tuple[int, int], how: str) -> Quote:
    start, end = _strip_span(context.text, *span)
    words = _printed(context.text[start:end])
    count, starts = context.count(words)
    occurrence = 0
    if count > 1:
        index = context.page.index
        begin = index.offset(start) - index.offset(context.area.start)
        occurrence = bisect.bisect_left(starts, begin) + 1
        how += f", printed {count} times in the block: occurrence {occurrence}"
    return Quote(words, Span(start, end), occurrence, how)


_Grow = Callable[[int, int], "tuple[int, int] | None"]


def _growth_order(context: _BlockContext, end: int) -> list[_Grow]:
    """The next clause first, unless the clause ends its sentence."""
    ends_sentence = end >= context.area.end or context.text[end] in _SENTENCE_END
    grow: list[_Grow] = [context.next_clause, context.previous_clause]
    return grow[::-1] if ends_sentence else grow


def _alone(context: _BlockContext, mention: Mention, text: str, start: int,
           end: int) -> tuple[int, int]:
    """``start``-``end`` narrowed to hold the mention's text once: short of the printing before
    it and of the one after it."""
    target = normalize(text)
    index = context.page.index
    first, last, own = index.offset(start), index.offset(end), index.offset(mention.span.start)
    pos = index.text.find(target, first, last) if target else -1
    while pos != -1:
        if pos + len(target) <= own:
            start = max(start, index.original_offset(pos + len(target) - 1) + 1)
        elif pos >= own + len(target):
            return start, min(end, index.original_offset(pos))
        pos = index.text.find(target, pos + 1, last)
    return start, end


def _balanced(text: str, span: Span, start: int, end: int) -> tuple[int, int]:
    """``start``-``end`` cut short of a mark opened after the mention and not closed (…667亿元
    （预计数 gives …667亿元), and of one closed before it that was not opened in the quote."""
    for opening, closing in _PAIRS.items():
        if opening == closing:
            continue
        at = text.find(opening, span.end, end)
        if at != -1 and text.find(closing, at, end) == -1:
            end = at
        at = text.rfind(closing, start, span.start)
        if at != -1 and text.rfind(opening, start, at) == -1:
            start = at + 1
    return start, end


def _holds_once(context: _BlockContext, text: str, span: tuple[int, int]) -> bool:
    """Whether the words of ``span`` print ``text`` exactly once (overlaps counted)."""
    words, target = normalize(_words(context, *span)), normalize(text)
    return _overlapping(words, target) == 1


def _says_something(context: _BlockContext, start: int, end: int, text: str) -> bool:
    """Whether the words say something besides the mention (two letters or more)."""
    words = normalize(context.text[start:end]).replace(normalize(text), "", 1)
    return len(_WORDY.findall(words)) >= 2


def _overlapping(haystack: str, needle: str) -> int:
    count, pos = 0, haystack.find(needle) if needle else -1
    while pos != -1:
        count += 1
        pos = haystack.find(needle, pos + 1)
    return count


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``-``end`` without whitespace, ……, —— or half a pair of marks at either end
    (“我们在落地… gives 我们在落地…)."""
    while True:
        before = (start, end)
        while start < end and (text[start].isspace() or text[start] in _DANGLING):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _DANGLING):
            end -= 1
        if start < end and text[start] in _PAIRS and _PAIRS[text[start]] not in text[start + 1:end]:
            start += 1
        if end > start and text[end - 1] in _CLOSERS and _CLOSERS[text[end - 1]] not in text[start:end - 1]:
            end -= 1
        if (start, end) == before:
            return start, end


def _words(context: _BlockContext, start: int, end: int) -> str:
    first, last = _strip_span(context.text, start, end)
    return _printed(context.text[first:last])


def _printed(words: str) -> str:
    """Words as printed, without the line breaks of the page's columns (matching ignores them)."""
    return words.replace("\r", "").replace("\n", "")


# --- what each mention becomes -------------------------------------------------------------


def _draft_mention(context: _BlockContext, mention: Mention, frames: Frames) -> DraftRow:
    mention = _without_word_end(context, _with_year_word(context, mention))
    quote = clause_quote(context, mention)
    text = context.printed(mention.span)
    category = exclusion_category(context, mention, text)
    if category is None and mention.kind == "figure":
        quote = _fact_quote(context, mention, quote)
    cells = {"article_id": context.block.article_id, "text": text, "quote": quote.words,
             "occurrence": str(quote.occurrence) if quote.occurrence else ""}
    if category is not None:
        table = "exclusions"
        cells["category"] = category[0]
        notes = [f"exclusion, category {category[0]} suggested: {category[1]}; write the reason"]
    elif mention.kind == "date":
        table = "events"
        notes = _event_cells(context, text, cells)
        known = frames.lookup("events", quote.words, text, "")
        if known is not None:
            cells["entity_id"] = known[0]
            notes.append(f"entity_id from {known[2]}, which prints the same words around its "
                         "date; write description_en")
        else:
            notes.append("write entity_id and description_en")
    else:
        table = "facts"
        notes = _fact_cells(context, mention, text, quote, cells)
        known = frames.lookup("facts", quote.words, text, cells["unit"])
        if known is not None:
            cells["entity_id"], cells["metric_id"] = known[0], known[1]
            notes.append(f"entity_id and metric_id from {known[2]}, which prints the same words "
                         "around its figure")
        else:
            notes.append("write entity_id and metric_id")
    notes.append(f"quote: {quote.how}")
    if FORBIDDEN.search(text):
        notes.append("the printed text holds a control character, which no cell may hold")
    cells["draft_note"] = "; ".join(notes)
    return DraftRow(table, cells, context.block.article_id, context.page.where(mention.span.start),
                    mention.span, quote.span)


#: Words ending in a qualifier character that qualify nothing: 签约50亿元 is "signed 5 billion",
#: not "about 5 billion" (the scanner reads 约 as 约, about).
NOT_QUALIFIERS = ("签约", "合约", "履约", "节约", "预约", "特约", "最近", "附近", "邻近", "靠近",
                  "赶超", "高超")


def _without_word_end(context: _BlockContext, mention: Mention) -> Mention:
    """A figure mention without a first character that ends a word (约 of 签约)."""
    start = mention.span.start
    if mention.kind != "figure" or context.text[max(context.area.start, start - 1):start + 1] \
            not in NOT_QUALIFIERS or start + 1 > mention.core.start:
        return mention
    return Mention.spanning(mention.kind, mention.text[1:], Span(start + 1, mention.end), mention.core)


def _with_year_word(context: _BlockContext, mention: Mention) -> Mention:
    """A date mention with the year word printed right before it (去年 of 去年11月)."""
    start = mention.span.start
    word = context.text[max(context.area.start, start - 2):start]
    if mention.kind != "date" or word not in YEAR_WORDS:
        return mention
    return Mention.spanning(mention.kind, word + mention.text, Span(start - 2, mention.end),
                            mention.core)


def _event_cells(context: _BlockContext, text: str, cells: dict[str, str]) -> list[str]:
    iso, how = read_printed_date(text, context.published_year)
    assert iso is not None  # exclusion_category took the unreadable ones
    cells["date"] = iso
    if not iso:
        return ["event: no year is printed and the block's published date is unreadable, so "
                "write the date, and in note where its year comes from"]
    if how:
        cells["note"] = how
        return [f"event: date {iso}; {how}"]
    return [f"event: date {iso} as printed"]


def read_printed_date(text: str, published_year: int | None) -> tuple[str | None, str]:
    """The ISO date a date mention prints, and where no year is printed, a note saying where it
    comes from (``""`` when printed); ``""`` when no year is printed and ``published_year`` is
    unknown; ``None`` and why when it cannot be read. A lone end of a span of years or months
    (``2023`` of ``2023—2025年``, ``3`` of ``3-5月``) reads as that year or month."""
    printed = normalize(text)
    if re.fullmatch("[0-9]{4}", printed):
        printed += "年"
    elif re.fullmatch("[0-9]{1,2}", printed):
        printed += "月"
    try:
        reading = read_date(printed, published_year)
    except DateError as exc:
        return None, str(exc)
    if reading.year is not None:
        if reading.relative:
            return reading.iso(), (f"{reading.relative}: {reading.year}, counted from the "
                                   f"publication year {published_year}.")
        return reading.iso(), ""
    if published_year is None:
        return "", ""
    word = f"{reading.relative} " if reading.relative else ""
    return reading.iso(published_year), (f"{word}Year from the article's publication date "
                                         f"({published_year}).").strip()


def _fact_cells(context: _BlockContext, mention: Mention, text: str, quote: Quote,
                cells: dict[str, str]) -> list[str]:
    figure = parse_figure(text)  # exclusion_category took what does not parse
    cells["value"] = format_decimal(figure.value)
    cells["unit"] = figure.unit
    cells["bound"] = figure.bound
    notes = [f"fact: {_reading(figure)}"]
    if not figure.unit:
        notes.append("no unit is printed: write the one the context gives")
    status, word = status_of(quote.words)
    cells["status"] = status
    notes.append(f"status {status} from {word}" if word else
                 "status actual: no word of estimate, target or plan in the quote")
    period, how, note = fact_period(context, mention, quote)
    cells["period"] = period
    if note:
        cells["note"] = note
    notes.append(how)
    return notes


def _reading(figure: Figure) -> str:
    if figure.high is not None:
        return (f"range {format_decimal(figure.value)} to {format_decimal(figure.high)} "
                f"{figure.unit}, value the low end")
    return f"{format_decimal(figure.value)} {figure.unit or '(no unit)'} ({figure.bound})"


def status_of(quote: str) -> tuple[str, str]:
    """The status the words of ``quote`` give, and the word (``("actual", "")`` for none)."""
    words = normalize(quote)
    for word, status in STATUS_WORDS:
        if word in words:
            return status, word
    return "actual", ""


def fact_period(context: _BlockContext, mention: Mention, quote: Quote) -> tuple[str, str, str]:
    """A fact's period, how it was found, and the ``note`` it needs. In order: a span of years
    printed in the quote (2021—2023年: ``2021/2023``); a date in the quote (the last before the
    figure, else the first); 今年, 去年, 前年, 明年 in the quote; the published date where the
    quote dates the figure by the page (目前, 如今, 年来…); a date earlier in the sentence,
    unless such a word stands between it and the figure; the block's published date."""
    year, published = context.published_year, context.published or ""
    inside = context.dates_in(quote.span.start, quote.span.end)
    span = _year_span(context, inside)
    if span:
        return span, f"period {span} from the span of years in the quote", ""
    readings = [(m, *read_printed_date(context.printed(m.span), year)) for m in inside]
    readable = [(m, iso, how) for m, iso, how in readings if iso]
    if readable:
        before = [r for r in readable if r[0].span.start < mention.span.start]
        date, iso, how = before[-1] if before else readable[0]
        printed = context.printed(date.span)
        return str(iso), f"period {iso} from {printed} in the quote", how
    words = normalize(quote.words)
    relative = [w for w in RELATIVE_YEARS if w in words]
    if len(relative) == 1 and year is not None:
        value = str(year + RELATIVE_YEARS[relative[0]])
        return value, f"period {value} from {relative[0]} in the quote", (
            f"{relative[0]}: {value}, counted from the publication year {year}.")
    time_words = [w for w in RELATIVE_TIME_WORDS if w in words]
    if time_words:
        said = "、".join(time_words)
        return published, f"period {published}: the published date, for {said} in the quote", (
            f"{said}: read as the publication date, {published}.")
    sentence = context.dates_in(context.sentence_start(mention.span.start), mention.span.start)
    for date in reversed(sentence):
        reading, how = read_printed_date(context.printed(date.span), year)
        if not reading:
            continue
        between = normalize(context.text[date.span.end:mention.span.start])
        later = [w for w in RELATIVE_TIME_WORDS if w in between]
        if later:
            said = "、".join(later)
            return published, (f"period {published}: the published date, for {said} earlier in "
                               "the sentence"), f"{said}: read as the publication date, {published}."
        printed = context.printed(date.span)
        return reading, f"period {reading} from {printed}, printed earlier in the sentence", how
    return published, (f"period {published or '(none)'}: no date in the quote or its sentence, "
                       "so the block's published date"), ""


def _year_span(context: _BlockContext, dates: list[Mention]) -> str:
    """``2021/2023`` where the two ends of a span of years are printed (2021—2023年)."""
    for low, high in itertools.pairwise(dates):
        low_text = normalize(context.printed(low.span))
        high_text = normalize(context.printed(high.span)).removesuffix("年")
        between = normalize(context.text[low.span.end:high.span.start])
        if (re.fullmatch("[0-9]{4}", low_text) and re.fullmatch("[0-9]{4}", high_text)
                and 0 < len(between) <= 2 and low_text < high_text):
            return f"{low_text}/{high_text}"
    return ""


# --- what counts nothing -------------------------------------------------------------------


def exclusion_category(context: _BlockContext, mention: Mention, text: str) -> tuple[str, str] | None:
    """The category suggested for a mention that looks like no figure (or date), and why; ``None``
    for a figure or a date. In order:

    * printed inside a 《title》: ``name`` (``furniture`` for a page reference, 《上接1版》);
    * a clock time, or a date that cannot be read: ``time``;
    * a figure that does not parse: ``idiom``;
    * part of a set phrase of :data:`IDIOMS` (一条龙, 千家万户): ``idiom``;
    * after 党的, before 规定, or after a letter (党的二十大, 中央八项规定, B2栋): ``name``;
    * an ordinal with a measure word other than 家 / 名 / 位 (第一次, 第五周), or followed by a
      word (第一要务): ``ordinal``; 第一 alone and 第五家 are ranks, so facts;
    * a number with no measure word: part of a name (500强, 健康160), a page reference (1版), a
      generation (90后), a year without 年; a fact after 达到 / 为 / 至 (指数达到105);
    * a floor (8楼, 3层): ``ordinal``; a phase (一期): ``name``;
    * a duration before 来 / 前 / 以来, a clause of its own (近三年，), or 一年 (这一年): ``time``;
    * a figure with 以上 before the noun it defines (50亿元以上项目): ``threshold``;
    * a Chinese numeral inside a short “quoted slogan” (“四个自信”): ``idiom``;
    * 一 + measure word (一个, 一场, 一批): ``indefinite``.
    """
    start, end = mention.span.start, mention.span.end
    before = context.text[max(context.area.start, start - 6):start].rsplit("\n", 1)[-1]
    after = context.text[end:min(context.area.end, end + 6)]
    title = _in_pair(context, mention, "《", "》", limit=None)
    if title is not None:
        if after.startswith("版") or after[1:2] == "版":
            return "furniture", f"a page reference, {title}"
        return "name", f"printed inside the title {title}"
    if mention.kind == "date":
        if re.fullmatch("[0-9]{1,2}时.*", normalize(text)):
            return "time", "a clock time, which no event can state"
        iso, why = read_printed_date(text, context.published_year)
        return ("time", f"not a date the reader understands ({why})") if iso is None else None
    try:
        figure = parse_figure(text)
    except FigureError as exc:
        return "idiom", f"it reads as no figure ({exc})"
    words = normalize(text)
    idiom = _idiom(context, mention)
    if idiom is not None:
        return "idiom", f"part of the set phrase {idiom}"
    if before.endswith("党的") or after.startswith("规定"):
        return "name", "part of a name (党的二十大, 中央八项规定)"
    if re.search("[A-Za-z]$", before):
        return "name", "printed after a letter: part of a name or code"
    ordinal = _ORDINAL.match(words)
    if ordinal is not None:
        rest = ordinal.group("rest")
        if rest in _RANK_WORDS and not (rest == "" and _WORDY.match(after[:1] or " ")):
            return None
        said = f"第{ordinal.group('numeral')}{rest or after[:1]}"
        return "ordinal", f"{said} orders, it does not rank"
    if words.startswith("翻"):
        return None
    if not figure.unit:
        return _bare_number(words, before, after)
    measure = figure.unit.lstrip("万亿")
    if measure in ("楼", "层"):
        return "ordinal", f"{text} is a floor, not a count"
    if measure == "期":
        return "name", f"{text} is a phase, part of a project's name"
    timed = _dates_others(context, mention, words, figure, after)
    if timed is not None:
        return "time", timed
    if words.endswith("以上") and _WORDY.match(after[:1] or " "):
        return "threshold", f"{text} defines what is counted ({text}{after[:3]}…)"
    if _CHINESE_FIGURE.match(words) and _in_slogan(context, mention):
        return "idiom", "a numeral inside a short quoted slogan"
    if words.startswith("一") and figure.bound == "exact" and figure.value == 1:
        if after.startswith(measure[-1:]):
            return "indefinite", f"{text}{measure[-1:]}: one after another"
        return "indefinite", f"{text} is the indefinite article ('a')"
    return None


def _idiom(context: _BlockContext, mention: Mention) -> str | None:
    """The set phrase of :data:`IDIOMS` the mention is printed in."""
    offset = max(context.area.start, mention.span.start - 8)
    window = context.text[offset:min(context.area.end, mention.span.end + 8)]
    for idiom in IDIOMS:
        pos = window.find(idiom)
        while pos != -1:
            if offset + pos < mention.span.end and mention.span.start < offset + pos + len(idiom):
                return idiom
            pos = window.find(idiom, pos + 1)
    return None


def _dates_others(context: _BlockContext, mention: Mention, words: str, figure: Figure,
                  after: str) -> str | None:
    """Why a duration only dates other figures (3年来, 10多年前, 近三年，…, 这一年), or ``None``."""
    stem = figure.unit.lstrip("万亿").removesuffix("来")
    if stem not in _DURATIONS:
        return None
    if words.endswith("来") or after.startswith(("来", "前", "以来")):
        return f"{words}{'' if words.endswith('来') else after[:1]}: a span that dates other figures"
    if words.startswith("一") and stem == "年" and figure.bound == "exact" and figure.value == 1:
        return f"{words}: a year that dates other figures (这一年, 过去一年)"
    start, end = context.clause(mention.span.start, mention.span.end)
    head = normalize(context.text[start:mention.span.start])
    tail = normalize(context.text[mention.span.end:end])
    if head in _TIME_HEADS and not tail:
        return f"{words} is a clause of its own: a span that dates what follows"
    return None


def _bare_number(words: str, before: str, after: str) -> tuple[str, str] | None:
    """A number with no measure word: a value stated (指数达到105) is a fact; else part of a name
    (500强, 健康160), a page reference (1版), a generation (90后) or a year."""
    if re.search("(?:达到|达|为|是|至|到)$", before) and not after.startswith(("后", "强", "版")):
        return None
    if after.startswith("强"):
        return "name", f"{words}强 names a ranking list, not a count"
    if after.startswith("版"):
        return "furniture", f"{words}版 is a page reference"
    if after.startswith("后"):
        return "idiom", f"{words}后 names a generation"
    if re.fullmatch("(?:19|20)[0-9]{2}", words):
        return "time", f"{words} is a year printed without 年"
    return "name", f"{words} has no measure word: part of a name or code"


def _in_pair(context: _BlockContext, mention: Mention, opening: str, closing: str,
             limit: int | None) -> str | None:
    """The words between ``opening`` and ``closing`` around the mention, on its line (at most
    ``limit`` characters between them, when given)."""
    line_start = context.text.rfind("\n", context.area.start, mention.span.start) + 1
    line_end = context.text.find("\n", mention.span.end, context.area.end)
    line_end = context.area.end if line_end == -1 else line_end
    start = context.text.rfind(opening, line_start, mention.span.start)
    if start == -1 or context.text.find(closing, start + 1, mention.span.start) != -1:
        return None
    end = context.text.find(closing, mention.span.end, line_end)
    if end == -1 or (limit is not None and len(normalize(context.text[start + 1:end])) > limit):
        return None
    return _printed(context.text[start:end + 1])


def _in_slogan(context: _BlockContext, mention: Mention) -> bool:
    """Whether the mention is printed inside a short “quoted phrase” (or ‘phrase’)."""
    return any(_in_pair(context, mention, opening, closing, SLOGAN_LENGTH) is not None
               for opening, closing in (("“", "”"), ("‘", "’")))


# --- entity and metric from the same words -------------------------------------------------


class Frames:
    """The rows of the corpus by the words around their figure: the clause of the quote that
    holds ``text``, with ``text`` taken out, and the unit. A draft row whose clause reads the
    same, with the same unit, takes the ``entity_id`` (and ``metric_id``) of those rows when they
    all agree; nothing is taken where they disagree or the words around the figure are fewer
    than :attr:`MIN_FRAME` letters (``{}家`` says nothing)."""

    MIN_FRAME = 4

    def __init__(self, corpus: Corpus) -> None:
        self.known: dict[tuple[str, str, str], set[tuple[str, str]]] = {}
        self.example: dict[tuple[str, str, str], str] = {}
        located = corpus.model.placements.located
        for table, columns in (("facts", ("entity_id", "metric_id", "unit")),
                               ("events", ("entity_id",))):
            id_column = DRAFT_TABLES[table][0]
            if not corpus.has_columns(table, id_column, "quote", "text", *columns):
                continue
            for _, row in corpus.tables[table].rows():
                row_id, entity = row[id_column], row["entity_id"]
                metric = row.get("metric_id") or ""
                if row_id not in located[table] or not entity or (table == "facts" and not metric):
                    continue
                key = self.key(table, row["quote"] or "", row["text"] or "", row.get("unit") or "")
                if key is not None:
                    self.known.setdefault(key, set()).add((entity, metric))
                    self.example.setdefault(key, str(row_id))

    @classmethod
    def key(cls, table: str, quote: str, text: str, unit: str) -> tuple[str, str, str] | None:
        """The words around ``text`` in the clause of ``quote`` that holds it, and the unit."""
        target = normalize(text)
        for clause in _DELIMITER.split(quote):
            words = normalize(clause)
            if target and _overlapping(words, target) == 1:
                frame = words.replace(target, "\x00")
                return (table, frame, unit) if len(_WORDY.findall(frame)) >= cls.MIN_FRAME else None
        return None

    def lookup(self, table: str, quote: str, text: str, unit: str) -> tuple[str, str, str] | None:
        """(entity_id, metric_id, a row printing the same words) when the rows agree."""
        key = self.key(table, quote, text, unit)
        found = self.known.get(key) if key is not None else None
        if key is None or not found or len(found) != 1:
            return None
        entity, metric = next(iter(found))
        return entity, metric, self.example[key]


# --- writing the draft file ----------------------------------------------------------------


def default_out(root: Path) -> Path:
    """Where the draft goes without ``--out``: ``drafts.csv`` in the corpus folder."""
    return root / DEFAULT_DRAFT_FILE


def write_drafts(drafts: Drafts, out: Path, *, force: bool = False) -> None:
    """Write the draft file to ``out`` atomically (see :func:`check_out` for what is refused).
    Raises :class:`InputError` when it cannot be written."""
    check_out(drafts.root, out, force=force)
    try:
        with staged(out.parent) as stage:
            stage(out, drafts.csv_text())
    except OSError as exc:
        raise InputError(f"{out}: cannot write the draft ({exc.strerror or exc}); choose another "
                         "file with --out") from None


def check_out(root: Path, out: Path, *, force: bool) -> None:
    """Raise :class:`InputError` when ``out`` is inside ``facts/`` or ``seeds/`` (a draft would
    be taken for a table or a page), exists and ``force`` is not given, is no regular file, or
    its folder does not exist."""
    parent = kind_of(out.parent) if str(out.parent) not in ("", ".") else "a directory"
    if parent is None:
        raise InputError(f"{out}: the folder {out.parent} does not exist; create it first or "
                         "choose another file with --out")
    target = out.parent.resolve() / out.name
    for folder in (FACTS_DIR, SEEDS_DIR):
        inside = (root / folder).resolve()
        if target == inside or inside in target.parents:
            what = "a table" if folder == FACTS_DIR else "a page"
            raise InputError(f"{out}: a draft never goes into {folder}/, where it would be read "
                             f"as {what}; choose a file outside it with --out")
    kind = kind_of(out)
    if kind is not None and kind != "a regular file":
        raise InputError(f"{out}: is {kind}; --out must name a regular file")
    if kind is not None and not force:
        raise InputError(f"{out}: exists; pass --force to replace it, or choose another file "
                         "with --out")
