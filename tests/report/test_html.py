import csv
import re
from collections import Counter

import pytest

from tests.conftest import REPO, edit_cell
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
    first = failures.split('<tr class="failure">')[1]
    assert "figure-mismatch" in first and 'href="#row-facts-F0024"' in first
    assert "<td>777</td><td>778</td>" in failures
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
    failure = html.split('<tr class="failure">')[1].split("</tr>")[0]
    assert "mention-not-covered" in failure and 'href="#article-A000-01"' in failure


def test_markup_in_a_note_is_escaped(corpus_root):
    edit_cell(corpus_root, "facts", "F0001", "note", "<script>alert('x')</script> & <b>bold</b>")
    edit_cell(corpus_root, "conflicts", "C0001", "description", "<img src=x onerror=alert(1)>")
    html = to_html_page(build_report(corpus_root))
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("<script>") == 1  # the report's own
