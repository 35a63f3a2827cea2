"""The relation miner: every pattern a sentence states a relation in, holding and not holding."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import REPO
from validation.corpus import Corpus, load_corpus
from validation.miner import KINDS, Candidate, mine, sorted_facts, year_before
from validation.periods import parse_period
from validation.schemas import TABLES

METRICS = [
    {"metric_id": "projects", "label_zh": "项目", "label_en": "projects", "dimension": "count",
     "cumulative": "false"},
    {"metric_id": "enterprises", "label_zh": "企业", "label_en": "enterprises", "dimension": "count",
     "cumulative": "false"},
    {"metric_id": "revenue", "label_zh": "营收", "label_en": "revenue", "dimension": "money",
     "cumulative": "false"},
    {"metric_id": "share", "label_zh": "占比", "label_en": "share", "dimension": "percent",
     "cumulative": "false"},
    {"metric_id": "growth", "label_zh": "增速", "label_en": "growth", "dimension": "percent",
     "cumulative": "false"},
    {"metric_id": "multiple", "label_zh": "倍数", "label_en": "multiple", "dimension": "ratio",
     "cumulative": "false"},
]
UNITS = [("个", "count", "个", "1"), ("家", "count", "家", "1"), ("亿元", "money", "元", "100000000"),
         ("元", "money", "元", "1"), ("%", "percent", "%", "1"), ("倍", "ratio", "倍", "1")]
UNIT_OF = {"个": "projects", "家": "enterprises", "亿元": "revenue", "倍": "multiple"}


def fact(fact_id: str, text: str, quote: str, *, metric: str | None = None, period: str = "2024",
         entity: str = "zone", value: str | None = None, unit: str | None = None,
         line: int = 1) -> dict[str, str]:
    """A fact printed as ``text`` inside ``quote``; value and unit read off the text."""
    if unit is None:
        unit = next(u for u in ("亿元", "个", "家", "%", "倍") if text.endswith(u) or
                    (u == "倍" and text == "翻番"))
    if value is None:
        value = "2" if text == "翻番" else text.removesuffix(unit)
    return {"fact_id": fact_id, "article_id": "A1", "entity_id": entity,
            "metric_id": metric or UNIT_OF.get(unit, "share"), "value": value, "unit": unit,
            "bound": "exact", "status": "actual", "period": period, "text": text, "quote": quote,
            "occurrence": "", "note": ""}


def write_table(root: Path, name: str, rows: list[dict[str, str]]) -> None:
    columns = TABLES[name].columns
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[row.get(c, "") for c in columns] for row in rows])
    (root / "facts" / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")


def build(root: Path, lines: list[str], facts: list[dict[str, str]], *,
          relations: list[str] = (), dismissals: list[tuple[str, str, str]] = ()) -> Corpus:
    """A one-page corpus: ``lines`` as block A1, the facts, relations and dismissals given."""
    (root / "seeds").mkdir(parents=True)
    (root / "facts").mkdir()
    (root / "seeds" / "p.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_table(root, "articles", [{"article_id": "A1", "file": "p.txt", "line_start": "1",
                                    "line_end": str(len(lines)), "kind": "fragment"}])
    write_table(root, "metrics", METRICS)
    write_table(root, "units", [dict(zip(("unit", "dimension", "base_unit", "factor"), u, strict=True))
                                for u in UNITS])
    write_table(root, "facts", facts)
    write_table(root, "relations", [{"relation_id": f"R{i:04d}", "expression": e, "note": "n"}
                                    for i, e in enumerate(relations, 1)])
    write_table(root, "dismissals", [{"dismissal_id": d, "fact_ids": f, "kind": k, "reason": "r"}
                                     for d, f, k in dismissals])
    for name in ("pages", "entities"):
        write_table(root, name, [])
    return load_corpus(root)


def mined(root: Path, lines: list[str], facts: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(c.kind, c.expression) for c in mine(build(root, lines, facts))]


# parts: 其中

PARTS_LINE = "园区落地项目80个，其中新建项目50个、续建项目30个。"
PARTS = [fact("F0001", "80个", "落地项目80个"), fact("F0002", "50个", "新建项目50个"),
         fact("F0003", "30个", "续建项目30个")]


def test_parts_that_add_up_to_the_printed_total_are_suggested_as_equal(tmp_path):
    assert mined(tmp_path, [PARTS_LINE], PARTS) == [("parts", "F0001 == F0002 + F0003")]


def test_parts_short_of_the_total_are_suggested_as_at_most_the_total(tmp_path):
    facts = [fact("F0001", "90个", "落地项目90个"), *PARTS[1:]]
    assert mined(tmp_path, [PARTS_LINE.replace("80个", "90个")], facts) == [
        ("parts", "F0001 >= F0002 + F0003")]


def test_the_word_all_does_not_make_a_list_complete(tmp_path):
    line = "园区落地项目90个，其中新建项目50个全部开工、续建项目30个。"
    facts = [fact("F0001", "90个", "落地项目90个"), *PARTS[1:]]
    assert mined(tmp_path, [line], facts) == [("parts", "F0001 >= F0002 + F0003")]


def test_without_qizhong_figures_in_one_sentence_state_no_parts(tmp_path):
    assert mined(tmp_path, [PARTS_LINE.replace("其中", "还有")], PARTS) == []


def test_parts_stop_at_lingyou_and_skip_other_base_units(tmp_path):
    line = "园区落地项目80个，其中新建项目50个、龙头企业3家，另有续建项目30个在谈。"
    facts = [PARTS[0], PARTS[1], fact("F0004", "3家", "龙头企业3家"),
             fact("F0003", "30个", "续建项目30个")]
    assert mined(tmp_path, [line], facts) == [("parts", "F0001 >= F0002")]


def test_parts_need_a_total_in_their_own_sentence(tmp_path):
    lines = ["园区落地项目80个。", "其中新建项目50个、续建项目30个。"]
    assert mined(tmp_path, lines, PARTS) == []


def test_percents_are_not_parts_of_a_total(tmp_path):
    line = "全年营收增速8%，其中服务业以15%增速领跑。"
    facts = [fact("F0001", "8%", "营收增速8%"), fact("F0002", "15%", "以15%增速")]
    assert mined(tmp_path, [line], facts) == []


# share: 占比 / 比重 / 占…的

SHARE = [fact("F0001", "350亿元", "规模达350亿元"), fact("F0002", "667亿元", "总收入667亿元"),
         fact("F0003", "52.5%", "占比52.5%", metric="share")]


def test_a_share_with_its_part_and_whole_in_the_sentence_is_part_over_whole(tmp_path):
    line = "数字经济规模达350亿元，技工贸总收入667亿元，占比52.5%。"
    assert mined(tmp_path, [line], SHARE) == [("share", "F0001 / F0002 * 100 == F0003")]


def test_a_share_printed_as_zhan_de_finds_the_smaller_as_the_part(tmp_path):
    line = "技工贸总收入667亿元，数字经济规模达350亿元，占总收入的52.5%。"
    facts = [fact("F0002", "667亿元", "总收入667亿元"), fact("F0001", "350亿元", "规模达350亿元"),
             fact("F0003", "52.5%", "的52.5%", metric="share")]
    assert mined(tmp_path, [line], facts) == [("share", "F0001 / F0002 * 100 == F0003")]


def test_a_share_without_its_whole_in_the_sentence_is_skipped(tmp_path):
    line = "数字经济规模达350亿元，占比52.5%。"
    assert mined(tmp_path, [line], [SHARE[0], SHARE[2]]) == []


def test_a_share_among_three_levels_of_one_unit_is_skipped_as_ambiguous(tmp_path):
    line = "数字经济规模达350亿元，技工贸总收入667亿元，税收10亿元，占比52.5%。"
    facts = [*SHARE[:2], fact("F0004", "10亿元", "税收10亿元"), SHARE[2]]
    assert mined(tmp_path, [line], facts) == []


# growth: 增长 / 同比 / 比上年 / 提高

def test_growth_relates_the_level_to_the_same_metric_a_year_earlier_anywhere(tmp_path):
    lines = ["2024年营收120亿元，同比增长20%。", "回看2023年，营收100亿元。"]
    facts = [fact("F0001", "120亿元", "营收120亿元"), fact("F0002", "20%", "增长20%", metric="growth"),
             fact("F0003", "100亿元", "营收100亿元", period="2023")]
    assert mined(tmp_path, lines, facts) == [("growth", "(F0001 - F0003) / F0003 * 100 == F0002")]


def test_growth_without_the_earlier_level_is_skipped(tmp_path):
    lines = ["2024年营收120亿元，同比增长20%。", "回看2023年，营收100亿元。"]
    facts = [fact("F0001", "120亿元", "营收120亿元"), fact("F0002", "20%", "增长20%", metric="growth"),
             fact("F0003", "100亿元", "营收100亿元", period="2023", entity="elsewhere")]
    assert mined(tmp_path, lines, facts) == []


def test_a_percent_after_no_share_or_growth_word_states_nothing(tmp_path):
    line = "营收120亿元，营收100亿元，达20%。"
    facts = [fact("F0001", "120亿元", "营收120亿元"), fact("F0003", "100亿元", "营收100亿元"),
             fact("F0002", "20%", "达20%", metric="growth")]
    assert mined(tmp_path, [line], facts) == []


# ratio: 翻番, N倍, 从 A 跃升至 B

def test_from_a_to_b_with_a_doubling_is_one_ratio_of_three_facts(tmp_path):
    line = "总收入从2021年的360亿元跃升至700亿元，接近翻番。"
    facts = [fact("F0001", "360亿元", "的360亿元", period="2021"), fact("F0002", "700亿元", "至700亿元"),
             fact("F0003", "翻番", "接近翻番")]
    assert mined(tmp_path, [line], facts) == [("ratio", "F0002 / F0001 == F0003")]


def test_a_multiple_needs_exactly_two_levels_of_one_unit(tmp_path):
    line = "设立产业基金9家，总规模达96.92亿元，撬动基金规模37倍。"
    facts = [fact("F0001", "9家", "基金9家"), fact("F0002", "96.92亿元", "规模达96.92亿元"),
             fact("F0003", "37倍", "规模37倍")]
    assert mined(tmp_path, [line], facts) == []


def test_from_a_rising_to_b_says_b_is_at_least_a(tmp_path):
    line = "企业从200家增至300家。"
    facts = [fact("F0001", "200家", "从200家"), fact("F0002", "300家", "增至300家")]
    assert mined(tmp_path, [line], facts) == [("ratio", "F0002 >= F0001")]


def test_from_a_falling_to_b_says_b_is_at_most_a(tmp_path):
    line = "企业从300家下降到200家。"
    facts = [fact("F0001", "300家", "从300家"), fact("F0002", "200家", "到200家")]
    assert mined(tmp_path, [line], facts) == [("ratio", "F0002 <= F0001")]


def test_from_signing_to_opening_relates_no_figures(tmp_path):
    line = "从签约到试运营，仅用时47天，建成实景棚60个。"
    facts = [fact("F0001", "60个", "实景棚60个")]
    assert mined(tmp_path, [line], facts) == []


# every candidate

def test_a_candidate_quotes_its_sentence_and_where_it_starts(tmp_path):
    corpus = build(tmp_path, ["标题", "开头一句。" + PARTS_LINE], PARTS)
    assert mine(corpus) == [Candidate("parts", ("F0001", "F0002", "F0003"), "F0001 == F0002 + F0003",
                                      PARTS_LINE, "seeds/p.txt:2:6", "A1")]


def test_a_fact_whose_figure_cannot_be_placed_takes_part_in_nothing(tmp_path):
    facts = [fact("F0001", "80个", "落地项目80个，其中新建项目50个、续建项目30个。"), *PARTS[1:]]
    facts[0]["text"] = "0个"  # printed three times in the quote: figure-ambiguous-in-quote
    assert mined(tmp_path, [PARTS_LINE], facts) == []


# subset: classes by threshold

SUBSET_LINE = "签约2亿元以上项目20个，50亿元以上重大项目3个，10亿元以上项目8个。"
SUBSET = [fact("F0001", "20个", "2亿元以上项目20个"), fact("F0002", "3个", "50亿元以上重大项目3个"),
          fact("F0003", "8个", "10亿元以上项目8个")]


def test_classes_by_threshold_are_chained_from_the_lowest_threshold_up(tmp_path):
    assert mined(tmp_path, [SUBSET_LINE], SUBSET) == [("subset", "F0001 >= F0003"),
                                                      ("subset", "F0003 >= F0002")]


def test_classes_by_threshold_across_sentences_of_one_block_are_chained(tmp_path):
    lines = ["签约2亿元以上项目20个。", "其余略。", "50亿元以上重大项目3个。"]
    facts = [SUBSET[0], dict(SUBSET[1], quote="50亿元以上重大项目3个")]
    assert mined(tmp_path, lines, facts) == [("subset", "F0001 >= F0002")]


def test_thresholds_in_wan_yuan_and_yi_yuan_compare_as_amounts(tmp_path):
    line = "5000万元以上项目9个、1亿元以上项目4个。"
    facts = [fact("F0001", "9个", "5000万元以上项目9个"), fact("F0002", "4个", "1亿元以上项目4个")]
    assert mined(tmp_path, [line], facts) == [("subset", "F0001 >= F0002")]


def test_classes_without_yishang_or_of_another_period_state_no_subset(tmp_path):
    line = "签约2亿元项目20个，50亿元以上重大项目3个。"
    facts = [fact("F0001", "20个", "2亿元项目20个"), SUBSET[1]]
    assert mined(tmp_path, [line], facts) == []
    (tmp_path / "periods").mkdir()
    facts = [SUBSET[0], dict(SUBSET[1], period="2023")]
    assert mined(tmp_path / "periods", [SUBSET_LINE.split("，10")[0] + "。"], facts) == []


def test_classes_counted_in_different_units_state_no_subset(tmp_path):
    line = "2亿元以上项目20个，50亿元以上企业3家。"
    facts = [SUBSET[0], fact("F0002", "3家", "50亿元以上企业3家")]
    assert mined(tmp_path, [line], facts) == []


# repeat: the same figure printed twice where agreement does not compare

def repeated(period_a: str, period_b: str, status_b: str = "actual") -> list[dict[str, str]]:
    return [fact("F0001", "80个", "落地项目80个", period=period_a),
            dict(fact("F0002", "80个", "项目总数80个", period=period_b), status=status_b)]


REPEAT_LINES = ["园区落地项目80个。", "项目总数80个。"]


def test_a_figure_printed_undated_and_dated_is_a_repeat(tmp_path):
    assert mined(tmp_path, REPEAT_LINES, repeated("2024", "")) == [("repeat", "F0001 == F0002")]


def test_a_plan_and_an_actual_figure_of_one_period_are_a_repeat(tmp_path):
    assert mined(tmp_path, REPEAT_LINES, repeated("2024", "2024", "plan")) == [
        ("repeat", "F0001 == F0002")]


def test_overlapping_periods_make_a_repeat_and_disjoint_ones_do_not(tmp_path):
    assert mined(tmp_path, REPEAT_LINES, repeated("2022/2024", "2024")) == [
        ("repeat", "F0001 == F0002")]
    (tmp_path / "disjoint").mkdir()
    assert mined(tmp_path / "disjoint", REPEAT_LINES, repeated("2023", "2024")) == []


def test_actual_figures_of_one_period_are_left_to_the_agreement_check(tmp_path):
    assert mined(tmp_path, REPEAT_LINES, repeated("2024", "2024")) == []


def test_different_readings_or_entities_are_no_repeat(tmp_path):
    facts = repeated("2024", "")
    facts[1] = dict(facts[1], text="80余个", value="80", bound="lower", quote="项目总数80余个")
    assert mined(tmp_path, ["园区落地项目80个。", "项目总数80余个。"], facts) == []
    (tmp_path / "entity").mkdir()
    facts = [repeated("2024", "")[0], dict(repeated("2024", "")[1], entity_id="other")]
    assert mined(tmp_path / "entity", REPEAT_LINES, facts) == []


def test_a_repeat_quotes_its_last_fact_where_its_figure_is_printed(tmp_path):
    [candidate] = mine(build(tmp_path, REPEAT_LINES, repeated("2024", "")))
    assert (candidate.quote, candidate.location, candidate.facts) == (
        "项目总数80个", "seeds/p.txt:2:5", ("F0001", "F0002"))


def test_the_embedded_corpus_states_its_parts_and_its_doubling():
    found = {(c.kind, c.facts) for c in mine(load_corpus(REPO))}
    assert ("parts", ("F3033", "F3034", "F3035")) in found
    assert ("ratio", ("F4005", "F4006", "F4007")) in found


def test_fact_ids_are_listed_in_numeric_order():
    assert sorted_facts(["F10000", "F9999", "F0002", "F9999"]) == ("F0002", "F9999", "F10000")


@given(st.dates(min_value=date(1001, 1, 1), max_value=date(9999, 12, 31)),
       st.sampled_from(["%Y", "%Y-%m", "%Y-%m-%d"]))
def test_the_year_before_is_every_date_one_year_back(day, form):
    period = day.strftime(form)
    before = parse_period(year_before(period))
    now = parse_period(period)
    assert before[0].year == now[0].year - 1 and before[0].month == now[0].month
    assert before[0].day == min(now[0].day, 28 if now[0].month == 2 else 31)


@given(st.integers(1001, 9999), st.integers(1, 9))
def test_the_year_before_an_interval_shifts_both_ends(start, length):
    end = min(start + length, 9999)
    assert year_before(f"{start}/{end}") == f"{start - 1}/{end - 1}"


PIECES = ["园区", "项目", "其中", "另有", "占比", "占", "的", "同比增长", "从", "跃升至", "下降到", "翻番",
          "，", "、", "；", "。"]
FIGURES = ["80个", "50个", "3家", "350亿元", "667亿元", "52.5%", "20%", "2倍"]


@given(st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(FIGURES)), min_size=1, max_size=24))
def test_every_suggestion_is_a_relation_citing_exactly_its_facts(pieces):
    from tempfile import TemporaryDirectory

    from validation.expressions import parse_relation

    line = "".join(pieces)
    facts, seen = [], set()
    for i, piece in enumerate(pieces):
        if piece in FIGURES and piece not in seen:  # each figure once, so that it can be placed
            seen.add(piece)
            facts.append(fact(f"F{i + 1:04d}", piece, piece, value=piece.rstrip("个家亿元%倍"),
                              unit=next(u for u in ("亿元", "个", "家", "%", "倍") if piece.endswith(u))))
    facts = [f for f in facts if line.count(f["text"]) == 1]
    with TemporaryDirectory() as folder:
        candidates = mine(build(Path(folder), [line], facts))
    printed = {f["fact_id"] for f in facts}
    for candidate in candidates:
        assert set(candidate.facts) <= printed and candidate.facts == sorted_facts(candidate.facts)
        assert set(parse_relation(candidate.expression).facts()) == set(candidate.facts)
        assert candidate.quote in line and candidate.kind in KINDS
