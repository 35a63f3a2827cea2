"""Command line: ``python -m validation <command>``. Parses options, calls the library, renders
and picks the exit status (0 pass, 1 validation failures, 2 usage error or unreadable input)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from validation import render
from validation.corpus import default_root
from validation.engine import validate
from validation.findings import InputError

EXIT_OK, EXIT_FAILURES, EXIT_UNUSABLE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m validation",
        description="Validate fact tables against the news pages they were taken from.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    check = commands.add_parser(
        "check", help="validate a corpus (seeds/ and facts/) and list every failure",
        description="Validate the corpus under --root: schemas, references, seed integrity, "
                    "page layout, traceability of every quote and figure. Exit status 0 when "
                    "all checks pass, 1 when any fails, 2 when the input cannot be read.")
    check.add_argument("--root", type=Path, default=None,
                       help="folder holding seeds/ and facts/ (default: the embedded corpus)")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="output format (default: text)")
    check.add_argument("--timings", action="store_true",
                       help="print the time each check family took")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return _check(args)
    return EXIT_UNUSABLE  # pragma: no cover - argparse rejects unknown commands


def _check(args: argparse.Namespace) -> int:
    root = args.root if args.root is not None else default_root()
    try:
        report = validate(root)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    if args.format == "json":
        print(render.to_json(report))
    else:
        print(render.to_text(report, timings=args.timings))
    return EXIT_OK if report.ok else EXIT_FAILURES
