from tests.conftest import REPO, edit_cell, flat
from validation.engine import validate


def test_blocks_of_the_embedded_corpus_cover_every_line_once():
    report = validate(REPO)
    assert not [f for f in report.findings if f.check.startswith(("line-", "block-"))]


def test_overlapping_blocks_are_rejected(corpus_root):
    edit_cell(corpus_root, "articles", "A000-02", "line_start", "123")
    assert ("A000-02", "line_start", "block-overlap") in flat(validate(corpus_root))


def test_uncovered_lines_are_reported_with_their_place(corpus_root):
    edit_cell(corpus_root, "articles", "A000-07", "line_start", "146")
    edit_cell(corpus_root, "articles", "A000-07", "line_end", "146")
    report = validate(corpus_root)
    assert ("A000-07", "line_end", "line-range-outside-page") in flat(report)
    (finding,) = report.by_check("line-not-covered")
    assert finding.location == "seeds/000_56aa01df765f2168.txt:145:1"
    assert finding.found == "(本版图片均由范远志摄)"
