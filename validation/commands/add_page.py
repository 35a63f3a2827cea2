"""`python -m validation add-page`: copy a page into seeds/, register it and propose its blocks."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from validation.corpus import EMBEDDED, FACTS_DIR, SEEDS_DIR, resolve_root
from validation.findings import InputError
from validation.textsafe import visible

if TYPE_CHECKING:  # the library is imported when the command runs, not for every command
    from validation.scaffold import AddedBlock, AddedPage

NAME = "add-page"
ROOT_HELP = ("corpus folder holding seeds/ and facts/ (default: the current folder, when it "
             "holds seeds/ or facts/)")


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser: argparse.ArgumentParser = commands.add_parser(
        NAME, help="copy a page into seeds/, register it and propose its blocks",
        description="Copy FILE into seeds/ byte for byte, add its row to facts/pages.csv (with "
                    "its sha256 and a placeholder description) and propose its blocks in "
                    "facts/articles.csv from the page's layout, all three written together. "
                    "Every block is a proposal to check: the command lists them. Refuses, "
                    "writing nothing, a page already in the corpus (by name or content), a page "
                    "that is empty, not UTF-8 or no regular file, and an unsafe name. Exit "
                    "status 0 added, 2 refused.")
    parser.add_argument("file", type=Path, metavar="FILE", help="the page, a UTF-8 text file")
    parser.add_argument("--root", type=Path, default=None, help=ROOT_HELP)
    parser.add_argument("--published", default=None, metavar="YYYY[-MM[-DD]]",
                        help="publication date of the page (default: the date printed in its "
                             "masthead, if any)")
    parser.add_argument("--name", default=None, metavar="NAME",
                        help="file name of the page in seeds/ (default: FILE's own name); e.g. "
                             "the corpus convention NNN_HASH.txt, 005_1a2b3c4d5e6f7a8b.txt")
    return parser


def run(args: argparse.Namespace) -> int:
    if args.root is not None and str(args.root) == EMBEDDED:
        raise InputError(f"--root {EMBEDDED} is the corpus that ships with the validator, which "
                         "add-page does not change; add pages to your own corpus (python -m "
                         "validation init DIR creates one)")
    from validation.scaffold import add_page

    root = resolve_root(args.root).absolute()
    added = add_page(root, args.file, name=args.name, published=args.published)
    for line in summary(added):
        print(visible(line))
    return 0


def summary(added: AddedPage) -> list[str]:
    """What was added and what the user must check, one line each."""
    lines = [f"added {SEEDS_DIR}/{added.file} ({added.size:,} bytes, sha256 {added.sha256[:16]}…) "
             f"to {added.root}"]
    for table in added.created_tables:
        lines.append(f"created {FACTS_DIR}/{table}, which was missing")
    lines.append(f"{FACTS_DIR}/pages.csv: {added.file} registered; its description is a "
                 "placeholder (the first headline): replace it with the paper, section and main "
                 "subject, in English")
    number = "from the file name" if added.number_from_name else "the next free page number"
    lines.append(f"{FACTS_DIR}/articles.csv: {len(added.blocks)} block(s) proposed from the "
                 f"page's layout, ids A{added.page_number}-NN ({number}); check each:")
    lines += [f"  {_block_line(b)}" for b in added.blocks]
    lines += _published_lines(added)
    lines.append(f"next: python -m validation check --root {added.root}")
    return lines


def _block_line(added: AddedBlock) -> str:
    block = added.block
    words = [f"{added.article_id} lines {block.first}-{block.last} {block.kind}"]
    if block.title:
        words.append(f'"{_short(block.title)}"')
    if block.byline:
        words.append(f"byline \"{_short(block.byline)}\"")
    if block.kind == "article":
        todo = ("check the title, the byline and the published date" if block.title else
                "no headline found: fill title; check the byline and the published date")
        if block.marker:
            todo += f"; {block.note[0].lower()}{block.note[1:].rstrip('.')}"
    elif block.kind == "fragment":
        todo = (f"{block.note[0].lower()}{block.note[1:]}" if block.marker else
                "no byline found, so taken as part of a story: make it an article (with its "
                "title) if it stands alone, or set continues to the block it continues")
    elif block.kind == "caption":
        todo = "check it is a photo caption"
    else:
        todo = (f"{block.note[0].lower()}{block.note[1:].rstrip('.')}; check it" if block.note
                else "page furniture (slogans, names, an advert?): check its kind")
    return " ".join(words) + f" — {todo}"


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _published_lines(added: AddedPage) -> list[str]:
    ids = added.blocks[0].article_id if added.blocks else ""
    if len(added.blocks) > 1:
        ids += f"…{added.blocks[-1].article_id}"
    if added.published_from == "masthead":
        return [f"published: {added.published} for every block, from the masthead "
                f"(\"{added.published_quote}\"); check it"]
    if added.published_from == "option":
        lines = [f"published: {added.published} for every block, from --published"]
        if added.published_quote:
            lines[0] += f"; published_quote \"{added.published_quote}\", the first words on the "
            lines[0] += "page that print it: check they date the page"
        else:
            lines.append(f"published_quote: no words on the page print {added.published}: fill "
                         f"published_quote of {ids} with the words that date the page")
        if added.masthead:
            lines.append(f"note: the masthead prints {added.masthead}")
        return lines
    return [f"published: no date is printed in a masthead and --published was not given: fill "
            f"published and published_quote of {ids} (the words on the page that date it)"]
