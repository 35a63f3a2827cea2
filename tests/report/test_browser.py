"""End to end in a real browser: Debian's headless Chromium, driven by Playwright, opens the
written HTML report, and a reader finds each article's figures highlighted and clickable."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from validation.cli import main

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: Flags for a root user on a machine without network (see README, Development).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def rows_per_article(table: str) -> dict[str, int]:
    with open(REPO / "facts" / f"{table}.csv", encoding="utf-8", newline="") as handle:
        counts: dict[str, int] = {}
        for row in csv.DictReader(handle):
            counts[row["article_id"]] = counts.get(row["article_id"], 0) + 1
        return counts


@pytest.fixture(scope="module")
def browser():
    assert shutil.which(CHROMIUM) or Path(CHROMIUM).is_file(), (
        f"{CHROMIUM} not found: install Debian's chromium package (apt-get install -y chromium), "
        "as .ci/run does, or point CHROMIUM at a Chromium binary")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    assert main(["report", "--out", str(out)]) == 0
    return out / "validation-report.html"


def test_article_shows_one_highlight_per_fact_and_event_and_a_click_shows_the_fact(
        browser, report_html, tmp_path):
    facts, events = rows_per_article("facts"), rows_per_article("events")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report_html.as_uri())

    for article in ("A000-01", "A001-03", "A003-01"):
        view = page.locator(f"#article-{article}")
        assert view.locator("mark.fact").count() == facts.get(article, 0)
        assert view.locator("mark.event").count() == events.get(article, 0)
        assert view.locator("mark.fact, mark.event").count() == facts[article] + events.get(article, 0)

    mark = page.locator("#mark-facts-F0001")
    mark.scroll_into_view_if_needed()
    assert page.locator("#details").is_hidden()
    mark.click()
    details = page.locator("#details")
    assert details.is_visible()
    text = details.inner_text()
    assert "facts/F0001" in text and "industrial_enterprises" in text and "361" in text
    assert "exact" in text and "actual" in text and "2017" in text

    # A date covered as a fact's period is marked, and shows the fact it is the period of.
    period = page.locator("#article-A000-01 mark.period", has_text="2017年")
    period.click()
    text = details.inner_text()
    assert "2017年" in text and "facts/F0001" in text and "361家" in text

    # Chinese is drawn with a Chinese font of the stack, not as boxes (here WenQuanYi Zen Hei).
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    for selector in ("#article-A000-01 .text", "figure.series figcaption"):
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
        assert fonts & {"WenQuanYi Zen Hei", "Noto Sans CJK SC", "Source Han Sans SC"}, (selector, fonts)

    page.screenshot(path=str(tmp_path / "article.png"))
    assert (tmp_path / "article.png").stat().st_size > 10_000
    assert errors == []
    assert all(url.startswith("file:") for url in requests), requests  # no network at all


def test_nested_highlights_show_every_row_they_stand_for(browser, report_html):
    page = browser.new_page()
    page.goto(report_html.as_uri())
    page.locator("#mark-facts-F0008").click()  # one printed 第一 ranks two things
    text = page.locator("#details").inner_text()
    assert "facts/F0007" in text and "facts/F0008" in text


def test_tables_filter_and_sort(browser, report_html):
    page = browser.new_page()
    page.goto(report_html.as_uri())
    page.fill("input[data-filter='data-facts']", "数商会员")
    visible = page.locator("#data-facts tbody tr:visible")
    assert 0 < visible.count() < 10
    assert all("数商会员" in visible.nth(i).inner_text() for i in range(visible.count()))
    page.fill("input[data-filter='data-facts']", "")
    header = page.locator("#data-facts thead th", has_text="value")
    header.click()
    header.click()  # descending
    first = page.locator("#data-facts tbody tr").first.locator("td").nth(4).inner_text()
    values = [float(v) for v in page.locator("#data-facts tbody tr td:nth-child(5)").all_inner_texts()]
    assert float(first) == max(values)


def test_a_failing_fact_shows_its_failures_and_an_uncovered_mention_is_jumped_to(browser, corpus_root,
                                                                                   tmp_path):
    from tests.conftest import edit_cell, read_rows, write_rows

    edit_cell(corpus_root, "facts", "F0024", "value", "778")
    header, rows = read_rows(corpus_root / "facts" / "facts.csv")  # 超10亿元, far down A000-01
    write_rows(corpus_root / "facts" / "facts.csv", header, [r for r in rows if r[0] != "F0121"])
    assert main(["report", "--root", str(corpus_root), "--out", str(tmp_path)]) == 1
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto((tmp_path / "validation-report.html").as_uri())
    assert page.locator("#verdict").inner_text() == "FAIL"
    first = page.locator("#failures tr.failure").first
    assert "figure-mismatch" in first.inner_text() and "F0024" in first.inner_text()
    first.locator("a").first.click()
    assert page.evaluate("location.hash") == "#row-facts-F0024"

    # Clicking the red figure shows its row and each failing check of it.
    mark = page.locator("#mark-facts-F0024")
    assert "failing" in mark.get_attribute("class")
    mark.click()
    details = page.locator("#details")
    failure = details.locator(".failure-detail").first
    assert failure.locator(".detail-check").inner_text() == "figure-mismatch"
    assert "reads as 777" in failure.locator(".detail-message").inner_text()
    assert failure.locator(".detail-expected").inner_text() == "777"
    assert failure.locator(".detail-found").inner_text() == "778"
    assert failure.locator(".detail-hint").inner_text().startswith("hint: ")
    page.keyboard.press("Escape")

    # The uncovered mention's link lands on the mention, below the sticky header, emphasised.
    page.evaluate("window.scrollTo(0, 0)")
    link = page.locator("#failures tr.failure", has_text="mention-not-covered").locator("a").first
    target = link.get_attribute("href")
    assert target.startswith("#mention-A000-01-")
    link.click()
    mention = page.locator(target)
    assert "uncovered" in mention.get_attribute("class") and mention.inner_text() == "超10亿元"
    assert "flash" in mention.get_attribute("class")
    header_bottom = page.evaluate("document.querySelector('header.top').getBoundingClientRect().bottom")
    box = mention.bounding_box()
    assert header_bottom <= box["y"] and box["y"] + box["height"] <= 800, (header_bottom, box)
    text_box = page.locator("#article-A000-01 .text").bounding_box()  # inside its scrolled text
    assert text_box["y"] <= box["y"] and box["y"] + box["height"] <= text_box["y"] + text_box["height"]
    mention.click()
    assert "mention-not-covered" in page.locator("#details .detail-check").inner_text()
