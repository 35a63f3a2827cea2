"""`python -m validation export`: export the tables as a Frictionless data package."""

from __future__ import annotations

import argparse
from pathlib import Path

from validation.corpus import EMBEDDED, describe_root, resolve_root
from validation.export.datapackage import DESCRIPTOR, Export, export_datapackage
from validation.findings import Report
from validation.report.terminal import check_to_text
from validation.textsafe import join_lines
from validation.words import file_size, plural

NAME = "export"
#: Findings listed when the export is refused; `check` lists them all.
SHOWN = 20


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser: argparse.ArgumentParser = commands.add_parser(
        NAME, help="export the tables as a Frictionless data package",
        description="Write the corpus under --root as a Frictionless Data Package (v1) into a new "
                    f"folder --out: {DESCRIPTOR}, byte-for-byte copies of the tables in data/ and "
                    "of the pages in seeds/. Each table's Table Schema is generated from the "
                    "validator's schemas: types, required columns, patterns, allowed values, "
                    "primary and foreign keys. Nothing is written when the tables fail their "
                    "schema or reference checks or a page is missing or changed. Exit status 0 "
                    "exported, 1 refused for those findings, 2 unreadable corpus or unusable --out.")
    parser.add_argument("--format", choices=("datapackage",), default="datapackage",
                        help="what to export (default and only one so far: datapackage)")
    parser.add_argument("--root", type=Path, default=None,
                        help="folder holding seeds/ and facts/ (default: the current folder, when "
                             f"it holds seeds/ or facts/); '{EMBEDDED}' for the corpus that ships "
                             "with the validator")
    parser.add_argument("--out", type=Path, default=Path("datapackage"),
                        help="new or empty folder to write the package into (default: datapackage/ "
                             "in the current folder); never inside the corpus's seeds/ or facts/")
    parser.add_argument("--force", action="store_true",
                        help="replace --out whole when it holds an earlier export (a "
                             f"{DESCRIPTOR}); any other non-empty folder is still refused")
    return parser


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args.root).absolute()
    result = export_datapackage(root, args.out, force=args.force)
    print(render(result))
    return 0 if result.ok else 1


def render(result: Export) -> str:
    """What the export wrote, or the findings that stopped it."""
    corpus = describe_root(result.root)
    if not result.ok:
        shown = Report(root=str(result.root), findings=result.findings[:SHOWN])
        lines = check_to_text(shown).splitlines()[:-1]
        if len(result.findings) > SHOWN:
            lines.append(f"... and {len(result.findings) - SHOWN} more "
                         "(python -m validation check lists them all)")
        lines.append(f"REFUSED: {plural(len(result.findings), 'finding')} in {corpus}; nothing was "
                     f"written to {result.out}. The package would break its own schemas: fix "
                     "these and export again.")
        return join_lines(lines)
    out = result.out.absolute()
    tables = [f for f in result.files if f.rows is not None]
    seeds = [f for f in result.files if f.rows is None and f.path != DESCRIPTOR]
    lines = [f"exported {corpus} as data package {result.name!r} into {out}:", f"  {DESCRIPTOR}"]
    lines += [f"  {f.path:<24} {plural(f.rows or 0, 'row'):>12}  {file_size(f.size)}" for f in tables]
    lines.append(f"  seeds/{'':<18} {plural(len(seeds), 'page'):>12}  "
                 f"{file_size(sum(f.size for f in seeds))}")
    if result.left_out:
        lines.append(f"left out (the corpus has no such table): {', '.join(result.left_out)}")
    lines.append(f"validate it with any Frictionless tool, e.g. frictionless validate {out / DESCRIPTOR}")
    return join_lines(lines)
