from tests.conftest import edit_cell, flat
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
