import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from validation.normalize import index_text, line_column, line_starts, normalize

# Text like the pages: CJK, ASCII digits, full- and half-width punctuation, line breaks.
page_chars = st.sampled_from(
    list("数商会员家个亿元万近余多超约") + list("，,。.：:（）()“”、\n 　\t") + list("0123456789"))
page_text = st.text(page_chars, max_size=80)
any_text = st.text(max_size=40)


def reference(text: str) -> str:
    """NFKC without whitespace, repeated until stable: what normalize() must compute."""
    while True:
        result = "".join(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())
        if result == text:
            return result
        text = result


def test_full_width_punctuation_matches_half_width():
    assert normalize("数商会员777家，上架（数据）") == normalize("数商会员777家,上架(数据)")


def test_whitespace_and_line_breaks_are_ignored():
    assert normalize("上架数据\n产品 5433个") == "上架数据产品5433个"


def test_match_maps_back_across_a_line_break():
    text = "截至目前，完成数据资产\n\n入表7家"
    (span,) = index_text(text).find_all("资产入表7家")
    assert text[span.start:span.end] == "资产\n\n入表7家"


def test_match_may_not_split_a_compatibility_character():
    assert index_text("面积㎡").find_all("m") == []
    assert len(index_text("面积㎡").find_all("m2")) == 1


def test_line_and_column_are_one_based():
    text = "ab\ncd\n\nef"
    assert line_column(line_starts(text), text.index("d")) == (2, 2)
    assert line_column(line_starts(text), text.index("e")) == (4, 1)


@given(any_text)
def test_normalize_equals_nfkc_without_whitespace(text):
    assert normalize(text) == reference(text)


@given(any_text)
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


@given(page_text, st.data())
def test_quote_found_after_inserting_whitespace_anywhere(text, data):
    quote = text.strip()
    spaced = "".join(ch + data.draw(st.sampled_from(["", " ", "\n", "\n\n", "　"])) for ch in quote)
    if normalize(quote):
        assert index_text(text).find_all(spaced)


@given(page_text)
def test_quote_found_after_swapping_punctuation_width(text):
    swapped = text.translate(str.maketrans("，,：:（(）)", ",，:：(（)）"))
    if normalize(text):
        assert index_text(text).find_all(swapped)


@given(page_text, page_text, page_text)
def test_reported_span_holds_exactly_the_matched_text(before, quote, after):
    text = before + quote + after
    for span in index_text(text).find_all(quote):
        assert normalize(text[span.start:span.end]) == normalize(quote)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
