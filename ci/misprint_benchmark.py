"""How many misprinted figures the consistency checks catch.

    python ci/misprint_benchmark.py [--root DIR] [--rule lead|down|x10|drop] [--limit N] [--fact ID ...]

For every fact that takes part in a relation of relations.csv, in an agreement (facts sharing
entity, metric and period) or in a series (a cumulative metric of one entity over several
periods), the script misprints its figure on a temporary copy of the corpus (the embedded one
by default), the way a misprinted source would: the number is changed in the seed page where the
fact's figure is printed, in every quote, title or text printed over that place, and in the
fact's ``value``; pages.csv gets the page's new sha256. Traceability, figures and seed checks
then have nothing to notice. The script validates the copy, restores it, and records:

* caught: a new consistency failure (facts-disagree, series-falls, relation-violated,
  conflict-stale ...) names the fact, or a relation or conflict that involves it; or a new
  failure of stated relations appears (a repeat the misprint broke apart, a dismissal it made
  stale), counted apart as "by stated relations only";
* missed: no such failure;
* not a clean misprint: some other family fails too (the change showed somewhere else), so the
  trial does not count;
* skipped: the rule cannot change this figure (翻番, 超百亿元), or its place in the page is
  unknown.

Rules (``--rule``), applied to the first number of the figure as printed:

* ``lead`` (default): one more on the leading digit, 361 -> 461, 52.5 -> 62.5, 9 -> 10; a
  figure in Chinese numerals takes the next numeral (两大 -> 三大, 第一 -> 第二);
* ``down``: one less on the leading digit, 361 -> 261, 52.5 -> 42.5, 16 -> 6 (a leading zero
  goes); Chinese numerals take the previous numeral (三大 -> 两大; 第一 cannot go down). With
  ``lead`` it shows both directions: a one-sided relation catches a misprint in one of them only;
* ``x10``: ten times, 361 -> 3610, 52.5 -> 525 (Arabic digits only);
* ``drop``: the last digit dropped, 361 -> 36, 52.5 -> 52 (Arabic digits only; a single digit
  cannot be dropped).

Prints facts tried, caught and missed, by part (relation, agreement, series), by relation
comparator and by reason for the misses, then lists the misses and the unclean trials.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from validation.canonical import canonical_text, read_cells
from validation.catalog import CHECKS
from validation.corpus import FACTS_DIR, SEEDS_DIR, Corpus, default_root, load_corpus, resolve_root
from validation.engine import validate
from validation.expressions import ExpressionError, parse_relation
from validation.files import list_folder, read_regular
from validation.findings import Finding, InputError
from validation.model.placements import Located
from validation.normalize import Span, index_text, normalize
from validation.numbers import FigureError, format_decimal, parse_figure
from validation.periods import PeriodError, parse_period
from validation.schemas import TABLES

CONSISTENCY = frozenset(c for c, (family, _) in CHECKS.items() if family == "consistency")
#: The checks of stated relations: a misprint that breaks a repeat or makes a dismissal stale
#: is noticed by them from the consistency data too, so they catch rather than spoil a trial.
STATED = frozenset(c for c, (family, _) in CHECKS.items() if family == "stated")
ONE_SIDED = frozenset({"<", ">", "<=", ">="})

# --- the misprint rules -----------------------------------------------------------------------

_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_NEXT_NUMERAL = {"一": "二", "二": "三", "两": "三", "三": "四", "四": "五", "五": "六",
                 "六": "七", "七": "八", "八": "九", "九": "十"}
_PREVIOUS_NUMERAL = {"二": "一", "两": "一", "三": "两", "四": "三", "五": "四", "六": "五",
                     "七": "六", "八": "七", "九": "八", "十": "九"}
_NUMERALS = {"lead": _NEXT_NUMERAL, "down": _PREVIOUS_NUMERAL}


def _lead(number: str) -> str | None:
    """One more on the leading digit (9 becomes 10)."""
    i = next((i for i, c in enumerate(number) if c in "123456789"), None)
    if i is None:
        return None
    digit = int(number[i])
    return number[:i] + str(digit + 1) + number[i + 1:]


def _down(number: str) -> str | None:
    """One less on the leading digit; a leading zero left in the whole part goes (16 -> 6)."""
    i = next((i for i, c in enumerate(number) if c in "123456789"), None)
    if i is None:
        return None
    changed = number[:i] + str(int(number[i]) - 1) + number[i + 1:]
    whole, dot, fraction = changed.partition(".")
    return (whole.lstrip("0") or "0") + dot + fraction


def _times_ten(number: str) -> str | None:
    if "." not in number:
        return number + "0"
    whole, fraction = number.split(".")
    shifted = (whole + fraction[0]).lstrip("0") or "0"
    return shifted + ("." + fraction[1:] if fraction[1:] else "")


def _drop(number: str) -> str | None:
    """The last digit dropped (a trailing decimal point goes with it)."""
    if len(number.replace(".", "")) < 2:
        return None
    return number[:-1].rstrip(".")


RULES: dict[str, Callable[[str], str | None]] = {"lead": _lead, "down": _down, "x10": _times_ten,
                                                 "drop": _drop}


def misprint(printed: str, rule: str = "lead") -> str | None:
    """``printed`` with its first number changed by ``rule``; ``None`` where the rule cannot
    change it. Only ASCII digits and Chinese numerals are touched, so the same call gives the
    same change on a fact's ``text`` and on the page's characters it matches."""
    match = _ARABIC.search(printed)
    if match is not None:
        changed = RULES[rule](match.group())
        return None if changed is None else printed[:match.start()] + changed + printed[match.end():]
    numerals = _NUMERALS.get(rule)
    if numerals is None:
        return None
    i = next((i for i, c in enumerate(printed) if c in _NEXT_NUMERAL or c in numerals), None)
    if i is None or printed[i] not in numerals:
        return None
    return printed[:i] + numerals[printed[i]] + printed[i + 1:]


# --- which facts take part --------------------------------------------------------------------


@dataclass
class Part:
    """What a fact takes part in: relations (id -> comparator), agreement and series partners."""

    relations: dict[str, str] = field(default_factory=dict)
    relation_partners: set[str] = field(default_factory=set)
    agreement: set[str] = field(default_factory=set)
    series: set[str] = field(default_factory=set)

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(name for name, members in (("relation", self.relations),
                     ("agreement", self.agreement), ("series", self.series)) if members)


def participation(corpus: Corpus) -> tuple[dict[str, Part], dict[str, set[str]]]:
    """Every fact in a relation, agreement or series, and the conflicts each fact is listed in."""
    values = corpus.model.fact_values
    parts: dict[str, Part] = {}
    for _, row in corpus.tables["relations"].rows():
        try:
            relation = parse_relation(row["expression"] or "")
        except ExpressionError:
            continue
        facts = relation.facts()
        for fact in facts:
            part = parts.setdefault(fact, Part())
            part.relations[row["relation_id"] or ""] = relation.comparator
            part.relation_partners.update(f for f in facts if f != fact)
    groups: dict[tuple[str, ...], list[str]] = {}
    series: dict[tuple[str, ...], list[tuple[tuple[date, date], str]]] = {}
    metrics = corpus.tables["metrics"].frame
    cumulative = {m for m, c in zip(metrics["metric_id"], metrics["cumulative"], strict=True)
                  if c == "true"}
    published = corpus.model.publication_dates
    for value in values.values():
        row = value.row
        if row["status"] != "actual" or not (row["period"] and row["entity_id"] and row["metric_id"]):
            continue
        key = (row["entity_id"], row["metric_id"], value.base_unit)
        groups.setdefault((*key, row["period"]), []).append(value.fact_id)
        if row["metric_id"] in cumulative:
            try:
                end = parse_period(row["period"])[1]
            except PeriodError:
                continue
            series.setdefault(key, []).append(
                ((end, published.get(row["article_id"] or "", end)), value.fact_id))
    for members in groups.values():
        for fact in members if len(members) > 1 else ():
            parts.setdefault(fact, Part()).agreement.update(m for m in members if m != fact)
    for points in series.values():
        if len({order for order, _ in points}) > 1:
            for _, fact in points:
                parts.setdefault(fact, Part()).series.update(f for _, f in points if f != fact)
    conflicts: dict[str, set[str]] = {}
    for _, row in corpus.tables["conflicts"].rows():
        for fact in (row["fact_ids"] or "").split("|"):
            conflicts.setdefault(fact.strip(), set()).add(row["conflict_id"] or "")
    return {f: p for f, p in parts.items() if f in values}, conflicts


# --- one trial --------------------------------------------------------------------------------


@dataclass
class Trial:
    """The misprint of one fact and what the validator said."""

    fact_id: str
    roles: tuple[str, ...]
    relations: dict[str, str]
    old_text: str
    new_text: str = ""
    verdict: str = "skipped"  # caught, missed, unclean, skipped
    caught_by: list[str] = field(default_factory=list)  # "check row"
    other: list[str] = field(default_factory=list)  # other families' new failures
    stated_by: list[str] = field(default_factory=list)  # new failures of stated relations
    reasons: list[str] = field(default_factory=list)  # why missed, or why skipped


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _rewrite(cell: str, cell_span: Span, figure: Span, text: str, new: str) -> str | None:
    """``cell``, printed at ``cell_span`` of the page ``text``, with the characters printed at
    ``figure`` replaced by ``new``; ``None`` when the cell does not hold the whole figure."""
    if not (cell_span.start <= figure.start and figure.end <= cell_span.end):
        return None
    page = index_text(text)
    base = page.offset(cell_span.start)
    first, last = page.offset(figure.start) - base, page.offset(figure.end) - base
    local = index_text(cell)
    if first < 0 or last > len(local.text) or first >= last:
        return None
    return cell[:local.original_offset(first)] + new + cell[local.original_offset(last - 1) + 1:]


@dataclass
class _Tables:
    """Header and rows of a table of the copy, by key, to rewrite it in canonical form."""

    name: str
    header: list[str]
    rows: list[list[str]]

    def row(self, key: str) -> list[str] | None:
        return next((r for r in self.rows if r[0] == key), None)

    def set(self, key: str, column: str, value: str) -> None:
        row = self.row(key)
        assert row is not None
        row[self.header.index(column)] = value

    def get(self, key: str, column: str) -> str:
        row = self.row(key)
        return "" if row is None else row[self.header.index(column)]

    def text(self) -> str:
        return canonical_text(TABLES[self.name], self.header, self.rows)


class _Copy:
    """A temporary copy of the corpus that each trial changes and then restores."""

    def __init__(self, source: Path, folder: Path) -> None:
        self.root = folder
        for sub in (SEEDS_DIR, FACTS_DIR):
            (folder / sub).mkdir()
            for name, kind in list_folder(source / sub):
                if kind == "a regular file":
                    (folder / sub / name).write_bytes(read_regular(source / sub / name))
        self.original: dict[Path, bytes] = {}

    def table(self, name: str) -> _Tables:
        path = self.root / FACTS_DIR / TABLES[name].filename
        header, rows = read_cells(path.read_text(encoding="utf-8"), str(path))
        return _Tables(name, header, [list(r) for r in rows])

    def write(self, relative: str, data: bytes) -> None:
        path = self.root / relative
        self.original.setdefault(path, path.read_bytes())
        path.write_bytes(data)

    def restore(self) -> None:
        for path, data in self.original.items():
            path.write_bytes(data)
        self.original.clear()


def _apply(copy: _Copy, corpus: Corpus, located: dict[str, dict[str, Located]], fact_id: str,
           rule: str, trial: Trial) -> bool:
    """Write the misprint of ``fact_id`` into the copy; ``False`` (with the reason in ``trial``)
    when it cannot be made."""
    where = located["facts"].get(fact_id)
    if where is None or where.figure is None:
        trial.reasons.append("the figure's place in the page is not known")
        return False
    page = corpus.page(where.file)
    assert page is not None and page.text is not None
    figure = where.figure
    new_text = misprint(trial.old_text, rule)
    if new_text is None:
        trial.reasons.append(f"rule {rule} cannot change {trial.old_text!r}")
        return False
    printed = page.text[figure.start:figure.end]
    new_printed = misprint(printed, rule)
    if new_printed is None or normalize(new_printed) != normalize(new_text):
        trial.reasons.append(f"the page prints {printed!r}, which the rule changes differently")
        return False
    trial.new_text = new_text
    facts = copy.table("facts")
    changed: dict[str, _Tables] = {"facts": facts}
    # every fact whose figure is printed at this place reads the misprint
    for other, at in located["facts"].items():
        if at.file == where.file and at.figure is not None and at.figure == figure:
            try:
                old, new = parse_figure(facts.get(other, "text")), parse_figure(new_text)
            except FigureError:
                trial.reasons.append(f"{new_text!r} cannot be read as a figure")
                return False
            if new.value == old.value or (new.unit, new.bound) != (old.unit, old.bound):
                trial.reasons.append(f"{new_text!r} does not change only the value")
                return False
            facts.set(other, "text", new_text)
            facts.set(other, "value", format_decimal(new.value))
    # every quote printed over the place
    for table, rows in located.items():
        if table not in changed:
            changed[table] = copy.table(table)
        current = changed[table]
        for row_id, at in rows.items():
            if at.file != where.file or not _overlaps(at.quote, figure):
                continue
            quote = _rewrite(current.get(row_id, "quote"), at.quote, figure, page.text, new_text)
            if quote is not None:
                current.set(row_id, "quote", quote)
    # article titles, bylines and dating quotes printed over it
    articles = changed.setdefault("articles", copy.table("articles"))
    for row in articles.rows:
        cells = dict(zip(articles.header, row, strict=True))
        if cells["file"] != where.file:
            continue
        for column in ("title", "byline", "published_quote"):
            for span in page.index.find_all(cells[column]) if cells[column] else ():
                rewritten = _rewrite(cells[column], span, figure, page.text, new_text)
                if rewritten is not None:
                    row[articles.header.index(column)] = rewritten
    seed = (page.text[:figure.start] + new_printed + page.text[figure.end:]).encode("utf-8")
    pages = copy.table("pages")
    pages.set(where.file, "sha256", hashlib.sha256(seed).hexdigest())
    changed["pages"] = pages
    copy.write(f"{SEEDS_DIR}/{where.file}", seed)
    for name, rewritten_table in changed.items():
        copy.write(f"{FACTS_DIR}/{TABLES[name].filename}", rewritten_table.text().encode("utf-8"))
    return True


def _names(finding: Finding, fact_id: str, related: set[str]) -> bool:
    return (finding.row == fact_id or finding.row in related
            or re.search(rf"\b{fact_id}\b", finding.message) is not None)


def _reasons(fact_id: str, part: Part, bounds: dict[str, str]) -> list[str]:
    """Why a misprint of a fact can go unnoticed, most telling first."""
    reasons = []
    comparators = set(part.relations.values())
    if comparators and comparators <= ONE_SIDED:
        reasons.append("one-sided relation")
    partners = {fact_id} | part.relation_partners | part.agreement
    open_ = sorted(f for f in partners if bounds.get(f, "exact") != "exact")
    if open_:
        reasons.append("open interval (" + ", ".join(f"{f} {bounds[f]}" for f in open_) + ")")
    if "~=" in comparators:
        reasons.append("approximate relation (~=)")
    if not comparators:
        reasons.append("no relation at all" + (" (a series catches only a fall below an earlier point)"
                                               if part.series and not part.agreement else ""))
    return reasons or ["the misprint still fits"]


def _key(finding: Finding) -> tuple[str | None, ...]:
    return (finding.check, finding.row, finding.column, finding.message)


def run_benchmark(root: Path | str, *, rule: str = "lead", facts: Iterable[str] | None = None,
                  limit: int | None = None) -> list[Trial]:
    """Misprint each fact taking part in a relation, agreement or series (or only ``facts``)
    on a temporary copy of the corpus under ``root``, and say whether consistency caught it."""
    if rule not in RULES:
        raise InputError(f"--rule {rule}: unknown rule; use one of {', '.join(RULES)}")
    load_corpus(root)  # a folder that is no corpus is refused here, with the loader's words
    with tempfile.TemporaryDirectory(prefix="misprint-") as folder:
        copy = _Copy(Path(root), Path(folder))
        corpus = load_corpus(copy.root)
        parts, conflicts = participation(corpus)
        located = corpus.model.placements.located
        frame = corpus.tables["facts"].frame
        texts = dict(zip(frame["fact_id"], frame["text"], strict=True))
        bounds = dict(zip(frame["fact_id"], frame["bound"], strict=True))
        baseline = validate(copy.root).findings
        seen = {_key(f) for f in baseline}
        seen_elsewhere = {(f.check, f.row, f.column) for f in baseline}
        chosen = sorted(parts) if facts is None else [f for f in facts if f in parts]
        trials = []
        for fact_id in chosen[:limit] if limit is not None else chosen:
            part = parts[fact_id]
            trial = Trial(fact_id, part.roles, part.relations, texts.get(fact_id) or "")
            trials.append(trial)
            try:
                if not _apply(copy, corpus, located, fact_id, rule, trial):
                    continue
                everything = validate(copy.root).findings
            finally:
                copy.restore()
            findings = [f for f in everything if f.severity == "error"]
            related = set(part.relations) | conflicts.get(fact_id, set())
            trial.caught_by = [f"{f.check} {f.row}" for f in findings if f.check in CONSISTENCY
                               and _key(f) not in seen and _names(f, fact_id, related)]
            trial.stated_by = [f"{f.check} {f.row}" for f in findings
                               if f.check in STATED and _key(f) not in seen]
            trial.caught_by += trial.stated_by
            trial.other = [f"{f.check} {f.row} {f.column or ''}".rstrip() for f in findings
                           if f.check not in CONSISTENCY | STATED
                           and (f.check, f.row, f.column) not in seen_elsewhere]
            if trial.other:
                trial.verdict = "unclean"
            elif trial.caught_by:
                trial.verdict = "caught"
            else:
                trial.verdict = "missed"
                trial.reasons = _reasons(fact_id, part, bounds)
                if any(f.check == "known-conflict" and _names(f, fact_id, related)
                       for f in everything):
                    trial.reasons.insert(0, "recorded conflict (the misprint is one more "
                                            "reading of a known conflict)")
        return trials


# --- the report -------------------------------------------------------------------------------


def _share(caught: int, tried: int) -> str:
    """``caught / tried (share)``."""
    return f"{caught:>3} / {tried:<3} ({100 * caught / tried:5.1f}%)" if tried else "  0 / 0"


def _caught(trials: list[Trial]) -> str:
    return _share(sum(t.verdict == "caught" for t in trials), len(trials))


def render(trials: list[Trial], rule: str) -> str:
    clean = [t for t in trials if t.verdict in ("caught", "missed")]
    caught = [t for t in clean if t.verdict == "caught"]
    missed = [t for t in clean if t.verdict == "missed"]
    unclean = [t for t in trials if t.verdict == "unclean"]
    skipped = [t for t in trials if t.verdict == "skipped"]
    lines = [f"misprint rule {rule}: {len(trials)} facts take part in a relation, agreement or "
             "series",
             f"  tried    {len(clean):>4}  (clean misprints)",
             f"  caught   {len(caught):>4}  {_share(len(caught), len(clean))}",
             f"           {sum(len(t.caught_by) > len(t.stated_by) for t in caught):>4}  by a "
             "consistency check",
             f"           {sum(len(t.caught_by) == len(t.stated_by) for t in caught):>4}  by stated "
             "relations only (a repeat broken apart, a dismissal made stale)",
             f"  missed   {len(missed):>4}",
             f"  unclean  {len(unclean):>4}  (another check family noticed; not counted)",
             f"  skipped  {len(skipped):>4}  (the rule cannot change the figure)", "",
             "by part (a fact may take part in several)"]
    for role in ("relation", "agreement", "series"):
        members = [t for t in clean if role in t.roles]
        lines.append(f"  {role:<12} {_caught(members)}")
    lines += ["", "by relation comparator (facts in at least one relation with it)"]
    for comparator in sorted({c for t in clean for c in t.relations.values()}):
        members = [t for t in clean if comparator in t.relations.values()]
        lines.append(f"  {comparator:<12} {_caught(members)}")
    lines += ["", "misses by reason (the first reason of each)"]
    for reason, count in Counter(t.reasons[0].split(" (")[0] for t in missed).most_common():
        lines.append(f"  {count:>4}  {reason}")
    lines += ["", "misses"]
    for t in missed:
        relations = " ".join(f"{r}({c})" for r, c in t.relations.items()) or "-"
        lines.append(f"  {t.fact_id} {t.old_text} -> {t.new_text}  [{','.join(t.roles)}; "
                     f"{relations}]  {'; '.join(t.reasons)}")
    if unclean:
        lines += ["", "not a clean misprint"]
        lines += [f"  {t.fact_id} {t.old_text} -> {t.new_text}: {', '.join(t.other)}"
                  for t in unclean]
    if skipped:
        lines += ["", "skipped"]
        lines += [f"  {t.fact_id} {t.old_text}: {'; '.join(t.reasons)}" for t in skipped]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=None,
                        help="the corpus folder (default: the embedded corpus)")
    parser.add_argument("--rule", default="lead", choices=sorted(RULES))
    parser.add_argument("--limit", type=int, default=None, help="try only the first N facts")
    parser.add_argument("--fact", action="append", default=None,
                        help="try only this fact (repeatable)")
    options = parser.parse_args(argv)
    if options.limit is not None and options.limit < 0:
        parser.error("--limit must be 0 or more")
    started = time.perf_counter()
    try:
        root = resolve_root(options.root) if options.root else default_root()
        trials = run_benchmark(root, rule=options.rule, facts=options.fact, limit=options.limit)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(render(trials, options.rule))
    print(f"\n{len(trials)} trials in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
