"""Consistency: agreement, series, declared relations and recorded conflicts."""

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO, edit_cell, flat, read_rows, write_rows
from validation.checks import consistency
from validation.corpus import load_corpus
from validation.engine import validate
from validation.expressions import parse_relation
from validation.numbers import format_decimal, parse_figure

CORPUS = load_corpus(REPO)
RELATIONS = {row["relation_id"]: row["expression"] for _, row in CORPUS.tables["relations"].rows()}


def set_rows(root, table, rows):
    header, _ = read_rows(root / "facts" / f"{table}.csv")
    write_rows(root / "facts" / f"{table}.csv", header, rows)


def test_the_embedded_corpus_is_consistent_but_for_its_recorded_conflicts():
    report = validate(REPO)
    assert report.errors == []
    assert {(f.check, f.row) for f in report.warnings} == {
        ("known-conflict", "F2011"), ("known-conflict", "F2024"), ("known-conflict", "F2025"),
        ("known-conflict", "R0075")}


def test_an_unrecorded_disagreement_fails(corpus_root):
    _, rows = read_rows(corpus_root / "facts" / "conflicts.csv")
    set_rows(corpus_root, "conflicts", [r for r in rows if r[0] != "C0001"])
    report = validate(corpus_root)
    assert ("F2011", "value", "facts-disagree") in flat(report)
    finding = next(f for f in report.errors)
    assert "F0004 (52.5% -> [52.45, 52.55) %)" in finding.message
    assert "(60, 100]" in finding.message  # a share stops at 100 %


def test_a_conflict_that_no_longer_occurs_is_stale(corpus_root):
    _, rows = read_rows(corpus_root / "facts" / "conflicts.csv")
    rows.append(["C0099", "F0031|F0034", "two 两大 that agree", ""])
    set_rows(corpus_root, "conflicts", rows)
    assert ("C0099", "fact_ids", "conflict-stale") in flat(validate(corpus_root))


def test_a_conflict_listing_more_facts_than_its_violation_silences_nothing_and_is_stale(corpus_root):
    edit_cell(corpus_root, "conflicts", "C0001", "fact_ids", "F0004|F2011|F0024")
    found = flat(validate(corpus_root))
    assert ("C0001", "fact_ids", "conflict-stale") in found
    assert ("F2011", "value", "facts-disagree") in found  # no longer a known conflict


def test_a_conflict_prefers_one_of_its_facts(corpus_root):
    edit_cell(corpus_root, "conflicts", "C0001", "preferred", "F0024")
    assert ("C0001", "preferred", "conflict-preferred-not-listed") in flat(validate(corpus_root))


def test_a_conflict_citing_an_unknown_fact_is_rejected(corpus_root):
    edit_cell(corpus_root, "conflicts", "C0001", "fact_ids", "F0004|F9999")
    assert ("C0001", "fact_ids", "dangling-reference") in flat(validate(corpus_root))


def test_a_cumulative_count_may_not_fall(corpus_root):
    # the exchange's members: 416 in 2024-01 (F1071), 777 in 2024-12 (F0024)
    edit_cell(corpus_root, "facts", "F0024", "value", "400")
    report = validate(corpus_root)
    assert ("F0024", "value", "series-falls") in flat(report)
    assert "F1071 (416家" in next(f for f in report.findings if f.check == "series-falls").message


def test_a_violated_relation_shows_each_operand_and_both_sides(corpus_root):
    edit_cell(corpus_root, "relations", "R0001", "expression", "F3033 == F3034 + F3035 + 1")
    report = validate(corpus_root)
    assert flat(report) - {(f.row, f.column, f.check) for f in report.warnings} == {
        ("R0001", "expression", "relation-violated")}
    message = next(f for f in report.errors).message
    assert "left side [41, 41], right side [42, 42]" in message
    assert "F3034 (26个 -> [26, 26] 个)" in message


@pytest.mark.parametrize("expression", ["F3033 ==", "open('x') == 1", "F3033 / (F3034 - 26) == 1"])
def test_a_relation_outside_the_language_is_reported_not_run(corpus_root, expression):
    edit_cell(corpus_root, "relations", "R0001", "expression", expression)
    assert ("R0001", "expression", "relation-unparseable") in flat(validate(corpus_root))


def test_a_relation_citing_an_unknown_fact_is_rejected(corpus_root):
    edit_cell(corpus_root, "relations", "R0001", "expression", "F3033 == F9999")
    assert ("R0001", "expression", "dangling-reference") in flat(validate(corpus_root))


# --- metamorphic: move a real fact's value and watch the checks ---------------------------

def moved_corpus(fact_id, value, bound=None):
    """The corpus with one fact's value (a Decimal, or the cell as written) and bound replaced,
    as if the page had printed another figure."""
    corpus = load_corpus(REPO)
    facts = corpus.tables["facts"].frame.copy()  # a table's frame is replaced, never edited
    cell = value if isinstance(value, str) else format_decimal(value)
    facts.loc[facts["fact_id"] == fact_id, "value"] = cell
    if bound:
        facts.loc[facts["fact_id"] == fact_id, "bound"] = bound
    corpus.tables["facts"].frame = facts
    return corpus


def moved(fact_id, value, bound=None):
    """Consistency findings (errors and known conflicts) after moving one fact's value."""
    return consistency.run(moved_corpus(fact_id, value, bound))


relation_operands = {rid: parse_relation(text).facts() for rid, text in RELATIONS.items()}
#: Relations that fail on the embedded corpus as a recorded conflict.
RECORDED = {f.row for f in consistency.run(CORPUS) if f.check == "known-conflict"}
values = CORPUS.model.fact_values


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(relation_operands)))
def test_every_relation_fails_when_an_operand_leaves_its_interval(relation_id):
    """No relation is vacuous: moving some operand far outside its interval breaks it, or, for
    a relation recorded as a conflict, mends it (its conflict then goes stale)."""
    for fact_id in relation_operands[relation_id]:
        for factor in (Decimal(0), Decimal(10**6)):
            findings = moved(fact_id, Decimal(values[fact_id].row["value"]) * factor)
            if any(f.check == "relation-violated" and f.row == relation_id for f in findings):
                return
            if relation_id in RECORDED and any(f.check == "conflict-stale" for f in findings):
                return
    pytest.fail(f"{relation_id} ({RELATIONS[relation_id]}) holds whatever its operands are")


facts_in_relations = sorted({f for facts in relation_operands.values() for f in facts})


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(facts_in_relations), st.data())
def test_moving_a_value_within_its_interval_keeps_agreement_series_and_relations_it_satisfies(
        fact_id, data):
    value = values[fact_id]
    interval, factor = value.interval, value.factor
    high = interval.high / factor if interval.high.is_finite() else interval.low / factor * 2 + 1
    inside = data.draw(st.decimals(min_value=interval.low / factor, max_value=high, places=3).filter(
        lambda x: interval.contains(x * factor)))
    # the figure was in truth `inside`, printed to the thousandth: an exact reading inside the old one
    corpus = moved_corpus(fact_id, f"{inside:.3f}", bound="exact")  # 1.000 is not 1
    errors = [f for f in consistency.run(corpus) if f.severity == "error"]
    # Other statements may pin the fact tighter than its own printing (近两圈 is [1, 2) laps, but
    # 15万里 is 1.8 laps), so a failure may appear: then it must be true at the moved value.
    now = {f: v.interval for f, v in corpus.model.fact_values.items()}
    for finding in errors:
        if finding.check == "relation-violated":
            relation = parse_relation(RELATIONS[finding.row])
            assert not relation.holds({f: now[f] for f in relation.facts()})[0], finding
            continue
        assert finding.check in ("facts-disagree", "series-falls"), finding
        first, second = re.findall(r"F\d{4}", finding.message)[:2]
        if finding.check == "facts-disagree":
            assert not now[first].overlaps(now[second]), finding
        else:  # the later value (first named) lies wholly below the earlier one
            assert now[first].high < now[second].low, finding


def test_moving_an_agreeing_fact_out_of_its_interval_is_caught():
    # F0031 and F0034 both print 两大 for the zone's computing centres at 2024-12
    assert any(f.check == "facts-disagree" for f in moved("F0034", Decimal(3)))
    assert not [f for f in moved("F0034", Decimal(2)) if f.severity == "error"]


# --- hostile relations and units: findings, never crashes -----------------------------------

HUGE = "1" + "0" * 130_000
HOSTILE_RELATIONS = {
    "nesting": ("(" * 330 + "F3033" + ")" * 330 + " == 41", "nesting is 330 deep; the limit is 32"),
    "operands": (" + ".join(["F3033"] * 990) + " == 41", "the limit is 64"),
    "unary minus": ("- " * 5000 + "F3033 == 41", "nesting is 5000 deep; the limit is 32"),
    "digits": (f"F3033 == {HUGE}", "has 130001 digits; the limit is 28"),
    "magnitude": (f"F3033 * {'9' * 28} * {'9' * 28} == F3034", "the limit is below 10^30"),
}


@pytest.mark.parametrize(("expression", "message"), HOSTILE_RELATIONS.values(),
                         ids=HOSTILE_RELATIONS.keys())
def test_a_hostile_relation_is_reported_as_unparseable_naming_the_limit(corpus_root, expression,
                                                                       message):
    edit_cell(corpus_root, "relations", "R0001", "expression", expression)
    report = validate(corpus_root)
    finding = next(f for f in report.findings if f.row == "R0001")
    assert (finding.check, finding.table, finding.column) == (
        "relation-unparseable", "relations", "expression")
    assert message in finding.message and finding.location == "facts/relations.csv:2"


def test_a_huge_unit_factor_is_a_schema_finding_not_a_crash(corpus_root):
    edit_cell(corpus_root, "units", "个", "factor", HUGE)
    assert ("个/count", "factor", "invalid-format") in flat(validate(corpus_root))


def test_a_value_that_overflows_when_scaled_to_its_base_unit_is_a_finding_not_a_crash(corpus_root):
    edit_cell(corpus_root, "facts", "F0041", "value", "9E999999")  # 96.92亿元
    assert ("F0041", "value", "invalid-format") in flat(validate(corpus_root))


def test_a_relation_whose_facts_exceed_the_magnitude_limit_is_unparseable(corpus_root):
    edit_cell(corpus_root, "units", "个", "factor", "1" + "0" * 29)
    report = validate(corpus_root)
    finding = next(f for f in report.findings if f.row == "R0001")
    assert finding.check == "relation-unparseable" and "the limit is below 10^30" in finding.message


# --- dimensions: a relation adds, subtracts and compares only quantities of one dimension ---

UNITS = [{"unit": "%", "dimension": "percent", "base_unit": "%", "factor": "1"},
         {"unit": "人", "dimension": "count", "base_unit": "人", "factor": "1"},
         {"unit": "亿元", "dimension": "money", "base_unit": "元", "factor": "100000000"},
         {"unit": "倍", "dimension": "ratio", "base_unit": "倍", "factor": "1"},
         {"unit": "元", "dimension": "money", "base_unit": "元", "factor": "1"},
         {"unit": "公里", "dimension": "distance", "base_unit": "公里", "factor": "1"},
         {"unit": "家", "dimension": "count", "base_unit": "家", "factor": "1"}]
METRICS = {"share": "percent", "length": "distance", "revenue": "money", "revenue_usd": "usd",
           "multiple": "ratio", "firms": "count", "staff": "count"}


def fact(fact_id, metric_id, text):
    figure = parse_figure(text)
    return {"fact_id": fact_id, "article_id": "A001-01", "entity_id": f"e{fact_id}",
            "metric_id": metric_id, "value": format_decimal(figure.value), "unit": figure.unit,
            "bound": "exact", "status": "actual", "period": "2024", "text": text, "quote": text}


def relation_findings(expression, facts, units=(), **dimensions):
    """The consistency findings of one relation, R0001, among ``facts`` in a small corpus
    (``dimensions`` changes a metric's)."""
    from tests.checks.test_schema import small_corpus

    corpus = small_corpus(
        units=[*UNITS, *units], facts=facts,
        metrics=[{"metric_id": m, "label_zh": "标", "label_en": "l", "dimension": d,
                  "cumulative": "false"} for m, d in (METRICS | dimensions).items()],
        relations=[{"relation_id": "R0001", "expression": expression, "note": "n"}])
    return consistency.run(corpus)


def test_a_percentage_plus_a_length_is_a_dimension_mismatch():
    facts = [fact("F0002", "length", "3公里"), fact("F0005", "share", "52.5%")]
    (finding,) = relation_findings("F0005 + F0002 > 0", facts)
    assert (finding.check, finding.table, finding.row, finding.column) == (
        "relation-dimension-mismatch", "relations", "R0001", "expression")
    assert finding.message.startswith("F0005 + F0002 > 0 adds percent and distance, in F0005 + F0002")
    assert "F0005: percent (metric share, unit %); F0002: distance (metric length, unit 公里)" in (
        finding.message)
    assert (finding.expected, finding.found) == ("percent on both sides of +", "percent + distance")
    assert finding.location == "facts/relations.csv:2" and "one dimension" in finding.hint
    # of one dimension, the same relation is evaluated (and holds)
    assert relation_findings("F0005 + F0002 > 0", [fact("F0002", "share", "3%"), facts[1]]) == []


def test_a_dollar_figure_against_a_yuan_figure_is_a_mismatch_unless_units_give_the_rate():
    dollars = [{"unit": "美元", "dimension": "usd", "base_unit": "美元", "factor": "1"}]
    facts = [fact("F0001", "revenue_usd", "100美元"), fact("F0002", "revenue", "700元"),
             fact("F0003", "revenue", "800元")]
    (finding,) = relation_findings("F0001 >= F0002", facts, dollars)
    assert finding.check == "relation-dimension-mismatch"
    assert finding.found == "usd >= money" and "compares usd and money" in finding.message
    assert "rate" in finding.hint
    # with its rate, 100美元 is about 710元: at least 700元, less than 800元
    rate = [{"unit": "美元", "dimension": "money", "base_unit": "元", "factor": "7.1"}]
    assert relation_findings("F0001 >= F0002", facts, rate, revenue_usd="money") == []
    (violated,) = relation_findings("F0001 >= F0003", facts, rate, revenue_usd="money")
    assert violated.check == "relation-violated"
    assert "F0001 (100美元 -> [706.45, 713.55) 元)" in violated.message


def test_a_share_and_a_multiple_compare_with_pure_numbers_but_not_with_each_other():
    facts = [fact("F0001", "revenue", "350亿元"), fact("F0002", "revenue", "667亿元"),
             fact("F0003", "share", "52.5%"), fact("F0004", "multiple", "0.525倍")]
    assert relation_findings("F0001 / F0002 * 100 == F0003", facts) == []
    assert relation_findings("F0001 / F0002 == F0004", facts) == []
    assert relation_findings("F0003 / 100 == F0004", facts) == []
    (finding,) = relation_findings("F0003 == F0004 * 100 + F0003 - F0003 + F0004", facts)
    assert finding.check == "relation-dimension-mismatch" and finding.found == "percent + ratio"
    assert "different scales" in finding.hint
    (finding,) = relation_findings("F0001 / F0002 == F0001", facts)
    assert finding.found == "a pure number == money"


def test_counted_nouns_are_one_dimension_in_relations():
    facts = [fact("F0001", "firms", "12家"), fact("F0002", "staff", "30人"),
             fact("F0003", "staff", "42人")]
    assert relation_findings("F0001 + F0002 == F0003", facts) == []
    (finding,) = relation_findings("F0001 + F0002 == F0003 + 1", facts)
    assert finding.check == "relation-violated"  # a number is read in the base unit: one more


def test_a_relation_mixing_dimensions_in_the_embedded_corpus_is_reported(corpus_root):
    # F0005 is the city's rank (第N名), F0002 a count of enterprises (家)
    edit_cell(corpus_root, "relations", "R0001", "expression", "F0005 + F0002 > 0")
    edit_cell(corpus_root, "relations", "R0013", "expression", "F1013 == F4007")
    report = validate(corpus_root)
    # the relations the pages state that R0001 and R0013 declared are now undeclared
    assert flat(report) == {("R0001", "expression", "relation-dimension-mismatch"),
                            ("R0013", "expression", "relation-dimension-mismatch"),
                            ("A003-05", None, "relation-undeclared"),
                            ("A004-01", None, "relation-undeclared")}
    found = {f.row: f.found for f in report.by_check("relation-dimension-mismatch")}
    assert found == {"R0001": "rank + count", "R0013": "share == ratio"}


def test_a_violated_relation_that_mixes_a_target_with_an_actual_says_so(corpus_root):
    edit_cell(corpus_root, "relations", "R0015", "expression", "F1077 ~= 2 * F1076")
    (finding,) = validate(corpus_root).by_check("relation-violated")
    assert finding.row == "R0015"
    assert "it mixes actual figures with others (F1077 is a target)" in finding.message


def test_a_violated_relation_of_actual_figures_only_does_not_mention_statuses(corpus_root):
    edit_cell(corpus_root, "relations", "R0021", "expression", "F4040 >= 2 * F2029")
    (finding,) = validate(corpus_root).by_check("relation-violated")
    assert finding.row == "R0021" and "mixes" not in finding.message


def test_a_share_above_a_hundred_percent_is_out_of_range(corpus_root):
    edit_cell(corpus_root, "facts", "F4037", "value", "196")
    edit_cell(corpus_root, "facts", "F4037", "text", "超196%")
    (finding,) = validate(corpus_root).by_check("share-out-of-range")
    assert (finding.row, finding.column, finding.found) == ("F4037", "value", "超196%")


def test_an_open_ended_share_is_cut_at_a_hundred_percent(corpus_root):
    value = load_corpus(corpus_root).model.fact_values["F4037"]  # 超90%
    assert (value.interval.low, value.interval.high) == (Decimal(90), Decimal(100))
    assert value.interval.low_open and not value.interval.high_open


def test_a_growth_rate_has_no_upper_limit(corpus_root):
    edit_cell(corpus_root, "facts", "F3040", "value", "300")
    edit_cell(corpus_root, "facts", "F3040", "text", "300%")
    assert "share-out-of-range" not in {f.check for f in validate(corpus_root).findings}
