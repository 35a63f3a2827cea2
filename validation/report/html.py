"""The report as one self-contained HTML page: styles, script and charts inline, no network.
Rendered by Jinja2 with autoescaping, so every cell and every line of a seed shows as text."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from validation.model.coverage import COVERED_BY
from validation.report.charts import series_svg
from validation.report.highlights import lay_out, mark_anchor, to_html
from validation.report.model import ArticleView, ReportData, row_anchor
from validation.report.series import Series
from validation.words import noun, plural

#: Columns shown with the Chinese and English labels of the entity or metric they name.
LABEL_COLUMNS = {"entity_id": "entities", "parent_id": "entities", "metric_id": "metrics"}
#: Id columns that link to the row's highlight in its article.
MARK_COLUMNS = {"facts": ("fact_id",), "events": ("event_id",), "exclusions": ("exclusion_id",)}


@cache
def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("validation.report", "templates"),
                              autoescape=select_autoescape(default=True, default_for_string=True),
                              trim_blocks=True, lstrip_blocks=True)
    environment.filters["plural"] = plural
    environment.filters["noun"] = noun
    return environment


def css_name(text: str) -> str:
    """``text`` (a column's name, from a table's header) as one class name: whatever a class
    name may not hold becomes ``_``, so a header cell cannot add classes of the report's own."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)


def _asset(name: str) -> Markup:
    """A stylesheet or script of our own, inlined as is."""
    return Markup(files("validation.report").joinpath("templates").joinpath(name).read_text(encoding="utf-8"))


def article_html(article: ArticleView) -> Markup:
    return to_html(lay_out(article.text, article.marks))


def to_html_page(data: ReportData) -> str:
    """The whole report as an HTML document."""
    totals = data.coverage.totals()
    hrefs = {row_id: row_anchor("facts", row_id) for row_id in
             (p.fact_id for s in data.series for p in s.points)}

    def chart(series: Series) -> Markup:
        return series_svg(series, hrefs)

    return _environment().get_template("report.html.j2").render(
        data=data, run=data.run, failures=data.failures, warnings=data.report.warnings,
        totals=totals, coverage_share=f"{data.coverage.covered_percent:.1f}%", covered_by=COVERED_BY,
        article_html=article_html, chart=chart, row_anchor=row_anchor, mark_anchor=mark_anchor,
        css_name=css_name,
        label_columns=LABEL_COLUMNS, mark_columns=MARK_COLUMNS,
        css=_asset("report.css"), js=_asset("report.js"))
