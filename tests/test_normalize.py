import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from validation.normalize import index_text, line_column, line_starts, normalize

# Text like the pages: CJK, ASCII digits, full- and half-width punctuation, line breaks.
page_chars = st.sampled_from(
    list("数商会员家个亿元万近余多超约") + list("，,。.：:（）()“”、\n 　\t") + list("0123456789"))
page_text = st.text(page_chars, max_size=80)
# Any text, with the characters this module is about drawn often.
tricky_chars = st.sampled_from(list("３６１361³⁶¹₃③⑥①⑴㎡¼…ﬁⅢＡAｶﾞガé\u0301豈\uf900（(　 \n\t"))
any_text = st.text(st.one_of(st.characters(), tricky_chars), max_size=40)


def reference(text: str) -> str:
    """The rule, character by character: a ``<wide>``/``<narrow>`` form becomes the character it
    decomposes to, whitespace is dropped, and everything else stays as printed."""
    out = []
    for ch in text:
        tag, _, target = unicodedata.decomposition(ch).partition(" ")
        folded = chr(int(target, 16)) if tag in ("<wide>", "<narrow>") else ch
        if not ch.isspace() and not folded.isspace():
            out.append(folded)
    return "".join(out)


def test_full_width_punctuation_matches_half_width():
    assert normalize("数商会员777家，上架（数据）") == normalize("数商会员777家,上架(数据)")


@pytest.mark.parametrize(("full", "half"), [
    ("３６１家", "361家"), ("（", "("), ("Ａ", "A"), ("ｚ", "z"), ("５２．５％", "52.5%"),
    ("￥", "¥"), ("ｶ", "カ"), ("ﾍﾝ", "ヘン"), ("ﾡ", "ㄱ"),
])
def test_full_width_and_half_width_forms_match_both_ways(full, half):
    assert normalize(full) == normalize(half)
    for printed, quoted in ((full, half), (half, full)):
        page = f"共\n{printed}。"
        (span,) = index_text(page).find_all(quoted)
        assert page[span.start:span.end] == printed


def test_ideographic_space_is_dropped_like_other_whitespace():
    assert normalize("上架数据　产品\u00a05433个") == "上架数据产品5433个"
    assert index_text("361　家").find_all("361家")


def test_whitespace_and_line_breaks_are_ignored():
    assert normalize("上架数据\n产品 5433个") == "上架数据产品5433个"


@pytest.mark.parametrize(("printed", "look_alike"), [
    pytest.param("361家", "³⁶¹家", id="superscripts"),
    pytest.param("361家", "₃₆₁家", id="subscripts"),
    pytest.param("361家", "③⑥①家", id="circled-numbers"),
    pytest.param("(1)", "⑴", id="parenthesized-number"),
    pytest.param("m2", "㎡", id="squared-metre"),
    pytest.param("km", "㎞", id="squared-km"),
    pytest.param("1/4", "¼", id="fraction"),
    pytest.param("...", "…", id="ellipsis"),
    pytest.param("fi", "ﬁ", id="ligature"),
    pytest.param("III", "Ⅲ", id="roman-numeral"),
    pytest.param("豈", "\uf900", id="compatibility-ideograph"),
    pytest.param("é", "e\u0301", id="canonical-composition"),
    pytest.param("ガ", "ｶﾞ", id="half-width-voiced-mark-not-composed"),
])
def test_look_alikes_do_not_match_the_printed_characters(printed, look_alike):
    assert normalize(printed) != normalize(look_alike)
    assert index_text(f"共{printed}。").find_all(look_alike) == []
    assert index_text(f"共{look_alike}。").find_all(printed) == []


def test_half_width_voiced_mark_folds_to_the_combining_mark():
    assert normalize("ｶﾞ") == "カ\u3099"


def test_only_width_forms_and_whitespace_fold_across_all_of_unicode():
    every = "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))
    assert index_text(every).text == normalize(every) == reference(every)
    kept = [ch for ch in every if not ch.isspace()]
    assert sum(ch != folded for ch, folded in zip(kept, normalize(every), strict=True)) > 200


def test_match_maps_back_across_a_line_break():
    text = "截至目前，完成数据资产\n\n入表7家"
    (span,) = index_text(text).find_all("资产入表7家")
    assert text[span.start:span.end] == "资产\n\n入表7家"


def test_line_and_column_are_one_based():
    text = "ab\ncd\n\nef"
    assert line_column(line_starts(text), text.index("d")) == (2, 2)
    assert line_column(line_starts(text), text.index("e")) == (4, 1)


@given(any_text)
def test_normalize_folds_width_drops_whitespace_and_keeps_everything_else(text):
    assert normalize(text) == reference(text)
    assert index_text(text).text == normalize(text)


@given(any_text)
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


@given(any_text, any_text)
def test_normalize_of_a_concatenation_is_the_concatenation(a, b):
    assert normalize(a + b) == normalize(a) + normalize(b)


@given(any_text)
def test_each_kept_character_gives_exactly_one_matching_character(text):
    index = index_text(text)
    assert len(index.text) == len(normalize(text)) == sum(not ch.isspace() for ch in text)
    kept = [i for i, ch in enumerate(text) if not ch.isspace()]
    assert [index.original_offset(n) for n in range(len(index.text))] == kept
    assert all(normalize(text[i]) == index.text[n] for n, i in enumerate(kept))
    # and back: each original offset maps to the first kept character at or after it
    assert [index.offset(o) for o in range(len(text) + 2)] == [
        sum(i < o for i in kept) for o in range(len(text) + 2)]
    assert len(index.gap_starts) <= 1 + sum(ch.isspace() for ch in text)  # one entry per gap


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


@given(any_text, any_text, any_text)
def test_every_span_found_maps_back_to_text_that_normalizes_to_the_needle(before, needle, after):
    text = before + needle + after
    spans = index_text(text).find_all(needle)
    assert bool(spans) == bool(normalize(needle))
    for span in spans:
        assert normalize(text[span.start:span.end]) == normalize(needle)


@given(page_text, st.text(alphabet="ab 　\n，,", min_size=1, max_size=3), st.data())
def test_finding_within_a_span_finds_exactly_the_matches_inside_it(text, needle, data):
    from validation.normalize import Span

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    area = Span(start, end)
    index = index_text(text)
    assert index.find_all(needle, within=area) == [
        s for s in index.find_all(needle) if start <= s.start and s.end <= end]


@given(page_text, page_text, page_text, st.data())
def test_a_figure_inside_a_quote_is_found_in_the_quotes_own_matching_form(before, quote, after, data):
    """Placing a figure reads the quote's matching form instead of searching the page again:
    the page's matching text over a quote's span is that form, so both find the same spans."""
    index = index_text(before + quote + after)
    target = normalize(quote)
    for start in index.positions(target, 0, len(index.text)) if target else []:
        end = data.draw(st.integers(0, len(target)))
        figure = target[data.draw(st.integers(0, end)):end]
        if not figure:
            continue
        within = index.span(start, start + len(target))
        in_quote = [pos for pos in range(len(target)) if target.startswith(figure, pos)]
        assert index.find_all(figure, within=within) == [
            index.span(start + pos, start + pos + len(figure)) for pos in in_quote]


@given(any_text, st.data())
def test_bounds_are_the_span_as_two_numbers(text, data):
    index = index_text(text)
    if not index.text:
        return
    first = data.draw(st.integers(0, len(index.text) - 1))
    last = data.draw(st.integers(first + 1, len(index.text)))
    span = index.span(first, last)
    assert index.bounds(first, last) == (span.start, span.end)
    assert span.start == index.original_offset(first)
    assert span.end == index.original_offset(last - 1) + 1
