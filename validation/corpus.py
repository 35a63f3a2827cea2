"""A corpus on disk: ``seeds/`` (the pages) and ``facts/`` (the tables), loaded for checking."""

from __future__ import annotations

import errno
import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from validation.csvfile import Table, read_table
from validation.files import NotRegularFile, file_kind, kind_of, list_folder, read_regular, unreadable
from validation.findings import Finding, InputError
from validation.normalize import NormalizedText, Span, index_text, line_column, line_starts
from validation.schemas import TABLES
from validation.schemas.pages import is_bare_file_name

if TYPE_CHECKING:
    from validation.model import Model

SEEDS_DIR = "seeds"
FACTS_DIR = "facts"
#: The file `draft` writes its proposals to, in the corpus folder, unless told otherwise.
DRAFT_FILE = "drafts.csv"


@dataclass
class Page:
    """One seed page: its bytes, its text (``None`` if not UTF-8) and its matching index."""

    file: str
    data: bytes
    text: str | None

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @cached_property
    def line_offsets(self) -> list[int]:
        return line_starts(self.text or "")

    @property
    def line_count(self) -> int:
        return len(self.line_offsets)

    @cached_property
    def index(self) -> NormalizedText:
        return index_text(self.text or "")

    def line(self, number: int) -> str:
        """Text of 1-based line ``number`` without its line end."""
        starts = self.line_offsets
        end = starts[number] - 1 if number < len(starts) else len(self.text or "")
        return (self.text or "")[starts[number - 1]:end]

    def line_range(self, first: int, last: int) -> Span:
        """Character span of lines ``first``..``last`` (1-based, inclusive)."""
        starts = self.line_offsets
        end = starts[last] - 1 if last < len(starts) else len(self.text or "")
        return Span(starts[first - 1], end)

    def where(self, offset: int) -> str:
        """``seeds/FILE:LINE:COLUMN`` of a character offset."""
        line, column = line_column(self.line_offsets, offset)
        return f"{SEEDS_DIR}/{self.file}:{line}:{column}"


#: How many pages a corpus keeps once read. Work that needs page text walks the pages one by one
#: (:mod:`validation.model.pages`), so a few suffice; the rest are read again when asked for.
PAGES_KEPT = 8


@dataclass
class Corpus:
    """The tables and pages under ``root``; pages are read on first use, and only the few read
    last are kept (:data:`PAGES_KEPT`), so that no run holds every page."""

    root: Path
    tables: dict[str, Table]
    _pages: OrderedDict[str, Page] = field(default_factory=OrderedDict)
    #: Seed names that are missing or unreadable as text pages (``None``), remembered for good.
    _absent: set[str] = field(default_factory=set)
    #: Seed names that exist but are no regular file, with what they are instead.
    not_regular: dict[str, str] = field(default_factory=dict)
    _entries: list[tuple[str, str]] | None = None
    #: How many processes walk the pages (:mod:`validation.model.workers`); ``None``: one per
    #: usable processor. The findings are the same whatever the number.
    jobs: int | None = None

    @cached_property
    def model(self) -> Model:
        """The views derived from this corpus (:mod:`validation.model`), each computed once."""
        from validation.model import Model  # the model reads the corpus, so it is imported late
        return Model(self)

    @property
    def load_findings(self) -> list[Finding]:
        return [f for table in self.tables.values() for f in table.findings]

    @property
    def seeds_dir(self) -> Path:
        return self.root / SEEDS_DIR

    def seed_files(self) -> list[str]:
        """Names of the visible regular files in ``seeds/``."""
        return [name for name, kind in self.seed_entries() if kind == "a regular file"]

    def seed_entries(self) -> list[tuple[str, str]]:
        """Every visible entry of ``seeds/`` and what it is (links are not followed)."""
        if self._entries is None:
            self._entries = list_folder(self.seeds_dir)
        return self._entries

    def page(self, file: str | None) -> Page | None:
        """The seed page ``file``, or ``None`` if the name is unsafe, the file is missing or it
        is no regular file (then :attr:`not_regular` says what it is). Raises
        :class:`InputError` when the file exists but cannot be read."""
        page = self._pages.get(file) if isinstance(file, str) else None
        if page is not None:
            self._pages.move_to_end(page.file)
            return page
        if not isinstance(file, str) or not is_bare_file_name(file) or file in self._absent:
            return None
        try:
            data = read_regular(self.seeds_dir / file)
        except FileNotFoundError:
            self._absent.add(file)
            return None
        except NotRegularFile as exc:
            self.not_regular[file] = exc.kind
            self._absent.add(file)
            return None
        try:
            text: str | None = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        page = Page(file, data, text)
        self._pages[file] = page
        if len(self._pages) > PAGES_KEPT:
            self._pages.popitem(last=False)
        return page

    def has_columns(self, table: str, *columns: str) -> bool:
        return all(c in self.tables[table].frame.columns for c in columns)


def load_corpus(root: Path | str, *, jobs: int | None = None) -> Corpus:
    """Read every table under ``root``; raise :class:`InputError` if it is not a corpus. The
    pages are walked by ``jobs`` processes (``None``: one per usable processor)."""
    root = Path(root)
    kind = followed_kind(root)
    if kind != "a directory":
        raise InputError(f"{root}: {'no such folder' if kind is None else 'is ' + kind}; --root "
                         f"must name a folder holding {SEEDS_DIR}/ and {FACTS_DIR}/")
    for sub in (SEEDS_DIR, FACTS_DIR):
        kind = kind_of(root / sub)
        if kind is None:
            raise InputError(f"{root}: no {sub}/ folder; --root must name a folder holding "
                             f"{SEEDS_DIR}/ and {FACTS_DIR}/")
        if kind != "a directory":
            raise InputError(f"{root / sub}: is {kind}, not a folder; {sub}/ must be a real "
                             "folder inside the corpus, not a link to one elsewhere")
    tables = {
        name: read_table(root / FACTS_DIR / spec.filename, name, spec.columns, spec.key,
                         f"{FACTS_DIR}/{spec.filename}", optional=spec.optional)
        for name, spec in TABLES.items()
    }
    return Corpus(root, tables, jobs=jobs)


def followed_kind(path: Path) -> str | None:
    """What ``path`` is once links are followed (``--root`` itself may be a link); ``None``
    when nothing is there (a part of the path is missing, a file, or a link loop)."""
    try:
        return file_kind(path.stat().st_mode)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ENOTDIR, errno.ELOOP):
            return None
        raise unreadable(path, exc) from None


def default_root() -> Path:
    """The embedded corpus: this repository when run from a checkout, else the packaged copy."""
    package = Path(__file__).resolve().parent
    checkout = package.parent
    if (checkout / SEEDS_DIR).is_dir() and (checkout / FACTS_DIR).is_dir():
        return checkout
    return package / "_corpus"


#: The word that names the embedded corpus where a folder is expected (``--root embedded``).
EMBEDDED = "embedded"


def resolve_root(given: Path | str | None, cwd: Path | None = None) -> Path:
    """The corpus a command reads: ``given`` as a folder, the embedded corpus for the word
    ``embedded``, or, with nothing given, the current folder when it holds ``seeds/`` or
    ``facts/``. Never falls back to the embedded corpus unasked: a user's broken corpus must
    not pass because another one was read. Raises :class:`InputError` when nothing is given
    and the current folder is no corpus."""
    if given is not None and str(given) == EMBEDDED:
        return default_root()
    if given is not None:
        return Path(given)
    here = Path.cwd() if cwd is None else cwd
    if kind_of(here / SEEDS_DIR) is not None or kind_of(here / FACTS_DIR) is not None:
        return here
    raise InputError(f"{here} holds neither {SEEDS_DIR}/ nor {FACTS_DIR}/, so there is no corpus "
                     f"to read here: run from your corpus folder, name it with --root DIR, or "
                     f"pass --root {EMBEDDED} for the corpus that ships with the validator "
                     "(a folder named 'embedded' is --root ./embedded)")


def is_embedded(root: Path | str) -> bool:
    """Whether ``root`` is the embedded corpus."""
    try:
        return Path(root).resolve() == default_root().resolve()
    except (OSError, ValueError):  # a path that cannot exist (NUL) is no corpus at all
        return False


def describe_root(root: Path | str) -> str:
    """The corpus as a summary names it: its absolute folder, marked when it is the embedded one."""
    try:
        absolute = Path(root).absolute()
    except (OSError, ValueError):  # the current folder is gone
        absolute = Path(root)
    return f"the embedded corpus ({absolute})" if is_embedded(root) else str(absolute)
