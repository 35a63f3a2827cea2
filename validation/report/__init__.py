"""Every rendering: the validation report (what it shows, :mod:`.model`, and its HTML, Markdown,
JSON, SARIF and annotation forms), what ``check`` and ``coverage`` print (:mod:`.terminal`,
:mod:`.json`) and the gate's verdict (:mod:`.gate`); every JSON carries the one
``format_version`` of :mod:`.json`."""

from validation.report.model import ReportData, build_report

__all__ = ["ReportData", "build_report"]
