"""Write the three forms of a report into a folder, each file atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from validation.report.html import to_html_page
from validation.report.json import to_json
from validation.report.markdown import to_markdown
from validation.report.model import ReportData

REPORT_FILES = {"html": "validation-report.html", "markdown": "validation-report.md",
                "json": "validation-report.json"}


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename, so a
    reader never sees half a file and a failed write leaves the old one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
