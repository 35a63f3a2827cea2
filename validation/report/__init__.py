"""The validation report: what it shows (:mod:`.model`), and its HTML, Markdown and JSON forms."""

from validation.report.model import ReportData, build_report

__all__ = ["ReportData", "build_report"]
