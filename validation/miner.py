"""Relations the pages state, mined from their sentences as candidates to declare or dismiss.

A page states arithmetic between its figures in a few set ways. Each article block is cut into
sentences (at 。！？!? and at line ends: the pages print one paragraph a line), and the facts
whose printed figure lies in a sentence are looked at together, in the order they are printed:

* ``parts``: a total, then 其中 and its parts (``F3033 >= F3034 + F3035``). The total is the
  last fact before 其中; the parts are the facts after it, up to 另有 / 此外 / 还有, in the
  total's base unit (家 and 个 count different things). ``==`` only where the printed parts add
  up to the printed total exactly: words such as 全部 or 均 say what happened to the parts
  (26个新建项目全部开工), not that the list is complete, so they are not trusted.
* ``share``: a percent printed after 占比 / 比重 / 占, with exactly two other facts of one base
  unit before it in the sentence: the smaller is the part, the larger the whole
  (``F1076 / F1011 * 100 == F1013``).
* ``growth``: a percent printed after 增长 / 增速 / 同比 / 比上年 / 提高, with the level it
  applies to (the nearest fact before it, not a percent) and the same entity's same metric one
  year earlier (the period shifted by a year: 2024 -> 2023, 2024-06 -> 2023-06), found by a
  dictionary of (entity, metric, period), on this page or any other
  (``(F2 - F1) / F1 * 100 == F3``). Without both levels there is nothing to check: skipped.
* ``ratio``: a multiple (翻番, 3倍: a fact in 倍) with exactly two other facts of one base unit
  before it in the sentence (``F4006 / F4005 == F4007``); and 从 A 跃升至 / 增至 / 增长到 B,
  two facts of one base unit, the later the larger (``F4006 >= F4005``), or the smaller after
  下降 / 减少 / 降.

A candidate whose facts are a strict part of another candidate's in the same sentence is
dropped (从 360亿元 跃升至 700亿元，接近翻番 is one ratio of three facts, not two candidates).

Two kinds look beyond one sentence:

* ``subset``: counts of classes by threshold in one block, 2亿元以上项目12个 … 50亿元以上重大项目2个:
  every project of the higher threshold is one of the lower, so ``F1006 >= F1007``. The
  threshold is an amount followed by 以上 printed between the previous fact and the count; the
  counts of one entity, period, base unit and status are chained from the lowest threshold up.
* ``repeat``: the same figure printed twice (the same entity, metric, base unit and reading)
  where the agreement check does not compare them: one has no period, one is a plan or an
  estimate, or their periods differ but overlap. Members printed for one period as actual
  figures are compared by agreement already; the candidate asks that relations.csv connect the
  rest (``F2020 == F2033``). Figures of the same reading for periods that do not overlap (15%
  growth in 2023 and again in 2024) are not repeats.

Nothing here compares pairs over the corpus: each sentence and block holds a few facts, levels
are looked up in a dictionary by (entity, metric, period), and repeats are grouped by a
dictionary key and swept in period order.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from validation.corpus import Corpus, Page
from validation.model.blocks import Block
from validation.model.placements import Located
from validation.model.values import FactValue, agreement_key
from validation.numbers import MAGNITUDE_EXPONENTS
from validation.periods import PeriodError, parse_period
from validation.schemas.dismissals import RELATION_KINDS, fact_id_order

#: The kinds of stated relation, as ``dismissals.csv`` names them.
KINDS = RELATION_KINDS

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_PARTS_START = "其中"
_PARTS_END = re.compile(r"另有|此外|还有|另外")
_SHARE_WORDS = re.compile(r"占比|比重|占")
_GROWTH_WORDS = re.compile(r"增长|增速|同比|比上年|提高")
_FROM_TO = re.compile(r"从(?P<a>[^，,；;。]*?)(?P<verb>跃升|增长|增加|提高|提升|上升|攀升|突破|"
                      r"下降|减少|降)?(?:至|到)(?P<b>[^，,；;。]*)")
_FALLING = ("下降", "减少", "降")
_YEAR = re.compile(r"\d{4}")
_THRESHOLD = re.compile(r"(?P<number>\d+(?:\.\d+)?)(?P<scale>万亿|亿|万)?元以上")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A relation a sentence states: its kind, the facts it involves (sorted), a relation that
    would declare it, the sentence as printed and where it starts."""

    kind: str
    facts: tuple[str, ...]
    expression: str
    quote: str
    location: str
    article_id: str
    #: For a repeat, its facts by what the agreement check already compares (each group is
    #: linked); a single group of all facts for every other kind.
    groups: tuple[tuple[str, ...], ...] = ()


# Not frozen, to be created five times faster (millions are); never changed once made.
@dataclass(slots=True, unsafe_hash=True)
class _Printed:
    """A fact printed in a sentence: where its figure starts and ends, and its reading."""

    start: int
    end: int
    value: FactValue
    dimension: str

    @property
    def fact_id(self) -> str:
        return self.value.fact_id

    @property
    def percent(self) -> bool:
        return self.dimension == "percent"

    @property
    def ratio(self) -> bool:
        return self.dimension == "ratio"

    @property
    def level(self) -> bool:
        """A quantity that shares, growth rates and multiples are taken of."""
        return not (self.percent or self.ratio)

    @property
    def number(self) -> Decimal:
        try:
            return Decimal(self.value.row["value"] or "0") * self.value.factor
        except InvalidOperation:
            return Decimal(0)


def sorted_facts(facts: Iterable[str]) -> tuple[str, ...]:
    """Fact ids once each, in numeric order, as a candidate and a dismissal list them."""
    return tuple(sorted(set(facts), key=fact_id_order))


def mine(corpus: Corpus) -> list[Candidate]:
    """Every relation the corpus's blocks state, block by block in the order of articles.csv
    (their sentences are read in the walk over the pages, :mod:`validation.model.pages`), then
    the figures printed more than once."""
    stated = corpus.model.page_walk.sentences
    in_order = [c for block in corpus.model.blocks for c in stated.get(block.index, [])]
    return in_order + _repeats(corpus, corpus.model.fact_values, corpus.model.placements.facts)


@dataclass(frozen=True)
class Reading:
    """What the miner reads a block's sentences with: each fact's value, the levels a growth
    rate is applied to, and each metric's dimension."""

    values: dict[str, FactValue]
    levels: dict[tuple[str, str, str, str], list[FactValue]]
    dimension_of: dict[str, str | None]


def reading(corpus: Corpus) -> Reading:
    values = corpus.model.fact_values
    return Reading(values, _levels(values), corpus.model.metric_dimensions)


def mine_block(context: Reading, page: Page, block: Block, placed: list[Located]) -> list[Candidate]:
    """The relations the sentences of one block state among its placed facts (each placed with
    its figure, in row order)."""
    values, dimension_of = context.values, context.dimension_of
    placed = [row for row in placed if row.figure_start >= 0 and row.row_id in values]
    if not placed or page.text is None or block.last > page.line_count:
        return []
    candidates: list[Candidate] = []
    area = page.line_range(block.first, block.last)
    text = page.text[area.start:area.end]
    sentences = [(area.start + m.start(), area.start + m.end()) for m in _SENTENCE.finditer(text)]
    starts = [s for s, _ in sentences]
    grouped: dict[int, list[_Printed]] = {}
    for row in placed:
        i = bisect.bisect_right(starts, row.figure_start) - 1
        if i >= 0 and row.figure_end <= sentences[i][1]:
            value = values[row.row_id]
            grouped.setdefault(i, []).append(_Printed(
                row.figure_start, row.figure_end, value,
                dimension_of.get(value.row["metric_id"] or "") or ""))
    for i in sorted(grouped):
        start, end = sentences[i]
        printed = sorted(grouped[i], key=lambda p: p.start)
        found = _sentence(page.text, start, end, printed, context.levels)
        quote = page.text[start:end].strip()
        candidates.extend(Candidate(kind, facts, expression, quote, page.where(start),
                                    block.article_id)
                          for kind, facts, expression in _maximal(found))
    for printed, expression in _subsets(page.text, area.start, grouped):
        first, last = printed[0], printed[-1]
        quote = page.text[first.start:last.end]
        candidates.append(Candidate("subset", sorted_facts(p.fact_id for p in printed),
                                    expression, quote, page.where(first.start),
                                    block.article_id))
    return candidates


_Found = tuple[str, tuple[str, ...], str]


def _maximal(found: list[_Found]) -> list[_Found]:
    """Each candidate once, without those whose facts are a strict part of another's."""
    unique = list(dict.fromkeys(found))
    return [c for c in unique if not any(set(c[1]) < set(o[1]) for o in unique)]


def _levels(values: dict[str, FactValue]) -> dict[tuple[str, str, str, str], list[FactValue]]:
    """Facts by (entity, metric, period, base unit), for the level a year earlier."""
    levels: dict[tuple[str, str, str, str], list[FactValue]] = {}
    for value in values.values():
        row = value.row
        if row["entity_id"] and row["metric_id"] and row["period"]:
            key = (row["entity_id"], row["metric_id"], row["period"], value.base_unit)
            levels.setdefault(key, []).append(value)
    return levels


def year_before(period: str) -> str:
    """The period one year earlier: every year in it counted back (29 February becomes the 28th)."""
    shifted = _YEAR.sub(lambda m: f"{int(m.group()) - 1:04d}", period)
    return shifted.replace("-02-29", "-02-28")


def _sentence(text: str, start: int, end: int, printed: list[_Printed],
              levels: dict[tuple[str, str, str, str], list[FactValue]]) -> list[_Found]:
    found: list[_Found] = []
    found.extend(_parts(text, start, end, printed))
    for i, fact in enumerate(printed):
        window = text[printed[i - 1].end if i else start:fact.start]
        if fact.percent and _SHARE_WORDS.search(window):
            found.extend(_share(printed[:i], fact))
        elif fact.percent and _GROWTH_WORDS.search(window):
            found.extend(_growth(printed[:i], fact, levels))
        elif fact.ratio:
            found.extend(_multiple(printed[:i], fact))
    found.extend(_from_to(text, start, end, printed))
    return found


def _parts(text: str, start: int, end: int, printed: list[_Printed]) -> list[_Found]:
    found: list[_Found] = []
    for m in re.finditer(_PARTS_START, text[start:end]):
        at = start + m.start()
        before = [p for p in printed if p.end <= at and p.level]
        if not before:
            continue
        total = before[-1]
        stop = _PARTS_END.search(text, at, end)
        limit = stop.start() if stop else end
        parts = [p for p in printed if at < p.start < limit and p.level
                 and p.value.base_unit == total.value.base_unit]
        if not parts:
            continue
        comparator = "==" if sum(p.number for p in parts) == total.number else ">="
        expression = f"{total.fact_id} {comparator} " + " + ".join(p.fact_id for p in parts)
        found.append(("parts", sorted_facts([total.fact_id, *(p.fact_id for p in parts)]),
                      expression))
    return found


def _pair(before: list[_Printed]) -> tuple[_Printed, _Printed] | None:
    """The two levels of one base unit before a share or multiple, smaller first; ``None``
    unless exactly two are printed in one base unit."""
    by_unit: dict[str, list[_Printed]] = {}
    for p in before:
        if p.level:
            by_unit.setdefault(p.value.base_unit, []).append(p)
    pairs = [group for group in by_unit.values() if len(group) == 2]
    if len(pairs) != 1:
        return None
    first, second = pairs[0]
    return (first, second) if first.number <= second.number else (second, first)


def _share(before: list[_Printed], share: _Printed) -> list[_Found]:
    pair = _pair(before)
    if pair is None:
        return []
    part, whole = pair
    return [("share", sorted_facts([part.fact_id, whole.fact_id, share.fact_id]),
             f"{part.fact_id} / {whole.fact_id} * 100 == {share.fact_id}")]


def _growth(before: list[_Printed], rate: _Printed,
            levels: dict[tuple[str, str, str, str], list[FactValue]]) -> list[_Found]:
    current = next((p for p in reversed(before) if p.level), None)
    if current is None:
        return []
    row = current.value.row
    if not (row["entity_id"] and row["metric_id"] and row["period"]):
        return []
    key = (row["entity_id"], row["metric_id"], year_before(row["period"]), current.value.base_unit)
    earlier = sorted(levels.get(key, []), key=lambda v: fact_id_order(v.fact_id))
    if not earlier:
        return []
    now, then = current.fact_id, earlier[0].fact_id
    return [("growth", sorted_facts([now, then, rate.fact_id]),
             f"({now} - {then}) / {then} * 100 == {rate.fact_id}")]


def _multiple(before: list[_Printed], multiple: _Printed) -> list[_Found]:
    pair = _pair(before)
    if pair is None:
        return []
    small, large = pair
    return [("ratio", sorted_facts([small.fact_id, large.fact_id, multiple.fact_id]),
             f"{large.fact_id} / {small.fact_id} == {multiple.fact_id}")]


def _from_to(text: str, start: int, end: int, printed: list[_Printed]) -> list[_Found]:
    found: list[_Found] = []
    for m in _FROM_TO.finditer(text, start, end):
        a = [p for p in printed if m.start("a") <= p.start and p.end <= m.end("a") and p.level]
        b = [p for p in printed if m.start("b") <= p.start and p.end <= m.end("b") and p.level]
        if not a or not b or a[-1].value.base_unit != b[0].value.base_unit:
            continue
        old, new = a[-1], b[0]
        comparator = "<=" if m.group("verb") in _FALLING else ">="
        found.append(("ratio", sorted_facts([old.fact_id, new.fact_id]),
                      f"{new.fact_id} {comparator} {old.fact_id}"))
    return found


def _subsets(text: str, block_start: int,
             grouped: dict[int, list[_Printed]]) -> list[tuple[list[_Printed], str]]:
    """Counts of classes by threshold in one block, chained from the lowest threshold up."""
    printed = sorted((p for group in grouped.values() for p in group), key=lambda p: p.start)
    classes: dict[tuple[str, str, str, str], dict[Decimal, _Printed]] = {}
    for i, fact in enumerate(printed):
        if not fact.level or fact.dimension != "count":
            continue
        window = text[printed[i - 1].end if i else block_start:fact.start]
        threshold = _threshold(window)
        row = fact.value.row
        if threshold is None or not row["period"]:
            continue
        key = (row["entity_id"] or "", row["period"], fact.value.base_unit, row["status"] or "")
        classes.setdefault(key, {}).setdefault(threshold, fact)
    found = []
    for by_threshold in classes.values():
        chain = [by_threshold[t] for t in sorted(by_threshold)]
        for lower, higher in pairwise(chain):
            pair = sorted((lower, higher), key=lambda p: p.start)
            found.append((pair, f"{lower.fact_id} >= {higher.fact_id}"))
    return found


def _threshold(window: str) -> Decimal | None:
    """The last amount followed by 以上 in ``window`` (10亿元以上 is 10^9 元), if any."""
    matches = list(_THRESHOLD.finditer(window))
    if not matches:
        return None
    m = matches[-1]
    return Decimal(m.group("number")).scaleb(MAGNITUDE_EXPONENTS[m.group("scale") or ""])


def _repeats(corpus: Corpus, values: dict[str, FactValue],
             located: dict[str, Located]) -> list[Candidate]:
    """The same figure printed twice where agreement does not compare the two."""
    groups: dict[tuple[str, str, str, str], list[tuple[date | None, date | None, FactValue]]] = {}
    for fact_id, value in values.items():
        row, where = value.row, located.get(fact_id)
        if where is None or where.figure_start < 0 or not (row["entity_id"] and row["metric_id"]):
            continue
        start = end = None
        if row["period"]:
            try:
                start, end = parse_period(row["period"])
            except PeriodError:
                continue
        key = (row["entity_id"], row["metric_id"], value.base_unit, str(value.interval))
        groups.setdefault(key, []).append((start, end, value))
    candidates = []
    for members in groups.values():
        if len(members) < 2:
            continue
        for component in _overlapping(members):
            links = _agreement_links(component)
            if len(links) < 2:
                continue  # one agreement group: the agreement check compares them all
            facts = sorted_facts(v.fact_id for v in component)
            heads = [group[0] for group in links]
            expression = "; ".join(f"{a} == {b}" for a, b in pairwise(heads))
            last = located[facts[-1]]
            page = corpus.page(last.file)
            if page is None or page.text is None or last.figure is None:
                continue
            candidates.append(Candidate("repeat", facts, expression,
                                        page.text[last.quote.start:last.quote.end],
                                        page.where(last.figure.start), last.article_id,
                                        tuple(tuple(group) for group in links)))
    return candidates


def _overlapping(members: list[tuple[date | None, date | None, FactValue]]) -> list[list[FactValue]]:
    """Members whose periods overlap, swept in period order; a member with no period may be
    of any period, so it joins them all."""
    if any(start is None for start, _, _ in members):
        return [[v for _, _, v in members]]
    ordered = sorted(members, key=lambda m: (m[0], m[1]))
    components: list[list[FactValue]] = []
    reach: date | None = None
    for start, end, value in ordered:
        assert start is not None and end is not None
        if reach is None or start > reach:
            components.append([])
            reach = end
        reach = max(reach, end)
        components[-1].append(value)
    return [c for c in components if len(c) >= 2]


def _agreement_links(component: list[FactValue]) -> list[list[str]]:
    """The component's facts by what the agreement check compares: actual figures of one
    period together, every other fact alone; each list in numeric order."""
    groups: dict[object, list[str]] = {}
    for value in component:
        groups.setdefault(agreement_key(value) or value.fact_id, []).append(value.fact_id)
    return sorted((list(sorted_facts(g)) for g in groups.values()), key=lambda g: fact_id_order(g[0]))
