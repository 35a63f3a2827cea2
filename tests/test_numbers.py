from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from validation.mentions import scan_text
from validation.numbers import (
    PRIMACY_MEASURES,
    QUALIFIERS,
    RANGE_DASHES,
    FigureError,
    chinese_numeral,
    format_figure,
    format_range,
    parse_figure,
    positional_numeral,
)

EXAMPLES = [
    ("361家", "361", "家", "exact"),
    ("96.92亿元", "96.92", "亿元", "exact"),
    ("5400万元", "5400", "万元", "exact"),
    ("5400万", "5400", "万", "exact"),
    ("1.8万余个", "1.8", "万个", "lower"),
    ("1.8亿余元", "1.8", "亿元", "lower"),
    ("10多亿元", "10", "亿元", "lower"),
    ("6000余家", "6000", "家", "lower"),
    ("两大", "2", "大", "exact"),
    ("三届", "3", "届", "exact"),
    ("十五万里", "15", "万里", "exact"),
    ("二〇二四年", "2024", "年", "exact"),
    ("一万两千人", "12000", "人", "exact"),
    ("近5成", "5", "成", "upper"),
    ("近两圈", "2", "圈", "upper"),
    ("接近翻番", "2", "倍", "upper"),
    ("翻两番", "4", "倍", "exact"),
    ("37倍", "37", "倍", "exact"),
    ("52.5%", "52.5", "%", "exact"),
    ("５２．５％", "52.5", "%", "exact"),
    ("百分之五十", "50", "%", "exact"),
    ("超400家", "400", "家", "lower"),
    ("超过30万平方米", "30", "万平方米", "lower"),
    ("突破27亿元", "27", "亿元", "lower"),
    ("超百亿元", "100", "亿元", "lower"),
    ("超万件", "1", "万件", "lower"),
    ("逾千人", "1000", "人", "lower"),
    ("上千个", "1000", "个", "lower"),
    ("50亿元以上", "50", "亿元", "lower"),
    ("3年多", "3", "年", "lower"),
    ("十几个", "10", "个", "lower"),
    ("近万人", "1", "万人", "upper"),
    ("不到4个月", "4", "个月", "upper"),
    ("两年内", "2", "年", "upper"),
    ("7个工作日以内", "7", "个工作日", "upper"),
    ("约4000平方米", "4000", "平方米", "approx"),
    ("200人左右", "200", "人", "approx"),
    ("第一", "1", "名", "exact"),
    ("第六", "6", "名", "exact"),
    ("第五家", "5", "名", "exact"),
    ("七八家", "7", "家", "range"),
    ("两三个", "2", "个", "range"),
    ("１．５亿美元", "1.5", "亿美元", "exact"),
    ("300万美元", "300", "万美元", "exact"),
    ("5亿港元", "5", "亿港元", "exact"),
    ("25℃", "25", "℃", "exact"),
    ("30°C", "30", "°C", "exact"),
    ("45°", "45", "°", "exact"),
    ("3‰", "3", "‰", "exact"),
    ("5米/秒", "5", "米/秒", "exact"),
    ("5摄氏度", "5", "摄氏度", "exact"),
]


@pytest.mark.parametrize(("text", "value", "unit", "bound"), EXAMPLES)
def test_printed_figure_parses_to_value_unit_and_bound(text, value, unit, bound):
    figure = parse_figure(text)
    assert (figure.value, figure.unit, figure.bound) == (Decimal(value), unit, bound)


@pytest.mark.parametrize(("text", "reason"), [
    ("", "empty"),
    ("达27亿元", "no number"),
    ("27亿元，", "unexpected"),
    ("七九家", "consecutive"),
    ("近七八家", "range"),
    ("近70个以上", "conflicting"),
    ("十十", "malformed"),
    ("项目12个", "no number"),
    ("5米/", "unexpected '/'"),  # a slash only joins two words (米/秒)
    ("5/秒", "unexpected '/'"),
    ("5#", "unexpected '#'"),
])
def test_text_that_is_not_one_figure_is_rejected_with_a_reason(text, reason):
    with pytest.raises(FigureError, match=reason):
        parse_figure(text)


@pytest.mark.parametrize("text", [
    "³⁶¹家",  # superscript digits
    "₃₆₁家",  # subscript digits
    "③⑥①家",  # circled digits
    "٣٦١家",  # Arabic-Indic digits
    "३६१家",  # Devanagari digits
    "超³⁶¹家",
    "第③",
    "⑴家",
    "¼成",
])
def test_look_alike_digits_are_not_read_as_a_number(text):
    with pytest.raises(FigureError):
        parse_figure(text)


def test_full_width_digits_read_like_ascii():
    assert parse_figure("超３６１家") == parse_figure("超361家")


@pytest.mark.parametrize(("n", "written"), [(1, "一"), (10, "十"), (15, "十五"), (20, "二十"),
                                             (105, "一百零五"), (1010, "一千零一十"), (2024, "二千零二十四")])
def test_chinese_numerals_are_written_in_standard_form(n, written):
    assert chinese_numeral(n) == written


measures = st.sampled_from(["家", "个", "人", "座", "条", "亩", "平方公里", "年", "个月", "张", "笔", "元"])
magnitudes = st.sampled_from(["", "万", "亿"])
decimals = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(99999), places=2).map(
    lambda d: d.normalize())


def qualifier_for(bound):
    return st.sampled_from(sorted(w for w, (b, _) in QUALIFIERS.items() if b == bound and w != "上"))


@given(decimals, magnitudes, measures, st.sampled_from(["exact", "approx", "lower", "upper"]), st.data())
def test_arabic_figures_round_trip(value, magnitude, measure, bound, data):
    assume(value > 0)
    qualifier = "" if bound == "exact" else data.draw(qualifier_for(bound))
    unit = magnitude + measure
    text = format_figure(value, unit, bound, qualifier=qualifier)
    figure = parse_figure(text)
    assert (figure.value, figure.unit, figure.bound) == (value, unit, bound), text


@given(st.integers(min_value=1, max_value=9999), magnitudes, measures,
       st.sampled_from(["exact", "approx", "lower", "upper"]), st.data())
def test_chinese_figures_round_trip(n, magnitude, measure, bound, data):
    qualifier = "" if bound == "exact" else data.draw(qualifier_for(bound))
    text = format_figure(Decimal(n), magnitude + measure, bound, qualifier=qualifier, chinese=True)
    figure = parse_figure(text)
    assert (figure.value, figure.unit, figure.bound) == (Decimal(n), magnitude + measure, bound), text


@given(st.integers(min_value=1000, max_value=9999))
def test_positional_year_numerals_round_trip(n):
    assert parse_figure(positional_numeral(n) + "年").value == n


@given(st.integers(min_value=1, max_value=9999), st.booleans())
def test_ranks_round_trip(n, chinese):
    text = format_figure(Decimal(n), "名", chinese=chinese)
    assert (parse_figure(text).value, parse_figure(text).unit) == (n, "名")


@given(st.integers(min_value=1, max_value=8), measures)
def test_two_consecutive_chinese_digits_read_as_a_range(low, measure):
    digits = "一二三四五六七八九"
    figure = parse_figure(digits[low - 1] + digits[low] + measure)
    assert (figure.value, figure.high, figure.unit, figure.bound) == (low, low + 1, measure, "range")


# --- ranges in Arabic digits ------------------------------------------------------------

def test_arabic_range_with_em_dash_is_one_range_figure():
    figure = parse_figure("４—６级")
    assert (figure.value, figure.high, figure.unit, figure.bound, figure.qualifiers) == (
        Decimal(4), Decimal(6), "级", "range", ())


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("５—８℃", "5", "8", "℃"),
    ("3至5年", "3", "5", "年"),
    ("3到5人", "3", "5", "人"),
    ("10%-15%", "10", "15", "%"),  # the unit printed after both ends
    ("3~5天", "3", "5", "天"),
    ("3～5天", "3", "5", "天"),  # full-width wave dash folds to ~
    ("3－5个", "3", "5", "个"),  # full-width hyphen folds to -
    ("3–5个", "3", "5", "个"),  # en dash
    ("3〜5个", "3", "5", "个"),  # wave dash
    ("4——6级", "4", "6", "级"),  # doubled em dash
    ("3-5", "3", "5", ""),
    ("3-5个月", "3", "5", "个月"),  # a range of durations, not of months
    ("２０—３０万元", "20", "30", "万元"),  # the low end takes the high end's magnitude
    ("1.5亿—2亿元", "1.5", "2", "亿元"),  # the low end prints the same magnitude
    ("1.5亿元—2亿元", "1.5", "2", "亿元"),
    ("5000万—1亿元", "0.5", "1", "亿元"),  # the low end's own magnitude converted to 亿
    ("1万—15000元", "10000", "15000", "元"),
    ("1,000-2,000元", "1000", "2000", "元"),
    ("0—5℃", "0", "5", "℃"),
])
def test_arabic_ranges_read_low_and_high_end_in_the_unit_printed_after_the_high_end(text, low, high, unit):
    figure = parse_figure(text)
    assert (figure.value, figure.high, figure.unit, figure.bound) == (
        Decimal(low), Decimal(high), unit, "range")


@pytest.mark.parametrize(("text", "reason"), [
    ("6—4级", "not below its high end"),
    ("5-5级", "not below its high end"),
    ("1亿—5000万元", "not below its high end"),  # 10000万 > 5000万
    ("3年—5个月", "different units"),
    ("10%-15", "different units"),
    ("1.5亿美元—2亿元", "different units"),
    ("约3至5年", "cannot also carry 约"),
    ("3至5年以上", "cannot also carry 以上"),
    ("3余-5个", "cannot also carry 余"),
    ("2023—2025年", "span of years"),
    ("2023年—2025年", "span of years"),
    ("2024-2025", "span of years"),
    ("3-5月", "span of months"),
    ("8-10时", "span of clock hours"),
    ("14时", "clock time"),
    ("8时30分", "clock time"),
    ("010-65123456", "leading zero"),
    ("400-800-1234", "more than two numbers"),
    ("3-5-7级", "more than two numbers"),
    ("3-五级", "unexpected"),
])
def test_arabic_range_that_is_no_range_figure_is_rejected_with_a_reason(text, reason):
    with pytest.raises(FigureError, match=reason):
        parse_figure(text)


def test_a_year_span_names_the_period_to_record_instead():
    with pytest.raises(FigureError, match=r"period \(2023/2025\)"):
        parse_figure("2023—2025年")


range_measures = st.sampled_from(["", "级", "℃", "%", "个", "人", "天", "年", "个月", "平方米", "元",
                                  "美元", "米/秒"])
range_ends = st.decimals(min_value=Decimal(0), max_value=Decimal(9999), places=2).map(
    lambda d: d.normalize())


def year_span(low, high, unit):
    """Two four-digit whole numbers, bare or in 年: a span of years, which is a date."""
    def four_digits(d):
        return d == d.to_integral_value() and 1000 <= d <= 9999
    return four_digits(low) and four_digits(high) and unit in ("", "年")


@given(range_ends, range_ends, magnitudes, range_measures, st.sampled_from(RANGE_DASHES),
       st.sampled_from(["", "magnitude", "unit"]))
def test_arabic_ranges_round_trip(low, high, magnitude, measure, dash, repeat):
    assume(low < high)
    unit = magnitude + measure
    assume(not year_span(low, high, unit))
    text = format_range(low, high, unit, dash=dash, repeat=repeat)
    figure = parse_figure(text)
    assert (figure.value, figure.high, figure.unit, figure.bound) == (low, high, unit, "range"), text


@given(range_ends, range_ends, range_measures, st.sampled_from(RANGE_DASHES))
def test_arabic_range_whose_low_end_is_not_below_its_high_end_is_rejected(low, high, measure, dash):
    assume(low >= high and not year_span(high, low, measure))
    with pytest.raises(FigureError, match="not below its high end"):
        parse_figure(format_range(low, high, measure, dash=dash))


@given(st.integers(min_value=1000, max_value=9998), st.integers(min_value=1, max_value=50),
       st.sampled_from(RANGE_DASHES), st.sampled_from(["", "年"]))
def test_spans_of_years_are_dates_not_range_figures(start, length, dash, unit):
    assume(start + length <= 9999)
    with pytest.raises(FigureError, match="span of years"):
        parse_figure(f"{start}{dash}{start + length}{unit}")


def test_range_formatter_writes_the_unit_after_the_high_end_and_refuses_other_dashes():
    assert format_range(Decimal(4), Decimal(6), "级") == "4—6级"
    assert format_range(Decimal("1.5"), Decimal(2), "亿元", repeat="magnitude") == "1.5亿—2亿元"
    assert format_range(Decimal(10), Decimal(15), "%", dash="-", repeat="unit") == "10%-15%"
    with pytest.raises(ValueError, match="range dashes"):
        format_range(Decimal(4), Decimal(6), "级", dash="/")



@pytest.mark.parametrize(("text", "bound", "qualifier"), [
    ("最长3年", "upper", "最长"), ("最多10个", "upper", "最多"), ("最高50万元", "upper", "最高"),
    ("至多两年", "upper", "至多"), ("至少5家", "lower", "至少"), ("最少3次", "lower", "最少"),
])
def test_at_most_and_at_least_words_bound_the_figure(text, bound, qualifier):
    figure = parse_figure(text)
    assert (figure.bound, figure.qualifiers) == (bound, (qualifier,))
    assert [m.text for m in scan_text(f"提供{text}服务")] == [text]


# --- primacy words: 首个, 首家, 首次 are the first, rank 1 ---------------------------------

@pytest.mark.parametrize("text", [f"首{measure}" for measure in PRIMACY_MEASURES])
def test_a_primacy_word_is_rank_one_like_第一(text):
    figure = parse_figure(text)
    assert (figure.value, figure.unit, figure.bound) == (Decimal(1), "名", "exact")
    assert (figure.value, figure.unit) == (parse_figure("第一").value, parse_figure("第一").unit)


@pytest.mark.parametrize("text", ["首", "首先", "首都", "首页", "首府", "首选", "首开式", "首个人",
                                  "首1个"])
def test_首_in_other_words_is_not_a_figure(text):
    with pytest.raises(FigureError, match="not a primacy word"):
        parse_figure(text)


def test_首_as_a_measure_word_after_a_numeral_is_a_count_not_a_rank():
    assert (parse_figure("三首").value, parse_figure("三首").unit) == (Decimal(3), "首")


@given(st.text(min_size=1, max_size=4).filter(lambda rest: rest not in PRIMACY_MEASURES))
def test_首_followed_by_anything_but_one_primacy_measure_word_is_refused(rest):
    with pytest.raises(FigureError):
        parse_figure("首" + rest)


# --- counts of listed names: 三市, 三园 -----------------------------------------------------

@pytest.mark.parametrize(("text", "value", "unit"), [("三市", 3, "市"), ("三园", 3, "园"),
                                                     ("两区", 2, "区"), ("四省", 4, "省")])
def test_a_count_of_listed_names_parses_as_a_count_in_its_noun(text, value, unit):
    figure = parse_figure(text)
    assert (figure.value, figure.unit, figure.bound) == (Decimal(value), unit, "exact")
