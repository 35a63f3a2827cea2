"""Command line: ``python -m validation <command>``. Parses options, calls the library, renders
and picks the exit status (0 pass, 1 validation failures, 2 usage error or unreadable input)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from validation import render
from validation.corpus import default_root
from validation.engine import coverage, validate
from validation.findings import InputError
from validation.report.model import build_report
from validation.report.summary import to_summary
from validation.report.write import write_report

EXIT_OK, EXIT_FAILURES, EXIT_UNUSABLE = 0, 1, 2
T = TypeVar("T")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m validation",
        description="Validate fact tables against the news pages they were taken from.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    check = commands.add_parser(
        "check", help="validate a corpus (seeds/ and facts/) and list every failure",
        description="Validate the corpus under --root: schemas, references, seed integrity, "
                    "page layout, traceability of every quote, figure and date, coverage of "
                    "every printed number, and consistency (agreement, series, relations, "
                    "conflicts). Exit status 0 when all checks pass (known conflicts are "
                    "warnings), 1 when any fails, 2 when the input cannot be read.")
    _corpus_options(check)
    check.add_argument("--timings", action="store_true",
                       help="print the time each check family took")
    cover = commands.add_parser(
        "coverage", help="count the numeric mentions of each block and what covers them",
        description="Scan every block of every page for numeric mentions (figures and dates) "
                    "and show, per block, how many are covered by facts, events, fact periods "
                    "and exclusions, then list the uncovered ones. Exit status 0 when every "
                    "mention is covered and every exclusion still matches one, 1 otherwise, "
                    "2 when the input cannot be read.")
    _corpus_options(cover)
    report = commands.add_parser(
        "report", help="write the validation report as HTML, Markdown and JSON",
        description="Validate the corpus under --root like 'check', and write "
                    "validation-report.html (self-contained: every article with its figures "
                    "highlighted, failures, conflicts, series charts, searchable tables), "
                    "validation-report.md (a summary for CI) and validation-report.json "
                    "(everything, for machines) into --out, then print a one-screen summary. "
                    "Exit status as for 'check': 0 all pass, 1 failures, 2 unusable input.")
    _corpus_options(report, formats=False)
    report.add_argument("--out", type=Path, default=Path("reports"),
                        help="folder to write the three files into (default: reports/)")
    return parser


def _corpus_options(command: argparse.ArgumentParser, *, formats: bool = True) -> None:
    """--root, and --format where the command prints its result, for every command that reads
    a corpus."""
    command.add_argument("--root", type=Path, default=None,
                         help="folder holding seeds/ and facts/ (default: the embedded corpus)")
    if formats:
        command.add_argument("--format", choices=("text", "json"), default="text",
                             help="output format (default: text)")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return _check(args)
    if args.command == "coverage":
        return _coverage(args)
    if args.command == "report":
        return _report(args)
    return EXIT_UNUSABLE  # pragma: no cover - argparse rejects unknown commands


def _run(args: argparse.Namespace, compute: Callable[[Path], T]) -> tuple[Path, T | None]:
    """Compute on the corpus under --root; ``None`` (after saying why) when it cannot be read."""
    root = args.root if args.root is not None else default_root()
    try:
        return root, compute(root)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return root, None


def _check(args: argparse.Namespace) -> int:
    _, report = _run(args, validate)
    if report is None:
        return EXIT_UNUSABLE
    if args.format == "json":
        print(render.to_json(report))
    else:
        print(render.to_text(report, timings=args.timings))
    return EXIT_OK if report.ok else EXIT_FAILURES


def _coverage(args: argparse.Namespace) -> int:
    root, result = _run(args, coverage)
    if result is None:
        return EXIT_UNUSABLE
    if args.format == "json":
        print(render.coverage_to_json(result, str(root)))
    else:
        print(render.coverage_to_text(result, str(root)))
    return EXIT_OK if not result.findings else EXIT_FAILURES


def _report(args: argparse.Namespace) -> int:
    _, data = _run(args, build_report)
    if data is None:
        return EXIT_UNUSABLE
    try:
        written = write_report(data, args.out)
    except OSError as exc:
        print(f"error: cannot write the report into {args.out}: {exc.strerror or exc}; "
              "choose another folder with --out", file=sys.stderr)
        return EXIT_UNUSABLE
    print(to_summary(data, written))
    return EXIT_OK if data.ok else EXIT_FAILURES
