"""The one-screen summary of ``python -m validation report``: sizes, counts and the corpus named."""

import pytest

from tests.conftest import REPO, edit_cell
from validation.report.model import build_report
from validation.report.summary import to_summary
from validation.words import file_size, noun, plural


def test_sizes_below_a_kibibyte_are_bytes():
    assert file_size(0) == "0 bytes" and file_size(1) == "1 byte" and file_size(812) == "812 bytes"
    assert file_size(1023) == "1023 bytes" and file_size(1024) == "1.0 KiB"
    assert file_size(1536) == "1.5 KiB" and file_size(865 * 1024) == "865 KiB"
    assert file_size(3 * 1024**2 + 400 * 1024) == "3.4 MiB"


@pytest.mark.parametrize(("count", "text"), [(0, "0 rows"), (1, "1 row"), (2, "2 rows"), (311, "311 rows")])
def test_counts_agree_with_their_nouns(count, text):
    assert plural(count, "row") == text
    assert noun(count, "row") == text.split()[1]
    assert plural(1, "entry", "entries") == "1 entry" and plural(2, "entry", "entries") == "2 entries"


def written_files(tmp_path, sizes):
    files = {}
    for form, size in sizes.items():
        files[form] = tmp_path / f"report.{form}"
        files[form].write_bytes(b"x" * size)
    return files


def test_the_summary_prints_small_files_in_bytes_and_agrees_in_number(corpus_root, tmp_path):
    data = build_report(corpus_root)
    text = to_summary(data, written_files(tmp_path, {"markdown": 812, "json": 1, "html": 2 * 1024**2}))
    lines = text.splitlines()
    assert f"wrote {tmp_path / 'report.markdown'} (markdown, 812 bytes)" in lines
    assert f"wrote {tmp_path / 'report.json'} (json, 1 byte)" in lines
    assert f"wrote {tmp_path / 'report.html'} (html, 2.0 MiB)" in lines
    assert "(s)" not in text and "0 KiB" not in text
    assert lines[-1] == f"PASS: 0 errors, 4 warnings in {corpus_root}"
    assert any(line.startswith("coverage: 584 numeric mentions, 100.0% covered") for line in lines)


def test_the_summary_names_the_corpus_as_an_absolute_path_or_as_the_embedded_one(corpus_root, tmp_path,
                                                                                 monkeypatch):
    edit_cell(corpus_root, "facts", "F0024", "value", "778")
    monkeypatch.chdir(corpus_root)
    data = build_report(".")
    assert data.run.root == str(corpus_root) and data.run.name == "corpus" and not data.run.embedded
    last = to_summary(data, {}).splitlines()[-1]
    assert last == f"FAIL: 2 errors, 4 warnings in {corpus_root}"
    embedded = build_report(REPO)
    assert to_summary(embedded, {}).splitlines()[-1].endswith(f" in the embedded corpus ({REPO})")
