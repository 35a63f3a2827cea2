import json
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from validation.report.highlights import MARK_KINDS, Mark, lay_out, mention_anchor, to_html


def strip(pieces):
    return "".join(p.text for p in pieces)


@st.composite
def text_and_marks(draw):
    text = draw(st.text(alphabet="数商会员777家<>&\"' \n", min_size=1, max_size=40))
    spans = st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text))).filter(
        lambda s: s[0] < s[1])
    marks = [Mark(start, end, draw(st.sampled_from(MARK_KINDS)), f"facts/F{i:04d}")
             for i, (start, end) in enumerate(draw(st.lists(spans, max_size=8)))]
    return text, marks


@given(text_and_marks())
def test_layout_keeps_every_character_once_and_every_mark_once(case):
    text, marks = case
    pieces = lay_out(text, marks)
    assert strip(pieces) == text
    opened = [p.opens for p in pieces if p.opens is not None]
    assert sorted(opened, key=id) == sorted(marks, key=id)
    assert sum(p.closes for p in pieces) == len(marks)


@given(text_and_marks())
def test_layout_is_properly_nested_and_marks_stay_inside_their_span(case):
    text, marks = case
    depth, position, stack = 0, 0, []
    for piece in lay_out(text, marks):
        if piece.opens is not None:
            stack.append((piece.opens, position))
            depth += 1
        elif piece.closes:
            mark, start = stack.pop()
            assert mark.start == start and position <= mark.end and position > start
            depth -= 1
        else:
            position += len(piece.text)
        assert depth >= 0
    assert depth == 0 and not stack


def test_marks_of_the_same_characters_nest():
    pieces = lay_out("名列全省第一", [Mark(4, 6, "fact", "facts/F0007"), Mark(4, 6, "fact", "facts/F0008")])
    html = to_html(pieces)
    assert html.count("<mark") == 2
    assert 'id="mark-facts-F0007"' in html and 'id="mark-facts-F0008"' in html
    assert html.index("F0007") < html.index("F0008") and html.endswith("第一</mark></mark>")


def test_crossing_marks_are_shortened_not_dropped():
    pieces = lay_out("abcdef", [Mark(0, 4, "fact", "facts/F1"), Mark(2, 6, "event", "events/E1")])
    assert str(to_html(pieces)) == ('<mark class="hl fact" id="mark-facts-F1" data-ref="facts/F1" '
                                    'title="" tabindex="0">ab<mark class="hl event" id="mark-events-E1" '
                                    'data-ref="events/E1" title="" tabindex="0">cd</mark></mark>ef')


def test_text_and_titles_are_escaped():
    html = to_html(lay_out("<script>alert(1)</script>", [Mark(0, 8, "fact", "facts/F1", True, '"><b>')]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'title="&#34;&gt;&lt;b&gt;"' in html and "hl fact failing" in html


def test_a_mark_without_a_row_has_its_own_anchor_and_names_the_facts_it_belongs_to():
    period = Mark(0, 5, "period", "", False, "2017年: the period of F0001", mention_anchor("A 1/x", 0, 5),
                  ("facts/F0001", 'facts/F"2<b>'))
    html = str(to_html(lay_out("2017年前", [period])))
    assert html.startswith('<mark class="hl period" id="mention-A_1-x-0-5" data-ref="" data-period-of="')
    attribute = html.split('data-period-of="', 1)[1].split('"', 1)[0]
    assert "<" not in attribute and json.loads(unescape(attribute)) == ["facts/F0001", 'facts/F"2<b>']
    uncovered = Mark(2, 4, "uncovered", "", True, "not covered", mention_anchor("A1", 2, 4))
    assert 'id="mention-A1-2-4"' in to_html(lay_out("ab12cd", [uncovered]))


def test_period_marks_nest_inside_the_marks_of_rows():
    assert MARK_KINDS.index("period") > MARK_KINDS.index("exclusion")
    pieces = lay_out("2024年", [Mark(0, 5, "period", anchor="m"), Mark(0, 5, "exclusion", "exclusions/X1")])
    assert [p.opens.kind for p in pieces if p.opens] == ["exclusion", "period"]
