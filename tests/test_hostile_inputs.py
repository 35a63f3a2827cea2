"""Hostile input: every bad table, seed, folder or option ends in a clean message and the
documented exit status (1 findings, 2 usage or unreadable input), never a traceback, never an
internal error, and never the contents of a file outside the corpus.

Each case damages a copy of a tiny corpus (``tests/fixtures/tiny-corpus``), runs one command
in-process and checks the exit status and a phrase of the message that names what is wrong.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import edit_cell, read_rows, write_rows
from validation.cli import main

TINY = Path(__file__).parent / "fixtures" / "tiny-corpus"
PAGE = "001_tiny.txt"
SECRET = "SECRET-TOKEN-7f3a9c"


@dataclass(frozen=True)
class Case:
    """One hostile input: how to damage the corpus, the command, and what it must answer."""

    name: str
    damage: Callable[[Path], object]
    status: int
    says: str  # a phrase the output must hold
    command: tuple[str, ...] = ("check",)
    extra: tuple[str, ...] = field(default_factory=tuple)


def seed(root: Path) -> Path:
    return root / "seeds" / PAGE


def table(root: Path, name: str) -> Path:
    return root / "facts" / f"{name}.csv"


def cell(name: str, key: str, column: str, value: str) -> Callable[[Path], None]:
    return lambda root: edit_cell(root, name, key, column, value)


def append(name: str, text: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        with open(table(root, name), "a", encoding="utf-8", newline="") as handle:
            handle.write(text)
    return damage


def write_bytes(path: Callable[[Path], Path], data: bytes) -> Callable[[Path], None]:
    return lambda root: path(root).write_bytes(data)


def replace_with(path: Callable[[Path], Path], make: Callable[[Path], object]) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        target = path(root)
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()
        make(target)
    return damage


def link_to(target: str) -> Callable[[Path], object]:
    return lambda path: path.symlink_to(target)


def secret_file(root: Path) -> str:
    outside = root.parent / "outside.txt"
    outside.write_text(f"天心经开区简讯\n{SECRET}\n", encoding="utf-8")
    return str(outside)


def link_to_secret(path: Callable[[Path], Path]) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        target = secret_file(root)
        path(root).unlink()
        path(root).symlink_to(target)
    return damage


def make_socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def header_edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = table(root, name)
        lines = path.read_text(encoding="utf-8").split("\n", 1)
        path.write_text(lines[0].replace(old, new, 1) + "\n" + lines[1], encoding="utf-8")
    return damage


def text_replace(path: Callable[[Path], Path], old: str, new: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        target = path(root)
        target.write_bytes(target.read_bytes().replace(old.encode(), new.encode()))
    return damage


def facts_path(root: Path) -> Path:
    return table(root, "facts")


def relation(expression: str) -> Callable[[Path], None]:
    return cell("relations", "R0001", "expression", expression)


def nothing(root: Path) -> None:
    return None


def git_repository(root: Path) -> None:
    import subprocess

    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                        "-c", "commit.gpgsign=false", *args], cwd=root, check=True, capture_output=True)


CASES = [
    # Files that are no regular files: never read through, one finding naming the file.
    Case("seed-link-to-passwd", replace_with(seed, link_to("/etc/passwd")), 1,
         f"seeds/{PAGE} is a symbolic link; seeds are regular files"),
    Case("seed-link-to-secret", link_to_secret(seed), 1, "is a symbolic link"),
    Case("seed-link-to-environ", replace_with(seed, link_to("/proc/self/environ")), 1,
         "is a symbolic link"),
    Case("seed-link-dangling", replace_with(seed, link_to("/nowhere/at/all")), 1, "is a symbolic link"),
    Case("seed-is-a-directory", replace_with(seed, lambda p: p.mkdir()), 1, "is a directory"),
    Case("seed-is-a-fifo", replace_with(seed, os.mkfifo), 1, "is a FIFO"),
    Case("seed-is-a-socket", replace_with(seed, make_socket), 1, "is a socket"),
    Case("unregistered-link-in-seeds", lambda r: (r / "seeds" / "002_x.txt").symlink_to("/etc/hostname"),
         1, "seeds/002_x.txt is a symbolic link"),
    Case("unregistered-folder-in-seeds", lambda r: (r / "seeds" / "old").mkdir(), 1,
         "seeds/old is a directory"),
    Case("table-link-to-secret", link_to_secret(facts_path), 1,
         "facts/facts.csv is a symbolic link; tables are regular files"),
    Case("table-link-to-passwd", replace_with(facts_path, link_to("/etc/passwd")), 1,
         "is a symbolic link"),
    Case("table-is-a-directory", replace_with(facts_path, lambda p: p.mkdir()), 1,
         "facts/facts.csv is a directory"),
    Case("table-is-a-fifo", replace_with(facts_path, os.mkfifo), 1, "facts/facts.csv is a FIFO"),
    Case("optional-table-is-a-link", replace_with(lambda r: table(r, "relations"),
                                                  link_to("/etc/passwd")), 1,
         "facts/relations.csv is a symbolic link"),
    Case("seeds-folder-is-a-link", lambda r: (shutil.rmtree(r / "seeds"), (r / "seeds").symlink_to("/etc")),
         2, "seeds/ must be a real folder"),
    Case("facts-folder-is-a-link", lambda r: (shutil.copytree(r / "facts", r.parent / "elsewhere"),
                                              shutil.rmtree(r / "facts"),
                                              (r / "facts").symlink_to(r.parent / "elsewhere")),
         2, "facts/ must be a real folder"),
    Case("seeds-is-a-file", lambda r: (shutil.rmtree(r / "seeds"), (r / "seeds").write_text("x")),
         2, "is a regular file, not a folder"),
    # Folders and options that cannot be used.
    Case("root-missing", lambda r: shutil.rmtree(r), 2, "no such folder"),
    Case("root-is-a-file", lambda r: (shutil.rmtree(r), r.write_text("x")), 2, "is a regular file"),
    Case("root-without-seeds", lambda r: shutil.rmtree(r / "seeds"), 2, "no seeds/ folder"),
    Case("root-without-facts", lambda r: shutil.rmtree(r / "facts"), 2, "no facts/ folder"),
    Case("unknown-command", nothing, 2, "invalid choice", command=("frobnicate",)),
    Case("unknown-format", nothing, 2, "invalid choice", command=("check", "--format", "xml")),
    Case("unknown-option", nothing, 2, "unrecognized arguments", command=("check", "--colour")),
    Case("report-out-is-a-file", lambda r: (r.parent / "out").write_text("x"), 2,
         "cannot write the report", command=("report", "--out", "{out}")),
    Case("gate-unknown-ref", git_repository, 2, "no such commit", command=("gate", "--base", "nowhere")),
    Case("gate-outside-git", nothing, 2, "not inside a git work tree", command=("gate", "--base", "HEAD")),
    Case("gate-unknown-allow", git_repository, 2, "is not a rule",
         command=("gate", "--base", "HEAD", "--allow", "everything")),
    Case("gate-allow-a-fixed-rule", git_repository, 2, "cannot be allowed",
         command=("gate", "--base", "HEAD", "--allow", "seed-edited")),
    # Tables that cannot be read at all: exit 2 naming the file.
    Case("table-not-utf8", write_bytes(facts_path, "fact_id\n数".encode("gb18030")), 2,
         "facts/facts.csv:2: not UTF-8"),
    Case("table-empty", write_bytes(facts_path, b""), 2, "facts/facts.csv: empty file"),
    Case("table-blank-only", write_bytes(facts_path, b"\n\n\n"), 2, "facts/facts.csv: empty file"),
    Case("table-missing", lambda r: facts_path(r).unlink(), 2, "facts/facts.csv: file not found"),
    Case("header-repeats-a-column", header_edit("facts", "note", "value"), 2,
         "column value appears more than once in the header"),
    Case("unclosed-quote-at-end", append("facts", 'F0003,"A001-01\n'), 2, "not valid CSV"),
    Case("quote-inside-unquoted-cell", append("facts", 'F0003,A0"01,x\n'), 1, "csv-malformed-row"),
    # Cells: findings with row, column and what is wrong.
    Case("cell-over-the-field-limit", cell("facts", "F0002", "note", "长" * 200_000), 1,
         "a cell of 200,000 characters is over the limit of 131,072"),
    Case("nul-in-a-cell", cell("facts", "F0001", "note", "a\x00b"), 1, "control character U+0000"),
    Case("escape-in-a-cell", cell("entities", "tianxin_edz", "name_en", "\x1b[31mred"), 1,
         "control character U+001B"),
    Case("bell-in-a-quote", cell("facts", "F0001", "quote", "\x07数商会员777家"), 1,
         "control character U+0007"),
    Case("c1-control-in-a-cell", cell("metrics", "exchange_members", "label_en", "a\x9bb"), 1,
         "control character U+009B"),
    Case("bidi-override-in-a-cell", cell("facts", "F0001", "note", "\u202eevil"), 1,
         "control character U+202E"),
    Case("control-in-the-header", header_edit("facts", "note", "no\x01te"), 1,
         "header cell 13 holds the control character U+0001"),
    Case("byte-order-mark", lambda r: facts_path(r).write_bytes(b"\xef\xbb\xbf" + facts_path(r).read_bytes()),
         1, "csv-bom"),
    Case("crlf-line-ends", text_replace(facts_path, "\n", "\r\n"), 1, "csv-line-endings"),
    Case("blank-row", append("facts", "\n"), 1, "csv-blank-row"),
    Case("row-with-too-few-cells", append("facts", "F0003,A001-01\n"), 1, "csv-malformed-row"),
    Case("row-with-too-many-cells", append("units", "米,length,米,1,,extra\n"), 1, "csv-malformed-row"),
    Case("missing-column", header_edit("metrics", ",cumulative", ""), 1, "csv-malformed-row"),
    Case("unknown-column", header_edit("entities", "aliases", "nicknames"), 1, "unknown-column"),
    Case("duplicate-id", append("facts", "F0001,A001-01,tianxin_edz,exchange_members,777,家,exact,"
                                         "actual,2024,777家,数商会员777家,,\n"), 1, "duplicate-key"),
    Case("value-not-a-number", cell("facts", "F0001", "value", "seven"), 1, "invalid-format"),
    Case("value-exponent-overflow", cell("facts", "F0001", "value", "1e999999999"), 1, "F0001"),
    Case("value-infinity", cell("facts", "F0001", "value", "Infinity"), 1, "F0001"),
    Case("value-nan", cell("facts", "F0001", "value", "NaN"), 1, "F0001"),
    Case("value-five-thousand-digits", cell("facts", "F0001", "value", "7" * 5000), 1, "F0001"),
    Case("value-negative", cell("facts", "F0001", "value", "-777"), 1, "F0001"),
    Case("unit-factor-zero", cell("units", "家", "factor", "0"), 1, "factor"),
    Case("unit-factor-enormous", cell("units", "亿元", "factor", "1" + "0" * 130_000), 1, "factor"),
    Case("unit-unknown", cell("facts", "F0001", "unit", "头"), 1, "unknown-unit"),
    Case("bound-unknown", cell("facts", "F0001", "bound", "roughly"), 1, "invalid-value"),
    Case("status-unknown", cell("facts", "F0001", "status", "rumoured"), 1, "invalid-value"),
    Case("cumulative-not-boolean", cell("metrics", "total_scale", "cumulative", "maybe"), 1, "invalid-value"),
    Case("period-month-13", cell("facts", "F0001", "period", "2024-13"), 1, "invalid-period"),
    Case("period-reversed", cell("facts", "F0001", "period", "2025/2024"), 1, "invalid-period"),
    Case("occurrence-zero", cell("facts", "F0001", "occurrence", "0"), 1, "F0001"),
    Case("occurrence-enormous", cell("facts", "F0001", "occurrence", "9" * 40), 1, "F0001"),
    Case("text-empty", cell("facts", "F0001", "text", ""), 1, "missing-value"),
    Case("quote-not-on-the-page", cell("facts", "F0001", "quote", "数商会员778家"), 1,
         "quote-not-in-article"),
    Case("dangling-entity", cell("facts", "F0001", "entity_id", "nobody"), 1, "dangling-reference"),
    Case("dangling-article", cell("facts", "F0001", "article_id", "A999-99"), 1, "dangling-reference"),
    Case("entity-is-its-own-parent", cell("entities", "tianxin_edz", "parent_id", "tianxin_edz"), 1,
         "entity-parent-cycle"),
    # Look-alike figures: the verbatim text is the printed characters, not what NFKC makes of them.
    Case("superscript-digits", lambda r: (edit_cell(r, "facts", "F0001", "text", "⁷⁷⁷家"),
                                          edit_cell(r, "facts", "F0001", "quote", "数商会员⁷⁷⁷家")),
         1, "F0001"),
    Case("circled-digits", lambda r: (edit_cell(r, "facts", "F0001", "text", "⑦⑦⑦家"),
                                      edit_cell(r, "facts", "F0001", "quote", "数商会员⑦⑦⑦家")),
         1, "F0001"),
    Case("arabic-indic-digits", lambda r: (edit_cell(r, "facts", "F0001", "text", "٧٧٧家"),
                                           edit_cell(r, "facts", "F0001", "quote", "数商会员٧٧٧家")),
         1, "F0001"),
    # Seeds and their registration.
    Case("seed-not-utf8", write_bytes(seed, "天心".encode("gb18030")), 1, "seed-not-utf8"),
    Case("seed-missing", lambda r: seed(r).unlink(), 1, "seed-missing"),
    Case("seed-unregistered", lambda r: (r / "seeds" / "002_new.txt").write_text("新\n"), 1,
         "seed-unregistered"),
    Case("seed-edited", text_replace(seed, "777", "778"), 1, "page-checksum-mismatch"),
    Case("seed-empty", write_bytes(seed, b""), 1, "page-checksum-mismatch"),
    Case("seed-with-nul-bytes", write_bytes(seed, b"\x00" * 100), 1, "page-checksum-mismatch"),
    Case("page-name-climbs-out", cell("pages", PAGE, "file", "../../../etc/passwd"), 1, "unsafe-file-name"),
    Case("page-name-absolute", cell("pages", PAGE, "file", "/etc/passwd"), 1, "unsafe-file-name"),
    Case("article-file-climbs-out", cell("articles", "A001-01", "file", "../../etc/passwd"), 1,
         "A001-01"),
    Case("line-range-past-the-page", cell("articles", "A001-01", "line_end", "99"), 1,
         "line-range-outside-page"),
    Case("line-range-reversed", cell("articles", "A001-01", "line_start", "3"), 1, "A001-01"),
    Case("line-number-enormous", cell("articles", "A001-01", "line_end", "9" * 30), 1, "A001-01"),
    Case("line-number-negative", cell("articles", "A001-01", "line_start", "-1"), 1, "A001-01"),
    Case("published-not-a-date", cell("articles", "A001-01", "published", "2024-02-30"), 1, "A001-01"),
    # The relation language.
    Case("relation-nested-330-deep", relation("(" * 330 + "F0001" + ")" * 330 + " <= 1000"), 1,
         "relation-unparseable"),
    Case("relation-of-990-terms", relation(" + ".join(["F0001"] * 990) + " >= 1"), 1,
         "relation-unparseable"),
    Case("relation-of-5000-minuses", relation("- " * 5000 + "F0001 <= 1000"), 1, "relation-unparseable"),
    Case("relation-huge-literal", relation("F0001 <= 1" + "0" * 130_000), 1, "relation-unparseable"),
    Case("relation-python-code", relation("__import__('os').system('id')"), 1, "relation-unparseable"),
    Case("relation-without-comparator", relation("F0001 + F0002"), 1, "relation-unparseable"),
    Case("relation-divides-by-zero", relation("F0001 / (F0001 - F0001) == 1"), 1, "relation-unparseable"),
    Case("relation-unknown-fact", relation("F9999 == 1"), 1, "dangling-reference"),
    Case("conflict-silencing-everything", append("conflicts", "C0001,F0001|F0002,All of them.,\n"), 1,
         "conflict-stale"),
    Case("conflict-of-nothing", append("conflicts", "C0001,|||,Nothing.,\n"), 1, "C0001"),
    # Writers refuse what they would damage.
    Case("fmt-header-repeats-a-column", header_edit("facts", "note", "value"), 2,
         "appears more than once in the header", command=("fmt",)),
    Case("fmt-row-does-not-fit", append("facts", "F0003,A001-01\n"), 2,
         "fmt will not guess where they belong", command=("fmt",)),
    Case("fmt-read-only-table", lambda r: (text_replace(facts_path, "\n", "\r\n")(r),
                                           facts_path(r).chmod(0o444)), 2, "is read-only",
         command=("fmt",)),
    Case("fmt-table-is-a-link", link_to_secret(facts_path), 2, "is a symbolic link",
         command=("fmt",)),
    Case("fmt-check-says-why", text_replace(facts_path, "\n", "\r\n"), 1,
         "would reformat facts/facts.csv: has CRLF or CR line ends", command=("fmt", "--check")),
    Case("fmt-check-says-it-would-refuse", header_edit("facts", "note", "value"), 2,
         "fmt would refuse facts/facts.csv", command=("fmt", "--check")),
]


def run(case: Case, root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    out = root.parent / "out"
    argv = [a.replace("{out}", str(out)) for a in case.command] + ["--root", str(root)]
    if case.command[0] == "report" and "--out" not in argv:
        argv += ["--out", str(out)]
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(TINY, root)
    return root


def test_there_are_at_least_85_cases_with_distinct_names():
    assert len(CASES) >= 85
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_gets_a_clean_message_and_its_exit_status(case, tiny, capsys):
    before = {p: p.read_bytes() for p in (tiny / "facts").glob("*.csv") if p.is_file() and not p.is_symlink()}
    case.damage(tiny)
    damaged = {p: p.read_bytes() for p in before if p.is_file() and not p.is_symlink()}
    try:
        status, output = _run_any(case, tiny, capsys)
    finally:
        for path in before:
            if path.exists() and not path.is_symlink():
                path.chmod(0o644)
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    assert status == case.status, output[-2000:]
    assert case.says in output, output[-2000:]
    assert SECRET not in output
    if case.command[0] == "fmt" and status == 2:
        for path, data in damaged.items():  # a refused fmt changes nothing
            assert path.read_bytes() == data


def _run_any(case: Case, root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        return run(case, root, capsys)
    except SystemExit as exc:  # argparse's usage errors
        captured = capsys.readouterr()
        return int(exc.code or 0), captured.out + captured.err


# Failures of the machine rather than of the data: simulated, since the suite runs as root,
# whom permissions do not stop.

def _fail_for(monkeypatch: pytest.MonkeyPatch, function: str, suffix: str, error: int) -> None:
    real = getattr(os, function)

    def failing(path, *args, **kwargs):
        if str(path).endswith(suffix):
            raise OSError(error, os.strerror(error), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, function, failing)


@pytest.mark.parametrize(("function", "suffix", "error", "says"), [
    ("open", PAGE, errno.EACCES, f"seeds/{PAGE}: cannot read (Permission denied)"),
    ("open", "facts.csv", errno.EACCES, "facts/facts.csv: cannot read (Permission denied)"),
    ("open", "relations.csv", errno.EACCES, "facts/relations.csv: cannot read (Permission denied)"),
    ("open", PAGE, errno.EIO, f"seeds/{PAGE}: cannot read (Input/output error)"),
    ("scandir", "seeds", errno.EACCES, "seeds: cannot read (Permission denied)"),
    ("lstat", "facts.csv", errno.EACCES, "facts/facts.csv: cannot read (Permission denied)"),
    ("lstat", "seeds", errno.EACCES, "seeds: cannot read (Permission denied)"),
])
def test_a_file_or_folder_that_cannot_be_read_exits_2_naming_it(tiny, monkeypatch, capsys, function,
                                                                suffix, error, says):
    _fail_for(monkeypatch, function, suffix, error)
    for command in (["check"], ["report", "--out", str(tiny.parent / "out")], ["coverage"]):
        assert main([*command, "--root", str(tiny)]) == 2
        err = capsys.readouterr().err
        assert says in err and "Traceback" not in err
    assert not (tiny.parent / "out").exists()


def test_a_root_that_cannot_be_looked_at_exits_2(tiny, monkeypatch, capsys):
    real = Path.stat

    def failing(self, *args, **kwargs):
        if self == tiny:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", failing)
    assert main(["check", "--root", str(tiny)]) == 2
    assert "cannot read (Permission denied)" in capsys.readouterr().err


def test_a_secret_behind_a_link_is_in_no_output(tiny, capsys):
    link_to_secret(seed)(tiny)
    link_to_secret(facts_path)(tiny)
    out = tiny.parent / "reports"
    assert main(["check", "--root", str(tiny)]) == 1
    assert main(["check", "--root", str(tiny), "--format", "json"]) == 1
    assert main(["coverage", "--root", str(tiny), "--format", "json"]) in (0, 1)
    assert main(["report", "--root", str(tiny), "--out", str(out)]) == 1
    printed = capsys.readouterr()
    assert SECRET not in printed.out + printed.err
    for written in out.iterdir():
        assert SECRET not in written.read_text(encoding="utf-8"), written.name


def test_an_internal_error_exits_3_with_one_line_and_the_traceback_only_with_debug(tiny, monkeypatch,
                                                                                  capsys):
    from validation.checks import FAMILIES

    def broken(corpus):
        raise KeyError("boom")

    monkeypatch.setitem(FAMILIES, "figures", broken)
    assert main(["check", "--root", str(tiny)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("internal error: KeyError")
    assert "Traceback" not in err and "--debug" in err
    assert main(["check", "--debug", "--root", str(tiny)]) == 3
    assert "Traceback" in capsys.readouterr().err
    assert main(["--debug", "check", "--root", str(tiny)]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_a_read_only_table_keeps_its_bytes_and_mode_when_fmt_refuses(tiny, capsys):
    path = facts_path(tiny)
    header, rows = read_rows(path)
    write_rows(path, header, list(reversed(rows)))
    path.chmod(0o444)
    data = path.read_bytes()
    try:
        assert main(["fmt", "--root", str(tiny)]) == 2
        assert path.read_bytes() == data and stat.S_IMODE(path.stat().st_mode) == 0o444
    finally:
        path.chmod(0o644)


def test_fmt_keeps_a_table_link_a_link(tiny, capsys):
    target = tiny.parent / "facts-elsewhere.csv"
    shutil.copy(facts_path(tiny), target)
    facts_path(tiny).unlink()
    facts_path(tiny).symlink_to(target)
    assert main(["fmt", "--root", str(tiny)]) == 2
    assert facts_path(tiny).is_symlink()
