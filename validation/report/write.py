"""Write the three forms of a report into a folder, each file atomically."""

from __future__ import annotations

from pathlib import Path

from validation.files import staged
from validation.report.html import to_html_page
from validation.report.json import report_to_json
from validation.report.markdown import to_markdown
from validation.report.model import ReportData

REPORT_FILES = {"html": "validation-report.html", "markdown": "validation-report.md",
                "json": "validation-report.json"}


def write_report(data: ReportData, out: Path) -> dict[str, Path]:
    """Write the HTML, Markdown and JSON reports into ``out`` (created if needed), as one set:
    all three are written to temporary files before any replaces its older version."""
    renderings = {"html": to_html_page(data), "markdown": to_markdown(data), "json": report_to_json(data)}
    out.mkdir(parents=True, exist_ok=True)
    written = {form: out / REPORT_FILES[form] for form in renderings}
    with staged(out) as stage:
        for form, text in renderings.items():
            stage(written[form], text)
    return written

