"""Everything a report shows, gathered once from a validated corpus; the HTML, Markdown and
JSON renderings only read it."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from validation import __version__
from validation.catalog import CHECKS
from validation.corpus import Corpus, is_embedded, load_corpus
from validation.engine import validate_corpus
from validation.findings import Finding, InputError, Report
from validation.git import git, output
from validation.model.coverage import ArticleCoverage, Coverage, is_period_of
from validation.model.placements import Located
from validation.report.highlights import Mark, mention_anchor
from validation.report.series import Series, build_series
from validation.schemas import TABLES

#: Which table's rows each kind of mark stands for.
MARKED_TABLES = {"facts": "fact", "events": "event", "exclusions": "exclusion"}
#: Check families in run order, with "load" first.
FAMILY_ORDER = ("load", *dict.fromkeys(family for family, _ in CHECKS.values() if family != "load"))


@dataclass(frozen=True)
class RunInfo:
    """When, on what and by which version the report was made. ``root`` is the corpus folder as
    an absolute path; ``name`` what the report calls the corpus (its folder's name, or
    "embedded corpus")."""

    generated_at: str
    root: str
    version: str
    commit: str | None
    dirty: bool | None
    seconds: float
    embedded: bool = False
    name: str = ""

    @property
    def corpus(self) -> str:
        """The corpus as the summaries name it: its absolute folder, marked when embedded."""
        return f"the embedded corpus ({self.root})" if self.embedded else self.root


@dataclass(frozen=True)
class CorpusInfo:
    """What the corpus is, from its own tables: pages, blocks, and when they were published."""

    pages: int
    articles: int
    first_published: str | None
    last_published: str | None


@dataclass(frozen=True)
class CheckResult:
    """One check id: its family, what it means, and how many errors and warnings it gave."""

    check: str
    family: str
    description: str
    errors: int
    warnings: int

    @property
    def status(self) -> str:
        return "fail" if self.errors else ("warn" if self.warnings else "pass")


@dataclass(frozen=True)
class FamilySummary:
    """A family of checks: how many of its checks pass, warn and fail, and its time."""

    name: str
    checks: int
    passed: int
    warned: int
    failed: int
    errors: int
    warnings: int
    seconds: float
    skipped: str | None = None


@dataclass
class ArticleView:
    """One block of a page as printed, with its figures marked."""

    article_id: str
    file: str
    kind: str
    title: str
    published: str
    first: int
    last: int
    text: str
    marks: list[Mark]
    coverage: ArticleCoverage | None
    #: The anchor of each uncovered mention's mark, by its location (``seeds/FILE:LINE:COLUMN``).
    mention_anchors: dict[str, str] = field(default_factory=dict)

    @property
    def failing(self) -> int:
        return sum(m.failing for m in self.marks)

    def count(self, kind: str) -> int:
        """How many marks of ``kind`` (fact, event, exclusion, period, uncovered) the text has."""
        return sum(m.kind == kind for m in self.marks)


@dataclass(frozen=True)
class ConflictView:
    """A recorded conflict: the facts side by side, and the one the dataset prefers."""

    conflict_id: str
    description: str
    preferred: str | None
    facts: list[dict[str, str | None]]


@dataclass
class TableView:
    """A table's columns and rows as text, with the rows that fail a check."""

    name: str
    columns: list[str]
    key: tuple[str, ...]
    rows: list[dict[str, str | None]]
    failing: set[str] = field(default_factory=set)

    def row_id(self, row: dict[str, str | None]) -> str:
        return "/".join(row.get(c) or "" for c in self.key)

    @cached_property
    def ids(self) -> set[str]:
        return {self.row_id(r) for r in self.rows}


@dataclass
class ReportData:
    """The whole report: the run, the findings, and the views built on the corpus."""

    run: RunInfo
    report: Report
    checks: list[CheckResult]
    families: list[FamilySummary]
    coverage: Coverage
    articles: list[ArticleView]
    conflicts: list[ConflictView]
    series: list[Series]
    tables: dict[str, TableView]
    labels: dict[str, dict[str, tuple[str, str]]]
    corpus: CorpusInfo = field(default_factory=lambda: CorpusInfo(0, 0, None, None))

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def failures(self) -> list[Finding]:
        return self.report.errors

    def link(self, finding: Finding) -> str | None:
        """Where the HTML shows what a finding is about: the mark of an uncovered mention in
        its article's text (else the article), or the row it names."""
        if finding.location and finding.location.startswith("seeds/") and finding.table == "articles":
            for article in self.articles:
                if article.article_id == finding.row:
                    return article.mention_anchors.get(finding.location) or f"article-{finding.row}"
        return self.anchor(finding.table, finding.row)

    def mention(self, finding: Finding) -> str | None:
        """The anchor of the uncovered mention a finding is about, if the report marks it."""
        anchor = self.link(finding)
        return anchor if anchor and anchor.startswith("mention-") else None

    def anchor(self, table: str | None, row: str | None) -> str | None:
        """The id of the HTML element showing ``row`` of ``table``, if the report has one."""
        if not table or not row or table not in self.tables:
            return None
        return row_anchor(table, row) if row in self.tables[table].ids else None


def row_anchor(table: str, row: str) -> str:
    return f"row-{table}-{row}".replace("/", "-").replace(" ", "_")


def build_report(root: Path | str, *, now: datetime | None = None,
                 jobs: int | None = None) -> ReportData:
    """Validate the corpus under ``root`` (its pages walked by ``jobs`` processes) and gather
    what the report shows; raises ``InputError`` if it cannot be read."""
    started = time.perf_counter()
    corpus = load_corpus(root, jobs=jobs)
    report = validate_corpus(corpus, root=str(root), load_seconds=time.perf_counter() - started)
    return gather(corpus, report, started=started, now=now)


def gather(corpus: Corpus, report: Report, *, started: float | None = None,
           now: datetime | None = None) -> ReportData:
    """The report's views of a corpus already validated into ``report``."""
    failing = _failing_rows(report)
    tables = {name: TableView(name, list(table.header if table.header else TABLES[name].columns),
                              TABLES[name].key, [r for _, r in table.rows()],
                              failing.get(name, set()))
              for name, table in corpus.tables.items()}
    labels = _labels(corpus)
    coverage = corpus.model.coverage
    seconds = time.perf_counter() - started if started is not None else sum(
        f.seconds for f in report.families)
    checks = _checks(report)
    return ReportData(
        run=_run_info(corpus.root, now, seconds),
        report=report,
        checks=checks,
        families=_families(report, checks),
        coverage=coverage,
        articles=_articles(corpus, coverage, failing, labels),
        conflicts=_conflicts(corpus),
        series=build_series(corpus, labels),
        tables=tables,
        labels=labels,
        corpus=_corpus_info(corpus),
    )


def _failing_rows(report: Report) -> dict[str, set[str]]:
    failing: dict[str, set[str]] = {}
    for f in report.errors:
        if f.table and f.row:
            failing.setdefault(f.table, set()).add(f.row)
    return failing


def _checks(report: Report) -> list[CheckResult]:
    counts: dict[str, list[int]] = {}
    for f in report.findings:
        counts.setdefault(f.check, [0, 0])[0 if f.severity == "error" else 1] += 1
    return [CheckResult(check, family, description, *counts.get(check, [0, 0]))
            for check, (family, description) in CHECKS.items()]


def _families(report: Report, results: list[CheckResult]) -> list[FamilySummary]:
    timing = {f.name: f for f in report.families}
    summaries = []
    for name in FAMILY_ORDER:
        members = [c for c in results if c.family == name]
        ran = timing.get(name)
        summaries.append(FamilySummary(
            name, len(members), sum(c.status == "pass" for c in members),
            sum(c.status == "warn" for c in members), sum(c.status == "fail" for c in members),
            sum(c.errors for c in members), sum(c.warnings for c in members),
            ran.seconds if ran else 0.0, ran.skipped if ran else None))
    return summaries


def _labels(corpus: Corpus) -> dict[str, dict[str, tuple[str, str]]]:
    """Chinese and English labels of entities and metrics, by id."""
    labels: dict[str, dict[str, tuple[str, str]]] = {"entities": {}, "metrics": {}}
    for table, id_column, zh, en in (("entities", "entity_id", "name_zh", "name_en"),
                                     ("metrics", "metric_id", "label_zh", "label_en")):
        if corpus.has_columns(table, id_column, zh, en):
            for _, row in corpus.tables[table].rows():
                if row[id_column]:
                    labels[table][row[id_column] or ""] = (row[zh] or "", row[en] or "")
    return labels


def _articles(corpus: Corpus, coverage: Coverage, failing: dict[str, set[str]],
              labels: dict[str, dict[str, tuple[str, str]]]) -> list[ArticleView]:
    located = corpus.model.placements.located
    rows = {table: {row.get(TABLES[table].key[0]): row for _, row in corpus.tables[table].rows()}
            for table in MARKED_TABLES}
    years = corpus.model.published_years
    by_article = {a.article_id: a for a in coverage.articles}
    article_rows = dict(corpus.tables["articles"].rows())
    #: The placed rows of each article, by table, in row order: read once, not once per block.
    placed_in: dict[str, dict[str, list[Located]]] = {}
    for table in MARKED_TABLES:
        for placed in located.get(table, {}).values():
            placed_in.setdefault(placed.article_id, {}).setdefault(table, []).append(placed)
    views = []
    for block in corpus.model.blocks:
        page = corpus.page(block.file)
        if page is None or page.text is None or block.last > page.line_count:
            continue
        area = page.line_range(block.first, block.last)
        marks = []
        here = placed_in.get(block.article_id, {})
        for table, kind in MARKED_TABLES.items():
            for placed in here.get(table, []):
                if placed.figure_start < 0:
                    continue
                row_id = placed.row_id
                row = rows[table].get(row_id, {})
                marks.append(Mark(placed.figure_start - area.start, placed.figure_end - area.start,
                                  kind, f"{table}/{row_id}", row_id in failing.get(table, set()),
                                  _title(table, row_id, row, labels)))
        view = by_article.get(block.article_id)
        anchors = {}
        for missing in view.uncovered if view else []:
            start, end = missing.span.start - area.start, missing.span.end - area.start
            anchors[missing.location] = mention_anchor(block.article_id, start, end)
            marks.append(Mark(start, end, "uncovered", "", True,
                              f"not covered: {missing.text} ({missing.location})",
                              anchors[missing.location]))
        for mention, how in zip(view.mentions if view else [], view.covered_as if view else [],
                                strict=True):
            if how != "periods":
                continue
            start, end = mention.start - area.start, mention.end - area.start
            owners = [placed.row_id for placed in here.get("facts", [])
                      if placed.quote_start <= mention.start <= mention.end <= placed.quote_end
                      and is_period_of(mention.text, rows["facts"].get(placed.row_id, {}).get("period"),
                                       years.get(block.article_id))]
            marks.append(Mark(start, end, "period", "", False,
                              f"{mention.text}: the period of {', '.join(owners) or 'a fact quoting it'}",
                              mention_anchor(block.article_id, start, end),
                              tuple(f"facts/{owner}" for owner in owners)))
        article = article_rows[block.index]
        views.append(ArticleView(
            block.article_id, block.file, article.get("kind") or "", article.get("title") or "",
            article.get("published") or "", block.first, block.last, page.text[area.start:area.end],
            marks, view, anchors))
    return views


def _title(table: str, row_id: str, row: dict[str, str | None],
           labels: dict[str, dict[str, tuple[str, str]]]) -> str:
    """A mark's tooltip: the row in one line."""
    if table == "facts":
        metric = labels["metrics"].get(row.get("metric_id") or "", ("", ""))
        entity = labels["entities"].get(row.get("entity_id") or "", ("", ""))
        return (f"{row_id} · {entity[0]} · {metric[0]} ({metric[1]}) = {row.get('value')} "
                f"{row.get('unit')} · {row.get('bound')}, {row.get('status')}"
                + (f", {row['period']}" if row.get("period") else ""))
    if table == "events":
        return f"{row_id} · {row.get('date')} · {row.get('description_en')}"
    return f"{row_id} · not a figure ({row.get('category')}): {row.get('reason')}"


def _conflicts(corpus: Corpus) -> list[ConflictView]:
    if not corpus.has_columns("conflicts", "conflict_id", "fact_ids", "description", "preferred"):
        return []
    facts = corpus.tables["facts"]
    by_id = {row.get("fact_id"): row for _, row in facts.rows()}
    views = []
    for _, row in corpus.tables["conflicts"].rows():
        ids = [f.strip() for f in (row["fact_ids"] or "").split("|") if f.strip()]
        sides = [{**by_id.get(f, {}), "fact_id": f, "location": facts.location_of(f)} for f in ids]
        views.append(ConflictView(row["conflict_id"] or "", row["description"] or "",
                                  row["preferred"] or None, sides))
    return views


def _run_info(root: Path, now: datetime | None, seconds: float) -> RunInfo:
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        now = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    commit, dirty = _git_state(root)
    embedded = is_embedded(root)
    absolute = _absolute(root)
    return RunInfo(now.isoformat(timespec="seconds"), str(absolute), __version__, commit, dirty,
                   seconds, embedded, corpus_name(absolute, embedded=embedded))


def _absolute(root: Path | str) -> Path:
    """``root`` as an absolute path (``.`` becomes the folder it stands for), links kept."""
    try:
        return Path(root).absolute()
    except OSError:  # the current folder is gone
        return Path(root)


def corpus_name(root: Path | str, *, embedded: bool = False) -> str:
    """What the report calls the corpus: "embedded corpus" for the one that ships with the
    validator, else its folder's name."""
    if embedded:
        return "embedded corpus"
    path = _absolute(root)
    return path.name or str(path)


def _corpus_info(corpus: Corpus) -> CorpusInfo:
    articles = corpus.tables["articles"]
    published = sorted({row.get("published") or "" for _, row in articles.rows()} - {""})
    return CorpusInfo(sum(1 for _ in corpus.tables["pages"].rows()), sum(1 for _ in articles.rows()),
                      published[0] if published else None, published[-1] if published else None)


def _git_state(root: Path) -> tuple[str | None, bool | None]:
    """The commit checked out at ``root`` and whether its seeds or tables differ from it."""
    def run(*args: str) -> str | None:
        try:
            done = git(root, *args)
        except InputError:
            return None
        return output(done) if done.returncode == 0 else None

    commit = run("rev-parse", "HEAD")
    if not commit:
        return None, None
    status = run("status", "--porcelain", "--", "seeds", "facts")
    return commit, bool(status) if status is not None else None
