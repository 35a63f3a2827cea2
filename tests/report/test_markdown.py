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
    assert lines[0] == "## ❌ FAIL: 2 errors, 4 warnings"
    assert lines[2] == "Validation report of corpus: 5 pages, 37 articles, published 2024-01 to 2026-02."
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
    assert f"… and {len(data.failures) - MAX_FAILURES} more failures;" in markdown
    assert "(s)" not in markdown


def test_markup_and_pipes_in_cells_are_neutralised(corpus_root):
    edit_cell(corpus_root, "conflicts", "C0001", "description", "<script>x</script> a|b\nc")
    markdown = to_markdown(build_report(corpus_root))
    assert "<script>" not in markdown
    assert "&lt;script&gt;x&lt;/script&gt; a\\|b c" in markdown


def test_cell_never_leaves_a_line_break_or_a_raw_pipe():
    assert cell("a\n|b\r\n<c>") == "a \\|b &lt;c&gt;"
    assert cell(None) == ""


def test_conflicts_list_escapes_ids_and_preferred(corpus_root):
    """The conflict's id, its fact ids and the fact it prefers come from conflicts.csv: text,
    never markup, links, table breaks or terminal escapes."""
    edit_cell(corpus_root, "conflicts", "C0001", "fact_ids", "F0004|[x](javascript:alert(1))")
    edit_cell(corpus_root, "conflicts", "C0001", "preferred", "<img src=x onerror=alert(1)>`a|b")
    edit_cell(corpus_root, "conflicts", "C0001", "conflict_id", "C0001 **x** \x1b[2J")
    markdown = to_markdown(build_report(corpus_root))
    (line,) = [line for line in markdown.splitlines() if line.startswith("- **C0001")]
    assert line.startswith("- **C0001 \\*\\*x\\*\\* \\x1b\\[2J** (F0004 52.5%, "
                           "\\[x\\](javascript:alert(1)) ; "
                           "preferred: &lt;img src=x onerror=alert(1)&gt;\\`a\\|b): The zone's")
    assert "<img" not in markdown and "\x1b" not in markdown


def test_cell_escapes_a_backslash_so_a_pipe_stays_escaped():
    """A cell's own backslash would otherwise escape the one before its pipe, ending the cell."""
    assert cell("a\\|b") == "a\\\\\\|b"
    assert cell("`x` $y$ ~z~ \x1b[31m") == "\\`x\\` \\$y\\$ \\~z\\~ \\x1b\\[31m"
