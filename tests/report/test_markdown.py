import os
import re
from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import REPO, edit_cell, read_rows
from validation.report.markdown import MAX_FAILURES, cell, to_markdown
from validation.report.model import build_report

GOLDEN = Path(__file__).parent / "golden" / "validation-report.md"
FIXED = datetime(2026, 1, 1, tzinfo=UTC)


def without_volatile(markdown: str) -> str:
    """The commit is the only part of the Markdown that changes from run to run at a fixed time."""
    return re.sub(r"`[0-9a-f]{12}`( \(uncommitted table changes\))?|no commit", "COMMIT", markdown)


def test_embedded_corpus_matches_the_golden_file():
    """Refresh with REFRESH_GOLDEN=1 after a deliberate change to the report or the tables."""
    found = without_volatile(to_markdown(build_report(REPO, now=FIXED))).replace(str(REPO), "ROOT")
    if os.environ.get("REFRESH_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(found, encoding="utf-8")
    assert found == GOLDEN.read_text(encoding="utf-8")


def test_verdict_comes_first_then_failures(corpus_root):
    edit_cell(corpus_root, "facts", "F0024", "value", "778")
    markdown = to_markdown(build_report(corpus_root))
    lines = markdown.splitlines()
    assert lines[0].startswith("## ❌ FAIL: 2 error(s)")
    assert markdown.index("### Failures (2)") < markdown.index("### Coverage")
    assert "| `figure-mismatch` | facts | F0024 | value | 777 | 778 | facts/facts.csv:" in markdown


def test_failures_are_capped_with_a_count_of_the_rest(corpus_root):
    _, rows = read_rows(corpus_root / "facts" / "facts.csv")
    for row in rows[:30]:
        edit_cell(corpus_root, "facts", row[0], "bound", "nonsense")
    data = build_report(corpus_root)
    markdown = to_markdown(data)
    assert len(data.failures) > MAX_FAILURES
    assert sum(line.startswith("| `") for line in markdown.splitlines()) == MAX_FAILURES
    assert f"… and {len(data.failures) - MAX_FAILURES} more failure(s)" in markdown


def test_markup_and_pipes_in_cells_are_neutralised(corpus_root):
    edit_cell(corpus_root, "conflicts", "C0001", "description", "<script>x</script> a|b\nc")
    markdown = to_markdown(build_report(corpus_root))
    assert "<script>" not in markdown
    assert "&lt;script&gt;x&lt;/script&gt; a\\|b c" in markdown


def test_cell_never_leaves_a_line_break_or_a_raw_pipe():
    assert cell("a\n|b\r\n<c>") == "a \\|b &lt;c&gt;"
    assert cell(None) == ""
