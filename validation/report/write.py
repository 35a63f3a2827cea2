"""Write the three forms of a report into a folder, each file atomically."""

from __future__ import annotations

from pathlib import Path

from validation.files import write_atomically
from validation.report.html import to_html_page
from validation.report.json import to_json
from validation.report.markdown import to_markdown
from validation.report.model import ReportData

REPORT_FILES = {"html": "validation-report.html", "markdown": "validation-report.md",
                "json": "validation-report.json"}


def write_report(data: ReportData, out: Path) -> dict[str, Path]:
    """Write the HTML, Markdown and JSON reports into ``out`` (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    renderings = {"html": to_html_page(data), "markdown": to_markdown(data), "json": to_json(data)}
    written = {}
    for form, text in renderings.items():
        path = out / REPORT_FILES[form]
        write_atomically(path, text)
        written[form] = path
    return written

