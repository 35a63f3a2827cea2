"""Grounding extractions made elsewhere: where in the pages is each extracted text printed?

An extraction tool (LangExtract, or anything that writes a CSV of quotes) claims that some words
are printed in a document. This module finds them with the validator's own matcher
(:mod:`validation.normalize`, the search :mod:`validation.model.placements` does for quotes)
and says, for each extraction:

* its ``status``: ``exact`` (printed verbatim, once), ``normalised`` (printed once, but found
  only after the width and whitespace fold), ``ambiguous`` (printed more than once: every
  position is listed), ``not-found``, or, when the document itself cannot be searched,
  ``unknown-document`` (the id names no block of ``articles.csv`` and no page of ``pages.csv``)
  or ``unreadable-document`` (the page is missing, no regular file, not UTF-8, or the block
  runs past its end);
* where it is printed, as ``seeds/FILE:LINE:COLUMN``;
* for LangExtract, whether the tool's own ``char_interval`` points at the text (``ok``,
  ``wrong``, ``absent``), in the document text the tool saw, and whether that text is the
  seed's;
* the figure :func:`validation.numbers.parse_figure` reads from it, or why it reads none.

Inputs are read in two passes. The first reads every record, checks its shape and resolves its
document, so that an unusable input stops with :class:`InputError` (file and line) before any
result exists; it keeps only where each record starts. The second goes page by page, in the
order in which the pages first appear, reads each page and indexes it once, grounds every record
of that page and lets the page go. A JSONL file is never held in memory whole: each line is
read again by its offset. This module never prints and never exits.
"""

from __future__ import annotations

import json
import os
import stat
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from validation.corpus import SEEDS_DIR, Corpus, Page
from validation.csvfile import decode_utf8, parse_records
from validation.files import NotRegularFile, file_kind, kind_of, read_regular, unreadable
from validation.findings import InputError
from validation.model.blocks import Block
from validation.normalize import NormalizedText, Span, index_text, normalize
from validation.numbers import Figure, FigureError, format_decimal, parse_figure
from validation.schemas.pages import is_bare_file_name

__all__ = [
    "CSV_COLUMNS", "GROUNDED", "INPUT_FORMATS", "OFFSETS", "STATUSES", "Extraction", "Grounding",
    "Match", "Run", "Summary", "detect_format", "ground", "match",
]

InputFormat = Literal["langextract", "csv"]
INPUT_FORMATS: tuple[InputFormat, ...] = ("langextract", "csv")
#: Every status an extraction can have, in the order summaries list them.
STATUSES = ("exact", "normalised", "ambiguous", "not-found", "unknown-document",
            "unreadable-document")
#: The statuses that count as grounded: the run passes when every extraction has one.
GROUNDED = frozenset({"exact", "normalised"})
#: What the tool's own char_interval can be: pointing at the text, elsewhere, or not given.
OFFSETS = ("ok", "wrong", "absent")
#: The columns a CSV of extractions needs.
CSV_COLUMNS = ("article_id", "quote", "text")
#: File name endings that say which format a file is in, before its content is looked at.
_SUFFIXES: dict[str, InputFormat] = {".jsonl": "langextract", ".ndjson": "langextract",
                                     ".json": "langextract", ".csv": "csv"}
#: How much of a file is looked at to tell JSONL from CSV.
_SNIFF_BYTES = 65536


# --- the matcher -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Match:
    """Where a text is printed: ``status`` and every original span it matches, in order."""

    status: Literal["exact", "normalised", "ambiguous", "not-found"]
    spans: tuple[Span, ...]


def match(index: NormalizedText, needle: str, area: Span | None = None) -> Match:
    """Find ``needle`` in ``index`` (inside ``area``, when given) as the validator finds quotes:
    in the matching form, where every match maps back to an exact span of the original. A match
    lies inside ``area`` when its first and last printed characters do, exactly as traceability
    requires of a quote in its article; overlapping matches count. One match is ``exact`` when
    the original holds ``needle`` there verbatim, else ``normalised``."""
    target = normalize(needle)
    if not target:
        return Match("not-found", ())
    text = index.text
    low = 0 if area is None else index.offset(area.start)
    high = len(text) if area is None else index.offset(area.end)
    spans: list[Span] = []
    pos = text.find(target, low, high)
    while pos != -1:
        spans.append(index.span(pos, pos + len(target)))
        pos = text.find(target, pos + 1, high)
    if not spans:
        return Match("not-found", ())
    if len(spans) > 1:
        return Match("ambiguous", tuple(spans))
    span = spans[0]
    verbatim = index.original[span.start:span.end] == needle
    return Match("exact" if verbatim else "normalised", (span,))


# --- records -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Extraction:
    """One extraction to ground, whatever the input format."""

    line: int
    """Line of the input file the record starts on (1-based)."""
    document: str | None
    """The document id (LangExtract) or article_id (CSV) as given."""
    quote: str
    """The words to ground: LangExtract's ``extraction_text``, the CSV's ``quote``."""
    figure_text: str
    """The text the figure is read from: ``extraction_text``, or the CSV's ``text``."""
    index: int | None = None
    """1-based position among the document's extractions (LangExtract)."""
    record_id: str | None = None
    """The CSV's id column (``fact_id``, ``id``, ...), where it has one."""
    extraction_class: str | None = None
    alignment_status: str | None = None
    """The tool's own verdict (LangExtract's ``alignment_status``), passed through."""
    interval: tuple[int | None, int | None] | None = None
    """LangExtract's ``char_interval`` as (start_pos, end_pos); ``None`` when not given."""
    tool_text: str | None = None
    """The document text the tool saw (LangExtract's ``text``), if the record carries it."""
    langextract: bool = False
    occurrence: str | None = None
    """The CSV's ``occurrence`` cell: which of several printings is meant, as in the tables."""


@dataclass(frozen=True)
class Grounding:
    """What grounding one extraction found."""

    extraction: Extraction
    status: str
    spans: tuple[Span, ...] = ()
    locations: tuple[str, ...] = ()
    article_id: str | None = None
    file: str | None = None
    problem: str | None = None
    """Why the extraction could not be searched for, or why nothing was searched for."""
    offsets: str | None = None
    """``ok``, ``wrong`` or ``absent``; ``None`` for CSV input, or with no text to compare."""
    offsets_location: str | None = None
    """Where the tool's interval points in the seed, when its text is the seed's and it is ok."""
    document_text: str | None = None
    """``same``, ``differs`` or ``absent``: the tool's document text against the seed's."""
    figure: Figure | None = None
    figure_error: str | None = None

    @property
    def grounded(self) -> bool:
        return self.status in GROUNDED

    def to_dict(self) -> dict[str, Any]:
        """The JSON record of this grounding (keys documented in the README)."""
        e = self.extraction
        figure = None
        if self.figure is not None:
            figure = {"value": format_decimal(self.figure.value), "unit": self.figure.unit,
                      "bound": self.figure.bound,
                      "high": None if self.figure.high is None else format_decimal(self.figure.high)}
        return {
            "input_line": e.line, "index": e.index, "id": e.record_id, "document": e.document,
            "article_id": self.article_id, "file": self.file,
            "extraction_class": e.extraction_class, "quote": e.quote, "status": self.status,
            "locations": list(self.locations), "problem": self.problem,
            "offsets": self.offsets, "offsets_location": self.offsets_location,
            "document_text": self.document_text, "alignment_status": e.alignment_status,
            "figure_text": e.figure_text, "figure": figure, "figure_error": self.figure_error,
        }


def describe_figure(figure: Figure) -> str:
    """``777 家 (exact)``, ``7–8 家 (range)``: a parsed figure in a few words."""
    value = format_decimal(figure.value)
    if figure.high is not None:
        value += "–" + format_decimal(figure.high)
    return f"{value} {figure.unit} ({figure.bound})"


@dataclass
class Summary:
    """Counts over a run: documents read, extractions, per status and per offsets verdict."""

    documents: int
    extractions: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    offsets: Counter[str] = field(default_factory=Counter)

    def add(self, grounding: Grounding) -> None:
        self.extractions += 1
        self.statuses[grounding.status] += 1
        if grounding.offsets is not None:
            self.offsets[grounding.offsets] += 1

    @property
    def ungrounded(self) -> int:
        return self.extractions - sum(self.statuses[s] for s in GROUNDED)

    @property
    def ok(self) -> bool:
        """Every extraction grounded, and there was at least one: nothing grounded is no pass."""
        return self.extractions > 0 and self.ungrounded == 0

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "extractions": self.extractions,
                "statuses": {s: self.statuses[s] for s in STATUSES},
                "offsets": {o: self.offsets[o] for o in OFFSETS}}


# --- documents ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Target:
    """What a document id names: a page (``block`` None) or one block of it."""

    file: str
    block: Block | None


class _Resolver:
    """Document ids against pages.csv and articles.csv: an article id names its block, a file
    name (``seeds/`` before it is allowed) the whole page."""

    def __init__(self, corpus: Corpus) -> None:
        self.blocks = {b.article_id: b for b in corpus.model.blocks}
        self.pages = set(corpus.model.registered_files)

    def resolve(self, document: str | None, what: str) -> _Target | str:
        if document is None or not document.strip():
            return f"the record has no {what}"
        block = self.blocks.get(document)
        if block is not None:
            return _Target(block.file, block)
        name = document.removeprefix(f"{SEEDS_DIR}/")
        if name in self.pages:
            return _Target(name, None)
        return (f"{document!r} names no block of articles.csv and no page of pages.csv; "
                f"give an article_id or a page's file name")


@dataclass
class _Document:
    """A page read for grounding, with the area a target searches and its text."""

    page: Page | None
    problem: str | None = None
    index: NormalizedText | None = None

    def area(self, target: _Target) -> Span | str:
        """The span of the page the target covers, or why it cannot be searched."""
        assert self.page is not None and self.page.text is not None
        if target.block is None:
            return Span(0, len(self.page.text))
        block = target.block
        if block.last > self.page.line_count:
            return (f"{block.article_id}'s lines {block.first}-{block.last} run past the end of "
                    f"{SEEDS_DIR}/{block.file} ({self.page.line_count} lines); fix articles.csv")
        return self.page.line_range(block.first, block.last)


def _read_page(root: Path, file: str) -> _Document:
    """The page ``file`` of ``seeds/``, or why it cannot be read; never a link or a FIFO."""
    display = f"{SEEDS_DIR}/{file}"
    if not is_bare_file_name(file):
        return _Document(None, f"{file!r} is no file name inside {SEEDS_DIR}/")
    try:
        data = read_regular(root / SEEDS_DIR / file)
    except FileNotFoundError:
        return _Document(None, f"{display} is listed in pages.csv but missing")
    except NotRegularFile as exc:
        return _Document(None, f"{display} is {exc.kind}, not a regular file; it was not read")
    except InputError as exc:
        return _Document(None, str(exc))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _Document(None, f"{display} is not UTF-8 text")
    return _Document(Page(file, data, text), index=index_text(text))


# --- one extraction ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Where:
    """A record's document, worked out once for all the extractions it holds."""

    status: str | None = None
    """``unknown-document`` or ``unreadable-document`` when it cannot be searched."""
    problem: str | None = None
    file: str | None = None
    article_id: str | None = None
    page: Page | None = None
    index: NormalizedText | None = None
    area: Span | None = None
    reference: str | None = None
    """The text the tool's intervals are read in: the one it saw, else the seed's."""
    on_seed: bool = False
    """Whether ``reference`` is the seed's text of the document, so intervals map onto the page."""
    document_text: str | None = None


def _where(target: _Target | str, document: _Document | None, tool_text: str | None,
           langextract: bool) -> _Where:
    """Where a record's extractions are searched for (``target`` a problem when it has none)."""
    if isinstance(target, str):
        return _Where("unknown-document", target, reference=tool_text)
    names: dict[str, Any] = {"file": target.file,
                             "article_id": target.block.article_id if target.block else None}
    if document is None or document.page is None or document.index is None:
        problem = document.problem if document is not None else None
        return _Where("unreadable-document", problem, reference=tool_text, **names)
    area = document.area(target)
    if isinstance(area, str):
        return _Where("unreadable-document", area, reference=tool_text, **names)
    page = document.page
    if not langextract:
        return _Where(page=page, index=document.index, area=area, **names)
    assert page.text is not None
    seed_text = page.text[area.start:area.end]
    same = None if tool_text is None else tool_text == seed_text
    return _Where(page=page, index=document.index, area=area,
                  reference=seed_text if tool_text is None else tool_text, on_seed=same is not False,
                  document_text="absent" if same is None else "same" if same else "differs", **names)


def _ground(extraction: Extraction, where: _Where) -> Grounding:
    """Ground one extraction in its record's document."""
    figure, figure_error = _figure(extraction.figure_text)
    offsets, tool_span = _offsets(extraction, where.reference)
    base: dict[str, Any] = {"figure": figure, "figure_error": figure_error, "offsets": offsets,
                            "file": where.file, "article_id": where.article_id}
    if where.status is not None:
        return Grounding(extraction, where.status, problem=where.problem, **base)
    page, index, area = where.page, where.index, where.area
    assert page is not None and index is not None and area is not None
    base["document_text"] = where.document_text
    if tool_span is not None and where.on_seed:
        base["offsets_location"] = page.where(area.start + tool_span.start)
    if not normalize(extraction.quote):
        what = "extraction_text" if extraction.langextract else "quote"
        problem = f"the {what} is empty" if not extraction.quote else f"the {what} is only whitespace"
        return Grounding(extraction, "not-found", problem=problem, **base)
    found = match(index, extraction.quote, area)
    if extraction.occurrence is not None:
        found, base["problem"] = _occurrence(found, extraction, index)
    return Grounding(extraction, found.status, spans=found.spans,
                     locations=tuple(page.where(s.start) for s in found.spans), **base)


def _occurrence(found: Match, extraction: Extraction,
                index: NormalizedText) -> tuple[Match, str | None]:
    """Pick the printing an ``occurrence`` cell names, as traceability does for a table's row:
    the n-th match in the area (1 is the first)."""
    cell = extraction.occurrence or ""
    if not (cell.isascii() and cell.isdigit() and int(cell) > 0):
        return found, f"occurrence {cell!r} is not a whole number from 1; it was ignored"
    wanted = int(cell)
    if found.status == "not-found":
        return found, None
    if wanted > len(found.spans):
        return (Match("not-found", found.spans),
                f"occurrence {wanted} asked for, but the quote is printed {len(found.spans)} time(s)")
    span = found.spans[wanted - 1]
    verbatim = index.original[span.start:span.end] == extraction.quote
    return Match("exact" if verbatim else "normalised", (span,)), None


def _offsets(extraction: Extraction, reference: str | None) -> tuple[str | None, Span | None]:
    """The verdict on the tool's char_interval, read in ``reference`` (the document text the
    tool saw, else the seed's), and the span it gives when it points at the text: ``None`` for
    CSV input and when there is no text to read it in."""
    if not extraction.langextract:
        return None, None
    interval = extraction.interval
    if interval is None or interval == (None, None):
        return "absent", None
    if reference is None:
        return None, None
    start, end = interval
    if start is None or end is None or not 0 <= start < end <= len(reference):
        return "wrong", None
    pointed = normalize(reference[start:end])
    if pointed and pointed == normalize(extraction.quote):
        return "ok", Span(start, end)
    return "wrong", None


def _figure(text: str) -> tuple[Figure | None, str | None]:
    try:
        return parse_figure(text), None
    except FigureError as exc:
        return None, str(exc)


# --- input files -------------------------------------------------------------------------------

def _open_input(path: Path, display: str) -> IO[bytes]:
    """``path`` opened for reading if it is a regular file; a link, a FIFO, a folder or a
    device is refused without being opened through (a FIFO would block, a link could point
    anywhere)."""
    kind = kind_of(path)
    if kind is None:
        raise InputError(f"{display}: no such file; name the file of extractions to ground")
    if kind != "a regular file":
        raise InputError(f"{display}: is {kind}, not a regular file; give the extractions as a "
                         "regular file (a copy, not a link or a pipe)")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise unreadable(display, exc) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise InputError(f"{display}: is {file_kind(status.st_mode)}, not a regular file")
    return os.fdopen(descriptor, "rb")


def _identity(handle: IO[bytes]) -> tuple[int, int, int, int]:
    status = os.fstat(handle.fileno())
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def detect_format(path: Path, head: bytes) -> InputFormat:
    """The input's format: by its name's ending (``.jsonl``, ``.ndjson``, ``.json``: LangExtract;
    ``.csv``: CSV), else by its content: a first non-blank line opening a JSON object is
    LangExtract's JSONL, anything else a CSV."""
    by_name = _SUFFIXES.get(path.suffix.lower())
    if by_name is not None:
        return by_name
    first = next((line.strip() for line in head.removeprefix(b"\xef\xbb\xbf").splitlines()
                  if line.strip()), b"")
    return "langextract" if first.startswith(b"{") else "csv"


def _decode_line(raw: bytes, display: str, number: int) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{display}:{number}: not UTF-8 (byte 0x{raw[exc.start]:02x} at byte "
                         f"{exc.start + 1} of the line); save the file as UTF-8") from None
    return text.removeprefix("\ufeff") if number == 1 else text


def _json_line(text: str, display: str, number: int) -> dict[str, Any]:
    """One line of JSONL as a document object, or an InputError naming the line."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{display}:{number}: not JSON ({exc.msg} at column {exc.colno}); each "
                         "line must be one JSON document, as LangExtract's JSONL has") from None
    except RecursionError:
        raise InputError(f"{display}:{number}: JSON nested too deeply to read") from None
    if not isinstance(value, dict):
        raise InputError(f"{display}:{number}: a JSON value that is {_json_type(value)}, not an "
                         "object; each line must be one document: {\"document_id\": ..., "
                         "\"text\": ..., \"extractions\": [...]}")
    return value


def _json_type(value: object) -> str:
    """What a JSON value is, with its article: ``an array``, ``a string``, ``null``."""
    return {list: "an array", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "null", dict: "an object"}.get(type(value), "a value")


def langextract_extractions(value: dict[str, Any], display: str, number: int) -> list[Extraction]:
    """The extractions of one LangExtract document (a line of its JSONL, already parsed), in
    LangExtract's field names: ``document_id``, ``text``, ``extractions``, and in each
    extraction ``extraction_class``, ``extraction_text``, ``char_interval`` (``start_pos``,
    ``end_pos``), ``alignment_status``. Other fields are ignored. Raises :class:`InputError`
    naming the line when a field has the wrong type."""
    where = f"{display}:{number}"
    document = value.get("document_id")
    if document is not None and not isinstance(document, str):
        raise InputError(f"{where}: document_id is {_json_type(document)}, not a string")
    text = value.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError(f"{where}: text is {_json_type(text)}, not a string")
    items = value.get("extractions")
    if items is None:
        return []
    if not isinstance(items, list):
        raise InputError(f"{where}: extractions is {_json_type(items)}, not an array")
    found = []
    for position, item in enumerate(items, 1):
        at = f"{where}: extraction {position}"
        if not isinstance(item, dict):
            raise InputError(f"{at} is {_json_type(item)}, not an object")
        words = item.get("extraction_text")
        if not isinstance(words, str):
            raise InputError(f"{at}: extraction_text is {_json_type(words)}, not a string")
        found.append(Extraction(
            number, document, words, words, index=position,
            extraction_class=_optional_string(item, "extraction_class", at),
            alignment_status=_optional_string(item, "alignment_status", at),
            interval=_interval(item.get("char_interval"), at), tool_text=text, langextract=True))
    return found


def _optional_string(item: dict[str, Any], key: str, at: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(f"{at}: {key} is {_json_type(value)}, not a string")
    return value


def _interval(value: object, at: str) -> tuple[int | None, int | None] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(f"{at}: char_interval is {_json_type(value)}, not an object with "
                         "start_pos and end_pos")
    ends = []
    for key in ("start_pos", "end_pos"):
        end = value.get(key)
        if end is not None and (isinstance(end, bool) or not isinstance(end, int)):
            raise InputError(f"{at}: char_interval.{key} is {json.dumps(end)}, not a whole number")
        ends.append(end)
    return ends[0], ends[1]


# --- a run -------------------------------------------------------------------------------------

@dataclass
class Run:
    """A checked input, ready to ground: :meth:`results` yields each extraction's grounding,
    page by page (pages in the order they first appear, records of a page in input order), and
    keeps :attr:`summary` up to date as it goes."""

    root: Path
    input: str
    input_format: InputFormat
    summary: Summary
    _path: Path
    _resolver: _Resolver
    #: Per page file ("" for records whose document cannot be resolved): what to ground there.
    _groups: dict[str, Any]
    _identity: tuple[int, int, int, int] | None = None

    def results(self) -> Iterator[Grounding]:
        if self.input_format == "langextract":
            yield from self._langextract()
        else:
            yield from self._csv()

    def _pages(self) -> Iterator[tuple[str, _Document | None]]:
        for file in self._groups:
            yield file, (_read_page(self.root, file) if file else None)

    def _langextract(self) -> Iterator[Grounding]:
        with _open_input(self._path, self.input) as handle:
            if _identity(handle) != self._identity:
                raise InputError(f"{self.input}: changed while it was being read; run again once "
                                 "it is complete")
            for file, document in self._pages():
                offsets, numbers = self._groups[file]
                for offset, number in zip(offsets, numbers, strict=True):
                    handle.seek(offset)
                    text = _decode_line(handle.readline(), self.input, number)
                    value = _json_line(text, self.input, number)
                    target = self._resolver.resolve(value.get("document_id"), "document_id")
                    where = _where(target, document, value.get("text"), langextract=True)
                    for extraction in langextract_extractions(value, self.input, number):
                        yield self._count(_ground(extraction, where))

    def _csv(self) -> Iterator[Grounding]:
        for file, document in self._pages():
            for extraction in self._groups[file]:
                target = self._resolver.resolve(extraction.document, "article_id")
                yield self._count(_ground(extraction, _where(target, document, None, langextract=False)))

    def _count(self, grounding: Grounding) -> Grounding:
        self.summary.add(grounding)
        return grounding


def ground(path: Path | str, corpus: Corpus, input_format: InputFormat | None = None) -> Run:
    """Read and check the extractions in ``path`` against ``corpus`` (its pages.csv and
    articles.csv resolve the documents), ready to ground. Raises :class:`InputError` (naming
    the file and line) when the input cannot be used: no regular file, not UTF-8, a JSONL line
    that is not a JSON document of the expected shape, a CSV without the needed columns or with
    a row that does not fit its header."""
    path = Path(path)
    display = str(path)
    resolver = _Resolver(corpus)
    with _open_input(path, display) as handle:
        identity = _identity(handle)
        chosen = input_format or detect_format(path, handle.read(_SNIFF_BYTES))
        handle.seek(0)
        if chosen == "langextract":
            groups, documents = _index_jsonl(handle, display, resolver)
        else:
            groups, documents = _read_csv(handle.read(), display, resolver)
    return Run(corpus.root, display, chosen, Summary(documents), path, resolver, groups, identity)


def _index_jsonl(handle: IO[bytes], display: str,
                 resolver: _Resolver) -> tuple[dict[str, Any], int]:
    """First pass over a JSONL file: check every line, and keep per page the offsets and line
    numbers of the lines whose document is on it."""
    groups: dict[str, tuple[array[int], array[int]]] = {}
    offset, documents = 0, 0
    for number, raw in enumerate(handle, 1):
        start, offset = offset, offset + len(raw)
        text = _decode_line(raw, display, number)
        if not text.strip():
            continue
        value = _json_line(text, display, number)
        langextract_extractions(value, display, number)  # its shape, checked before any result
        documents += 1
        target = resolver.resolve(value.get("document_id"), "document_id")
        key = target.file if isinstance(target, _Target) else ""
        offsets, numbers = groups.setdefault(key, (array("q"), array("q")))
        offsets.append(start)
        numbers.append(number)
    return groups, documents


def _read_csv(data: bytes, display: str, resolver: _Resolver) -> tuple[dict[str, Any], int]:
    """A CSV of extractions: a header naming article_id, quote and text (the figure as
    printed), in any order, other columns allowed; a column ``id`` or ending in ``_id`` other
    than article_id names each row, and an ``occurrence`` column picks one of several printings
    as it does in the tables (so a table such as facts.csv grounds as it is). Rows are grouped
    by page."""
    text = decode_utf8(data, display).removeprefix("\ufeff")
    if not text.strip():
        raise InputError(f"{display}: empty file; the first line must be a header naming "
                         + ", ".join(CSV_COLUMNS))
    records = parse_records(text, display)
    header = records.header
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise InputError(f"{display}:1: the header has no column {', '.join(missing)}; a CSV to "
                         f"ground needs {', '.join(CSV_COLUMNS)} (the figure as printed) "
                         "(for LangExtract's JSONL, pass --input-format langextract)")
    duplicates = records.duplicate_columns()
    if duplicates:
        raise InputError(f"{display}:1: column {', '.join(duplicates)} appears more than once in "
                         "the header; rename or remove the repeated column")
    records.require_whole(display)
    position = {c: header.index(c) for c in CSV_COLUMNS}
    id_column = next((i for i, c in enumerate(header)
                      if c == "id" or (c.endswith("_id") and c != "article_id")), None)
    occurrence = header.index("occurrence") if "occurrence" in header else None
    groups: dict[str, list[Extraction]] = {}
    for row, line in zip(records.rows, records.lines, strict=True):
        document = row[position["article_id"]]
        extraction = Extraction(line, document or None, row[position["quote"]],
                                row[position["text"]],
                                record_id=row[id_column] or None if id_column is not None else None,
                                occurrence=row[occurrence] or None if occurrence is not None else None)
        target = resolver.resolve(extraction.document, "article_id")
        groups.setdefault(target.file if isinstance(target, _Target) else "", []).append(extraction)
    return groups, len(records.rows)
