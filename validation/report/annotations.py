"""Findings as GitHub Actions workflow commands: one ``::error`` or ``::warning`` line per finding,
which GitHub shows inline on the pull request, at the file, line and column of the finding.

A message quotes cells of the tables, and a cell may hold anything: a line break followed by
``::error::`` or ``::set-output`` would be a second command for the runner, which reads commands
line by line. Every value is therefore made visible first (:func:`validation.textsafe.visible`:
control characters, line breaks included, and bidirectional overrides written out as escapes),
then escaped as GitHub requires (``%``, CR and LF in the message; also ``:`` and ``,`` in a
property), so that each finding is exactly one line and one command."""

from __future__ import annotations

import re
from dataclasses import dataclass

from validation.corpus import is_embedded
from validation.findings import Finding, Report
from validation.textsafe import visible
from validation.words import plural

#: Errors, and warnings, that GitHub shows as annotations per step; it drops the others silently
#: (they stay in the step's log).
ANNOTATED_PER_KIND = 10
#: ``path``, ``path:line`` or ``path:line:column``: a table row is ``facts/facts.csv:12``, a place
#: in a page is ``seeds/003_x.txt:61:5``.
_LOCATION = re.compile(r"(?P<path>.+?)(?::(?P<line>[0-9]+)(?::(?P<column>[0-9]+))?)?", re.DOTALL)


@dataclass(frozen=True)
class Where:
    """A finding's location taken apart: its file relative to the corpus root, and the 1-based
    line and column where they are known."""

    path: str
    line: int | None = None
    column: int | None = None


def parse_location(location: str | None) -> Where | None:
    """``facts/facts.csv:12`` as ``Where("facts/facts.csv", 12)``; ``None`` when there is none."""
    if not location:
        return None
    match = _LOCATION.fullmatch(location)
    if match is None:  # pragma: no cover - the pattern matches every non-empty string
        return Where(location)
    line, column = match.group("line"), match.group("column")
    return Where(match.group("path"),
                 int(line) if line and int(line) >= 1 else None,
                 int(column) if line and column and int(column) >= 1 else None)


def repository_path(path: str, prefix: str = "") -> str:
    """``path`` (relative to the corpus root) relative to the repository's root, given the corpus
    folder's path inside the repository (``""`` or ``"."`` for the root; with or without a
    trailing slash)."""
    folder = prefix.replace("\\", "/").strip("/")
    return path if folder in ("", ".") else f"{folder}/{path}"


def finding_text(finding: Finding) -> str:
    """What a finding says, its hint after a dash, made visible (on one line, no control
    character, no bidirectional override)."""
    text = f"{finding.message} — {finding.hint}" if finding.hint else finding.message
    return visible(text)


def escape_data(text: str) -> str:
    """The message of a workflow command, escaped as the runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value of a workflow command (``file=``, ``title=``), escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, prefix: str = "") -> str:
    """One workflow command for ``finding``: ``::error file=P,line=N,col=C,title=ID::MESSAGE``."""
    command = "warning" if finding.severity == "warning" else "error"
    properties = []
    where = parse_location(finding.location)
    if where is not None:
        properties.append(("file", repository_path(where.path, prefix)))
        if where.line is not None:
            properties.append(("line", str(where.line)))
            if where.column is not None:
                properties.append(("col", str(where.column)))
    properties.append(("title", finding.check))
    props = ",".join(f"{key}={escape_property(visible(value))}" for key, value in properties)
    return f"::{command} {props}::{escape_data(finding_text(finding))}"


def to_github(report: Report, *, prefix: str = "") -> str:
    """Every finding as a workflow command, then the verdict as a plain line for the log.

    ``prefix`` is the corpus folder's path inside the repository (GitHub resolves ``file=``
    from the repository's root): ``"data/corpus"`` annotates ``data/corpus/facts/facts.csv``.

    The verdict holds no text from the corpus, not even its folder's name: the runner also
    obeys a legacy command (``##[name]``) standing anywhere in a line that is no ``::``
    command."""
    lines = [annotation(f, prefix) for f in report.findings]
    verdict = "PASS" if report.ok else "FAIL"
    corpus = " in the embedded corpus" if is_embedded(report.root) else ""
    counts = f"{plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')}"
    lines.append(f"{verdict}: {counts}{corpus}")
    if max(len(report.errors), len(report.warnings)) > ANNOTATED_PER_KIND:
        lines.append(f"GitHub annotates the first {ANNOTATED_PER_KIND} errors and "
                     f"{ANNOTATED_PER_KIND} warnings of a step; every finding is listed above")
    return "\n".join(lines)


def error_command(message: str) -> str:
    """The workflow command a run that could not validate prints (exit status 2 or 3), so that
    the reason shows on the pull request too."""
    return f"::error title=validator-could-not-run::{escape_data(visible(message))}"
