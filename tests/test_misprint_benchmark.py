"""ci/misprint_benchmark.py: a misprint written into seed, quote and row together is caught by
consistency where an exact relation binds the figure, and missed where only a one-sided
relation or an open interval does. Kept small so that the script cannot rot unnoticed."""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import REPO, cell, read_rows, write_rows
from validation.numbers import parse_figure


def _load():
    spec = importlib.util.spec_from_file_location("misprint_benchmark",
                                                  REPO / "ci" / "misprint_benchmark.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


benchmark = _load()


def _only_relations(root: Path, relations: dict[str, str]) -> None:
    """Replace relations.csv of the copy by ``relations`` (id -> expression)."""
    path = root / "facts" / "relations.csv"
    header, _ = read_rows(path)
    rows = []
    for key, expression in sorted(relations.items()):
        row = [""] * len(header)
        row[header.index("relation_id")], row[header.index("expression")] = key, expression
        rows.append(row)
    write_rows(path, header, rows)


def test_an_exact_relation_catches_the_misprint_and_one_sided_or_open_ones_miss_it(corpus_root):
    assert [cell(corpus_root, "facts", f, "text") for f in ("F3034", "F1006", "F4008", "F3032")] \
        == ["26个", "12个", "47天", "不到2个月"]
    _only_relations(corpus_root, {"R0001": "F3033 == F3034 + F3035", "R0002": "F1005 >= F1006",
                                  "R0003": "F4008 == F3032"})
    before = {p.name: p.read_bytes() for p in (corpus_root / "facts").iterdir()}

    trials = {t.fact_id: t for t in benchmark.run_benchmark(
        corpus_root, facts=["F3034", "F1006", "F4008"])}

    caught, one_sided, open_ = trials["F3034"], trials["F1006"], trials["F4008"]
    assert (caught.new_text, caught.verdict) == ("36个", "caught")
    assert "relation-violated R0001" in caught.caught_by
    assert (one_sided.new_text, one_sided.verdict) == ("22个", "missed")
    assert one_sided.reasons[0] == "one-sided relation"
    assert (open_.new_text, open_.verdict) == ("57天", "missed")
    assert open_.reasons[0].startswith("open interval (F3032 upper")
    assert not any(t.other for t in trials.values())  # each misprint was clean
    assert {p.name: p.read_bytes() for p in (corpus_root / "facts").iterdir()} == before


@pytest.mark.parametrize(("rule", "printed", "expected"), [
    ("lead", "361家", "461家"), ("lead", "52.5%", "62.5%"), ("lead", "9支", "10支"),
    ("lead", "0.5倍", "0.6倍"), ("lead", "两大", "三大"), ("lead", "翻番", None),
    ("down", "361家", "261家"), ("down", "16家", "6家"), ("down", "1.5倍", "0.5倍"),
    ("down", "三大", "两大"), ("down", "第一", None), ("down", "第十", "第九"),
    ("x10", "52.5%", "525%"), ("x10", "突破6亿元", "突破60亿元"), ("x10", "第一", None),
    ("drop", "361家", "36家"), ("drop", "52.5%", "52%"), ("drop", "9支", None),
])
def test_each_rule_changes_the_first_number_as_printed(rule, printed, expected):
    assert benchmark.misprint(printed, rule) == expected


@given(st.sampled_from(sorted(benchmark.RULES)), st.decimals(min_value=Decimal("0.1"),
       max_value=Decimal(10**8), places=1), st.sampled_from(["家", "亿元", "%", "个月"]),
       st.sampled_from(["", "超", "近"]))
def test_a_misprint_changes_the_value_and_keeps_unit_and_bound(rule, number, unit, qualifier):
    printed = f"{qualifier}{number.normalize():f}{unit}"
    changed = benchmark.misprint(printed, rule)
    if changed is None:
        return
    before, after = parse_figure(printed), parse_figure(changed)
    assert after.value != before.value
    assert (after.unit, after.bound) == (before.unit, before.bound)
