from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import REPO, read_rows, write_rows
from validation.csvfile import read_table
from validation.gate.diff import diff_table
from validation.schemas import TABLES

HEADER, ROWS = read_rows(REPO / "facts" / "conflicts.csv")


def table(path, rows):
    write_rows(path, HEADER, rows)
    spec = TABLES["conflicts"]
    return read_table(path, "conflicts", spec.columns, spec.key, "facts/conflicts.csv")


@settings(max_examples=25)
@given(order=st.permutations(range(len(ROWS))))
def test_reordering_rows_changes_nothing(tmp_path_factory, order):
    folder = tmp_path_factory.mktemp("diff")
    old = table(folder / "old.csv", ROWS)
    new = table(folder / "new.csv", [ROWS[i] for i in order])
    assert diff_table("conflicts", old, new).empty


@settings(max_examples=25)
@given(row=st.integers(0, len(ROWS) - 1), column=st.integers(1, len(HEADER) - 1),
       value=st.text(alphabet="abc数,\"", min_size=1, max_size=5))
def test_one_changed_cell_is_one_cell_change(tmp_path_factory, row, column, value):
    folder = tmp_path_factory.mktemp("diff")
    changed = [list(r) for r in ROWS]
    old_value = changed[row][column]
    changed[row][column] = value
    diff = diff_table("conflicts", table(folder / "old.csv", ROWS), table(folder / "new.csv", changed))
    if value == old_value:
        assert diff.empty
    else:
        (change,) = diff.changed
        assert change.row == ROWS[row][0]
        assert [(c.column, c.old or "", c.new) for c in change.cells] == [(HEADER[column], old_value, value)]
        assert not diff.added and not diff.removed


def test_added_and_removed_rows_by_key(tmp_path):
    old, new = table(tmp_path / "old.csv", ROWS[:2]), table(tmp_path / "new.csv", ROWS[1:3])
    diff = diff_table("conflicts", old, new)
    assert diff.added == [ROWS[2][0]] and diff.removed == [ROWS[0][0]] and not diff.changed


def test_no_base_table_makes_every_row_added(tmp_path):
    assert diff_table("conflicts", None, table(tmp_path / "new.csv", ROWS)).added == [r[0] for r in ROWS]
