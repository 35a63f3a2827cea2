"""`python -m validation init`: create a new corpus folder with every table's header."""

from __future__ import annotations

import argparse
from pathlib import Path

from validation.corpus import FACTS_DIR, SEEDS_DIR
from validation.textsafe import visible

NAME = "init"


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser: argparse.ArgumentParser = commands.add_parser(
        NAME, help="create a new corpus folder with every table's header",
        description="Create the corpus folder DIR (its parent must exist): an empty seeds/, "
                    "facts/ holding every table with its header only (the optional ones too), "
                    "and a README.md saying what goes where. Refuses, writing nothing, a DIR "
                    "that is a file or a link or already holds seeds/, facts/, a table or a "
                    "README.md. Exit status 0 created, 2 refused.")
    parser.add_argument("folder", type=Path, metavar="DIR", help="the corpus folder to create")
    return parser


def run(args: argparse.Namespace) -> int:
    from validation.scaffold import README_NAME, init_corpus  # imported when the command runs

    result = init_corpus(args.folder)
    where = visible(str(result.folder.absolute()))
    print(f"{'created' if result.created_folder else 'initialised'} the corpus {where}:")
    print(f"  {SEEDS_DIR}/        empty: the pages go here, byte for byte, never edited")
    print(f"  {FACTS_DIR}/        {len(result.tables)} tables, header only: "
          + ", ".join(result.tables))
    print(f"  {README_NAME}  what goes where")
    root = visible(str(args.folder))
    print(f"next: python -m validation add-page PAGE.txt --root {root}")
    return 0
