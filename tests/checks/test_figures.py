from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import edit_cell, flat
from validation.checks import figures
from validation.corpus import load_corpus
from validation.engine import validate


def test_wrong_digit_is_caught(corpus_root):
    edit_cell(corpus_root, "facts", "F0024", "value", "778")
    report = validate(corpus_root)
    # 778 members in 2024-12 would also exceed the 777 of 2025 (F2030): the series notices too
    assert flat(report) == {("F0024", "value", "figure-mismatch"), ("F2030", "value", "series-falls")}
    (finding,) = report.by_check("figure-mismatch")
    assert (finding.expected, finding.found) == ("777", "778")


def test_wrong_unit_is_caught(corpus_root):
    edit_cell(corpus_root, "facts", "F0041", "unit", "万元")
    assert ("F0041", "unit", "figure-mismatch") in flat(validate(corpus_root))


def test_wrong_bound_is_caught(corpus_root):
    edit_cell(corpus_root, "facts", "F0027", "bound", "exact")
    report = validate(corpus_root)
    assert flat(report) == {("F0027", "bound", "figure-mismatch")}
    assert "'突破27亿元' reads as 27 亿元 (lower)" in report.findings[0].message


def test_text_holding_more_than_the_figure_is_unreadable(corpus_root):
    edit_cell(corpus_root, "facts", "F0041", "text", "达96.92亿元")
    assert flat(validate(corpus_root)) == {("F0041", "text", "figure-unparseable")}


def figure_findings(root):
    """The findings of the figures check alone: the tests below give rows quotes of their own,
    which other checks would report as not printed in the article."""
    return figures.run(load_corpus(root))


def set_row(root, fact_id, **cells):
    for column, value in cells.items():
        edit_cell(root, "facts", fact_id, column, value)


def test_a_range_figure_whose_row_matches_passes(corpus_root):
    set_row(corpus_root, "F0004", text="10%-15%", quote="相对湿度10%-15%", value="10", unit="%",
            bound="range")
    assert figure_findings(corpus_root) == []


def test_a_range_whose_value_is_not_its_low_end_is_a_mismatch_that_says_so(corpus_root):
    set_row(corpus_root, "F0004", text="４—６级", quote="北风４—６级", value="6", unit="级",
            bound="range")
    (finding,) = figure_findings(corpus_root)
    assert (finding.check, finding.column, finding.expected, finding.found) == (
        "figure-mismatch", "value", "4", "6")
    assert "'４—６级' reads as 4 to 6 级 (range)" in finding.message
    assert "low end" in finding.hint


def test_text_holding_only_the_low_end_of_an_arabic_range_asks_for_the_whole_range(corpus_root):
    set_row(corpus_root, "F0004", text="４", quote="北风４—６级", value="4", unit="级", bound="exact")
    (finding,) = figure_findings(corpus_root)
    assert (finding.check, finding.column, finding.expected, finding.found) == (
        "figure-mismatch", "text", "４—６级", "４")
    assert "only part of the printed range '４—６级'" in finding.message
    assert finding.hint == "set text to '４—６级' with value 4 (the low end), unit 级 and bound range"


def test_low_end_alone_with_its_unit_emptied_is_not_told_to_keep_the_unit_empty(corpus_root):
    """missing-value asks for a unit; the figures check must not ask for an empty one."""
    set_row(corpus_root, "F0004", text="４", quote="北风４—６级", value="4", unit="", bound="exact")
    (finding,) = figure_findings(corpus_root)
    assert (finding.column, finding.expected) == ("text", "４—６级")
    assert ("F0004", "unit", "missing-value") in flat(validate(corpus_root))


def test_text_holding_one_digit_of_a_chinese_range_asks_for_the_whole_range(corpus_root):
    edit_cell(corpus_root, "facts", "F1106", "text", "七")
    (finding,) = figure_findings(corpus_root)
    assert (finding.row, finding.column, finding.expected) == ("F1106", "text", "七八家")


def test_text_leaving_out_the_unit_printed_after_it_asks_for_the_whole_figure(corpus_root):
    edit_cell(corpus_root, "facts", "F0004", "text", "52.5")
    report = validate(corpus_root)
    assert ("F0004", "text", "figure-mismatch") in flat(report)
    (finding,) = report.by_check("figure-mismatch")
    assert finding.expected == "52.5%"
    assert finding.hint == "set text to '52.5%' with value 52.5, unit % and bound exact"


def test_a_number_printed_without_a_unit_leaves_the_unit_to_the_row(corpus_root):
    set_row(corpus_root, "F0004", text="105", quote="综合指数达到105", value="105", unit="点",
            bound="exact")
    assert figure_findings(corpus_root) == []


def test_text_printed_whole_elsewhere_in_its_quote_is_not_called_partial(corpus_root):
    set_row(corpus_root, "F0004", text="6级", quote="北风4—6级，阵风6级", value="6", unit="级",
            bound="exact")
    assert figure_findings(corpus_root) == []


# --- the fast path: a figure with no numeral next to it is whole without a scan ---------------

_QUOTE_PIECES = ["2024年", "3月", "14时", "30分", "第", "一", "首", "翻番", "10%", "-", "—", "至",
                 "4", "6级", "1.5亿", "2亿元", "361家", "52.5%", "超", "近", "约", "多", "余",
                 "三", "十五", "万", "里", "园区", "，", "、", "。", " ", "\n", "个", "倍", "元"]
_TEXTS = ["361家", "52.5%", "10%", "6级", "2亿元", "个", "4", "十五万里", "3月", "1.5亿", "三个"]


def _decides_as_the_scan(quote: str, text: str) -> None:
    from validation.checks.figures import _whole_figure, scanned_whole_figure
    from validation.normalize import index_text
    from validation.numbers import FigureError, parse_figure

    try:
        figure = parse_figure(text)
    except FigureError:
        return
    index = index_text(quote)
    assert _whole_figure(text, figure, quote) == scanned_whole_figure(
        index, index.find_all(text), figure), (quote, text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_QUOTE_PIECES), max_size=6), st.sampled_from(_QUOTE_PIECES),
       st.sampled_from(_TEXTS), st.sampled_from(_QUOTE_PIECES),
       st.lists(st.sampled_from(_QUOTE_PIECES), max_size=6))
def test_the_fast_path_decides_as_the_scan_does(before, left, text, right, after):
    _decides_as_the_scan("".join(before) + left + text + right + "".join(after), text)


def test_the_fast_path_decides_as_the_scan_next_to_every_kind_of_numeral():
    for left in _QUOTE_PIECES:
        for right in _QUOTE_PIECES:
            for text in _TEXTS:
                _decides_as_the_scan(left + text + right, text)
