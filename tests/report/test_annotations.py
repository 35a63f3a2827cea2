"""GitHub workflow commands: one per finding, at the right file, line and column, and no cell of a
table can forge a second command, whatever it holds.

:func:`runner_commands` reads the output the way the GitHub Actions runner does
(actions/runner, ``ActionCommand.TryParseV2`` and, for a line that is no ``::`` command, the
legacy ``TryParse`` that finds ``##[name]`` anywhere in a line): line by line, split at CR, LF
and CRLF, properties split at commas and unescaped."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import edit_cell
from validation import validate
from validation.cli import main
from validation.findings import Finding, Report
from validation.report.annotations import (
    Where,
    annotation,
    escape_data,
    escape_property,
    parse_location,
    repository_path,
    to_github,
)
from validation.textsafe import visible

#: Commands a runner knows (a subset is enough: any registered name would be obeyed).
REGISTERED = {"error", "warning", "notice", "debug", "set-output", "set-env", "add-path", "add-mask",
              "save-state", "stop-commands", "group", "endgroup", "echo", "add-matcher"}


def _unescape(text: str, mapping: list[tuple[str, str]]) -> str:
    for escaped, token in mapping:
        text = text.replace(escaped, token)
    return text


def unescape_data(text: str) -> str:
    return _unescape(text, [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")])


def unescape_property(text: str) -> str:
    return _unescape(text, [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")])


def _v2(line: str) -> tuple[str, dict[str, str], str] | None:
    message = line.lstrip()
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    info = message[2:end]
    name, space, rest = info.partition(" ")
    if name not in REGISTERED:
        return None
    properties = {}
    if space:
        for prop in (p for p in rest.strip().split(",") if p):
            key, eq, value = prop.partition("=")
            if eq and key and value:
                properties[key] = unescape_property(value)
    return name, properties, unescape_data(message[end + 2:])


def _v1(line: str) -> tuple[str, dict[str, str], str] | None:
    start = line.find("##[")
    if start < 0:
        return None
    close = line.find("]", start)
    if close < 0:
        return None
    name = line[start + 3:close].partition(" ")[0]
    return (name, {}, line[close + 1:]) if name in REGISTERED else None


def runner_commands(output: str) -> list[tuple[str, dict[str, str], str]]:
    commands = []
    for line in re.split(r"\r\n|\r|\n", output):
        command = _v2(line) or _v1(line)
        if command:
            commands.append(command)
    return commands


def report_of(*findings: Finding, root: str = "/tmp/corpus") -> Report:
    return Report(root=root, findings=list(findings))


# --- locations ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("location", "where"), [
    ("facts/facts.csv:12", Where("facts/facts.csv", 12)),
    ("seeds/003_x.txt:61:5", Where("seeds/003_x.txt", 61, 5)),
    ("seeds/003_x.txt", Where("seeds/003_x.txt")),
    ("facts/units.csv", Where("facts/units.csv")),
    ("seeds/a:b.txt:3", Where("seeds/a:b.txt", 3)),
    ("seeds/x.txt:0", Where("seeds/x.txt")),
    (None, None),
    ("", None),
])
def test_a_location_is_a_file_with_its_line_and_column_where_known(location, where):
    assert parse_location(location) == where


@pytest.mark.parametrize("prefix", ["", ".", "./", "/"])
def test_a_corpus_at_the_repository_root_needs_no_prefix(prefix):
    assert repository_path("facts/facts.csv", prefix) == "facts/facts.csv"


@pytest.mark.parametrize("prefix", ["data/corpus", "data/corpus/", "/data/corpus/", "data\\corpus"])
def test_a_corpus_in_a_folder_annotates_the_file_inside_that_folder(prefix):
    assert repository_path("facts/facts.csv", prefix) == "data/corpus/facts/facts.csv"


# --- the command -------------------------------------------------------------------------------

def test_a_row_of_a_table_is_annotated_at_its_line_with_the_check_as_title_and_the_hint():
    finding = Finding("figure-mismatch", "the row's value is '999'", table="facts", row="F0004",
                      column="value", location="facts/facts.csv:12", hint="set value")
    assert annotation(finding) == ("::error file=facts/facts.csv,line=12,title=figure-mismatch::"
                                   "the row's value is '999' — set value")


def test_a_place_in_a_page_has_line_and_column_and_a_warning_is_a_warning():
    finding = Finding("known-conflict", "recorded", location="seeds/003_x.txt:61:5", severity="warning")
    assert annotation(finding, "corpus") == ("::warning file=corpus/seeds/003_x.txt,line=61,col=5,"
                                             "title=known-conflict::recorded")


def test_a_finding_without_location_has_no_file_and_without_hint_no_dash():
    assert annotation(Finding("no-mention-scanned", "nothing scanned")) == \
        "::error title=no-mention-scanned::nothing scanned"


def test_one_command_per_finding_then_the_verdict_which_names_no_folder():
    findings = [Finding("missing-value", f"empty {i}", location=f"facts/facts.csv:{i + 2}")
                for i in range(3)]
    findings.append(Finding("known-conflict", "known", severity="warning"))
    lines = to_github(report_of(*findings, root="/tmp/##[set-output name=x;]y")).split("\n")
    assert [line.split(" ", 1)[0] for line in lines[:-1]] == ["::error"] * 3 + ["::warning"]
    assert lines[-1] == "FAIL: 3 errors, 1 warning"
    assert [c[0] for c in runner_commands("\n".join(lines))] == ["error"] * 3 + ["warning"]


def test_past_what_github_annotates_the_log_says_so():
    errors = [Finding("missing-value", f"empty {i}") for i in range(11)]
    lines = to_github(report_of(*errors)).split("\n")
    assert len(runner_commands("\n".join(lines))) == 11
    assert lines[-2:] == ["FAIL: 11 errors, 0 warnings", "GitHub annotates the first 10 errors and "
                          "10 warnings of a step; every finding is listed above"]
    assert to_github(report_of(*errors[:10])).split("\n")[-1] == "FAIL: 10 errors, 0 warnings"


def test_a_corpus_without_findings_prints_only_the_verdict():
    assert to_github(report_of()) == "PASS: 0 errors, 0 warnings"
    assert runner_commands(to_github(report_of())) == []


def test_escaping_follows_the_runner_rules():
    assert escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"
    assert unescape_property(escape_property("%3A:,%2C%25%")) == "%3A:,%2C%25%"
    assert unescape_data(escape_data("%0A\n%25%")) == "%0A\n%25%"


# --- hostile text ------------------------------------------------------------------------------

FORGERIES = [
    "x\n::error::forged",
    "x\r::set-output name=pwned::1",
    "x\r\n::add-mask::secret\n::stop-commands::token",
    "x%0A::error::forged %25 %0D",
    "x ##[set-output name=pwned;]1 ##[error]forged",
    "x\u2028::error::forged\u0085::warning::nel",
    "\u202eevil\u202c \u2066iso\u2069 \x1b[31mred\x1b[0m \x9b31m \x7f",
]


@pytest.mark.parametrize("text", FORGERIES)
def test_a_message_hint_or_file_name_cannot_forge_a_second_command(text):
    finding = Finding("dangling-reference", f"entity_id {text} does not exist", hint=f"fix {text}",
                      location=f"seeds/{text},line=1.txt:3:4", table="facts", row=text)
    output = to_github(report_of(finding))
    commands = runner_commands(output)
    assert len(commands) == 1, output
    name, properties, data = commands[0]
    assert name == "error"
    assert set(properties) == {"file", "line", "col", "title"}
    assert properties["file"] == visible(f"seeds/{text},line=1.txt")
    assert (properties["line"], properties["col"], properties["title"]) == ("3", "4", "dangling-reference")
    assert data == visible(f"entity_id {text} does not exist — fix {text}")
    assert len(output.split("\n")) == 2 and "\r" not in output


def test_invisible_and_bidirectional_characters_are_written_out_as_escapes():
    finding = Finding("quote-not-in-article", "quote '\u202eabc\u202c' \x9b31m", location="facts/facts.csv:5")
    line = to_github(report_of(finding)).split("\n")[0]
    assert "\\u202e" in line and "\\u202c" in line and "\\x9b" in line
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", line)


TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(FORGERIES)


@given(message=TEXT, hint=st.none() | TEXT, path=TEXT, line=st.none() | st.integers(1, 10**6),
       column=st.none() | st.integers(1, 999), warning=st.booleans())
def test_any_text_gives_exactly_one_command_that_reads_back_as_shown(message, hint, path, line, column,
                                                                     warning):
    location = path + (f":{line}" if line else "") + (f":{column}" if line and column else "")
    finding = Finding("missing-value", message, hint=hint, location=location or None,
                      severity="warning" if warning else "error")
    commands = runner_commands(to_github(report_of(finding), prefix="corpus"))
    assert len(commands) == 1
    name, properties, data = commands[0]
    assert name == ("warning" if warning else "error")
    assert data == visible(f"{message} — {hint}" if hint else message)
    assert properties["title"] == "missing-value"
    where = parse_location(location)
    if where is None:
        assert "file" not in properties
    else:
        assert properties["file"] == visible(f"corpus/{where.path}")
        assert properties.get("line") == (str(where.line) if where.line else None)


# --- end to end --------------------------------------------------------------------------------

HOSTILE_ID = "x\n::error file=evil.py,line=1::forged\r\n::set-output name=pwned::1 ##[add-path]/tmp \u202e"


def test_a_hostile_cell_of_a_real_corpus_gives_one_command_per_finding(corpus_root):
    edit_cell(corpus_root, "facts", "F0004", "entity_id", HOSTILE_ID)
    report = validate(corpus_root)
    output = to_github(report, prefix="data/corpus")
    commands = runner_commands(output)
    assert len(commands) == len(report.findings) == len(output.split("\n")) - 1
    assert {c[0] for c in commands} <= {"error", "warning"}
    dangling = [c for c in commands if c[1]["title"] == "dangling-reference"]
    assert dangling and dangling[0][1]["file"] == "data/corpus/facts/facts.csv"
    assert all("evil.py" not in c[1]["file"] for c in commands)
    assert output.splitlines()[-1].startswith("FAIL: ")


def test_the_command_line_derives_the_prefix_from_a_relative_root(corpus_root, monkeypatch, capsys):
    edit_cell(corpus_root, "facts", "F0004", "value", "999")
    monkeypatch.chdir(corpus_root.parent)
    assert main(["check", "--root", corpus_root.name, "--format", "github"]) == 1
    commands = runner_commands(capsys.readouterr().out)
    mismatch = [c for c in commands if c[1]["title"] == "figure-mismatch"]
    assert mismatch and mismatch[0][1]["file"] == f"{corpus_root.name}/facts/facts.csv"
    monkeypatch.chdir(corpus_root)
    assert main(["check", "--format", "github"]) == 1
    commands = runner_commands(capsys.readouterr().out)
    assert [c[1]["file"] for c in commands if c[1]["title"] == "figure-mismatch"] == ["facts/facts.csv"]
