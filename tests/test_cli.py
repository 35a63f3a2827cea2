import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, edit_cell
from validation import __version__
from validation.cli import main


def run_module(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "validation", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False)


def test_check_through_the_real_entry_point_passes_on_the_embedded_corpus_when_asked(tmp_path):
    result = run_module("check", "--root", "embedded", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("PASS: 0 errors") and "in the embedded corpus (" in last


def test_without_root_the_current_folder_is_read_not_the_embedded_corpus(corpus_root):
    """A user's broken corpus must fail, never pass because the bundled corpus was read."""
    edit_cell(corpus_root, "facts", "F0024", "value", "778")
    result = run_module("check", cwd=corpus_root)
    assert result.returncode == 1, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("FAIL: 2 errors") and last.split(" in ", 1)[1].startswith(f"{corpus_root} (")
    assert "embedded" not in last


@pytest.mark.parametrize("argv", [["check"], ["coverage"], ["report", "--out", "out"],
                                  ["gate", "--base", "HEAD"], ["fmt", "--check"], ["fmt"]])
def test_every_command_outside_a_corpus_exits_2_and_names_the_way_out(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path} holds neither seeds/ nor facts/") and "--root embedded" in err
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_folder_holding_only_facts_is_taken_as_the_corpus_and_its_missing_seeds_named(
        corpus_root, monkeypatch, capsys):
    shutil.rmtree(corpus_root / "seeds")
    monkeypatch.chdir(corpus_root)
    assert main(["check"]) == 2
    assert "no seeds/ folder" in capsys.readouterr().err


def test_summaries_name_the_corpus_as_an_absolute_path_never_dot(corpus_root, monkeypatch, capsys):
    monkeypatch.chdir(corpus_root)
    for argv in (["check"], ["check", "--root", "."], ["coverage"]):
        assert main(argv) == 0, argv
        last = capsys.readouterr().out.strip().splitlines()[-1]
        assert f" in {corpus_root} (" in last or last.endswith(f" in {corpus_root}"), (argv, last)
    assert main(["check", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["root"] == str(corpus_root) and data["embedded"] is False


@pytest.mark.parametrize("argv", [["check", "--format", "json"], ["coverage", "--format", "json"],
                                  ["gate", "--base", "HEAD", "--format", "json"]])
def test_json_commands_that_cannot_run_print_a_json_error_object(argv, tmp_path, capsys):
    assert main([*argv, "--root", str(tmp_path / "nowhere")]) == 2
    printed = capsys.readouterr()
    data = json.loads(printed.out)
    assert data == {"format_version": 1, "ok": False, "error": {
        "exit_status": 2, "kind": "unusable-input", "message": data["error"]["message"]}}
    assert "no such folder" in data["error"]["message"] and "no such folder" in printed.err


def test_an_internal_error_with_json_prints_a_json_error_object_with_status_3(monkeypatch, capsys):
    monkeypatch.setattr("validation.cli.validate", lambda root, **options: {}["boom"])
    assert main(["check", "--root", "embedded", "--format", "json"]) == 3
    data = json.loads(capsys.readouterr().out)
    assert data["error"]["exit_status"] == 3 and data["error"]["kind"] == "internal-error"
    assert data["error"]["message"].startswith("KeyError at test_cli.py:")


def test_version_is_printed_with_the_program_name(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"], prog="tianxin-validate")
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"tianxin-validate {__version__}\n"


def test_usage_names_the_program_as_it_was_called(tmp_path):
    as_module = run_module("--help", cwd=tmp_path)
    assert as_module.stdout.startswith("usage: python -m validation ")
    script = Path(sys.executable).with_name("tianxin-validate")
    as_script = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60,
                               check=False)
    assert as_script.stdout.startswith("usage: tianxin-validate "), as_script.stdout + as_script.stderr


def test_failures_exit_1_and_name_check_table_row_and_column(corpus_root, capsys):
    edit_cell(corpus_root, "facts", "F0024", "value", "778")
    assert main(["check", "--root", str(corpus_root)]) == 1
    out = capsys.readouterr().out
    assert "figure-mismatch  facts F0024 value  (facts/facts.csv:" in out
    assert "expected: 777" in out and "found:    778" in out


def test_json_output_is_stable_and_complete(corpus_root, capsys):
    edit_cell(corpus_root, "facts", "F0042", "value", "38")
    assert main(["check", "--root", str(corpus_root), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"format_version", "root", "embedded", "ok", "summary", "families", "findings"}
    assert data["format_version"] == 1 and data["ok"] is False
    assert data["summary"]["errors"] == 1 and data["summary"]["tables"]["facts"] > 40
    assert data["summary"]["warnings"] == len([f for f in data["findings"] if f["check"] == "known-conflict"])
    (finding,) = [f for f in data["findings"] if f["severity"] == "error"]
    assert set(finding) == {"check", "message", "table", "row", "column", "expected", "found",
                            "location", "hint", "severity"}
    assert [f["name"] for f in data["families"]] == ["load", "schema", "references", "pages",
                                                     "layout", "traceability", "figures", "periods",
                                                     "events", "coverage", "consistency", "stated"]


def test_timings_list_every_family(capsys):
    assert main(["check", "--timings"]) == 0
    out = capsys.readouterr().out
    for family in ("load", "schema", "references", "pages", "layout", "traceability", "figures",
                   "periods", "events", "coverage", "consistency", "total"):
        assert f"  {family} " in out


def test_unreadable_input_exits_2_with_a_message_not_a_traceback(corpus_root):
    path = corpus_root / "facts" / "facts.csv"
    path.write_bytes(path.read_bytes().replace("数商会员".encode(), "数商会员".encode("gbk")))
    result = run_module("check", "--root", str(corpus_root))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: facts/facts.csv:") and "not UTF-8" in result.stderr


def test_missing_root_exits_2(tmp_path, capsys):
    assert main(["check", "--root", str(tmp_path / "nowhere")]) == 2
    assert "no such folder" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["check", "--format", "xml"], ["frobnicate"], []])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


@pytest.mark.parametrize("command", ["check", "coverage", "report", "gate", "fmt", "add-page", "draft",
                                     "ground", "export"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "--root" in capsys.readouterr().out


def test_report_through_the_real_entry_point_writes_three_files_and_a_summary(tmp_path):
    result = run_module("report", "--root", "embedded", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "reports"
    assert sorted(p.name for p in out.iterdir()) == ["validation-report.html", "validation-report.json",
                                                     "validation-report.md"]
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("PASS: 0 errors, 4 warnings")
    assert any(line.startswith("coverage: 584 numeric mentions, 100.0% covered") for line in lines)
    assert any(line.startswith("wrote reports/validation-report.html (html, ") for line in lines)
    assert len(lines) < 30  # one screen


def test_report_exits_1_on_failures_and_names_them(corpus_root, tmp_path, capsys):
    edit_cell(corpus_root, "facts", "F0024", "value", "778")
    assert main(["report", "--root", str(corpus_root), "--out", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "  figure-mismatch  facts F0024 value: " in out
    assert out.rstrip().splitlines()[-1].startswith("FAIL: 2")
    data = json.loads((tmp_path / "validation-report.json").read_text(encoding="utf-8"))
    assert data["ok"] is False


def test_report_on_unusable_input_exits_2_and_writes_nothing(tmp_path, capsys):
    assert main(["report", "--root", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_report_into_an_unwritable_place_exits_2_with_a_message(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert main(["report", "--out", str(blocker / "sub")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot write the report into {blocker / 'sub'}") and "--out" in err


def test_control_characters_in_cells_reach_the_terminal_written_out(corpus_root, tmp_path, capsys):
    """A cell holding ESC, BEL or CR (an ANSI sequence that retitles or clears the terminal, a
    line overwritten) is printed as \\x1b, \\x07, \\r by every command that prints cells."""
    edit_cell(corpus_root, "facts", "F0024", "text", "777家\x1b]0;pwned\x07\x1b[2J line1\rOVER")
    edit_cell(corpus_root, "conflicts", "C0001", "conflict_id", "C\x1b[31m0001")
    for argv in (["check", "--root", str(corpus_root)], ["coverage", "--root", str(corpus_root)],
                 ["report", "--root", str(corpus_root), "--out", str(tmp_path / "out")]):
        assert main(argv) == 1, argv
        printed = capsys.readouterr()
        for control in ("\x1b", "\x07", "\r"):
            assert control not in printed.out + printed.err, (argv, control)
        assert argv[0] == "coverage" or "\\x1b" in printed.out, argv  # coverage shows no cell


def test_sarif_and_github_runs_that_cannot_validate_say_so_in_their_own_format(tmp_path, capsys):
    nowhere = str(tmp_path / "nowhere")
    assert main(["check", "--root", nowhere, "--format", "sarif"]) == 2
    (run,) = json.loads(capsys.readouterr().out)["runs"]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    assert "no such folder" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    assert run["results"] == []
    assert main(["check", "--root", nowhere + "\n::set-output name=x::y", "--format", "github"]) == 2
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("::error title=validator-could-not-run::") and "no such folder" in line


def test_the_program_keeps_pandera_from_importing_hypothesis():
    script = ("import sys; from validation.cli import program; sys.argv = ['x', 'check', '--root', "
              "'embedded']; code = program(); print(code, sys.modules.get('hypothesis'), "
              "'pandera.strategies.pandas_strategies' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO,
                          check=False)
    assert done.stderr.strip().splitlines()[-1] == "0 None True"


def test_main_leaves_the_modules_of_its_process_alone(capsys):
    import hypothesis

    assert main(["check", "--root", "embedded"]) == 0
    assert sys.modules["hypothesis"] is hypothesis
