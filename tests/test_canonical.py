import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import REPO
from validation.canonical import canonical_number, decimal_columns, format_tables, read_cells
from validation.cli import main
from validation.findings import InputError
from validation.schemas import TABLES

CELL = st.text(alphabet=st.sampled_from(list("ab,\"'\n\r 数商会员７%|亿元")), max_size=12)
DECIMAL = st.decimals(-10**6, 10**6, places=4, allow_nan=False).map(lambda d: format(d, "f"))


@st.composite
def written_table(draw):
    """A table of facts or units as someone might have written it: any column order, any row
    order, BOM or not, CRLF or LF, every cell quoted or only where needed."""
    name = draw(st.sampled_from(["facts", "units", "conflicts"]))
    spec = TABLES[name]
    columns = draw(st.permutations(spec.columns))
    numbers = decimal_columns(spec)
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        rows.append({c: draw(st.one_of(DECIMAL, CELL) if c in numbers else CELL) for c in columns})
    buffer = io.StringIO()
    # Minimal quoting is unambiguous only with CRLF line ends (a lone CR in a cell is then quoted).
    quoting, terminator = draw(st.sampled_from([(csv.QUOTE_MINIMAL, "\r\n"), (csv.QUOTE_ALL, "\n"),
                                                 (csv.QUOTE_ALL, "\r\n")]))
    writer = csv.writer(buffer, quoting=quoting, lineterminator=terminator)
    writer.writerow(columns)
    writer.writerows([[r[c] for c in columns] for r in rows])
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return name, rows, bom + buffer.getvalue()


def same_value(column: str, numbers: set[str], old: str, new: str) -> bool:
    if column in numbers and old != new:
        return Decimal(old) == Decimal(new)
    return old == new


@given(written_table())
def test_fmt_is_idempotent_and_keeps_every_value(tmp_path_factory, case):
    name, rows, text = case
    root = tmp_path_factory.mktemp("corpus")
    (root / "facts").mkdir()
    path = root / "facts" / TABLES[name].filename
    path.write_bytes(text.encode("utf-8"))
    format_tables(root)
    once = path.read_bytes()
    assert format_tables(root) == [] and path.read_bytes() == once
    assert not once.startswith(b"\xef\xbb\xbf")
    header, body = read_cells(once.decode("utf-8"), "t")
    assert header == [c for c in TABLES[name].columns]
    written = [dict(zip(header, r, strict=True)) for r in body]
    keys = [tuple(r[c] for c in TABLES[name].key) for r in written]
    assert keys == sorted(keys)
    numbers = decimal_columns(TABLES[name])
    unmatched = list(rows)
    for row in written:
        match = next(r for r in unmatched
                     if all(same_value(c, numbers, r[c], row[c]) for c in header))
        unmatched.remove(match)
    assert unmatched == []


@pytest.mark.parametrize(("cell", "printed", "expected"), [
    ("96.920", None, "96.92"), ("2.0", None, "2"), ("100", None, "100"),
    ("0.0027397260", None, "0.002739726"),
    ("52.50", "52.50%", "52.50"), ("-0.0", None, "0"), ("1e3", None, "1e3"), ("abc", None, "abc"),
])
def test_trailing_zeros_go_unless_printed(cell, printed, expected):
    assert canonical_number(cell, printed) == expected


def test_the_embedded_tables_are_canonical():
    assert format_tables(REPO, write=False) == []


def test_fmt_check_lists_what_would_change_and_changes_nothing(corpus_root, capsys):
    path = corpus_root / "facts" / "facts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1], lines[2] = lines[2], lines[1]
    path.write_text("".join(lines).replace("\n", "\r\n"), encoding="utf-8")
    before = path.read_bytes()
    assert main(["fmt", "--check", "--root", str(corpus_root)]) == 1
    out = capsys.readouterr().out
    assert "would reformat facts/facts.csv" in out and "1 table(s) not in canonical form" in out
    assert path.read_bytes() == before
    assert main(["fmt", "--root", str(corpus_root)]) == 0
    assert "reformatted facts/facts.csv" in capsys.readouterr().out
    assert path.read_bytes() == (REPO / "facts" / "facts.csv").read_bytes()
    assert main(["fmt", "--check", "--root", str(corpus_root)]) == 0


def test_a_row_that_does_not_fit_its_header_is_refused_not_guessed(corpus_root, capsys):
    path = corpus_root / "facts" / "metrics.csv"
    path.write_text(path.read_text(encoding="utf-8") + "extra,row\n", encoding="utf-8")
    before = path.read_bytes()
    assert main(["fmt", "--root", str(corpus_root)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: facts/metrics.csv:") and "fix the row first" in err
    assert path.read_bytes() == before


def test_a_carriage_return_inside_a_cell_is_quoted_so_it_survives():
    from validation.canonical import canonical_text

    text = canonical_text(TABLES["conflicts"], ["conflict_id", "fact_ids", "description", "preferred"],
                          [["C1", "F1", "a\rb", ""]])
    assert text.endswith('C1,F1,"a\rb",\n')
    assert read_cells(text, "t")[1] == [["C1", "F1", "a\rb", ""]]


def test_unknown_columns_are_kept_after_the_schema_columns():
    spec = TABLES["conflicts"]
    header, rows = read_cells("extra,conflict_id,fact_ids,description,preferred\nx,C1,F1|F2,d,\n", "t")
    from validation.canonical import canonical_text

    assert canonical_text(spec, header, rows) == (
        "conflict_id,fact_ids,description,preferred,extra\nC1,F1|F2,d,,x\n")


def test_invalid_csv_is_an_input_error():
    with pytest.raises(InputError, match="empty file"):
        read_cells("\n\n", "facts/x.csv")


def test_fmt_check_names_each_way_a_table_is_out_of_form():
    from validation.canonical import form_differences

    canonical = "unit,dimension,base_unit,factor,note\n元,money,元,1,\n亿元,money,元,100000000,\n"
    assert form_differences(canonical.encode(), canonical) == ["cells are quoted where they need not be"]
    reordered = "unit,dimension,base_unit,factor,note\n亿元,money,元,100000000,\n元,money,元,1,\n"
    assert form_differences(reordered.encode(), canonical) == ["rows are not sorted by id"]
    crlf = "\ufeff" + canonical.replace("\n", "\r\n")
    assert form_differences(crlf.encode(), canonical)[:2] == ["starts with a byte-order mark",
                                                              "has CRLF or CR line ends"]
    swapped = "dimension,unit,base_unit,factor,note\nmoney,元,元,1,\nmoney,亿元,元,100000000,\n"
    assert form_differences(swapped.encode(), canonical) == ["columns are not in schema order"]
    zeros = canonical.replace(",1,\n", ",1.00,\n")
    assert "numbers have spurious trailing zeros" in form_differences(zeros.encode(), canonical)


def test_a_header_that_repeats_a_column_is_refused_so_no_cell_is_dropped():
    with pytest.raises(InputError, match="column value appears more than once"):
        read_cells("fact_id,value,value\nF1,1,2\n", "facts/facts.csv")
