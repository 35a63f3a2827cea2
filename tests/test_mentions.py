"""The mention scanner: what counts as a numeric mention, and where it is."""

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from validation.mentions import MEASURE_WORDS, scan_text
from validation.numbers import QUALIFIERS, chinese_numeral, format_decimal, format_figure


def texts(text):
    return [m.text for m in scan_text(text)]


@pytest.mark.parametrize(("sentence", "mentions"), [
    ("交易额突破27亿元，排名全国第六", ["突破27亿元", "第六"]),
    ("数字经济规模占比达52.5%", ["52.5%"]),
    ("集聚了6000多家相关企业", ["6000多家"]),
    ("解决群众反映问题1.8万余个", ["1.8万余个"]),
    ("规划智能算力1500P", ["1500P"]),
    ("两大算力中心、八大数据中心", ["两大", "八大"]),
    ("十几个短剧拍摄团队", ["十几个"]),
    ("绕地球近两圈", ["近两圈"]),
    ("园区税收实现了翻番", ["翻番"]),
    ("近5成", ["近5成"]),
    ("超万件道具库", ["超万件"]),
    ("七八家数字经济龙头企业", ["七八家"]),
    ("５２．５％", ["５２．５％"]),
])
def test_figures_are_found_with_their_qualifier_and_unit(sentence, mentions):
    assert texts(sentence) == mentions
    assert {m.kind for m in scan_text(sentence)} == {"figure"}


@pytest.mark.parametrize(("sentence", "mentions"), [
    ("2024年1月11日，位于天心经开区", ["2024年1月11日"]),
    ("2023年10月", ["2023年10月"]),
    ("12月3日，在活动现场", ["12月3日"]),
    ("2019年底，361家传统工业企业全部退出", ["2019年底", "361家"]),
    ("预计2026年上半年竣工交付", ["2026年上半年"]),
    ("去年11月,平台上线", ["11月"]),
])
def test_dates_are_one_mention_each(sentence, mentions):
    assert texts(sentence) == mentions
    assert scan_text(sentence)[0].kind == "date"


@pytest.mark.parametrize("sentence", [
    "“一主一特两新”产业体系",  # a slogan: no measure word after the numerals
    "四梁八柱",
    "在“十五五”开局之年",
    "以360、百度ARM云为代表"[4:],  # 百度 is Baidu, not "a hundred degrees"
    "大家一起奋斗，一点一滴",
])
def test_numerals_without_a_measure_word_are_not_mentions(sentence):
    assert texts(sentence) == []


def test_a_year_needs_four_digits_so_3年来_is_a_duration():
    (mention,) = scan_text("3年来")
    assert mention.kind == "figure" and mention.text == "3年来"


def test_spans_point_into_the_original_text_and_core_is_the_numeral():
    text = "上架数据产品 ５４３３个，居全国第一"
    first, second = scan_text(text)
    assert text[first.span.start:first.span.end] == "５４３３个"
    assert text[first.core.start:first.core.end] == "５４３３"
    assert text[second.core.start:second.core.end] == "一" and second.text == "第一"


measures = st.sampled_from([w for w in MEASURE_WORDS if len(w) == 1 and w not in "年月日名"])  # 名 is a rank
fillers = st.text(alphabet="的了在和园区企业发展数据天心经开，。、“”", max_size=6)


@given(fillers, st.decimals(min_value=Decimal("0.1"), max_value=Decimal(99999), places=1),
       st.sampled_from(["", "万", "亿"]), measures,
       st.sampled_from(["exact", *sorted({b for b, _ in QUALIFIERS.values()} - {"exact"})]), st.data(),
       fillers)
def test_any_printed_arabic_figure_is_one_mention_whose_core_is_its_number(
        before, value, magnitude, measure, bound, data, after):
    qualifier = "" if bound == "exact" else data.draw(st.sampled_from(
        sorted(w for w, (b, _) in QUALIFIERS.items() if b == bound and w not in ("上", "内", "来"))))
    figure = format_figure(value.normalize(), magnitude + measure, bound, qualifier=qualifier)
    text = before + figure + after
    number_at = len(before) + figure.index(format_decimal(value.normalize()))
    cores = [(m.core.start, m.core.end) for m in scan_text(text)]
    assert (number_at, number_at + len(format_decimal(value.normalize()))) in cores, (text, cores)


@given(st.integers(min_value=1, max_value=9999), measures)
def test_any_chinese_count_with_a_measure_word_is_found(n, measure):
    text = f"园区有{chinese_numeral(n)}{measure}企业"
    (mention,) = scan_text(text)
    assert text[mention.core.start:mention.core.end] == chinese_numeral(n)


@given(st.text(max_size=60))
def test_mentions_are_ordered_disjoint_and_hold_their_core(text):
    mentions = scan_text(text)
    for m in mentions:
        assert m.span.start <= m.core.start < m.core.end <= m.span.end
        assert m.text == text[m.span.start:m.span.end]
    for before, after in itertools.pairwise(mentions):
        assert before.span.end <= after.span.start
