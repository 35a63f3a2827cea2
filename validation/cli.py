"""Command line: ``python -m validation <command>``. Parses options, calls the library, renders
and picks the exit status: 0 pass, 1 validation failures, 2 usage error or unreadable input,
3 internal error (a defect of the validator, never of the data)."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from validation import __version__
from validation.canonical import format_tables
from validation.commands import ONRAMP
from validation.corpus import EMBEDDED, resolve_root
from validation.engine import coverage, validate
from validation.files import check_writable
from validation.findings import InputError
from validation.gate.rules import ALLOWABLE
from validation.report.annotations import error_command, to_github
from validation.report.json import check_to_json, coverage_to_json, error_to_json
from validation.report.model import build_report
from validation.report.sarif import error_to_sarif, to_sarif
from validation.report.summary import to_summary
from validation.report.terminal import check_to_text, coverage_to_text
from validation.textsafe import visible

EXIT_OK, EXIT_FAILURES, EXIT_UNUSABLE, EXIT_INTERNAL = 0, 1, 2, 3
#: Where to report an internal error.
REPORT_BUGS = "report it with the command you ran and the output of --debug"
T = TypeVar("T")


#: What --root says when it is left out.
ROOT_HELP = (f"folder holding seeds/ and facts/ (default: the current folder, when it holds "
             f"seeds/ or facts/); '{EMBEDDED}' for the corpus that ships with the validator")


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Validate fact tables against the news pages they were taken from.",
        epilog="Exit status: 0 pass, 1 findings (or a refused change), 2 usage error or "
               "unreadable input, 3 internal error (rerun with --debug for the traceback).")
    parser.add_argument("--debug", action="store_true",
                        help="on an internal error, print the full traceback")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    check = commands.add_parser(
        "check", help="validate a corpus (seeds/ and facts/) and list every failure",
        description="Validate the corpus under --root: schemas, references, seed integrity, "
                    "page layout, traceability of every quote, figure and date, coverage of "
                    "every printed number, and consistency (agreement, series, relations, "
                    "conflicts). Exit status 0 when all checks pass (known conflicts are "
                    "warnings), 1 when any fails, 2 when the input cannot be read.")
    _corpus_options(check, formats=False)
    check.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text",
                       help="output format (default: text; github: workflow commands that show "
                            "each finding inline on a pull request; sarif: SARIF 2.1.0 for code "
                            "scanning)")
    check.add_argument("--path-prefix", default=None, metavar="PREFIX",
                       help="for github and sarif: the corpus folder's path inside the repository "
                            "(default: --root as given when it is a relative path, else none)")
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
    gate = commands.add_parser(
        "gate", help="decide whether the change to the tables since a git ref may land",
        description="Compare the tables at git ref --base with the working tree, row by row by "
                    "primary key, run every check on both, and refuse the change (exit 1) when "
                    "a check fails that did not fail at --base, a removed row is still cited, "
                    "an id is reused for another figure, a seed was edited or deleted, a new "
                    "seed has no pages.csv sha256, a table was removed, or a table is not in "
                    "canonical form; and, unless named in --allow, when a relation is removed "
                    "or changed, a conflict is added or changed, or an exclusion takes over a "
                    "number a fact covered. Failures that already existed at --base are "
                    "reported as pre-existing and do not block. Exit status 0 accepted, "
                    "1 refused, 2 unusable input or ref.")
    gate.add_argument("--base", required=True,
                      help="git ref to compare with, e.g. origin/main")
    gate.add_argument("--root", type=Path, default=None, help=ROOT_HELP)
    gate.add_argument("--allow", default="", metavar="RULE[,RULE]",
                      help="let changes of these rules land (they are still listed): "
                           + ", ".join(sorted(ALLOWABLE)))
    gate.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                      help="output format (default: text; markdown is a ready pull-request comment)")
    fmt = commands.add_parser(
        "fmt", help="rewrite every table in canonical form",
        description="Rewrite every table under --root in canonical form: columns in schema "
                    "order, rows sorted by id, UTF-8 without BOM, LF, minimal quoting, decimals "
                    "without spurious trailing zeros. Each file is replaced atomically and no "
                    "cell is lost. With --check, change nothing, list the files that would "
                    "change and exit 1 if there are any.")
    fmt.add_argument("--check", action="store_true",
                     help="only list the tables that are not in canonical form")
    fmt.add_argument("--root", type=Path, default=None, help=ROOT_HELP)
    for onramp in ONRAMP:
        onramp.add_parser(commands)
    for command in commands.choices.values():
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                             help="on an internal error, print the full traceback")
    return parser


def _corpus_options(command: argparse.ArgumentParser, *, formats: bool = True) -> None:
    """--root, and --format where the command prints its result, for every command that reads
    a corpus."""
    command.add_argument("--root", type=Path, default=None, help=ROOT_HELP)
    command.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                         help="walk the pages in N processes on this machine (default: one per "
                              "usable processor; 1: in this process alone). The findings are "
                              "the same for every N")
    if formats:
        command.add_argument("--format", choices=("text", "json"), default="text",
                             help="output format (default: text)")


#: The most processes --jobs may ask for.
MAX_JOBS = 256


def _jobs(text: str) -> int:
    """--jobs: a whole number of processes, 1 to :data:`MAX_JOBS`."""
    if not text.strip().isdecimal() or not 1 <= int(text) <= MAX_JOBS:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of processes from 1 to {MAX_JOBS}")
    return int(text)


def program_name() -> str:
    """How the validator was called, for its usage line: the script's name, or
    ``python -m validation`` when run as a module."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return "python -m validation" if name in ("", "__main__.py", "-c") else name


def program(prog: str | None = None) -> int:
    """The program (``tianxin-validate``, ``python -m validation``): :func:`main` in a process of
    its own, which keeps pandera from importing hypothesis. pandera does so on its first
    validation whenever hypothesis is installed (the test extra), to offer data generation:
    0.1 s of a check of the embedded corpus, for nothing a command uses. :func:`main` itself
    leaves the modules of a process that calls it alone."""
    sys.modules.setdefault("hypothesis", None)  # type: ignore[arg-type]
    return main(prog=prog)


def main(argv: list[str] | None = None, *, prog: str | None = None) -> int:
    args = build_parser(prog or program_name()).parse_args(argv)
    try:
        return _guarded(args)
    except BrokenPipeError:
        # The reader of our output went away (e.g. ``| head``), perhaps while an error was
        # being said; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _guarded(args: argparse.Namespace) -> int:
    """Run the command; every failure becomes a message and its exit status, never a traceback."""
    try:
        return _dispatch(args)
    except InputError as exc:
        return _fail(args, EXIT_UNUSABLE, str(exc))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise
    except Exception as exc:  # the last line of defence: never a bare traceback
        if args.debug:
            traceback.print_exc()
        where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
        return _fail(args, EXIT_INTERNAL,
                     f"{type(exc).__name__}{at}: {exc}. This is a defect of the validator, not of "
                     f"your data; rerun with --debug and {REPORT_BUGS}", prefix="internal error")


def _fail(args: argparse.Namespace, status: int, message: str, *, prefix: str = "error") -> int:
    """Say on stderr why the command could not run; with ``--format json``, also print a JSON
    error object on stdout, so that a machine reading stdout gets JSON whatever happens."""
    print(f"{prefix}: {visible(message)}", file=sys.stderr)
    form = getattr(args, "format", None)
    if form == "json":
        print(error_to_json(message, status))
    elif form == "sarif":
        print(error_to_sarif(message, status))
    elif form == "github":
        print(error_command(message))
    return status


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "check":
        return _check(args)
    if args.command == "coverage":
        return _coverage(args)
    if args.command == "report":
        return _report(args)
    if args.command == "gate":
        return _gate(args)
    if args.command == "fmt":
        return _fmt(args)
    for onramp in ONRAMP:
        if args.command == onramp.NAME:
            return onramp.run(args)
    return EXIT_UNUSABLE  # pragma: no cover - argparse rejects unknown commands


def _root(args: argparse.Namespace) -> Path:
    """The corpus folder the command reads, as an absolute path (raises InputError)."""
    return resolve_root(args.root).absolute()


def _run(args: argparse.Namespace, compute: Callable[[Path], T]) -> tuple[Path, T]:
    """Compute on the corpus the command reads; InputError propagates to :func:`main`."""
    root = _root(args)
    return root, compute(root)


def _check(args: argparse.Namespace) -> int:
    _, report = _run(args, lambda root: validate(root, jobs=args.jobs))
    if args.format == "json":
        print(check_to_json(report))
    elif args.format == "github":
        print(to_github(report, prefix=_path_prefix(args)))
    elif args.format == "sarif":
        print(to_sarif(report, prefix=_path_prefix(args)))
    else:
        print(check_to_text(report, timings=args.timings))
    return EXIT_OK if report.ok else EXIT_FAILURES


def _path_prefix(args: argparse.Namespace) -> str:
    """Where the corpus lies inside the repository, for paths that CI tools resolve from the
    repository's root: --path-prefix, else a relative --root below the current folder."""
    if args.path_prefix is not None:
        prefix = str(args.path_prefix).strip("/")
    elif args.root is not None and not args.root.is_absolute() and str(args.root) != EMBEDDED:
        prefix = os.path.normpath(args.root)
        prefix = "" if prefix == "." or prefix.startswith("..") else prefix
    else:
        prefix = ""
    return f"{prefix}/" if prefix else ""


def _coverage(args: argparse.Namespace) -> int:
    root, result = _run(args, lambda root: coverage(root, jobs=args.jobs))
    if args.format == "json":
        print(coverage_to_json(result, str(root)))
    else:
        print(coverage_to_text(result, str(root)))
    return EXIT_OK if not result.findings else EXIT_FAILURES


def _report(args: argparse.Namespace) -> int:
    from validation.report.write import write_report  # the HTML templates: only where written

    _, data = _run(args, lambda root: build_report(root, jobs=args.jobs))
    try:
        written = write_report(data, args.out)
    except OSError as exc:
        return _fail(args, EXIT_UNUSABLE, f"cannot write the report into {args.out}: "
                     f"{exc.strerror or exc}; choose another folder with --out")
    print(to_summary(data, written))
    return EXIT_OK if data.ok else EXIT_FAILURES


def _gate(args: argparse.Namespace) -> int:
    from validation.gate import gate  # only the gate needs git and the diff of two corpora
    from validation.gate.verdict import parse_allow
    from validation.report.gate import gate_to_json, gate_to_markdown, gate_to_text

    allow = parse_allow(args.allow)
    _, result = _run(args, lambda root: gate(root, args.base, allow))
    rendering = {"text": gate_to_text, "markdown": gate_to_markdown, "json": gate_to_json}[args.format]
    print(rendering(result))
    return EXIT_OK if result.accepted else EXIT_FAILURES


def _fmt(args: argparse.Namespace) -> int:
    root = _root(args)
    if args.check:
        return _fmt_check(root)
    try:
        changed = format_tables(root, write=True)
    except OSError as exc:
        return _fail(args, EXIT_UNUSABLE,
                     f"cannot rewrite {exc.filename}: {exc.strerror}; no table was changed")
    for table in changed:
        print(f"reformatted {table.display_path}")
    print(f"{len(changed)} table(s) reformatted in {root}")
    return EXIT_OK


def _fmt_check(root: Path) -> int:
    """List each table fmt would change and why; exit 2 if fmt would refuse one."""
    changed = format_tables(root, write=False)
    refused = [t for t in changed if t.error]
    for table in changed:
        if table.error:
            print(f"fmt would refuse {table.display_path}: {visible(table.error)}")
            continue
        try:
            check_writable(table.path, table.display_path)
        except InputError as exc:
            refused.append(table)
            print(f"fmt would refuse {table.display_path}: {visible(str(exc))}")
            continue
        print(f"would reformat {table.display_path}: {'; '.join(table.differences())}")
    if refused:
        print(f"{len(refused)} table(s) fmt cannot rewrite in {root}; fix them first")
        return EXIT_UNUSABLE
    print(f"{len(changed)} table(s) not in canonical form in {root}" if changed
          else f"all tables in canonical form in {root}")
    return EXIT_FAILURES if changed else EXIT_OK
