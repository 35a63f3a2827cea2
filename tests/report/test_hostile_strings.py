"""Hostile strings in every table, in the seeds, in a seed's file name and in the corpus's own
folder reach no output live: no markup in the Markdown and HTML, no control character at a
terminal, and the JSON gives them back as they were.

Two corpora are run through the real pipeline (``build_report``, every rendering, and the gate
against a git commit of the clean corpus): ``targeted`` keeps the corpus working, so that its
articles, highlights, series and conflicts are drawn with hostile ids and labels in them;
``everywhere`` puts every hostile string into every column of every table, ids included."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import REPO, edit_cell, read_rows, write_rows
from validation.findings import Finding, Report
from validation.gate import gate
from validation.gate.diff import CellChange, RowChange, TableDiff
from validation.gate.verdict import GateResult, SeedChanges
from validation.report.gate import gate_to_json, gate_to_markdown, gate_to_text
from validation.report.highlights import mark_anchor
from validation.report.html import to_html_page
from validation.report.json import check_to_json, coverage_to_json, report_to_json
from validation.report.markdown import cell, to_markdown
from validation.report.model import build_report, row_anchor
from validation.report.summary import to_summary
from validation.report.terminal import check_to_text, coverage_to_text
from validation.textsafe import join_lines, json_text, visible

IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "[x](javascript:alert(1))"
SCRIPT = "</script><script>alert(1)</script>"
ATTRIBUTE = 'x" onmouseover="alert(1)'
ESC = "\x1b[31mRED\x1b[0m"
HOSTILE = (IMG, JS_LINK, "a|b", "a\\|b", "`code`", SCRIPT, "<!--", ATTRIBUTE, ESC, "line1\rOVER",
           "**bold**", "# heading", "javascript:alert(1)", "\x9b31m\x7f\x08BS", "$x$ ~~s~~",
           "forged\nPASS: 0 errors")
ALL = " ".join(HOSTILE)
#: The corpus's folder: a name may hold anything but "/" and NUL.
ROOT_NAME = f"root {IMG} a|b {ATTRIBUTE} {ESC} line1\rOVER"
EXTRA_COLUMN = f"extra {IMG} a|b {ESC}"
#: Facts renamed in facts.csv and in conflicts.csv (ids, and preferred): C0001 is F0004|F2011,
#: C0002 is F0052|F2024; every one of them is also a point of a series.
RENAMES = {"F0004": f"F0004{IMG}", "F2011": f"F2011{ATTRIBUTE}", "F0052": f"F0052{SCRIPT}",
           "F2024": JS_LINK, "F4003": "javascript:alert(1)", "F1013": f"F1013 a/b `code` {ESC}"}
#: Columns of free text, given every hostile string in the targeted corpus.
TEXT_COLUMNS = {"facts": ["note"], "events": ["description_en", "note"], "exclusions": ["reason"],
                "entities": ["name_zh", "name_en", "aliases"], "metrics": ["label_zh", "label_en"],
                "units": ["note"], "articles": ["title", "byline", "note"], "pages": ["description"],
                "relations": ["note"], "conflicts": ["description"]}
SEED_LINE = f" {IMG} 1家 {ESC} {SCRIPT} <!-- {JS_LINK} a|b **bold**"
SEED_NAME = f'005_{ATTRIBUTE} {IMG} a|b {ESC}.txt'

#: Control characters other than the line break: none may reach a terminal or a Markdown file.
CONTROL_BUT_LF = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
#: A tag or a comment starting, in what should be plain Markdown.
MARKUP = re.compile(r"<[A-Za-z/!?]")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=root, capture_output=True, check=True)


def damage_targeted(root: Path) -> None:
    """Hostile text in every free-text column, hostile fact ids where a conflict, a series and
    a highlight show them, a hostile figure text, an unknown column, and hostile seeds."""
    for path in sorted((root / "facts").glob("*.csv")):
        table = path.stem
        header, rows = read_rows(path)
        for row in rows:
            for i, column in enumerate(header):
                if (table, column) in {("facts", "fact_id"), ("conflicts", "fact_ids"),
                                       ("conflicts", "preferred")}:
                    row[i] = "|".join(RENAMES.get(x, x) for x in row[i].split("|"))
            for column in TEXT_COLUMNS.get(table, []):
                row[header.index(column)] += " " + ALL
        if table == "facts":
            header.append(EXTRA_COLUMN)
            for row in rows:
                row.append(ALL)
        if table == "conflicts":
            rows[-1][header.index("preferred")] = f"{IMG}|**bold**`"
        write_rows(path, header, rows)
    edit_cell(root, "facts", "F0024", "text", f"777家{IMG}|{ESC}")
    damage_seeds(root)


def damage_everywhere(root: Path) -> None:
    """Every hostile string in every column of every table (ids and references included),
    and a hostile column in every table."""
    for path in sorted((root / "facts").glob("*.csv")):
        header, rows = read_rows(path)
        for i in range(len(header)):
            for j, hostile in enumerate(HOSTILE):
                row = rows[(i * len(HOSTILE) + j) % len(rows)]
                row[i] = row[i] + hostile if j % 2 else hostile
        write_rows(path, [*header, EXTRA_COLUMN], [[*row, ALL] for row in rows])
    damage_seeds(root)


def damage_seeds(root: Path) -> None:
    """A hostile line in a seed (inside an article, so it is drawn and has an uncovered mention),
    and a new seed with a hostile file name."""
    seed = root / "seeds" / "004_e58332798fe41e73.txt"
    lines = seed.read_text(encoding="utf-8").split("\n")
    lines[10] += SEED_LINE
    seed.write_text("\n".join(lines), encoding="utf-8")
    (root / "seeds" / SEED_NAME).write_text("新的一页 3家\n", encoding="utf-8")


DAMAGE = {"targeted": damage_targeted, "everywhere": damage_everywhere}


_BUILT: dict[str, dict[str, Any]] = {}


@pytest.fixture(scope="module", params=sorted(DAMAGE))
def outputs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every output of every command on a hostile corpus, by name; ``root`` and ``data`` too."""
    return _outputs(request.param, tmp_path_factory)


@pytest.fixture(scope="module")
def targeted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The outputs of the targeted corpus, whose conflicts and highlights hold hostile ids."""
    return _outputs("targeted", tmp_path_factory)


def _outputs(kind: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if kind not in _BUILT:
        _BUILT[kind] = _build(kind, tmp_path_factory)
    return _BUILT[kind]


def _build(kind: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp(kind)
    root = base / ROOT_NAME
    root.mkdir()
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "facts", root / "facts")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "clean corpus")
    DAMAGE[kind](root)

    data = build_report(root)
    out = base / f"out {IMG} {ESC}"
    out.mkdir()
    written = {}
    for form, text in (("html", to_html_page(data)), ("markdown", to_markdown(data)),
                       ("json", report_to_json(data))):
        written[form] = out / f"report.{form}"
        written[form].write_text(text, encoding="utf-8")
    result = gate(root, "HEAD")
    return {
        "root": root, "data": data, "kind": kind,
        "markdown": {
            "report": written["markdown"].read_text(encoding="utf-8"),
            "report, every failure": to_markdown(data, max_failures=len(data.failures)),
            "gate": gate_to_markdown(result),
        },
        "text": {
            "check": check_to_text(data.report, timings=True),
            "coverage": coverage_to_text(data.coverage, str(root)),
            "report summary": to_summary(data, written),
            "gate": gate_to_text(result),
        },
        "json": {
            "report": written["json"].read_text(encoding="utf-8"),
            "check": check_to_json(data.report),
            "coverage": coverage_to_json(data.coverage, str(root)),
            "gate": gate_to_json(result),
        },
        "html": written["html"].read_text(encoding="utf-8"),
        "gate": result,
    }


def test_the_hostile_corpus_is_read_and_fails(outputs):
    """The strings get through to the outputs: the corpus loads, fails, and the gate refuses."""
    data, result = outputs["data"], outputs["gate"]
    assert not data.ok and not result.accepted
    assert data.conflicts and data.tables["facts"].rows
    if outputs["kind"] == "targeted":
        assert len(data.articles) > 30 and len(data.series) > 20
        assert {f["fact_id"] for c in data.conflicts for f in c.facts} >= {
            RENAMES["F0004"], RENAMES["F2011"], RENAMES["F0052"], RENAMES["F2024"]}


# Markdown ---------------------------------------------------------------------------------------

def unescaped(line: str) -> str:
    """``line`` with every backslash escape (``\\|``, ``\\```) taken out, as a Markdown parser
    sees what is left as markup."""
    return re.sub(r"\\.", "", line)


def table_cells(line: str) -> int:
    """How many cells a GitHub table row has: a backslash escapes the next character, any other
    pipe separates cells."""
    return unescaped(line.strip()).count("|") - 1


def test_markdown_has_no_markup_no_links_and_no_control_characters(outputs):
    for name, markdown in outputs["markdown"].items():
        assert not MARKUP.search(markdown), name
        assert not CONTROL_BUT_LF.search(markdown), name
        assert "](javascript:" not in unescaped(markdown).replace("\\", ""), name
        assert "**bold**" not in markdown and "~~s~~" not in markdown and "$x$" not in markdown, name
        assert not any(line.startswith("# ") for line in markdown.splitlines()), name
        assert "&lt;img src=x onerror=alert(1)&gt;" in markdown, name  # shown, as text


def test_markdown_table_rows_keep_their_column_count(outputs):
    for name, markdown in outputs["markdown"].items():
        header = None
        rows = 0
        for line in markdown.splitlines():
            if not line.startswith("|"):
                header = None
                continue
            if header is None:
                header = table_cells(line)
            assert table_cells(line) == header, (name, line)
            rows += 1
        assert rows > 2, name


def test_markdown_code_spans_hold_only_identifiers(outputs):
    """A value in backticks cannot close its span: user text has its backticks escaped, and the
    spans left are check ids and commits."""
    for name, markdown in outputs["markdown"].items():
        for line in markdown.splitlines():
            bare = unescaped(line)
            assert bare.count("`") % 2 == 0, (name, line)
            for span in re.findall(r"`([^`]*)`", bare):
                assert re.fullmatch(r"[A-Za-z0-9._:/-]+", span), (name, line)


def test_markdown_conflicts_list_shows_hostile_ids_as_text(targeted):
    report = targeted["markdown"]["report"]
    conflicts = report.split("### Known conflicts", 1)[1].split("\nTables:", 1)[0]
    assert "F0004&lt;img src=x onerror=alert(1)&gt; 52.5%" in conflicts
    assert "preferred: F2011x\" onmouseover=\"alert(1))" in conflicts
    assert "F0052&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; 20个" in conflicts
    assert "preferred: \\[x\\](javascript:alert(1))" in conflicts
    assert "preferred: &lt;img src=x onerror=alert(1)&gt;\\|\\*\\*bold\\*\\*\\`)" in conflicts


# HTML -------------------------------------------------------------------------------------------

class Elements(HTMLParser):
    """Every start tag with its attributes, every comment, and the text of each script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.comments: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def test_html_has_no_live_element_attribute_script_or_link(outputs):
    html = outputs["html"]
    page = Elements()
    page.feed(html)
    page.close()
    names = [tag for tag, _ in page.tags]
    assert "img" not in names and "iframe" not in names and "object" not in names
    assert names.count("script") == 1 and names.count("style") == 1
    (script,) = page.scripts
    assert script.lstrip().startswith("// Interactions of the validation report")
    assert "alert(" not in script
    assert page.comments == []
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith("#"), (tag, attrs)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_html_anchors_of_hostile_ids_are_text_and_link_up(targeted):
    """A hostile fact id is an attribute's value, never markup: its row, its highlight and the
    links to both are there, made the same way on both ends."""
    page = Elements()
    page.feed(targeted["html"])
    ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
    hrefs = {attrs["href"] for _, attrs in page.tags if "href" in attrs}
    refs = {attrs["data-ref"] for _, attrs in page.tags if "data-ref" in attrs}
    for fact in RENAMES.values():
        assert row_anchor("facts", fact) in ids and mark_anchor(f"facts/{fact}") in ids, fact
        assert f"#{mark_anchor(f'facts/{fact}')}" in hrefs and f"facts/{fact}" in refs, fact
    assert "#" + row_anchor("facts", RENAMES["F0004"]) in hrefs  # a series point, a conflict side
    classes = {c for _, attrs in page.tags for c in attrs.get("class", "").split()}
    assert "col-extra__img_src_x_onerror_alert_1____a_b__x1b" not in classes
    assert {c for c in classes if c.startswith("col-extra")} == {
        "col-" + re.sub(r"[^A-Za-z0-9_-]", "_", EXTRA_COLUMN)}


# Terminal ---------------------------------------------------------------------------------------

def test_text_outputs_hold_no_control_character_but_their_line_breaks(outputs):
    for name, text in outputs["text"].items():
        assert not CONTROL_BUT_LF.search(text), name
        assert "\\x1b[31mRED" in text or "\\x1b" in text, name  # shown, visibly
    assert "\\r" in outputs["text"]["check"]  # the folder's name, "line1\rOVER"
    assert visible(str(outputs["root"])) in outputs["text"]["check"]


def test_text_outputs_keep_one_finding_per_line(outputs):
    """A line break in a cell cannot forge a line: the check output has exactly the lines the
    renderer puts, whatever the messages hold."""
    report = outputs["data"].report
    lines = outputs["text"]["check"].split("\n")
    expected = sum(2 + (f.expected is not None) + (f.found is not None) + bool(f.hint)
                   for f in report.findings)
    timings = 2 + len(report.families)
    assert len(lines) == expected + timings + 1


# JSON -------------------------------------------------------------------------------------------

def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def test_json_gives_the_hostile_strings_back(outputs):
    for name, text in outputs["json"].items():
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", text), name
        found = list(strings(json.loads(text)))
        assert str(outputs["root"]) in found or name == "gate", name
        # coverage holds only what its own findings say, and the folder's name (IMG, ESC, CR)
        for hostile in (IMG, ESC, "line1\rOVER", *(() if name == "coverage" else ("\x9b31m\x7f\x08BS",))):
            assert any(hostile in s for s in found), (name, hostile)
    report = json.loads(outputs["json"]["report"])
    assert report["run"]["root"] == str(outputs["root"])
    gated = json.loads(outputs["json"]["gate"])
    assert gated["root"] == str(outputs["root"]) and SEED_NAME in gated["seeds"]["added"]


# The helpers ------------------------------------------------------------------------------------

def test_visible_writes_control_characters_out():
    assert visible(ESC) == "\\x1b[31mRED\\x1b[0m"
    assert visible("line1\rOVER\nnext\tcol\x08\x7f\x9b\x85") == \
        "line1\\rOVER\\nnext\\tcol\\x08\\x7f\\x9b\\x85"
    assert visible("天心经开区 <b> | é ∞") == "天心经开区 <b> | é ∞"
    assert join_lines(["a\nb", "c\x1b"]) == "a\\nb\nc\\x1b"


@given(st.text())
def test_visible_leaves_no_control_character(text):
    shown = visible(text)
    assert not re.search("[\x00-\x1f\x7f-\x9f]", shown)
    assert visible(shown) == shown
    if not re.search("[\x00-\x1f\x7f-\x9f]", text):
        assert shown == text


@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("\u202a\u202e\u2066\u2069\x9b"))))
def test_json_text_reads_back_the_same_with_no_raw_control_or_override(text):
    dumped = json_text(json.dumps({"v": text}, ensure_ascii=False))
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", dumped)
    assert json.loads(dumped) == {"v": text}


@given(st.text())
def test_cell_is_one_cell_of_plain_text(text):
    shown = cell(text)
    assert not re.search("[\x00-\x1f\x7f-\x9f]", shown)
    assert table_cells(f"| {shown} |") == 1
    assert not MARKUP.search(shown) and "`" not in unescaped(shown)


texts = st.text(max_size=30)
maybe = st.none() | texts


@given(st.lists(st.builds(Finding, check=texts, message=texts, table=maybe, row=maybe, column=maybe,
                          expected=maybe, found=maybe, location=maybe, hint=maybe), max_size=4),
       texts)
def test_check_text_has_only_its_own_line_breaks(findings, root):
    text = check_to_text(Report(root, findings=findings, table_sizes={"facts": 1}))
    assert not CONTROL_BUT_LF.search(text)
    lines = sum(2 + (f.expected is not None) + (f.found is not None) + bool(f.hint) for f in findings)
    assert text.count("\n") == lines


@given(st.lists(texts, min_size=1, max_size=3), maybe, maybe)
def test_gate_text_has_only_its_own_line_breaks(keys, old, new):
    diff = TableDiff("facts", added=keys, removed=keys,
                     changed=[RowChange(k, [CellChange(k, old, new)]) for k in keys])
    reason = Finding("new-failure", keys[0], table="facts", row=keys[0], hint=keys[-1])
    result = GateResult(base="HEAD", commit="0" * 40, root=keys[0], diffs=[diff],
                        seeds=SeedChanges(added=keys), new_failures=[reason], preexisting=[],
                        fixed=[], reasons=[reason], not_canonical=[])
    text = gate_to_text(result)
    assert not CONTROL_BUT_LF.search(text)
    lines = text.split("\n")
    for prefix in ("  + facts ", "  - facts ", "  ~ facts ", "  added seeds/"):
        assert sum(line.startswith(prefix) for line in lines) == len(keys), prefix
    assert sum(line.startswith("refused  ") for line in lines) == 1
    markdown = gate_to_markdown(result)
    assert not CONTROL_BUT_LF.search(markdown) and not MARKUP.search(markdown)
    changes = markdown.split("\n#### facts\n", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in changes.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + 3 * len(keys) and {table_cells(line) for line in rows} == {5}
