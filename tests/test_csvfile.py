"""Bad input: each malformed CSV is named with file, line and column, never a traceback."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import checks, edit_cell, flat
from validation.engine import validate
from validation.findings import InputError


def facts_csv(root):
    return root / "facts" / "facts.csv"


def test_byte_order_mark_is_reported(corpus_root):
    path = facts_csv(corpus_root)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    report = validate(corpus_root)
    assert checks(report) == {"csv-bom"}
    assert report.by_check("csv-bom")[0].location == "facts/facts.csv:1"


def test_crlf_line_ends_are_reported(corpus_root):
    path = facts_csv(corpus_root)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert checks(validate(corpus_root)) == {"csv-line-endings"}


def test_file_that_is_not_utf8_is_unusable_input_naming_the_line(corpus_root):
    path = facts_csv(corpus_root)
    data = path.read_bytes()
    path.write_bytes(data.replace("数商会员777家".encode(), "数商会员777家".encode("gb18030")))
    with pytest.raises(InputError, match=r"facts/facts\.csv:\d+: not UTF-8"):
        validate(corpus_root)


def test_missing_column_is_reported_and_other_checks_still_run(corpus_root):
    path = facts_csv(corpus_root)
    lines = path.read_text(encoding="utf-8").splitlines()
    cut = [",".join(line.split(",")[:-1]) if i == 0 else line for i, line in enumerate(lines)]
    path.write_text("\n".join(cut) + "\n", encoding="utf-8")  # header loses 'note'
    report = validate(corpus_root)
    assert ("note" in {f.column for f in report.by_check("missing-column")})
    assert "csv-malformed-row" in checks(report)  # rows still carry the note cell


def test_extra_column_is_reported(corpus_root):
    path = corpus_root / "facts" / "metrics.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",colour"] + [line + ",red" for line in lines[1:]]) + "\n",
                    encoding="utf-8")
    assert flat(validate(corpus_root)) == {(None, "colour", "unknown-column")}


def test_row_with_a_missing_cell_is_reported_with_its_line(corpus_root):
    path = corpus_root / "facts" / "units.csv"
    path.write_text(path.read_text(encoding="utf-8") + "米,distance,公里\n", encoding="utf-8")
    (finding,) = validate(corpus_root).by_check("csv-malformed-row")
    assert finding.location.startswith("facts/units.csv:") and finding.found == "3"


def test_blank_line_inside_a_table_is_reported(corpus_root):
    path = corpus_root / "facts" / "entities.csv"
    text = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([*text[:3], "", *text[3:]]), encoding="utf-8")
    assert checks(validate(corpus_root)) == {"csv-blank-row"}


def test_unsorted_rows_are_reported(corpus_root):
    path = corpus_root / "facts" / "metrics.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1], lines[2] = lines[2], lines[1]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert checks(validate(corpus_root)) == {"csv-not-sorted"}


def test_unterminated_quote_is_unusable_input(corpus_root):
    path = corpus_root / "facts" / "entities.csv"
    path.write_text(path.read_text(encoding="utf-8") + 'zz,"unclosed,x,other,,\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"facts/entities\.csv:\d+: not valid CSV"):
        validate(corpus_root)


def test_empty_table_file_is_unusable_input(corpus_root):
    (corpus_root / "facts" / "units.csv").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty file"):
        validate(corpus_root)


def test_missing_table_file_is_unusable_input(corpus_root):
    (corpus_root / "facts" / "metrics.csv").unlink()
    with pytest.raises(InputError, match=r"metrics\.csv: file not found"):
        validate(corpus_root)


def test_folder_without_seeds_is_not_a_corpus(tmp_path):
    (tmp_path / "facts").mkdir()
    with pytest.raises(InputError, match="no seeds/ folder"):
        validate(tmp_path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(["facts", "articles", "pages", "units"]), data=st.data())
def test_any_damage_to_a_table_gives_a_report_or_an_input_error(corpus_root, table, data):
    path = corpus_root / "facts" / f"{table}.csv"
    original = path.read_bytes()
    position = data.draw(st.integers(min_value=0, max_value=len(original)))
    cut = data.draw(st.integers(min_value=0, max_value=40))
    junk = data.draw(st.one_of(st.binary(max_size=8), st.sampled_from(
        [b",", b'"', b"\n", b"\r\n", b"\xef\xbb\xbf", b",,,", b"../x", "数".encode()])))
    path.write_bytes(original[:position] + junk + original[position + cut:])
    try:
        report = validate(corpus_root)
    except InputError as error:
        assert str(error).startswith(f"facts/{table}.csv")
    else:
        assert all(f.check and f.message for f in report.findings)
    finally:
        path.write_bytes(original)


def test_a_table_that_is_a_link_is_not_read_and_is_named(corpus_root, tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("unit,dimension,base_unit,factor,note\nSECRET,x,y,1,\n", encoding="utf-8")
    path = corpus_root / "facts" / "units.csv"
    path.unlink()
    path.symlink_to(outside)
    report = validate(corpus_root)
    (finding,) = report.by_check("not-a-regular-file")
    assert (finding.table, finding.location, finding.found) == ("units", "facts/units.csv", "a symbolic link")
    assert all("SECRET" not in str(f.to_dict()) for f in report.findings)


def test_a_seed_that_is_a_link_is_not_read_and_is_named(corpus_root):
    page = corpus_root / "seeds" / "000_56aa01df765f2168.txt"
    page.unlink()
    page.symlink_to("/etc/hostname")
    report = validate(corpus_root)
    (finding,) = report.by_check("not-a-regular-file")
    assert finding.message.startswith("seeds/000_56aa01df765f2168.txt is a symbolic link; seeds are "
                                      "regular files")
    assert not report.by_check("seed-missing")


def test_a_control_character_is_named_by_row_and_column(corpus_root):
    edit_cell(corpus_root, "facts", "F0024", "note", "before\x00after")
    report = validate(corpus_root)
    assert ("F0024", "note", "control-character") in flat(report)
    (finding,) = report.by_check("control-character")
    assert finding.found == "U+0000" and "character 7" in finding.message


def test_a_cell_over_the_limit_gives_its_size_and_the_limit(corpus_root):
    edit_cell(corpus_root, "facts", "F0024", "note", "x" * 140_000)
    (finding,) = validate(corpus_root).by_check("cell-too-long")
    assert (finding.column, finding.found) == ("note", "140,000 characters")
    assert "131,072" in finding.message
