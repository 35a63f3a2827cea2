"""`python -m validation draft --apply`: reviewed drafts merged into the tables, or refused."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import read_rows, write_rows
from validation.apply import apply_drafts, read_draft_file
from validation.cli import main
from validation.draft import DRAFT_COLUMNS
from validation.engine import validate
from validation.findings import InputError

REMOVED = ("F0020", "F0021", "F0022", "F0023")


def tables(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "facts").iterdir())}


def read_draft(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_draft(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header or list(DRAFT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture
def reviewed(corpus_root: Path) -> Path:
    """The corpus without four facts, and a draft file in which a person has filled each
    drafted fact's entity and metric (as the removed rows had them)."""
    header, rows = read_rows(corpus_root / "facts" / "facts.csv")
    removed = {r[0]: dict(zip(header, r, strict=True)) for r in rows if r[0] in REMOVED}
    write_rows(corpus_root / "facts" / "facts.csv", header, [r for r in rows if r[0] not in REMOVED])
    assert main(["draft", "--root", str(corpus_root)]) == 0
    drafts = read_draft(corpus_root / "drafts.csv")
    assert len(drafts) == 4 and {d["table"] for d in drafts} == {"facts"}
    by_text = {(r["text"], r["quote"][:6]): r for r in removed.values()}
    for row in drafts:
        original = next(r for (text, _), r in by_text.items() if text == row["text"])
        row["entity_id"], row["metric_id"] = original["entity_id"], original["metric_id"]
    write_draft(corpus_root / "drafts.csv", drafts)
    return corpus_root


def apply(root: Path, *extra: str) -> int:
    return main(["draft", "--root", str(root), "--apply", str(root / "drafts.csv"), *extra])


def edit_draft(root: Path, line: int, **cells: str) -> None:
    """Change cells of the draft row on file line ``line`` (2 is the first row)."""
    rows = read_draft(root / "drafts.csv")
    rows[line - 2].update(cells)
    write_draft(root / "drafts.csv", rows)


# --- the happy path ---------------------------------------------------------------------------


def test_reviewed_drafts_are_merged_and_the_corpus_then_passes_every_check(reviewed, capsys):
    drafted = {r["fact_id"]: r for r in read_draft(reviewed / "drafts.csv")}
    assert apply(reviewed) == 0
    out = capsys.readouterr().out
    assert out.startswith("applied 4 facts from ") and "facts/facts.csv" in out
    header, rows = read_rows(reviewed / "facts" / "facts.csv")
    added = {r[0]: dict(zip(header, r, strict=True)) for r in rows if r[0] in drafted}
    assert sorted(a["text"] for a in added.values()) == sorted(["7家", "386张", "4笔", "5400万元"])
    assert all(added[i][c] == drafted[i][c] for i in added for c in header)
    assert validate(reviewed).ok
    assert main(["fmt", "--check", "--root", str(reviewed)]) == 0
    assert main(["coverage", "--root", str(reviewed)]) == 0
    assert not any(p.name.endswith(".tmp") for p in (reviewed / "facts").iterdir())


def test_applying_a_draft_without_rows_changes_nothing(corpus_root, capsys):
    write_draft(corpus_root / "drafts.csv", [])
    before = tables(corpus_root)
    assert apply(corpus_root) == 0
    assert "nothing to apply" in capsys.readouterr().out
    assert tables(corpus_root) == before


def test_the_library_checks_without_writing_and_never_prints(reviewed, capsys):
    before = tables(reviewed)
    result = apply_drafts(reviewed, reviewed / "drafts.csv", write=False)
    assert result.ok and result.written == [] and len(result.added["facts"]) == 4
    assert tables(reviewed) == before
    assert capsys.readouterr() == ("", "")


# --- refusals: exit 1, every problem on its line and column, nothing written -------------------


def refused(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = tables(root)
    assert apply(root) == 1
    out = capsys.readouterr().out
    assert out.rstrip().splitlines()[-1].startswith("REFUSED: ")
    assert "nothing was written" in out
    assert tables(root) == before
    return out


def test_an_empty_required_cell_is_refused_on_its_line_and_column(reviewed, capsys):
    edit_draft(reviewed, 3, metric_id="")
    out = refused(reviewed, capsys)
    assert f"{reviewed / 'drafts.csv'}:3 metric_id:" in out and "metric_id is empty" in out


def test_an_id_already_in_the_corpus_is_refused(reviewed, capsys):
    edit_draft(reviewed, 2, fact_id="F0001")
    assert "drafts.csv:2 fact_id: F0001 F0001 is already a row of facts.csv" in refused(reviewed, capsys)


def test_an_id_used_twice_in_the_draft_is_refused(reviewed, capsys):
    first = read_draft(reviewed / "drafts.csv")[0]["fact_id"]
    edit_draft(reviewed, 3, fact_id=first)
    assert "is also the id of the row on line 2" in refused(reviewed, capsys)


def test_a_row_citing_a_block_renamed_since_the_draft_was_made_is_refused(reviewed, capsys):
    header, rows = read_rows(reviewed / "facts" / "articles.csv")
    for row in rows:
        if row[0] == "A000-01":
            row[0] = "A000-91"
    write_rows(reviewed / "facts" / "articles.csv", header, rows)
    out = refused(reviewed, capsys)
    assert out.count("cites block A000-01, which articles.csv no longer has") == 4


def test_a_row_that_would_fail_a_check_is_refused_with_the_check(reviewed, capsys):
    edit_draft(reviewed, 2, value="8")
    out = refused(reviewed, capsys)
    assert "drafts.csv:2 value:" in out and "figure-mismatch" in out


def test_every_problem_is_listed_at_once_in_the_order_of_the_file(reviewed, capsys):
    edit_draft(reviewed, 2, value="8", entity_id="")
    edit_draft(reviewed, 3, metric_id="")
    lines = [line for line in refused(reviewed, capsys).splitlines() if "drafts.csv:" in line]
    assert [line.split(" ", 2)[:2] for line in lines] == [
        [f"{reviewed / 'drafts.csv'}:2", "entity_id:"], [f"{reviewed / 'drafts.csv'}:2", "value:"],
        [f"{reviewed / 'drafts.csv'}:3", "metric_id:"]]
    assert "figure-mismatch" in lines[1]


def test_a_row_of_an_unknown_table_or_with_another_tables_cells_is_refused(reviewed, capsys):
    edit_draft(reviewed, 2, table="fact")
    edit_draft(reviewed, 3, category="idiom")
    out = refused(reviewed, capsys)
    assert "drafts.csv:2 table: table is 'fact'" in out
    assert "drafts.csv:3 category:" in out and "category is not a column of facts" in out


def test_a_new_failure_that_names_no_drafted_row_still_refuses(corpus_root, capsys):
    """A fact stating a mention an exclusion claims: the overlap is reported on the exclusion."""
    row = dict.fromkeys(DRAFT_COLUMNS, "")
    row.update(table="facts", fact_id="F9000", article_id="A000-01", entity_id="tianxin_edz",
               metric_id="industrial_enterprises", value="1", unit="家", bound="exact",
               status="actual", text="一场", quote="随后，一场长株潭“绿心”区工业企业退出战役")
    write_draft(corpus_root / "drafts.csv", [row])
    out = refused(corpus_root, capsys)
    assert "exclusion-overlaps-fact" in out


# --- cells a person or a spreadsheet may leave in the file -------------------------------------


def test_a_control_character_in_a_cell_is_refused_on_its_line(reviewed, capsys):
    edit_draft(reviewed, 4, note="checked\x1b[2J")
    out = refused(reviewed, capsys)
    assert "drafts.csv:4 note:" in out and "control-character" in out
    assert "\x1b" not in out  # shown escaped


def test_formula_looking_cells_are_applied_as_the_text_they_are(reviewed):
    edit_draft(reviewed, 2, note="=cmd|' /C calc'!A0")  # as a spreadsheet saves it, unescaped
    edit_draft(reviewed, 3, note="'-3℃ that night")  # as the draft wrote it, escaped
    edit_draft(reviewed, 4, note="'it's fine'")  # an apostrophe that escapes nothing
    assert apply(reviewed) == 0
    header, rows = read_rows(reviewed / "facts" / "facts.csv")
    notes = {r[header.index("note")] for r in rows}
    assert {"=cmd|' /C calc'!A0", "-3℃ that night", "'it's fine'"} <= notes


# --- unreadable draft files: exit 2, the file and line named ------------------------------------


@pytest.mark.parametrize(("content", "said"), [
    (b"table,fact_id\n\xff\xfe\n", "drafts.csv:2: not UTF-8"),
    (b"", "drafts.csv: empty file"),
    (b"fact_id,article_id\nF0001,A000-01\n", "drafts.csv:1: not a draft file's header"),
    ((",".join(DRAFT_COLUMNS) + "\nfacts,F9000\n").encode(), "drafts.csv:2: the row has 2 cells"),
    ((",".join(DRAFT_COLUMNS) + '\n"facts,\n').encode(), "drafts.csv:"),
    ((",".join([*DRAFT_COLUMNS, "table"]) + "\n").encode(), "drafts.csv:1: column table appears"),
])
def test_an_unreadable_draft_file_exits_2_naming_file_and_line(corpus_root, capsys, content, said):
    (corpus_root / "drafts.csv").write_bytes(content)
    before = tables(corpus_root)
    assert apply(corpus_root) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and said in err
    assert tables(corpus_root) == before


def test_a_missing_draft_file_or_a_folder_exits_2(corpus_root, capsys):
    assert apply(corpus_root) == 2
    assert "no such file" in capsys.readouterr().err
    (corpus_root / "drafts.csv").mkdir()
    assert apply(corpus_root) == 2
    assert "is a directory" in capsys.readouterr().err


def test_a_draft_saved_by_a_spreadsheet_with_bom_and_crlf_is_read(reviewed):
    path = reviewed / "drafts.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert len(read_draft_file(path)) == 4
    assert apply(reviewed) == 0


def test_apply_takes_no_drafting_options(reviewed, capsys):
    assert apply(reviewed, "--out", str(reviewed / "x.csv")) == 2
    assert "cannot be combined with --apply" in capsys.readouterr().err


def test_a_table_that_would_lose_cells_stops_the_merge(reviewed):
    facts = reviewed / "facts" / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8") + "F9999,too,few\n", encoding="utf-8")
    with pytest.raises(InputError, match="row has 3 cells"):
        apply_drafts(reviewed, reviewed / "drafts.csv")
