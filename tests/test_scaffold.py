"""init and add-page: a new corpus from nothing, pages added to it byte for byte with their blocks
proposed, every refusal before anything is written, and the block proposal measured against the
blocks a person drew for the embedded corpus."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import itertools
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import REPO
from validation import scaffold
from validation.canonical import format_tables
from validation.checks import layout
from validation.cli import main
from validation.corpus import load_corpus
from validation.engine import validate
from validation.findings import InputError
from validation.scaffold import (
    add_page,
    agreement,
    date_words,
    header_only,
    init_corpus,
    masthead_date,
    paragraphs,
    propose_blocks,
)
from validation.schemas import TABLES
from validation.schemas.base import KINDS

SEEDS = sorted((REPO / "seeds").glob("*.txt"))
#: A paragraph of running text: longer than any headline or caption, ending a sentence.
BODY = "正文写得足够长，长过四十个字符，这样它就是正文而不是标题或者图片说明，句号结尾。"
LAYOUT_CHECKS = {"line-not-covered", "block-overlap", "line-range-outside-page"}

#: A page printed with a masthead, a 本报讯 story, a photo with its credit, and a story that
#: goes on on another page.
MASTHEAD_PAGE = (
    "湖南日报\n"
    "2024年12月20日 星期五\n"
    "\n"
    "\n"
    "园区新签项目12个\n"
    "\n"
    "本报讯（记者 张三 通讯员 李四）12月19日，天心经开区集中签约项目12个，总投资超过80亿元。\n"
    "\n"
    "签约项目涵盖数字经济、生物医药等领域，预计明年全部开工建设。\n"
    "\n"
    "\n"
    "▲ 签约仪式现场。\n"
    "\n"
    "（本版图片均由王五摄）\n"
    "\n"
    "\n"
    "数据交易所会员突破700家\n"
    "\n"
    "记者 赵六\n"
    "\n"
    "湖南大数据交易所发展数商会员777家，上架数据产品5433个，交易额持续增长，下一步将继续\n"
    "\n"
    "拓展跨境数据业务。（下转第3版）\n"
    "\n"
    "这是另一栏的文字，与上文无关，讲的是园区道路改造工程的进展情况，全部完工要到明年。\n"
)


def tree(root: Path) -> dict[str, object]:
    """Every entry under ``root`` (hidden ones too) with its bytes, or what it is."""
    found: dict[str, object] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            mode = os.lstat(path).st_mode
            key = str(path.relative_to(root))
            if stat.S_ISREG(mode):
                found[key] = path.read_bytes()
            else:
                found[key] = "link" if stat.S_ISLNK(mode) else "dir" if stat.S_ISDIR(mode) else "other"
    return found


def rows(root: Path, table: str) -> list[dict[str, str]]:
    text = (root / "facts" / f"{table}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def layout_findings(root: Path) -> list[str]:
    return [f"{f.check}: {f.message}" for f in layout.run(load_corpus(root))]


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A corpus just made by init."""
    root = tmp_path / "new"
    assert main(["init", str(root)]) == 0
    return root


def write_page(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


# --- init --------------------------------------------------------------------------------------


def test_init_writes_empty_seeds_every_table_header_only_and_a_readme_and_nothing_else(tmp_path, capsys):
    root = tmp_path / "corpus"
    assert main(["init", str(root)]) == 0
    out = capsys.readouterr().out
    assert f"created the corpus {root}" in out and "add-page" in out
    expected = {"seeds", "facts", "README.md"} | {f"facts/{s.filename}" for s in TABLES.values()}
    assert set(tree(root)) == expected
    assert list((root / "seeds").iterdir()) == []
    for spec in TABLES.values():
        text = (root / "facts" / spec.filename).read_text(encoding="utf-8")
        assert text == ",".join(spec.columns) + "\n" == header_only(spec)
    readme = (root / "README.md").read_text(encoding="utf-8")
    for words in ("seeds/", "byte for byte", "Never edit", "facts/", "add-page", "draft", "check",
                  "report"):
        assert words in readme, words


def test_init_tables_are_in_canonical_form(fresh):
    assert format_tables(fresh, write=False) == []
    assert main(["fmt", "--check", "--root", str(fresh)]) == 0


def test_init_turns_an_existing_empty_folder_into_a_corpus(tmp_path, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / ".git").mkdir()  # unrelated entries are left alone
    assert main(["init", str(tmp_path / "mine")]) == 0
    assert "initialised the corpus" in capsys.readouterr().out
    assert (tmp_path / "mine" / "facts" / "pages.csv").is_file()


def test_check_on_a_fresh_corpus_does_not_pass_and_says_to_add_a_page(fresh, capsys):
    status = main(["check", "--root", str(fresh)])
    out = capsys.readouterr().out
    assert status == 1 and "PASS" not in out
    assert "no-mention-scanned  pages" in out and "add-page" in out
    assert "(0 pages, 0 articles," in out.splitlines()[-1]


@pytest.mark.parametrize("present", ["seeds", "facts", "pages.csv", "conflicts.csv", "README.md"])
def test_init_refuses_a_folder_that_already_holds_a_corpus_part(tmp_path, present, capsys):
    root = tmp_path / "old"
    root.mkdir()
    if "." in present:
        (root / present).write_text("keep me\n", encoding="utf-8")
    else:
        (root / present).mkdir()
    before = tree(tmp_path)
    assert main(["init", str(root)]) == 2
    err = capsys.readouterr().err
    assert f"{root}: already holds {present}" in err and "add-page" in err
    assert tree(tmp_path) == before


def test_init_refuses_a_file_and_a_link_and_a_missing_parent(tmp_path, capsys):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "target").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "target")
    before = tree(tmp_path)
    assert main(["init", str(tmp_path / "file")]) == 2
    assert "is a regular file, not a folder" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "link")]) == 2
    assert "is a symbolic link, not a folder" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "no" / "such")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert tree(tmp_path) == before


def test_init_that_cannot_write_says_so_and_leaves_nothing(tmp_path, monkeypatch, capsys):
    def denied(folder):
        raise PermissionError(errno.EACCES, "Permission denied", str(folder / "pages.csv"))

    monkeypatch.setattr(scaffold, "staged", denied)
    assert main(["init", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert "pages.csv: cannot create (Permission denied); nothing was written" in err
    assert list(tmp_path.iterdir()) == []


def test_init_and_add_page_through_the_real_entry_point(tmp_path):
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "validation", *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120, check=False)

    made = run("init", "c")
    assert made.returncode == 0, made.stderr
    added = run("add-page", str(SEEDS[0]), "--root", "c")
    assert added.returncode == 0, added.stderr
    assert "A000-01 lines 3-123 article" in added.stdout
    again = run("init", "c")
    assert again.returncode == 2 and again.stderr.startswith("error: c: already holds")


# --- add-page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_add_page_copies_the_page_byte_for_byte_and_its_blocks_pass_layout(fresh, seed, capsys):
    assert main(["add-page", str(seed), "--root", str(fresh)]) == 0
    data = seed.read_bytes()
    assert (fresh / "seeds" / seed.name).read_bytes() == data
    (page,) = rows(fresh, "pages")
    assert page["file"] == seed.name and page["sha256"] == hashlib.sha256(data).hexdigest()
    assert page["description"].startswith("To be described")
    assert layout_findings(fresh) == []
    assert main(["fmt", "--check", "--root", str(fresh)]) == 0
    assert not any(name.endswith(".tmp") for name in tree(fresh))
    report = validate(fresh)
    assert not {f.check for f in report.findings} & (LAYOUT_CHECKS | {
        "title-not-in-article", "byline-not-in-article", "control-character", "csv-not-sorted"})
    out = capsys.readouterr().out
    assert f"added seeds/{seed.name}" in out and "description is a placeholder" in out
    assert "fill published and published_quote" in out  # no masthead on these pages


def test_add_page_summary_lists_each_block_with_what_to_check(fresh, capsys):
    assert main(["add-page", str(SEEDS[0]), "--root", str(fresh)]) == 0
    out = capsys.readouterr().out
    assert ('A000-01 lines 3-123 article "一个传统工业园区的绿色转型探索" byline "张福芳 周茂林" — '
            "check the title, the byline and the published date") in out
    assert "A000-02 lines 127-127 caption — check it is a photo caption" in out
    articles = rows(fresh, "articles")
    assert [a["article_id"] for a in articles] == [f"A000-0{i}" for i in range(1, 8)]
    assert {a["published"] for a in articles} == {""}


def test_add_page_keeps_crlf_a_bom_and_a_missing_final_newline(fresh, tmp_path):
    data = "\ufeff园区新闻\r\n\r\n记者 张三 李四\r\n\r\n今年园区新增企业120家，同比增长20%。".encode()
    page = write_page(tmp_path, "crlf.txt", data)
    assert main(["add-page", str(page), "--root", str(fresh)]) == 0
    assert (fresh / "seeds" / "crlf.txt").read_bytes() == data
    assert rows(fresh, "pages")[0]["sha256"] == hashlib.sha256(data).hexdigest()
    assert layout_findings(fresh) == []


def test_add_page_merges_into_existing_tables_in_canonical_form_losing_no_cell(corpus_root, tmp_path):
    before = {t: rows(corpus_root, t) for t in ("pages", "articles")}
    page = write_page(tmp_path, "weather.txt",
                      "北京天气\n\n记者 王五 赵六\n\n明天白天晴，北风四五级，最高气温28℃。\n")
    assert main(["add-page", str(page), "--root", str(corpus_root)]) == 0
    after = {t: rows(corpus_root, t) for t in ("pages", "articles")}
    for table in before:
        assert all(row in after[table] for row in before[table])  # every old cell kept
    new = [a for a in after["articles"] if a["file"] == "weather.txt"]
    assert [(a["article_id"], a["line_start"], a["line_end"], a["kind"], a["title"], a["byline"])
            for a in new] == [("A005-01", "1", "5", "article", "北京天气", "记者 王五 赵六")]
    assert format_tables(corpus_root, write=False) == []
    assert layout_findings(corpus_root) == []


def test_add_page_takes_the_page_number_from_a_free_leading_number(corpus_root, tmp_path, capsys):
    page = write_page(tmp_path, "017_page.txt", f"标题\n\n{BODY}\n")
    assert main(["add-page", str(page), "--root", str(corpus_root)]) == 0
    assert "ids A017-NN (from the file name)" in capsys.readouterr().out
    taken = write_page(tmp_path, "003_other.txt", "另一页\n")  # 003 is in use: next free is 018
    assert main(["add-page", str(taken), "--root", str(corpus_root)]) == 0
    assert "ids A018-NN (the next free page number)" in capsys.readouterr().out
    dated = write_page(tmp_path, "2024-12-20.txt", "又一页\n")  # a date is no page number
    assert main(["add-page", str(dated), "--root", str(corpus_root)]) == 0
    assert "ids A019-NN (the next free page number)" in capsys.readouterr().out


def test_add_page_with_name_stores_the_page_under_that_name(fresh, tmp_path):
    page = write_page(tmp_path, "page.txt", "一行字。\n")
    assert main(["add-page", str(page), "--root", str(fresh), "--name", "005_abc.txt"]) == 0
    assert (fresh / "seeds" / "005_abc.txt").read_bytes() == page.read_bytes()
    assert rows(fresh, "articles")[0]["article_id"] == "A005-01"


def test_add_page_reads_the_date_of_a_masthead_and_quotes_it(fresh, tmp_path, capsys):
    page = write_page(tmp_path, "daily.txt", MASTHEAD_PAGE)
    assert main(["add-page", str(page), "--root", str(fresh)]) == 0
    out = capsys.readouterr().out
    assert 'published: 2024-12-20 for every block, from the masthead ("2024年12月20日")' in out
    articles = rows(fresh, "articles")
    assert {(a["published"], a["published_quote"]) for a in articles} == {("2024-12-20", "2024年12月20日")}
    assert [(a["line_start"], a["line_end"], a["kind"]) for a in articles] == [
        ("1", "2", "other"), ("5", "9", "article"), ("12", "12", "caption"), ("14", "14", "other"),
        ("17", "23", "article"), ("25", "25", "fragment")]
    assert articles[1]["title"] == "园区新签项目12个" and articles[1]["byline"] == "记者 张三 通讯员 李四"
    assert articles[4]["byline"] == "赵六" or articles[4]["byline"] == "记者 赵六"
    assert "page 3" in articles[4]["note"]
    report = validate(fresh)
    assert not {f.check for f in report.findings} & (LAYOUT_CHECKS | {
        "published-quote-not-found", "title-not-in-article", "byline-not-in-article",
        "missing-value", "invalid-date"})


def test_add_page_published_option_quotes_the_words_that_print_it(fresh, tmp_path, capsys):
    page = write_page(tmp_path, "p.txt",
                      "园区要闻\n\n２０２４年１２月，园区新增企业一百二十家，总数超过六千家，稳居全市第一。\n")
    assert main(["add-page", str(page), "--root", str(fresh), "--published", "2024-12"]) == 0
    assert "published: 2024-12 for every block, from --published" in capsys.readouterr().out
    (article,) = rows(fresh, "articles")
    assert (article["published"], article["published_quote"]) == ("2024-12", "２０２４年１２月")


def test_add_page_published_option_without_words_on_the_page_says_to_quote_them(fresh, tmp_path, capsys):
    page = write_page(tmp_path, "p.txt", "园区要闻\n\n园区新增企业一百二十家。\n")
    assert main(["add-page", str(page), "--root", str(fresh), "--published", "2024-12-03"]) == 0
    assert "no words on the page print 2024-12-03: fill published_quote of A000-01" in (
        capsys.readouterr().out)
    (article,) = rows(fresh, "articles")
    assert (article["published"], article["published_quote"]) == ("2024-12-03", "")


def test_add_page_without_root_adds_to_the_current_corpus(fresh, tmp_path, monkeypatch):
    page = write_page(tmp_path, "p.txt", "一行字。\n")
    monkeypatch.chdir(fresh)
    assert main(["add-page", str(page)]) == 0
    assert (fresh / "seeds" / "p.txt").is_file()


def test_add_page_creates_a_missing_articles_table_and_says_so(fresh, tmp_path, capsys):
    (fresh / "facts" / "articles.csv").unlink()
    page = write_page(tmp_path, "p.txt", "一行字。\n")
    assert main(["add-page", str(page), "--root", str(fresh)]) == 0
    assert "created facts/articles.csv, which was missing" in capsys.readouterr().out
    assert format_tables(fresh, write=False) == []


def test_add_page_keeps_a_column_the_schema_does_not_know(fresh, tmp_path):
    (fresh / "facts" / "pages.csv").write_text(
        "file,sha256,description,source\nzz.txt," + "0" * 64 + ",old page,https://example.org\n",
        encoding="utf-8")
    page = write_page(tmp_path, "p.txt", "一行字。\n")
    assert main(["add-page", str(page), "--root", str(fresh)]) == 0
    pages = rows(fresh, "pages")
    assert [p["file"] for p in pages] == ["p.txt", "zz.txt"]
    assert pages[1]["source"] == "https://example.org" and pages[0]["source"] == ""


# --- add-page refusals: exit 2, nothing written ------------------------------------------------


def refused(root: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    before = tree(root)
    assert main(argv) == 2
    assert tree(root) == before
    return capsys.readouterr().err


def test_add_page_refuses_a_page_already_present_by_name(fresh, tmp_path, capsys):
    page = write_page(tmp_path, "p.txt", "一行字。\n")
    assert main(["add-page", str(page), "--root", str(fresh)]) == 0
    write_page(tmp_path, "p.txt", "另一行字。\n")
    err = refused(fresh, ["add-page", str(page), "--root", str(fresh)], capsys)
    assert "seeds/p.txt already exists" in err and "--name" in err


def test_add_page_refuses_a_page_already_present_by_content(fresh, tmp_path, capsys):
    page = write_page(tmp_path, "p.txt", "一行字。\n")
    assert main(["add-page", str(page), "--root", str(fresh)]) == 0
    copy = write_page(tmp_path, "copy.txt", "一行字。\n")
    err = refused(fresh, ["add-page", str(copy), "--root", str(fresh)], capsys)
    assert "already in the corpus as p.txt (same sha256" in err


def test_add_page_refuses_a_name_registered_without_its_seed(fresh, tmp_path, capsys):
    page = write_page(tmp_path, "p.txt", "一行字。\n")
    assert main(["add-page", str(page), "--root", str(fresh)]) == 0
    (fresh / "seeds" / "p.txt").unlink()
    page.write_text("改过的一行字。\n", encoding="utf-8")
    err = refused(fresh, ["add-page", str(page), "--root", str(fresh)], capsys)
    assert "facts/pages.csv already registers p.txt" in err


def test_add_page_refuses_a_page_that_is_not_utf8_naming_the_byte(fresh, tmp_path, capsys):
    data = "第一行\n".encode() + "天心".encode("gbk")  # 0xcc 0xec: no UTF-8 sequence
    page = write_page(tmp_path, "gbk.txt", data)
    err = refused(fresh, ["add-page", str(page), "--root", str(fresh)], capsys)
    assert "gbk.txt:2: not UTF-8 (byte 0xcc at offset 10)" in err
    assert "iconv" in err


@pytest.mark.parametrize("content", [b"", b"\n \n\t\r\n\xe3\x80\x80\n"], ids=["empty", "whitespace"])
def test_add_page_refuses_a_page_without_text(fresh, tmp_path, content, capsys):
    page = write_page(tmp_path, "blank.txt", content)
    err = refused(fresh, ["add-page", str(page), "--root", str(fresh)], capsys)
    assert "blank.txt: " in err and "a page needs text" in err


def test_add_page_refuses_a_link_a_fifo_a_folder_and_a_missing_file(fresh, tmp_path, capsys):
    real = write_page(tmp_path, "real.txt", "一行字。\n")
    (tmp_path / "link.txt").symlink_to(real)
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "dir.txt").mkdir()
    for name, kind in (("link.txt", "a symbolic link"), ("fifo.txt", "a FIFO (named pipe)"),
                       ("dir.txt", "a directory")):
        err = refused(fresh, ["add-page", str(tmp_path / name), "--root", str(fresh)], capsys)
        assert f"{name}: is {kind}; add-page copies only a regular file" in err
    err = refused(fresh, ["add-page", str(tmp_path / "none.txt"), "--root", str(fresh)], capsys)
    assert "none.txt: no such file" in err


@pytest.mark.parametrize("argv, words", [
    (["--name", "a/b.txt"], "'a/b.txt': --name is not a safe name"),
    (["--name", ".hidden.txt"], "'.hidden.txt': --name is not a safe name"),
    (["--name", "a\x1bb.txt"], "--name is not a safe name"),
    (["--name", ".."], "'..': --name is not a safe name"),
])
def test_add_page_refuses_an_unsafe_name_and_suggests_one(fresh, tmp_path, argv, words, capsys):
    page = write_page(tmp_path, "p.txt", "一行字。\n")
    err = refused(fresh, ["add-page", str(page), "--root", str(fresh), *argv], capsys)
    assert words in err and "--name 000_" in err


def test_add_page_refuses_a_hidden_file_name_and_suggests_a_name(fresh, tmp_path, capsys):
    page = write_page(tmp_path, ".page.txt", "一行字。\n")
    digest = hashlib.sha256(page.read_bytes()).hexdigest()
    err = refused(fresh, ["add-page", str(page), "--root", str(fresh)], capsys)
    assert "the page's file name is not a safe name" in err and f"--name 000_{digest[:16]}.txt" in err


@pytest.mark.parametrize("value", ["2024-13", "24", "2024/12", "2023-02-29", "0000"])
def test_add_page_refuses_a_published_date_that_is_no_date(fresh, tmp_path, value, capsys):
    page = write_page(tmp_path, "p.txt", "一行字。\n")
    err = refused(fresh, ["add-page", str(page), "--root", str(fresh), "--published", value], capsys)
    assert f"--published {value}: not a date; give YYYY, YYYY-MM or YYYY-MM-DD" in err


def test_add_page_refuses_read_only_and_linked_tables(fresh, tmp_path, capsys):
    page = write_page(tmp_path, "p.txt", "一行字。\n")
    articles = fresh / "facts" / "articles.csv"
    articles.chmod(0o444)  # refused by its mode bits, even to root
    err = refused(fresh, ["add-page", str(page), "--root", str(fresh)], capsys)
    assert "facts/articles.csv is read-only" in err
    articles.chmod(0o644)
    elsewhere = tmp_path / "pages.csv"
    elsewhere.write_bytes((fresh / "facts" / "pages.csv").read_bytes())
    (fresh / "facts" / "pages.csv").unlink()
    (fresh / "facts" / "pages.csv").symlink_to(elsewhere)
    err = refused(fresh, ["add-page", str(page), "--root", str(fresh)], capsys)
    assert "facts/pages.csv is a symbolic link" in err


def test_add_page_refuses_a_table_whose_rows_do_not_fit_its_header(fresh, tmp_path, capsys):
    (fresh / "facts" / "pages.csv").write_text("file,sha256,description\na.txt,x\n", encoding="utf-8")
    page = write_page(tmp_path, "p.txt", "一行字。\n")
    err = refused(fresh, ["add-page", str(page), "--root", str(fresh)], capsys)
    assert "facts/pages.csv:2: row has 2 cells, the header 3" in err


def test_add_page_refuses_a_folder_that_is_no_corpus_and_the_embedded_corpus(tmp_path, capsys):
    page = write_page(tmp_path, "p.txt", "一行字。\n")
    (tmp_path / "empty").mkdir()
    err = refused(tmp_path, ["add-page", str(page), "--root", str(tmp_path / "empty")], capsys)
    assert "no seeds/ folder" in err and "init" in err
    before = tree(REPO / "seeds"), tree(REPO / "facts")
    assert main(["add-page", str(page), "--root", "embedded"]) == 2
    assert "ships with the validator" in capsys.readouterr().err
    assert (tree(REPO / "seeds"), tree(REPO / "facts")) == before


def test_add_page_library_raises_input_error_naming_the_file(fresh, tmp_path):
    with pytest.raises(InputError, match=r"none\.txt: no such file"):
        add_page(fresh, tmp_path / "none.txt")


# --- the block proposal ------------------------------------------------------------------------


def recorded_blocks(file: str) -> list[tuple[int, int, str, str]]:
    return [(int(r["line_start"]), int(r["line_end"]), r["kind"], r["title"])
            for r in rows(REPO, "articles") if r["file"] == file]


def test_block_proposal_agrees_with_the_embedded_corpus_at_least_as_well_as_measured():
    """Measured when the proposal was written: 32 of the 37 recorded blocks proposed with their
    exact line range, 31 of those 32 with the same kind. A change that does worse fails."""
    results = [agreement(seed.name, propose_blocks(seed.read_text(encoding="utf-8")),
                         recorded_blocks(seed.name)) for seed in SEEDS]
    recorded = sum(a.recorded for a in results)
    same_lines = sum(a.same_lines for a in results)
    same_kind = sum(a.same_kind for a in results)
    assert recorded == 37
    assert same_lines / recorded >= 0.86, results
    assert same_kind / same_lines >= 0.96, results


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_each_embedded_page_keeps_most_of_its_blocks(seed):
    a = agreement(seed.name, propose_blocks(seed.read_text(encoding="utf-8")), recorded_blocks(seed.name))
    assert a.same_lines >= a.recorded - 2, a


def test_a_lead_running_into_its_headline_with_a_dash_stays_with_the_story():
    text = ("开篇的导语写了很长一段话，交代了背景，又引出了下面要讲的故事，一直写到这里——\n\n"
            f"标题在这里\n\n张三 李四\n\n{BODY}\n")
    assert [(b.first, b.last, b.kind, b.title) for b in propose_blocks(text)] == [
        (1, 7, "article", "标题在这里")]


def test_a_story_above_another_story_s_headline_is_its_own_block():
    text = ("上一篇的正文写得足够长，长过四十个字符，这样它就是正文而不是标题或者图片说明。\n\n"
            f"下一篇的标题\n\n张三 李四\n\n{BODY}\n")
    assert [(b.first, b.last, b.kind) for b in propose_blocks(text)] == [
        (1, 1, "fragment"), (3, 7, "article")]


def test_a_column_breaking_off_mid_sentence_ends_its_block_at_the_next_headline():
    text = ("第一栏的正文写得足够长，长过四十个字符，到了这一栏的末尾却在半句话中间断开了，下文\n\n"
            "另一个小标题\n\n第二栏的正文写得足够长，长过四十个字符，这样它就是正文而不是别的什么东西。\n")
    assert [(b.first, b.last, b.title) for b in propose_blocks(text)] == [
        (1, 1, ""), (3, 5, "另一个小标题")]


def test_captions_credits_and_furniture_of_a_section_of_short_lines():
    text = ("\n\n天心数谷。\n\n（本版图片均由范远志摄）\n\n\n"
            "社会主义核心价值观\n\n富强\n民主\n\n\n文明\n和谐\n")
    assert [(b.first, b.last, b.kind) for b in propose_blocks(text)] == [
        (3, 3, "caption"), (5, 5, "other"), (8, 15, "other")]


def test_paragraph_per_line_pages_are_split_at_blank_lines():
    text = ("首都机场第二跑道合同签字\n本报北京6月2日讯 首都机场扩建工程第二跑道施工合同今天在京签字。\n\n"
            "北京天气\n据北京市气象台预报，明天白天晴转多云，北风４—６级。\n")
    assert [(b.first, b.last, b.kind, b.title) for b in propose_blocks(text)] == [
        (1, 2, "article", "首都机场第二跑道合同签字"), (4, 5, "fragment", "北京天气")]


def test_masthead_date_is_read_only_from_the_top_of_the_page():
    assert masthead_date(MASTHEAD_PAGE) == ("2024-12-20", "2024年12月20日")
    assert masthead_date("标题\n\n2024年12月20日，园区举行签约仪式，共签约项目12个。\n") is None
    assert masthead_date(f"{BODY}\n\n2024年12月20日\n") is None


def test_date_words_finds_the_date_as_printed():
    assert date_words("去年是２０２４年\n１２月的事", "2024-12") == "２０２４年\n１２月"
    assert date_words("2024年1月11日", "2024-01-11") == "2024年1月11日"
    assert date_words("2024年11月", "2024-01") is None


_LINE_PIECES = st.sampled_from([
    "", "", "", " ", "\u3000", "\r", "标题", "张福芳 周茂林", "● 匡小娟 成柳静",
    "本报讯（记者 张三）园区新闻。",
    "《上接1版》", "（下转第3版）", "▲ 签约现场。", "（本版图片均由范远志摄）", "均为园区供图",
    "天心数谷。", "富强", "——副标题", "以上的项目3个，位居全市第一",
    "正文写得足够长，长过四十个字符，这样它就是正文而不是标题或者图片说明，句号结尾。",
    "正文写得足够长，长过四十个字符，这样它就是正文而不是标题或者图片说明，半句断开",
    "2024年12月20日 星期五", "湖南日报",
])
_LINES = st.lists(st.one_of(_LINE_PIECES, st.text(alphabet=st.characters(
    blacklist_characters="\n", blacklist_categories=("Cs",)), max_size=50)), max_size=40)


@given(_LINES, st.booleans())
def test_proposed_blocks_cover_every_non_blank_line_exactly_once(lines, final_newline):
    text = "\n".join(lines) + ("\n" if final_newline else "")
    blocks = propose_blocks(text)
    page_lines = text.split("\n")
    non_blank = {n for n, line in enumerate(page_lines, start=1) if line.strip()}
    covered = [n for b in blocks for n in range(b.first, b.last + 1) if n in non_blank]
    assert sorted(covered) == covered and len(set(covered)) == len(covered)
    assert set(covered) == non_blank
    for before, after in itertools.pairwise(blocks):
        assert before.last < after.first
    for b in blocks:
        assert b.first in non_blank and b.last in non_blank and b.kind in KINDS
        block_text = "".join(page_lines[b.first - 1:b.last])
        assert b.title in block_text and b.byline in block_text


@given(st.lists(_LINE_PIECES, min_size=1, max_size=25))
def test_every_page_added_passes_the_layout_check(tmp_path_factory, lines):
    text = "\n".join(lines)
    if not text.strip():
        return
    root = tmp_path_factory.mktemp("corpus")
    init_corpus(root / "c")
    page = root / "page.txt"
    page.write_text(text, encoding="utf-8")
    add_page(root / "c", page)
    assert layout_findings(root / "c") == []
    assert format_tables(root / "c", write=False) == []


@given(st.text(max_size=300))
def test_paragraphs_hold_every_non_blank_line_once(text):
    for by_line in (False, True):
        found = paragraphs(text, by_line=by_line)
        numbers = [n for p in found for n in range(p.first, p.last + 1)]
        assert numbers == [n for n, line in enumerate(text.split("\n"), 1) if line.strip()]


def test_words_holding_a_control_character_are_left_out_of_the_cells(fresh, tmp_path, capsys):
    page = write_page(tmp_path, "p.txt", f"标\x1b题\n\n张三 李四\n\n{BODY}\n")
    assert main(["add-page", str(page), "--root", str(fresh)]) == 0
    assert "no headline found: fill title" in capsys.readouterr().out
    (article,) = rows(fresh, "articles")
    assert (article["kind"], article["title"], article["byline"]) == ("article", "", "张三 李四")
    checks = {f.check for f in validate(fresh).findings}
    assert "control-character" not in checks and "missing-title" in checks


def test_a_byline_on_the_line_under_its_headline_starts_the_article():
    page = ("岳麓山下新添一座社区图书馆\n本报记者 李华\n"
            "岳麓区首座社区图书馆昨日正式开放，馆舍面积约1200平方米。\n")
    (block,) = scaffold.propose_blocks(page)
    assert (block.first, block.last, block.kind) == (1, 3, "article")
    assert (block.title, block.byline) == ("岳麓山下新添一座社区图书馆", "本报记者 李华")
