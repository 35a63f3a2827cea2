"""`python -m validation draft`: propose a row for every mention no row covers, or --apply
reviewed drafts."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from validation.corpus import DRAFT_FILE as DEFAULT_DRAFT_FILE
from validation.corpus import describe_root, resolve_root
from validation.findings import InputError
from validation.textsafe import join_lines, visible
from validation.words import plural

if TYPE_CHECKING:  # the library is imported when the command runs, not for every command
    from validation.apply import Applied
    from validation.draft import Drafts

NAME = "draft"
EXIT_OK, EXIT_REFUSED = 0, 1


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser: argparse.ArgumentParser = commands.add_parser(
        NAME, help="propose a row for every mention no row covers (or --apply reviewed drafts)",
        description="Propose one row for every numeric mention that no fact, event, fact period "
                    "or exclusion covers: an event for a date, a fact for a figure (value, unit, "
                    "bound, status and period read from the page), an exclusion with a suggested "
                    "category for a number that counts nothing. The rows go into one CSV file "
                    "for review, never into the tables. With --apply, merge a reviewed draft "
                    "file into facts.csv, events.csv and exclusions.csv after checking that no "
                    "applied row fails a check. Exit status 0 written or applied, 1 apply "
                    "refused (each problem listed; nothing written), 2 unusable input.")
    parser.add_argument("--root", type=Path, default=None,
                        help="folder holding seeds/ and facts/ (default: the current folder, "
                             "when it holds seeds/ or facts/)")
    parser.add_argument("--article", default=None, metavar="ID",
                        help="draft only the mentions of this block (e.g. A001-03)")
    parser.add_argument("--out", type=Path, default=None, metavar="FILE",
                        help=f"the draft file to write (default: {DEFAULT_DRAFT_FILE} in the "
                             "corpus folder; never inside facts/ or seeds/)")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.add_argument("--apply", type=Path, default=None, metavar="FILE",
                        help="merge this reviewed draft file into the tables instead of drafting")
    return parser


def run(args: argparse.Namespace) -> int:
    from validation.apply import apply_drafts
    from validation.draft import default_out, draft, write_drafts

    root = resolve_root(args.root).absolute()
    if args.apply is not None:
        given = [name for name, value in (("--article", args.article), ("--out", args.out),
                                          ("--force", args.force)) if value]
        if given:
            raise InputError(f"{', '.join(given)} cannot be combined with --apply, which merges "
                             "the draft file it names")
        result = apply_drafts(root, args.apply, display=str(args.apply))
        print(join_lines(applied_lines(result, describe_root(root))))
        return EXIT_OK if result.ok else EXIT_REFUSED
    drafts = draft(root, args.article)
    out = args.out if args.out is not None else default_out(root)
    if drafts.rows:
        write_drafts(drafts, out, force=args.force)
    print(join_lines(drafted_lines(drafts, out, describe_root(root), root_given=args.root)))
    return EXIT_OK


def drafted_lines(drafts: Drafts, out: Path, corpus: str, *, root_given: Path | None) -> list[str]:
    """What the command says after drafting."""
    lines = [f"warning: {message}; its numbers were not scanned, so nothing is drafted for them"
             for message in drafts.unscanned]
    if not drafts.rows:
        lines.append(f"nothing to draft: every mention is covered in {corpus}; no file written")
        return lines
    counts = ", ".join(plural(n, table.removesuffix("s"), table)
                       for table, n in drafts.counts().items() if n)
    lines.append(f"drafted {plural(len(drafts.rows), 'row')} ({counts}) for "
                 f"{plural(drafts.uncovered, 'uncovered mention')} of {corpus} into {out}")
    root = f" --root {root_given}" if root_given is not None else ""
    lines.append("review it: fill entity_id and metric_id of each fact, entity_id and "
                 "description_en of each event, the reason of each exclusion; correct or delete "
                 f"rows (draft_note says how each guess was made), then run: "
                 f"python -m validation draft --apply {out}{root}")
    return lines


def applied_lines(result: Applied, corpus: str) -> list[str]:
    """What the command says after applying, or refusing."""
    if result.problems:
        lines = []
        for problem in result.problems:
            where = f"{result.draft}:{problem.line}" if problem.line else result.draft
            column = f" {problem.column}" if problem.column else ""
            row = f" {problem.row_id}" if problem.row_id else ""
            lines.append(f"{where}{column}:{row} {problem.message}")
            if problem.hint:
                lines.append(f"    hint: {problem.hint}")
        lines.append(f"REFUSED: {plural(len(result.problems), 'problem')} in {result.draft}; "
                     "nothing was written")
        return lines
    if not result.rows:
        return [f"nothing to apply: {result.draft} has no rows"]
    counts = ", ".join(plural(len(ids), table.removesuffix("s"), table)
                       for table, ids in result.added.items() if ids)
    return [f"applied {counts} from {visible(result.draft)} to {corpus}: "
            + ", ".join(result.written)]
