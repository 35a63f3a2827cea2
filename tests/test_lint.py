"""The code stays clean: ruff (lint) and mypy (types) run as part of the suite."""

import subprocess
import sys

from tests.conftest import REPO


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=300, check=False)


def test_ruff_finds_nothing():
    result = run("ruff", "check", "validation", "tests", "ci")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = run("mypy", "validation")
    assert result.returncode == 0, result.stdout + result.stderr
