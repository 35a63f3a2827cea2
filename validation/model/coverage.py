"""Coverage: what accounts for every numeric mention on every page.

The scanner (:mod:`validation.mentions`) finds each mention in each block. A mention is covered

* by a fact, when the fact's located ``text`` contains the mention's numeral;
* by an event, likewise for the event's ``text``;
* as a period, when it is a date printed inside a fact's quote and the fact's ``period`` is that
  date, or starts or ends with it (``2025年`` in the quote of a fact for 2025);
* by an exclusion, when the exclusion's located ``text`` contains it.

A mention nothing covers fails (``mention-not-covered``), except while a row whose ``text`` is
that mention cannot be traced (its quote is not found, or cites a missing block): that row's own
failure is the one to fix, so it is not reported twice. An exclusion that no longer contains
any mention fails (``exclusion-stale``), and so does one that claims a mention a fact or event
already states (``exclusion-overlaps-fact``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from validation.corpus import FACTS_DIR, SEEDS_DIR, Corpus, Page
from validation.dates import DateError, read_date
from validation.findings import Finding
from validation.mentions import Mention
from validation.model.blocks import page_by_page
from validation.model.citations import QUOTING_TABLES
from validation.model.placements import Located
from validation.normalize import Span, normalize

#: How a mention is covered, in the order they are tried.
COVERED_BY = ("facts", "events", "periods", "exclusions")
_CONTEXT = 12


@dataclass(frozen=True)
class Uncovered:
    """A mention nothing covers: as printed, where, and the words around it."""

    text: str
    kind: str
    location: str
    context: str
    span: Span  # in the page's original text

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "kind": self.kind, "location": self.location, "context": self.context}


@dataclass
class ArticleCoverage:
    """The mentions of one block and what covers each."""

    article_id: str
    file: str
    mentions: list[Mention] = field(default_factory=list)
    #: What covers each mention, in the order of ``mentions`` (``None``: nothing does).
    covered_as: list[str | None] = field(default_factory=list)
    covered: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COVERED_BY, 0))
    uncovered: list[Uncovered] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"article_id": self.article_id, "file": self.file, "mentions": len(self.mentions),
                **{f"covered_by_{k}": v for k, v in self.covered.items()},
                "uncovered": [u.to_dict() for u in self.uncovered]}


@dataclass
class Coverage:
    """Coverage of a whole corpus: per block, and the findings it gives."""

    articles: list[ArticleCoverage]
    findings: list[Finding]
    #: The relations the pages state: stated, declared, dismissed, undeclared (when counted).
    relations: dict[str, int] | None = None

    @property
    def mentions(self) -> int:
        return sum(len(a.mentions) for a in self.articles)

    @property
    def uncovered(self) -> int:
        return sum(len(a.uncovered) for a in self.articles)

    @property
    def covered_percent(self) -> float:
        """Share of mentions covered, in percent (100 when there are none: the
        ``no-mention-scanned`` finding says why that is no pass)."""
        return 100 * (self.mentions - self.uncovered) / self.mentions if self.mentions else 100.0

    def totals(self) -> dict[str, int]:
        totals = {"mentions": self.mentions}
        for kind in COVERED_BY:
            totals[f"covered_by_{kind}"] = sum(a.covered[kind] for a in self.articles)
        totals["uncovered"] = self.uncovered
        return totals


def measure(corpus: Corpus) -> Coverage:
    """Match each mention of every block (scanned in the walk over the pages) against facts,
    events, periods and exclusions. A page is read again only to show an uncovered mention in
    its words."""
    scanned = corpus.model.page_walk.mentions
    located = corpus.model.placements.located
    by_article: dict[str, dict[str, list[Located]]] = {}
    for table, by_id in located.items():
        for placed in by_id.values():
            by_article.setdefault(placed.article_id, {}).setdefault(table, []).append(placed)
    periods = _fact_periods(corpus)
    years = corpus.model.published_years
    untraced = _untraced_texts(corpus, located)
    exclusion_hits: dict[str, int] = {}
    measured: dict[int, tuple[ArticleCoverage, list[Finding]]] = {}
    for block in page_by_page(corpus.model.blocks):
        if block.index not in scanned:
            continue  # its page is unreadable, or too short: reported by the seed and layout checks
        result = ArticleCoverage(block.article_id, block.file)
        findings: list[Finding] = []
        measured[block.index] = (result, findings)
        result.mentions = scanned[block.index]
        quoted = {table: _Areas(rows) for table, rows in by_article.get(block.article_id, {}).items()}
        for mention in result.mentions:
            how = _cover(mention, quoted, periods, years.get(block.article_id))
            result.covered_as.append(how[0] if how else None)
            if how is None and normalize(mention.text) in untraced:
                continue  # the row meant to cover it is reported by traceability
            if how is None:
                page = corpus.page(block.file)
                assert page is not None  # it was scanned
                missing = Uncovered(mention.text, mention.kind, page.where(mention.start),
                                    context_of(page, mention.span), mention.span)
                result.uncovered.append(missing)
                findings.append(_uncovered(block.article_id, missing))
                continue
            kind, exclusion = how
            result.covered[kind] += 1
            for row in exclusion:
                exclusion_hits[row.row_id] = exclusion_hits.get(row.row_id, 0) + 1
            if kind != "exclusions" and exclusion:
                findings.extend(_overlap(corpus, row, mention, kind) for row in exclusion)
    in_order = [measured[block.index] for block in corpus.model.blocks if block.index in measured]
    articles = [result for result, _ in in_order]
    findings = [finding for _, block_findings in in_order for finding in block_findings]
    findings.extend(_stale(corpus, located.get("exclusions", {}), exclusion_hits))
    if not any(a.mentions for a in articles):
        findings.extend(_nothing_scanned(corpus, len(articles)))
    return Coverage(articles, findings)


def _nothing_scanned(corpus: Corpus, blocks_scanned: int) -> list[Finding]:
    """``no-mention-scanned`` when no page is registered, or readable pages are but no block of
    them holds a single number: 0 mentions covered is no evidence that the tables are complete."""
    registered = corpus.model.registered_files
    readable = [f for f in registered if (page := corpus.page(f)) is not None and page.text is not None]
    if not registered:
        return [Finding(
            "no-mention-scanned", "no page is registered in pages.csv, so nothing was validated",
            table="pages", column="file", found="0 pages", location=f"{FACTS_DIR}/pages.csv",
            hint="add each page with 'python -m validation add-page FILE', which copies it into "
                 "seeds/ and registers it")]
    if not readable:
        return []  # each unreadable page is reported by the seed checks
    return [Finding(
        "no-mention-scanned",
        f"{len(readable)} page(s) are registered but no numeric mention was found in "
        f"{'any of the ' + str(blocks_scanned) + ' block(s)' if blocks_scanned else 'any block'}"
        f", so coverage proves nothing", table="articles", column="line_start",
        found=f"{blocks_scanned} block(s), 0 mentions",
        location=f"{SEEDS_DIR}/{readable[0]}",
        hint="add the blocks of each page to articles.csv (article_id, file, line_start, "
             "line_end) so that their numbers are scanned")]


def _cover(mention: Mention, rows: dict[str, _Areas], periods: dict[str, str],
           published: int | None) -> tuple[str, list[Located]] | None:
    """What covers ``mention`` first, and every exclusion that claims it."""
    none, core_start, core_end = _NO_ROWS, mention.core_start, mention.core_end
    exclusions = rows.get("exclusions", none).figures_holding(core_start, core_end)
    for table in ("facts", "events"):
        if rows.get(table, none).figures_holding(core_start, core_end):
            return table, exclusions
    if mention.kind == "date" and any(
            is_period_of(mention.text, periods.get(r.row_id), published)
            for r in rows.get("facts", none).quotes_holding(mention.start, mention.end)):
        return "periods", exclusions
    if exclusions:
        return "exclusions", exclusions
    return None


class _Areas:
    """An article's placed rows, sorted by where their figure and their quote start, so that
    the rows holding a mention are found by bisection and a short walk back (at most as far as
    the longest figure or quote), not by reading every row for every mention."""

    def __init__(self, rows: list[Located]) -> None:
        self._order = {id(r): i for i, r in enumerate(rows)}
        figures = sorted(((r.figure_start, r.figure_end, r) for r in rows if r.figure_start >= 0),
                         key=lambda area: area[0])
        quotes = sorted(((r.quote_start, r.quote_end, r) for r in rows), key=lambda area: area[0])
        self._figures, self._figure_starts = figures, [start for start, _, _ in figures]
        self._figure_reach = max((end - start for start, end, _ in figures), default=0)
        self._quotes, self._quote_starts = quotes, [start for start, _, _ in quotes]
        self._quote_reach = max((end - start for start, end, _ in quotes), default=0)

    def figures_holding(self, start: int, end: int) -> list[Located]:
        """The rows whose figure holds characters ``[start, end)``, in the order they were given."""
        found = _holding(self._figures, self._figure_starts, self._figure_reach, start, end)
        return sorted(found, key=lambda r: self._order[id(r)]) if len(found) > 1 else found

    def quotes_holding(self, start: int, end: int) -> list[Located]:
        """The rows whose quote holds characters ``[start, end)``, in the order they were given."""
        found = _holding(self._quotes, self._quote_starts, self._quote_reach, start, end)
        return sorted(found, key=lambda r: self._order[id(r)]) if len(found) > 1 else found


_NO_ROWS = _Areas([])


def _holding(areas: list[tuple[int, int, Located]], starts: list[int], reach: int, start: int,
             end: int) -> list[Located]:
    """The rows of ``areas`` (sorted by start) that hold ``[start, end)``."""
    found = []
    i = bisect.bisect_right(starts, start) - 1
    while i >= 0 and starts[i] >= end - reach:
        if end <= areas[i][1]:  # it starts at or before ``start``
            found.append(areas[i][2])
        i -= 1
    return found


def _untraced_texts(corpus: Corpus, located: dict[str, dict[str, Located]]) -> set[str]:
    """The printed texts of quoting rows that could not be placed in their article."""
    texts: set[str] = set()
    for table, id_column in QUOTING_TABLES.items():
        if not corpus.has_columns(table, id_column, "text"):
            continue
        placed = located.get(table, {})
        frame = corpus.tables[table].frame
        for row_id, text in zip(frame[id_column], frame["text"], strict=True):
            if isinstance(text, str) and (row_id not in placed or placed[row_id].figure_start < 0):
                texts.add(normalize(text))
    return texts


def is_period_of(text: str, period: str | None, published: int | None) -> bool:
    """Whether the date printed as ``text`` is the fact period ``period``, or its first or last day."""
    if not period:
        return False
    try:
        reading = read_date(text, published)
    except DateError:
        return False
    if reading.year is None:
        return False
    iso = reading.iso()
    return iso == period or iso in (period.split("/")[0], period.split("/")[-1])


def _fact_periods(corpus: Corpus) -> dict[str, str]:
    if not corpus.has_columns("facts", "fact_id", "period"):
        return {}
    frame = corpus.tables["facts"].frame
    return {f: p for f, p in zip(frame["fact_id"], frame["period"], strict=True)
            if isinstance(f, str) and isinstance(p, str)}


def context_of(page: Page, span: Span) -> str:
    """The mention with the words around it on its line, the mention in brackets."""
    text = page.text or ""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[max(line_start, span.start - _CONTEXT):span.start]
    after = text[span.end:min(line_end, span.end + _CONTEXT)]
    return f"{before}[{text[span.start:span.end]}]{after}"


def _uncovered(article_id: str, mention: Uncovered) -> Finding:
    return Finding(
        "mention-not-covered",
        f"{mention.text!r} ({mention.kind}) in {article_id} is not covered by a fact, event or "
        "exclusion", table="articles", row=article_id, found=mention.context,
        location=mention.location,
        hint="add a fact (figure) or event (date) whose text is this mention, or an exclusion "
             "saying why it is no figure")


def _overlap(corpus: Corpus, row: Located, mention: Mention, kind: str) -> Finding:
    return Finding(
        "exclusion-overlaps-fact",
        f"exclusion {row.row_id} claims '{mention.text}', which a row of {kind} already states",
        table="exclusions", row=row.row_id, column="text", found=mention.text,
        location=corpus.tables["exclusions"].location_of(row.row_id),
        hint="a mention is either a figure or excluded: delete the exclusion or the other row")


def _stale(corpus: Corpus, located: dict[str, Located], hits: dict[str, int]) -> list[Finding]:
    findings = []
    for row_id, row in located.items():
        if row.figure_start < 0 or hits.get(row_id):
            continue  # an unplaceable text is reported by traceability
        findings.append(Finding(
            "exclusion-stale", f"exclusion {row_id} matches no numeric mention in {row.article_id}",
            table="exclusions", row=row_id, column="text",
            location=corpus.tables["exclusions"].location_of(row_id),
            hint="the scanner no longer reports this text as a mention: delete the exclusion, "
                 "or make its text the mention as printed"))
    return findings
