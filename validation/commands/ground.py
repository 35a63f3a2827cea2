"""`python -m validation ground`: locate extractions made elsewhere (LangExtract JSONL, CSV) in the pages."""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from validation.corpus import EMBEDDED, describe_root, is_embedded, load_corpus, resolve_root
from validation.ground import (
    GROUNDED,
    INPUT_FORMATS,
    OFFSETS,
    STATUSES,
    Grounding,
    Run,
    Summary,
    describe_figure,
    ground,
)
from validation.report.json import FORMAT_VERSION
from validation.textsafe import INVISIBLE, visible
from validation.words import plural

NAME = "ground"
#: Positions a text line lists for an ambiguous extraction before it counts the rest.
SHOWN_POSITIONS = 5
#: Characters of an extraction's text a text line shows.
SHOWN_QUOTE = 40
#: The columns of --format csv, one row per extraction.
CSV_HEADER = ("input_line", "index", "id", "document", "article_id", "file", "extraction_class",
              "quote", "status", "locations", "problem", "offsets", "offsets_location",
              "document_text", "alignment_status", "figure_text", "figure_value", "figure_unit",
              "figure_bound", "figure_high", "figure_error")

#: What JSON output writes as ``\uXXXX`` although json.dumps leaves it raw: DEL, C1 controls
#: and the bidirectional overrides (C0 controls json.dumps escapes itself).
_RAW_IN_JSON = re.compile(f"[{INVISIBLE}]")


def json_text(text: str) -> str:
    """JSON text in which no character of the data can act on a terminal."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser: argparse.ArgumentParser = commands.add_parser(
        NAME, help="locate extractions made elsewhere (LangExtract JSONL, CSV) in the pages",
        description="Find where each extraction of FILE is printed, with the validator's own "
                    "matcher, and read its figure. FILE is LangExtract's JSONL (one annotated "
                    "document per line: document_id names an article_id or a page's file, "
                    "text is the document text its char_intervals refer to) or a CSV with the "
                    "columns article_id, quote and text (the figure as printed). Each extraction "
                    "is exact, normalised (found after the width and whitespace fold), "
                    "ambiguous (every position listed), not-found, unknown-document or "
                    "unreadable-document. Exit status 0 when every extraction is exact or "
                    "normalised, 1 otherwise (or when there is none), 2 when FILE or the corpus "
                    "cannot be read.")
    parser.add_argument("file", type=Path, metavar="FILE", help="the extractions to ground")
    parser.add_argument("--root", type=Path, default=None,
                        help="folder holding seeds/ and facts/ (default: the current folder, "
                             f"when it holds seeds/ or facts/); '{EMBEDDED}' for the corpus that "
                             "ships with the validator")
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default=None,
                        help="the format of FILE (default: from its name, .jsonl/.json/.ndjson or "
                             ".csv, else from its content)")
    return parser


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args.root).absolute()
    prepared = ground(args.file, load_corpus(root), args.input_format)
    render = {"text": _text, "json": _json, "csv": _csv}[args.format]
    render(prepared)
    return 0 if prepared.summary.ok else 1


def _emit(line: str) -> None:
    sys.stdout.write(line + "\n")


def _text(prepared: Run) -> None:
    for grounding in prepared.results():
        _emit(visible(text_line(prepared.input, grounding)))
    noun = "document" if prepared.input_format == "langextract" else "row"
    for line in summary_lines(prepared.summary, describe_root(prepared.root), noun):
        _emit(visible(line))


def text_line(input_name: str, grounding: Grounding) -> str:
    """One extraction on one line: where it comes from, its status and place, its text, its
    figure and the tool's offsets."""
    e = grounding.extraction
    source = f"{input_name}:{e.line}" + (f"#{e.index}" if e.index is not None else "")
    if e.record_id:
        source += f" {e.record_id}"
    shown = grounding.locations[:SHOWN_POSITIONS]
    where = ", ".join(shown) or "-"
    if len(grounding.locations) > len(shown):
        where += f" and {len(grounding.locations) - len(shown)} more"
    quote = e.quote if len(e.quote) <= SHOWN_QUOTE else e.quote[:SHOWN_QUOTE - 1] + "…"
    parts = [source, grounding.status, where, grounding.article_id or e.document or "-"]
    if e.extraction_class:
        parts.append(f"[{e.extraction_class}]")
    parts.append(repr(quote))
    if grounding.problem:
        parts.append(grounding.problem)
    parts.append(f"figure {describe_figure(grounding.figure)}" if grounding.figure
                 else f"no figure: {grounding.figure_error}")
    if grounding.offsets is not None:
        offsets = f"offsets {grounding.offsets}"
        if grounding.offsets_location:
            offsets += f" at {grounding.offsets_location}"
        if e.alignment_status:
            offsets += f" (tool: {e.alignment_status})"
        if grounding.document_text == "differs":
            offsets += ", in a document text that differs from the seed's"
        parts.append(offsets)
    return "  ".join(parts)


def summary_lines(summary: Summary, root: str, noun: str = "document") -> list[str]:
    """The counts, then the verdict: PASS when every extraction is grounded."""
    counts = ", ".join(f"{summary.statuses[s]} {s}" for s in STATUSES)
    lines = [f"{plural(summary.extractions, 'extraction')} in "
             f"{plural(summary.documents, noun)}: {counts}"]
    if sum(summary.offsets.values()):
        lines.append("tool offsets: " + ", ".join(f"{summary.offsets[o]} {o}" for o in OFFSETS))
    grounded = sum(summary.statuses[s] for s in GROUNDED)
    if summary.extractions == 0:
        lines.append(f"FAIL: no extraction to ground, so nothing is proven, in {root}")
    elif summary.ok:
        lines.append(f"PASS: all {plural(summary.extractions, 'extraction')} grounded "
                     f"({summary.statuses['exact']} exact, {summary.statuses['normalised']} "
                     f"normalised) in {root}")
    else:
        lines.append(f"FAIL: {summary.ungrounded} of {plural(summary.extractions, 'extraction')} "
                     f"not grounded ({grounded} grounded) in {root}")
    return lines


def _json(prepared: Run) -> None:
    """One JSON object, streamed: the extractions are written as they are grounded, the summary
    and verdict after them."""
    head = {"format_version": FORMAT_VERSION, "root": str(prepared.root),
            "embedded": is_embedded(prepared.root), "input": prepared.input,
            "input_format": prepared.input_format}
    opening = json.dumps(head, ensure_ascii=False, indent=2)[:-2]  # without the closing "\n}"
    _emit(json_text(opening + ',\n  "extractions": ['))
    held: str | None = None  # each record is written once the next one shows it needs a comma
    for grounding in prepared.results():
        if held is not None:
            _emit(held + ",")
        held = "    " + json_text(json.dumps(grounding.to_dict(), ensure_ascii=False))
    if held is not None:
        _emit(held)
    tail = {"summary": prepared.summary.to_dict(), "ok": prepared.summary.ok}
    _emit("  ],\n" + json_text(json.dumps(tail, ensure_ascii=False, indent=2)[2:]))


def _csv(prepared: Run) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for grounding in prepared.results():
        writer.writerow([visible(cell) for cell in csv_row(grounding)])


def csv_row(grounding: Grounding) -> Iterable[str]:
    """An extraction as the cells of CSV_HEADER (empty for absent values)."""
    record = grounding.to_dict()
    figure = record.pop("figure") or {}
    record["locations"] = "|".join(record["locations"])
    for key in ("value", "unit", "bound", "high"):
        record[f"figure_{key}"] = figure.get(key)
    return ["" if record[c] is None else str(record[c]) for c in CSV_HEADER]
