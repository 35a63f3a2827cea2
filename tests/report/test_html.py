import csv
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

import validation.report
from tests.conftest import REPO, edit_cell, read_rows, write_rows
from tests.report.helpers import parse
from validation.report.html import to_html_page
from validation.report.model import build_report


@pytest.fixture(scope="module")
def corpus_html() -> str:
    return to_html_page(build_report(REPO))


def count_by_article(table: str) -> Counter:
    with open(REPO / "facts" / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return Counter(row["article_id"] for row in csv.DictReader(handle))


def test_every_fact_and_event_is_highlighted_once_in_its_article(corpus_html):
    marks = parse(corpus_html).marks
    for table, kind in (("facts", "fact"), ("events", "event")):
        expected = count_by_article(table)
        found = Counter({a: sum(kind in m["class"].split() for m in ms) for a, ms in marks.items()})
        assert +found == +expected, table
    refs = [m["data-ref"] for ms in marks.values() for m in ms if m["data-ref"]]
    assert len(refs) == len(set(refs))


def test_page_is_self_contained(corpus_html):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", corpus_html)
    assert "@import" not in corpus_html and "url(" not in corpus_html
    assert "<style>" in corpus_html and "<script>" in corpus_html and "<svg" in corpus_html


def test_a_passing_corpus_has_no_failures_section_and_shows_its_summary(corpus_html):
    page = parse(corpus_html)
    assert "failures" not in page.ids
    assert page.order[:2] == ["overview", "summary"]
    assert 'id="verdict">PASS<' in corpus_html
    assert 'id="count-errors">0<' in corpus_html
    for section in ("articles", "conflicts", "series", "tables", "conflict-C0001", "table-facts"):
        assert section in page.ids


def test_every_row_of_every_table_has_an_anchor(corpus_html):
    ids = set(parse(corpus_html).ids)
    with open(REPO / "facts" / "facts.csv", encoding="utf-8", newline="") as handle:
        assert {f"row-facts-{r['fact_id']}" for r in csv.DictReader(handle)} <= ids
    assert "row-units-亿元-money" in ids  # a two-column key


def test_labels_are_shown_in_chinese_and_english(corpus_html):
    assert "天心经开区 / Tianxin Economic Development Zone" in corpus_html


def test_series_points_link_to_their_facts(corpus_html):
    figure = corpus_html.split('id="series-hunan_big_data_exchange.exchange_members"', 1)[1]
    figure = figure.split("</figure>", 1)[0]
    links = re.findall(r'<a href="#(row-facts-F\d+)" class="point', figure)
    assert len(links) == 3
    ids = set(parse(corpus_html).ids)
    assert set(links) <= ids


def test_an_injected_failure_comes_first_with_a_link_to_its_row(corpus_root):
    edit_cell(corpus_root, "facts", "F0024", "value", "778")
    data = build_report(corpus_root)
    html = to_html_page(data)
    page = parse(html)
    assert page.order[:2] == ["overview", "failures"]
    assert 'id="verdict">FAIL<' in html and f'id="count-errors">{len(data.failures)}<' in html
    failures = html.split('id="failures"', 1)[1].split("</section>", 1)[0]
    first = failures.split('<tr class="failure"')[1]
    assert "figure-mismatch" in first and 'href="#row-facts-F0024"' in first
    assert '<td class="f-expected">777</td><td class="f-found">778</td>' in failures
    (mark,) = [m for ms in page.marks.values() for m in ms if m.get("id") == "mark-facts-F0024"]
    assert "failing" in mark["class"].split()
    assert '<tr id="row-facts-F0024" class="failing">' in html


def test_uncovered_mentions_are_marked_in_their_article(corpus_root):
    path = corpus_root / "facts" / "facts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("F0024,")), encoding="utf-8")
    html = to_html_page(build_report(corpus_root))
    page = parse(html)
    uncovered = {a: m for a, ms in page.marks.items() for m in ms if "uncovered" in m["class"].split()}
    assert list(uncovered) == ["A000-01"] and "777家" in uncovered["A000-01"]["title"]
    failure = html.split('<tr class="failure"')[1].split("</tr>")[0]
    anchor = uncovered["A000-01"]["id"]
    assert anchor.startswith("mention-A000-01-")
    # the link goes to the mention itself, not to the top of its article
    assert "mention-not-covered" in failure and f'href="#{anchor}"' in failure
    assert f'data-mention="{anchor}"' in failure


def test_markup_in_a_note_is_escaped(corpus_root):
    edit_cell(corpus_root, "facts", "F0001", "note", "<script>alert('x')</script> & <b>bold</b>")
    edit_cell(corpus_root, "conflicts", "C0001", "description", "<img src=x onerror=alert(1)>")
    html = to_html_page(build_report(corpus_root))
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("<script>") == 1  # the report's own


class FailureRows(HTMLParser):
    """The failures table: each row's data attributes and its cells by class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[dict[str, str]] = []
        self._cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "tr" and attributes.get("class") == "failure":
            self.rows.append({k: v for k, v in attributes.items() if k.startswith("data-")})
        elif self.rows and attributes.get("class", "").startswith("f-"):
            self._cell = attributes["class"]
            self.rows[-1].setdefault(self._cell, "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "span"):
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell and self.rows:
            self.rows[-1][self._cell] += data


def failure_rows(html: str) -> list[dict[str, str]]:
    parser = FailureRows()
    parser.feed(html.split('id="failures"', 1)[1].split("</section>", 1)[0])
    return parser.rows


def test_each_failure_names_its_row_for_the_panel_with_check_message_expected_found_and_hint(corpus_root):
    """The details panel of a failing figure lists the failures whose data-ref is the mark's
    (report.js reads them from these cells)."""
    edit_cell(corpus_root, "facts", "F0024", "value", "778")
    data = build_report(corpus_root)
    html = to_html_page(data)
    rows = failure_rows(html)
    assert len(rows) == len(data.failures)
    (row,) = [r for r in rows if r.get("data-ref") == "facts/F0024"]
    finding = next(f for f in data.failures if f.row == "F0024")
    assert row["f-check"] == "figure-mismatch" == finding.check
    assert (row["f-message"], row["f-expected"], row["f-found"], row["f-column"]) == (
        finding.message, "777", "778", "value")
    assert row["f-hint"] == finding.hint and finding.hint
    (mark,) = [m for ms in parse(html).marks.values() for m in ms if m.get("id") == "mark-facts-F0024"]
    assert mark["data-ref"] == row["data-ref"]  # what the script matches on
    script = html.split("<script>", 1)[1]
    for needed in ("tr.dataset.ref === ref", "f-hint", "f-expected", "f-found", "f-message", "f-check"):
        assert needed in script, needed


def test_every_mark_has_an_anchor_and_dates_covered_as_periods_are_marked(corpus_html):
    marks = [m for ms in parse(corpus_html).marks.values() for m in ms]
    ids = [m.get("id") for m in marks]
    assert all(ids) and len(ids) == len(set(ids))
    periods = [m for m in marks if "period" in m["class"].split()]
    data = build_report(REPO)
    assert len(periods) == data.coverage.totals()["covered_by_periods"] > 0
    rows = set(parse(corpus_html).ids)
    for mark in periods:
        assert mark["id"].startswith("mention-") and not mark["data-ref"]
        owners = json.loads(mark["data-period-of"])
        assert owners and all(f"row-{o.replace('/', '-')}" in rows for o in owners)
    (first,) = [m for m in periods if "2017年" in m["title"]]  # 2017年前 in A000-01, F0001's period
    assert "facts/F0001" in json.loads(first["data-period-of"])
    legend = corpus_html.split('class="legend"', 1)[1].split("</p>", 1)[0]
    assert '<mark class="hl period">' in legend
    css = corpus_html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert re.search(r"mark\.period \{[^}]*background", css)


def test_a_jump_lands_below_the_sticky_header_and_is_emphasised(corpus_html):
    css = corpus_html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert re.search(r"\[id\], mark\.hl \{ scroll-margin-top: calc\(var\(--header-height\)", css)
    assert "header.top" in css and "position: sticky" in css
    assert re.search(r"mark\.hl\.flash[^{]*\{ animation: flash", css)
    script = corpus_html.split("<script>", 1)[1]
    assert '"--header-height"' in script and 'classList.add("flash")' in script


CJK_FONTS = ('"Noto Sans CJK SC"', '"Source Han Sans SC"', '"WenQuanYi Zen Hei"', '"PingFang SC"',
             '"Hiragino Sans GB"', '"Microsoft YaHei"', '"SimHei"')


def test_the_font_stack_names_a_chinese_font_of_every_common_system_for_text_tables_and_charts(corpus_html):
    css = corpus_html.split("<style>", 1)[1].split("</style>", 1)[0]
    cjk = re.search(r"--cjk:([^;]*);", css).group(1)
    positions = [cjk.find(font) for font in CJK_FONTS]
    assert all(p >= 0 for p in positions), cjk
    sans = re.search(r"--sans:([^;]*);", css).group(1)
    assert "var(--cjk)" in sans and sans.strip().endswith("sans-serif")
    assert re.search(r"body \{ font: 14px/1\.5 var\(--sans\)", css)
    rule = re.search(r"\n([^{\n]*svg text[^{\n]*)\{ font-family: var\(--sans\); \}", css).group(1)
    assert "table" in rule and "input" in rule
    assert 'class="text" lang="zh-CN"' in corpus_html


def test_counts_agree_with_their_nouns(corpus_root):
    """No "(s)": one row is "1 row"."""
    header, rows = read_rows(corpus_root / "facts" / "conflicts.csv")
    write_rows(corpus_root / "facts" / "conflicts.csv", header, rows[:1])
    data = build_report(corpus_root)
    html = to_html_page(data)
    assert "conflicts.csv · 1 row</h3>" in html and 'id="data-conflicts-count">1 row<' in html
    assert re.search(r"facts\.csv · \d\d+ rows</h3>", html)
    assert "<b>1</b>known conflict</div>" in html
    assert "(s)" not in html
    script = html.split("<script>", 1)[1]
    assert 'plural(table.tBodies[0].rows.length, "row")' in script


def test_the_title_and_labels_come_from_the_corpus(corpus_root):
    html = to_html_page(build_report(corpus_root))  # a folder named "corpus"
    assert "<title>PASS · corpus · validation report</title>" in html
    assert '<span id="corpus-name">corpus</span>' in html
    about = html.split('id="corpus-about">', 1)[1].split("</div>", 1)[0]
    assert about.startswith("5 pages, 37 articles, published 2024-01 to ") and str(corpus_root) in about
    embedded = to_html_page(build_report(REPO))
    assert '<span id="corpus-name">embedded corpus</span>' in embedded
    assert f"the embedded corpus ({REPO})" in embedded


def test_no_template_or_renderer_names_the_embedded_corpus():
    """Nothing of the report's own wording is about Tianxin: whatever says so comes from the data."""
    package = Path(validation.report.__file__).parent
    own = [*(package / "templates").iterdir(),
           *(package / f"{name}.py" for name in ("html", "markdown", "summary", "json", "model",
                                                   "charts", "series", "scales", "highlights")),
           package.parent / "words.py"]
    for path in own:
        assert "tianxin" not in path.read_text(encoding="utf-8").lower(), path
