import pytest

from tests.conftest import cell, edit_cell, flat
from validation.engine import validate


def test_quote_from_another_article_is_rejected_and_located(corpus_root):
    edit_cell(corpus_root, "facts", "F1071", "article_id", "A001-03")
    report = validate(corpus_root)
    assert flat(report) == {("F1071", "quote", "quote-not-in-article")}
    assert report.findings[0].found == "printed in A001-07 at seeds/001_888f096fff14ae58.txt:119:28"


def test_quote_from_another_page_is_rejected(corpus_root):
    edit_cell(corpus_root, "facts", "F2030", "article_id", "A000-01")
    report = validate(corpus_root)
    assert flat(report) == {("F2030", "quote", "quote-not-in-article")}
    assert "A002-06 at seeds/002_ebc840b96cdb363d.txt:109:1" in report.findings[0].found


def test_misquoted_words_show_where_the_match_stops(corpus_root):
    edit_cell(corpus_root, "facts", "F0024", "quote", "发展数商会员777家，上架数据产品5434个")
    (finding,) = validate(corpus_root).errors
    assert finding.check == "quote-not-in-article"
    assert "first 20 of 22 characters, up to '7家,上架数据产品543'" in finding.found


def test_quote_with_extra_spaces_and_other_punctuation_width_still_matches(corpus_root):
    edit_cell(corpus_root, "facts", "F0025", "quote", "上架数据产品 5433个,居全国第一")
    assert validate(corpus_root).ok


def test_repeated_quote_needs_an_occurrence(corpus_root):
    edit_cell(corpus_root, "facts", "F2033", "occurrence", "")
    report = validate(corpus_root)
    assert flat(report) == {("F2033", "occurrence", "quote-ambiguous")}
    assert ":93:9" in report.findings[0].message and ":109:42" in report.findings[0].message


def test_occurrence_beyond_the_printed_ones_is_rejected(corpus_root):
    edit_cell(corpus_root, "facts", "F2033", "occurrence", "3")
    assert flat(validate(corpus_root)) == {("F2033", "occurrence", "occurrence-out-of-range")}


def test_figure_printed_twice_in_its_quote_cannot_be_placed(corpus_root):
    edit_cell(corpus_root, "facts", "F1074", "quote", "5000P智能算力，5000P存储")
    assert flat(validate(corpus_root)) == {("F1074", "quote", "figure-ambiguous-in-quote")}


def test_figure_outside_its_quote_is_rejected(corpus_root):
    edit_cell(corpus_root, "facts", "F0024", "text", "5433个")
    assert ("F0024", "text", "figure-not-in-quote") in flat(validate(corpus_root))


def test_title_and_byline_must_be_printed_in_the_block(corpus_root):
    edit_cell(corpus_root, "articles", "A001-01", "title", "一个传统工业园区的绿色转型探索")
    edit_cell(corpus_root, "articles", "A001-01", "byline", "张福芳 成柳静")
    assert flat(validate(corpus_root)) == {("A001-01", "title", "title-not-in-article"),
                                          ("A001-01", "byline", "byline-not-in-article")}


def test_published_quote_must_be_printed_on_the_page(corpus_root):
    assert cell(corpus_root, "articles", "A000-02", "published_quote").startswith("12月3日")
    edit_cell(corpus_root, "articles", "A000-02", "published_quote", "2023年12月3日")
    assert flat(validate(corpus_root)) == {("A000-02", "published_quote", "published-quote-not-found")}


def test_entity_names_and_aliases_must_be_printed(corpus_root):
    edit_cell(corpus_root, "entities", "rongfa_group", "name_zh", "荣发集团")
    edit_cell(corpus_root, "entities", "tianxin_edz", "aliases", "长沙天心经开区|天心开发区")
    assert flat(validate(corpus_root)) == {("rongfa_group", "name_zh", "entity-name-not-found"),
                                          ("tianxin_edz", "aliases", "entity-name-not-found")}


LOOK_ALIKE_DIGITS = {"superscript": "³⁶¹", "circled": "③⑥①", "arabic_indic": "٣٦١"}


@pytest.mark.parametrize("digits", LOOK_ALIKE_DIGITS.values(), ids=LOOK_ALIKE_DIGITS.keys())
def test_quote_with_look_alike_digits_is_not_found_in_the_article(corpus_root, digits):
    assert cell(corpus_root, "facts", "F0001", "text") == "361家"
    quote = cell(corpus_root, "facts", "F0001", "quote")
    edit_cell(corpus_root, "facts", "F0001", "text", f"{digits}家")
    edit_cell(corpus_root, "facts", "F0001", "quote", quote.replace("361", digits))
    report = validate(corpus_root)
    assert ("F0001", "quote", "quote-not-in-article") in flat(report)


def test_quote_with_full_width_digits_still_matches_the_printed_half_width_ones(corpus_root):
    quote = cell(corpus_root, "facts", "F0001", "quote")
    edit_cell(corpus_root, "facts", "F0001", "text", "３６１家")
    edit_cell(corpus_root, "facts", "F0001", "quote", quote.replace("361", "３６１"))
    report = validate(corpus_root)
    assert report.ok and flat(report) == set()
