"""The blocks of ``articles.csv`` that can be read (ids, page and line numbers), and the pages
``pages.csv`` registers: where each article sits on its page."""

from __future__ import annotations

from dataclasses import dataclass

from validation.corpus import Corpus


@dataclass(frozen=True)
class Block:
    """A block of ``articles.csv`` with its lines as integers."""

    index: int
    article_id: str
    file: str
    first: int
    last: int


def read_blocks(corpus: Corpus) -> list[Block]:
    """The well-formed blocks (ids, file and line numbers readable, lines in order)."""
    if not corpus.has_columns("articles", "article_id", "file", "line_start", "line_end"):
        return []
    found = []
    for index, row in corpus.tables["articles"].rows():
        first, last = _to_int(row["line_start"]), _to_int(row["line_end"])
        if row["article_id"] and row["file"] and first and last and first <= last:
            found.append(Block(index, row["article_id"], row["file"], first, last))
    return found


def _to_int(cell: str | None) -> int | None:
    return int(cell) if cell and cell.isascii() and cell.isdigit() and int(cell) > 0 else None


def read_registered_files(corpus: Corpus) -> list[str]:
    """The files pages.csv registers, in its order (unreadable names are the schema's)."""
    if not corpus.has_columns("pages", "file"):
        return []
    return [f for f in dict.fromkeys(corpus.tables["pages"].frame["file"]) if isinstance(f, str)]


def page_by_page(blocks: list[Block]) -> list[Block]:
    """``blocks`` grouped by page (pages in the order their first block comes, each page's
    blocks in their own order): the order to walk them in when each page is read once."""
    grouped: dict[str, list[Block]] = {}
    for block in blocks:
        grouped.setdefault(block.file, []).append(block)
    return [block for page_blocks in grouped.values() for block in page_blocks]
