"""Validate fact tables extracted from news pages: every figure traced to the words that state it."""

from validation.engine import validate
from validation.findings import Finding, InputError, Report

__all__ = ["Finding", "InputError", "Report", "validate"]
__version__ = "0.7.0"
