"""Build a synthetic corpus of any size by replicating a corpus (the embedded one by default).

    python ci/synthetic_corpus.py OUT --copies N [--shared-entities] [--source DIR]

Copy k (1..N) of every page and every row gets ids of its own, so that ids stay unique and
every reference still resolves:

* numbered ids (F0001, E0001, X0001, R0001, C0001, D0001) become ``k * 10**m + n`` with the
  width ``m`` of the source's numbers (at least 4), zero-padded to one width for all copies:
  F0001 is F10001, F20001, F30001 for three copies. A constant offset per copy keeps the
  numeric order of the fact ids a dismissal lists, and the rows of every table sorted;
* page numbers become ``k * 10**p + page`` the same way, both in article ids (A000-01 ->
  A1000-01) and in page file names (000_56aa01df765f2168.txt -> 1000_<sha256[:16]>.txt);
* entity ids get the copy as a prefix (tianxin_edz -> c1_tianxin_edz), unless
  ``shared_entities``: then every copy keeps the source's entity ids, entities.csv is written
  once, and facts agreeing on entity, metric and period grow N-fold. Conflicts recorded within
  one copy then no longer match what disagrees across copies: expect many ``facts-disagree``
  and ``conflict-stale`` findings (the worst case of the consistency checks, on purpose).

Metrics and units are shared by all copies and written once.

Every page's bytes differ between copies: the last non-blank line of a page gets a marker of
ASCII letters only (`` copya``, `` copyb``, ... `` copyaa``), which adds no number for the
coverage scanner, moves no line and breaks no quote; pages.csv gets each page's new sha256.

Everything is streamed: each table is written row by row while the copies are generated, each
page as soon as it is made, so memory stays that of one copy however many are asked for.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = "seeds"
FACTS_DIR = "facts"

#: Every table, in the order the validator reads them; metrics and units are shared.
TABLES = ("pages", "articles", "entities", "metrics", "units", "facts", "events", "exclusions",
          "relations", "conflicts", "dismissals")
SHARED_TABLES = frozenset({"metrics", "units"})
#: The columns that identify a row, by which every table is sorted.
KEYS: dict[str, tuple[str, ...]] = {
    "pages": ("file",), "articles": ("article_id",), "entities": ("entity_id",),
    "metrics": ("metric_id",), "units": ("unit", "dimension"), "facts": ("fact_id",),
    "events": ("event_id",), "exclusions": ("exclusion_id",), "relations": ("relation_id",),
    "conflicts": ("conflict_id",), "dismissals": ("dismissal_id",),
}
#: The id column of each table whose ids are a letter and a number (F0001, E0012, ...).
NUMBERED = {"facts": ("fact_id", "F"), "events": ("event_id", "E"), "exclusions": ("exclusion_id", "X"),
            "relations": ("relation_id", "R"), "conflicts": ("conflict_id", "C"),
            "dismissals": ("dismissal_id", "D")}

_NUMBERED_ID = re.compile(r"^([A-Z])(\d+)$")
_FACT_IN_EXPRESSION = re.compile(r"\bF(\d{4,})\b")
_ARTICLE_ID = re.compile(r"^A(\d+)(-\d+)$")
_PAGE_FILE = re.compile(r"^(\d+)_(.*?)(\.[^.]*)?$")
_HASH_PART = re.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True)
class Table:
    """A source table: its header and rows as read (cells are text)."""

    header: list[str]
    rows: list[list[str]]

    def column(self, name: str) -> list[str]:
        """The cells of column ``name`` (empty when the table has no such column)."""
        if name not in self.header:
            return []
        at = self.header.index(name)
        return [row[at] for row in self.rows]


def read_table(path: Path) -> Table | None:
    """The table at ``path``, or ``None`` when the file does not exist (optional tables)."""
    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        return Table([], [])
    return Table(rows[0], rows[1:])


def copy_tag(copy: int) -> str:
    """The letters that mark copy ``copy`` (1-based) on its pages: bijective base 26, 1 -> 'a',
    26 -> 'z', 27 -> 'aa'."""
    if copy < 1:
        raise ValueError(f"copy numbers start at 1, not {copy}")
    letters = []
    while copy:
        copy, rest = divmod(copy - 1, 26)
        letters.append(chr(ord("a") + rest))
    return "".join(reversed(letters))


def mark_page(data: bytes, copy: int) -> bytes:
    """The page ``data`` with the marker of ``copy`` after the last character of its last
    non-blank line (lines split on LF, as the validator splits them): no line moves, no quote
    breaks, and the marker holds no digit and no Chinese numeral. Bytes that are not UTF-8
    get the marker at their very end."""
    marker = f" copy{copy_tag(copy)}"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data + marker.encode("ascii")
    lines = text.split("\n")
    for number in range(len(lines) - 1, -1, -1):
        line = lines[number]
        if line.strip():
            end = len(line.rstrip())
            lines[number] = line[:end] + marker + line[end:]
            return "\n".join(lines).encode("utf-8")
    return data + marker.encode("ascii")


@dataclass(frozen=True)
class Scheme:
    """How ids are re-keyed for copy ``k`` of a corpus of ``copies`` copies."""

    copies: int
    #: Digits of the source's numbered ids, by their letter (F: 4 for F0001 ... F4511).
    digits: dict[str, int]
    #: Digits of the source's page numbers (3 for 000_… and A000-01).
    page_digits: int
    shared_entities: bool

    @property
    def copy_digits(self) -> int:
        return len(str(self.copies))

    def number(self, copy: int, number: int, digits: int) -> str:
        """``copy * 10**digits + number``, zero-padded to the same width for every copy."""
        return f"{copy * 10 ** digits + number:0{self.copy_digits + digits}d}"

    def numbered(self, copy: int, key: str) -> str:
        """A numbered id (F0001) of ``copy``; an empty cell stays empty, and an id that is no
        letter and number (which the schema reports) gets the copy as a suffix."""
        match = _NUMBERED_ID.match(key)
        if not match:
            return f"{key}_{copy}" if key else key
        letter, digits = match[1], match[2]
        return letter + self.number(copy, int(digits), self.digits.get(letter, max(4, len(digits))))

    def article(self, copy: int, key: str) -> str:
        """An article id (A000-01 -> A1000-01) of ``copy``; an empty cell stays empty, and an
        id of another form (which the schema reports) gets the copy as a suffix."""
        match = _ARTICLE_ID.match(key)
        if not match:
            return f"{key}_{copy}" if key else key
        return f"A{self.number(copy, int(match[1]), self.page_digits)}{match[2]}"

    def entity(self, copy: int, key: str) -> str:
        """An entity id of ``copy``: the source's when entities are shared."""
        if self.shared_entities or not key:
            return key
        return f"c{copy:0{self.copy_digits}d}_{key}"

    def page_file(self, copy: int, name: str, digest: str) -> str:
        """The file name of page ``name`` in ``copy``, whose marked bytes have sha256 ``digest``:
        its page number re-keyed, and its hash part (NNN_<16 hex>.txt) that of the new bytes."""
        match = _PAGE_FILE.match(name)
        if not match:
            return f"{copy:0{self.copy_digits}d}_{name}"
        rest = digest[:16] if _HASH_PART.match(match[2]) else match[2]
        return f"{self.number(copy, int(match[1]), self.page_digits)}_{rest}{match[3] or ''}"

    def fact_list(self, copy: int, cell: str) -> str:
        """'|'-separated fact ids of ``copy``, in the same order."""
        return "|".join(self.numbered(copy, key) for key in cell.split("|")) if cell else cell

    def expression(self, copy: int, cell: str) -> str:
        """A relation with the fact ids of ``copy``."""
        return _FACT_IN_EXPRESSION.sub(lambda m: self.numbered(copy, m[0]), cell)


def scheme_for(tables: dict[str, Table], copies: int, shared_entities: bool) -> Scheme:
    """The re-keying of ``tables``: widths wide enough for every id of the source."""
    digits: dict[str, int] = {}
    for table, (column, letter) in NUMBERED.items():
        widths = [len(m[2]) for key in tables[table].column(column) if (m := _NUMBERED_ID.match(key))] \
            if table in tables else []
        digits[letter] = max([4, *widths])
    page_numbers = [m[1] for key in tables["articles"].column("article_id") if (m := _ARTICLE_ID.match(key))]
    page_numbers += [m[1] for name in tables["pages"].column("file") if (m := _PAGE_FILE.match(name))]
    return Scheme(copies, digits, max([3, *(len(n) for n in page_numbers)]), shared_entities)


def rekeyers(scheme: Scheme, files: dict[str, str]) -> dict[str, Callable[[int, str], str]]:
    """How each column that holds or cites an id is rewritten for a copy; ``files`` maps the
    source's page file names to the copy's."""
    fact = scheme.numbered
    return {
        "file": lambda copy, name: files.get(name, name),
        "article_id": scheme.article,
        "continues": scheme.article,
        "entity_id": scheme.entity,
        "parent_id": scheme.entity,
        "fact_id": fact,
        "event_id": fact,
        "exclusion_id": fact,
        "relation_id": fact,
        "conflict_id": fact,
        "dismissal_id": fact,
        "preferred": fact,
        "fact_ids": scheme.fact_list,
        "expression": scheme.expression,
    }


def copy_rows(table: str, source: Table, copy: int, rewrite: dict[str, Callable[[int, str], str]]
              ) -> list[list[str]]:
    """The rows of ``table`` in ``copy``, sorted by the table's key as the validator wants."""
    columns = [(at, rewrite[name]) for at, name in enumerate(source.header) if name in rewrite]
    rows = []
    for row in source.rows:
        new = list(row)
        for at, change in columns:
            if at < len(new):
                new[at] = change(copy, new[at])
        rows.append(new)
    key = [source.header.index(c) for c in KEYS.get(table, ()) if c in source.header]
    rows.sort(key=lambda row: [row[at] if at < len(row) else "" for at in key])
    return rows


def write_page(seeds: Path, scheme: Scheme, copy: int, name: str, data: bytes) -> tuple[str, str]:
    """Write the marked page ``name`` of ``copy`` into ``seeds``; give its file name and sha256."""
    marked = mark_page(data, copy)
    digest = hashlib.sha256(marked).hexdigest()
    new_name = scheme.page_file(copy, name, digest)
    (seeds / new_name).write_bytes(marked)
    return new_name, digest


def build(root: Path, copies: int, *, shared_entities: bool = False, source: Path = REPO) -> dict[str, int]:
    """Write ``copies`` re-keyed copies of the corpus under ``source`` as a corpus under
    ``root`` (``root/seeds``, ``root/facts``, which must not exist yet); give the number of
    rows written to each table."""
    if copies < 1:
        raise ValueError(f"copies must be 1 or more, not {copies}")
    root = Path(root)
    source = Path(source)
    for sub in (SEEDS_DIR, FACTS_DIR):
        if (root / sub).exists():
            raise FileExistsError(f"{root / sub} exists already; build into an empty folder")
    tables = {name: table for name in TABLES
              if (table := read_table(source / FACTS_DIR / f"{name}.csv")) is not None}
    for required in ("pages", "articles"):
        if required not in tables:
            raise FileNotFoundError(f"{source / FACTS_DIR / required}.csv: the source has no {required}")
    scheme = scheme_for(tables, copies, shared_entities)
    seeds = root / SEEDS_DIR
    facts = root / FACTS_DIR
    seeds.mkdir(parents=True)
    facts.mkdir(parents=True)
    counts = dict.fromkeys(tables, 0)
    once = SHARED_TABLES | ({"entities"} if shared_entities else set())
    pages = tables["pages"]
    file_at, sha_at = pages.header.index("file"), pages.header.index("sha256")
    with ExitStack() as stack:
        writers = {}
        for name, table in tables.items():
            handle = stack.enter_context((facts / f"{name}.csv").open("w", encoding="utf-8", newline=""))
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(table.header)
            writers[name] = writer
            if name in once:
                writer.writerows(table.rows)
                counts[name] = len(table.rows)
        for copy in range(1, copies + 1):
            files: dict[str, str] = {}
            page_rows = []
            for row in pages.rows:
                name = row[file_at]
                data = (source / SEEDS_DIR / name).read_bytes()
                new_name, digest = write_page(seeds, scheme, copy, name, data)
                files[name] = new_name
                page_rows.append(_replace(row, {file_at: new_name, sha_at: digest}))
            page_rows.sort(key=lambda row: row[file_at])
            writers["pages"].writerows(page_rows)
            counts["pages"] += len(page_rows)
            rewrite = rekeyers(scheme, files)
            for name, table in tables.items():
                if name == "pages" or name in once:
                    continue
                rows = copy_rows(name, table, copy, rewrite)
                writers[name].writerows(rows)
                counts[name] += len(rows)
    return counts


def _replace(row: list[str], cells: dict[int, str]) -> list[str]:
    """``row`` with the cells at the given positions replaced."""
    return [cells.get(at, cell) for at, cell in enumerate(row)]


def main(argv: Iterable[str] | None = None) -> int:
    """Build the corpus the command line asks for and print its row counts; gives the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="the folder to build the corpus in (seeds/, facts/)")
    parser.add_argument("--copies", type=int, required=True, help="how many copies of the source")
    parser.add_argument("--shared-entities", action="store_true",
                        help="every copy keeps the source's entity ids (agreement groups grow N-fold)")
    parser.add_argument("--source", type=Path, default=REPO,
                        help="the corpus to replicate (default: the embedded corpus)")
    options = parser.parse_args(None if argv is None else list(argv))
    if options.copies < 1:
        parser.error("--copies must be 1 or more")
    started = time.perf_counter()
    try:
        counts = build(options.out, options.copies, shared_entities=options.shared_entities,
                       source=options.source)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, count in counts.items():
        print(f"{name:<12} {count:>10}")
    print(f"built in {time.perf_counter() - started:.1f} s: {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
