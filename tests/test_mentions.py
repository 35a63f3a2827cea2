"""The mention scanner: what counts as a numeric mention, and where it is."""

import itertools
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from validation.mentions import GROUP_NOUNS, MEASURE_WORDS, NAMED_GROUPS, scan_text
from validation.numbers import (
    QUALIFIERS,
    RANGE_DASHES,
    chinese_numeral,
    format_decimal,
    format_figure,
    format_range,
    parse_figure,
)


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


# --- ranges in Arabic digits ------------------------------------------------------------

def cores(text):
    return [text[m.core.start:m.core.end] for m in scan_text(text)]


def test_arabic_range_with_em_dash_is_one_range_figure():
    text = "明天白天晴转多云，北风４—６级"
    (mention,) = scan_text(text)
    assert (mention.kind, mention.text, text[mention.core.start:mention.core.end]) == (
        "figure", "４—６级", "４—６")
    figure = parse_figure(mention.text)
    assert (figure.value, figure.high, figure.unit, figure.bound) == (4, 6, "级", "range")


@pytest.mark.parametrize(("sentence", "mention", "core"), [
    ("气温５—８℃，", "５—８℃", "５—８"),
    ("工期3至5年。", "3至5年", "3至5"),
    ("工期3到5年。", "3到5年", "3到5"),
    ("相对湿度10%-15%。", "10%-15%", "10%-15"),  # the low end's unit inside the core
    ("投资1.5亿—2亿元", "1.5亿—2亿元", "1.5亿—2"),
    ("投资２０—３０万元", "２０—３０万元", "２０—３０"),
    ("需要3~5天", "3~5天", "3~5"),
    ("需要3－5天", "3－5天", "3－5"),
    ("需要3～5天", "3～5天", "3～5"),
    ("需要3〜5天", "3〜5天", "3〜5"),
    ("需要3–5天", "3–5天", "3–5"),
    ("风力4——6级", "4——6级", "4——6"),
    ("需要3-5个月", "3-5个月", "3-5"),  # a duration; 3-5月 is March to May
    ("约3至5年", "约3至5年", "3至5"),  # the qualifier is scanned, the parser refuses it
    ("投资2000—3000万元", "2000—3000万元", "2000—3000"),  # four digits with a magnitude: money
])
def test_arabic_range_is_one_mention_whose_core_runs_from_low_end_to_high_end(sentence, mention, core):
    assert texts(sentence) == [mention]
    assert cores(sentence) == [core]


@pytest.mark.parametrize(("sentence", "mentions", "kinds"), [
    # a span of years is dates: each end its own mention, as before ranges were read
    ("《湖南省数字经济发展规划（2020—2025年）》", ["2020", "2025年"], ["date", "date"]),
    ("2023至2025年底", ["2023", "2025年底"], ["date", "date"]),
    ("2024-2025赛季", ["2024", "2025"], ["date", "date"]),
    # March to May: 5月 is a date, and so is the month before the dash
    ("3-5月，全市降水偏多", ["3", "5月"], ["date", "date"]),
    ("1—11月", ["1", "11月"], ["date", "date"]),
    ("8-10时有雷阵雨", ["8", "10时"], ["date", "date"]),
    ("8时至10时", ["8时", "10时"], ["date", "date"]),
    # days after a month are no range of durations: each number as it was without ranges
    ("6月1至3日举行", ["6月", "1", "3日"], ["figure", "figure", "figure"]),
    # no range: a change from one figure to another, telephone numbers, codes
    ("将实现智能算力从0到5000P的突破", ["0", "5000P"], ["figure", "figure"]),
    ("电话010-65123456", ["010", "65123456"], ["figure", "figure"]),
    ("热线400-800-1234", ["400", "800", "1234"], ["figure", "figure", "figure"]),
    ("沿G4-5公路", ["4", "5"], ["figure", "figure"]),
    ("3-5G网络", ["3", "5"], ["figure", "figure"]),
])
def test_dashes_between_numbers_that_are_no_range_figure_keep_each_number_apart(sentence, mentions, kinds):
    assert texts(sentence) == mentions
    assert [m.kind for m in scan_text(sentence)] == kinds


fillers_around = st.text(alphabet="的了在和园区企业发展数据心经开。、“”", max_size=6)
range_ends = st.decimals(min_value=Decimal(0), max_value=Decimal(9999), places=2).map(
    lambda d: d.normalize())


@given(fillers_around, range_ends, range_ends, st.sampled_from(["", "万", "亿"]),
       st.sampled_from(["", "级", "℃", "%", "个", "人", "天", "年", "个月", "元", "美元", "米/秒"]),
       st.sampled_from(RANGE_DASHES), st.sampled_from(["", "magnitude", "unit"]), fillers_around)
def test_any_printed_arabic_range_is_one_mention_from_its_first_to_its_last_digit(
        before, low, high, magnitude, measure, dash, repeat, after):
    unit = magnitude + measure
    four = [d == d.to_integral_value() and 1000 <= d for d in (low, high)]
    assume(low < high and not (all(four) and unit in ("", "年")))  # 2023—2025年 is two dates
    printed = format_range(low, high, unit, dash=dash, repeat=repeat)
    text = f"{before}，{printed}，{after}"
    (mention,) = scan_text(text)
    first = len(before) + 1
    last = first + printed.rindex(format_decimal(high)) + len(format_decimal(high))
    assert (mention.kind, mention.text, (mention.core.start, mention.core.end)) == (
        "figure", printed, (first, last)), text
    figure = parse_figure(mention.text)
    assert (figure.value, figure.high, figure.unit) == (low, high, unit)


# --- units -----------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "mentions"), [
    ("合同金额１．５亿美元，折合人民币约12.4亿元", ["１．５亿美元", "约12.4亿元"]),
    ("投资300万美元、5亿港元、10欧元、100日元、5英镑、20卢布、1000韩元、50澳元",
     ["300万美元", "5亿港元", "10欧元", "100日元", "5英镑", "20卢布", "1000韩元", "50澳元"]),
    ("五十万美元", ["五十万美元"]),
    ("气温25℃，体感30°C，坡度45°", ["25℃", "30°C", "45°"]),
    ("零下5摄氏度", ["5摄氏度"]),
    ("降水15毫米，积雪3厘米", ["15毫米", "3厘米"]),
    ("全长3千米，重5公斤、2千克、500克", ["3千米", "5公斤", "2千克", "500克"]),
    ("200公顷、100立方米", ["200公顷", "100立方米"]),
    ("装机50千瓦、10兆瓦，发电1000千瓦时", ["50千瓦", "10兆瓦", "1000千瓦时"]),
    ("风速5米/秒", ["5米/秒"]),
    ("获3金2银1铜", ["3金", "2银", "1铜"]),
    ("得了3分，进了2球，3局2胜1负，赢了2盘", ["3分", "2球", "3局", "2胜", "1负", "2盘"]),
    ("用时10分钟30秒", ["10分钟", "30秒"]),
])
def test_units_of_weather_sport_and_money_are_part_of_the_mention(sentence, mentions):
    assert texts(sentence) == mentions
    assert {m.kind for m in scan_text(sentence)} == {"figure"}


@pytest.mark.parametrize(("sentence", "mentions"), [
    ("14时", ["14时"]),
    ("8时30分", ["8时30分"]),
    ("6月2日14时，", ["6月2日", "14时"]),
])
def test_clock_times_are_moments_read_as_date_mentions(sentence, mentions):
    assert texts(sentence) == mentions
    assert {m.kind for m in scan_text(sentence)} == {"date"}


@pytest.mark.parametrize("sentence", [
    "一时难以判断",  # for a moment
    "十分重要",  # very
    "三分之一",
    "万一出现问题",  # in case
    "全省一盘棋",  # one concerted effort
    "中铁一局",  # a company: China Railway No. 1 Bureau
    "水值千金啊",
])
def test_units_read_after_arabic_digits_only_make_no_mention_after_chinese_numerals(sentence):
    assert texts(sentence) == []


@pytest.mark.parametrize(("sentence", "mentions"), [
    ("5金融机构", ["5"]),  # 金融, not 5 gold medals
    ("3银行", ["3"]),
    ("1日元旦", ["1日"]),  # New Year's Day on the 1st, not one yen
    ("3分之1", ["3", "1"]),
    ("设立3分店", ["3"]),
    ("3球队", ["3"]),
    ("5负责人", ["5"]),
])
def test_a_unit_that_begins_a_word_is_not_read_as_the_unit(sentence, mentions):
    assert texts(sentence) == mentions


def test_volumes_of_books_are_counted_with_their_measure_word():
    assert [m.text for m in scan_text("藏书3.5万余册，另有两册手稿")] == ["3.5万余册", "两册"]


@pytest.mark.parametrize(("text", "mention"), [
    ("园区签约50亿元以上项目3个", "50亿元以上"), ("最近5年", "5年"), ("附近3家银行", "3家"),
    ("约50亿元", "约50亿元"), ("接近5成", "接近5成"), ("近5成", "近5成"),
])
def test_a_word_ending_in_a_qualifier_character_does_not_qualify_the_figure(text, mention):
    assert scan_text(text)[0].text == mention


# --- primacy words: 首个, 首家, 首笔, 首次 ---------------------------------------------------

@pytest.mark.parametrize(("sentence", "mention"), [
    ("成为我省首家民营企业", "首家"),
    ("提供湖南首笔数据资产无抵押融资服务", "首笔"),
    ("这个总投资52亿元的省级首个绿电直连算电一体化项目", "首个"),
    ("首次提出要“打造都市型高新数字产业园区”", "首次"),
    ("入选首批国家级试点", "首批"),
    ("全省首台（套）重大技术装备", "首台"),
])
def test_a_primacy_word_is_a_mention_whose_core_is_首(sentence, mention):
    found = [m for m in scan_text(sentence) if m.text == mention]
    assert len(found) == 1
    assert sentence[found[0].core.start:found[0].core.end] == "首"
    assert (parse_figure(mention).value, parse_figure(mention).unit) == (1, "名")


@pytest.mark.parametrize("sentence", [
    "“首先要解决的就是产业规划”",
    "在长沙全力建设全球研发中心城市首开式上",
    "已成为园区企业的融资首选",
    "首都北京",
    "打开首页",
    "村里广播每天都放这首,非常熟悉",  # 首 counts songs here
    "两国元首次日会谈",  # 元首 (head of state), not 首次
    "位居榜首",
    "犯罪嫌疑人自首",
    "回首过去",
])
def test_首_in_other_words_is_no_mention(sentence):
    assert texts(sentence) == []


def test_首_after_a_numeral_is_the_measure_word_of_that_count():
    assert texts("演唱三首歌") == ["三首"]


# --- counts of the names just listed: 长沙、株洲、湘潭三市 ----------------------------------

@pytest.mark.parametrize(("sentence", "mention"), [
    ("长沙、株洲、湘潭三市之间，有一片生态“绿心”", "三市"),
    ("长株潭三市之间", "三市"),
    ("长沙、株洲和湘潭三市", "三市"),  # the last two joined by 和
    ("长沙、株洲等四市", "四市"),  # 等: at least the names listed
    ("湖南、江西两省", "两省"),
    ("京、津、冀三地协同", "三地"),
    ("从2020年起，“三园合并”", "三园"),  # a merger of three
    ("推动两区合一", "两区"),
])
def test_a_count_of_the_names_just_listed_is_a_mention(sentence, mention):
    (found,) = [m for m in scan_text(sentence) if m.text == mention]
    assert found.kind == "figure"
    assert sentence[found.core.start:found.core.end] == mention[0]


@pytest.mark.parametrize("sentence", [
    "湘潭三市",  # one name is no list
    "长沙、株洲三市",  # two names, three cities: not the list's count
    "长沙、株洲、湘潭两市",
    "长沙、株洲和湘潭四市",
    "长株潭两市",  # 长株潭 is three
    "针对工作薄弱环节实行“一县一清单”",  # a slogan
    "进一步推动两地产业深度融合",  # no list before it
    "让这里成为长沙市内五区土地资源最丰富的园区",
    "天心经开区三园",
    "长沙、株洲第三市",
    "长沙、株洲十二市",  # 二 inside a larger numeral
])
def test_a_numeral_and_a_noun_without_a_list_it_counts_is_no_mention(sentence):
    assert not any(m.text[-1:] in GROUP_NOUNS for m in scan_text(sentence))


def test_a_group_noun_is_no_measure_word_so_a_count_is_never_found_twice():
    assert not set(GROUP_NOUNS) & {w for w in MEASURE_WORDS if len(w) == 1}
    assert texts("长沙、株洲两所高校") == ["两所"]  # 所 is a measure word: the count is found once


names = st.text(alphabet="长沙株洲湘潭岳阳衡常德益邵怀化", min_size=1, max_size=6)


@given(st.lists(names, min_size=2, max_size=4), st.sampled_from(GROUP_NOUNS), st.data())
def test_a_list_of_n_names_is_counted_by_n_and_by_no_other_numeral(listed, noun, data):
    text = "、".join(listed)
    right = chinese_numeral(len(listed)) if len(listed) != 2 else data.draw(st.sampled_from("两二"))
    wrong = data.draw(st.sampled_from([n for n in "两三四五六七八九" if n != right
                                       and not (right == "二" and n == "两")
                                       and not (len(listed) == 2 and n in "两二")]))
    assume(not any(text.endswith(group) for group in NAMED_GROUPS))
    counted = [m for m in scan_text(f"位于{text}{right}{noun}之间") if m.text == right + noun]
    assert len(counted) == 1
    assert not [m for m in scan_text(f"位于{text}{wrong}{noun}之间") if m.text == wrong + noun]


# --- the fast pattern: a look-ahead on the first character changes no match -------------------

_PIECES = ["2024年", "3月", "5日", "14时", "2023—2025年", "3-5月", "首个", "首次", "第一", "第5名",
           "翻番", "翻两番", "10%-15%", "4—6级", "1.5亿—2亿元", "361家", "52.5%", "８", "超", "近",
           "约", "逾", "不到", "突破", "上百", "上千家", "多", "余", "三市", "两大", "十五万里",
           "超万家", "近亿元", "签约", "最近", "年底", "、", "，", "。", "的", "园区", "企业", "从",
           "至", "到", "—", "-", "~", "元", "亿", "万", "个", "倍", " ", "\n", "G4-5", "A3"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_the_fast_pattern_finds_exactly_what_the_full_pattern_finds(pieces):
    from validation.mentions import _PATTERN, full_pattern
    from validation.normalize import normalize

    text = normalize("".join(pieces))
    fast = [(m.start(), m.end(), m.lastgroup) for m in _PATTERN.finditer(text)]
    full = [(m.start(), m.end(), m.lastgroup) for m in full_pattern().finditer(text)]
    assert fast == full


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["Nd", "Nl", "No", "Lo", "Po", "Pd"]),
               max_size=40))
def test_the_fast_pattern_agrees_on_any_text(text):
    from validation.mentions import _PATTERN, full_pattern

    fast = [(m.start(), m.end()) for m in _PATTERN.finditer(text)]
    full = [(m.start(), m.end()) for m in full_pattern().finditer(text)]
    assert fast == full


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_the_group_closing_last_names_the_numeral_each_alternative_holds(pieces):
    from validation.mentions import _CORE_GROUPS, _CORE_OF, _PATTERN
    from validation.normalize import normalize

    for m in _PATTERN.finditer(normalize("".join(pieces))):
        assert _CORE_OF[m.lastgroup] == next(g for g in _CORE_GROUPS if m.group(g) is not None)
