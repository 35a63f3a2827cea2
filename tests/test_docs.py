"""Keep the documentation honest: commands, columns and check ids are all described."""

import re
from pathlib import Path

from tests.conftest import REPO
from validation.catalog import CHECKS
from validation.schemas import TABLES

README = (REPO / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands_main_job_then_tests():
    main_job, tests = quick_start_commands()
    assert "-m validation report" in main_job
    assert "bash ci/test" in tests and "[test]" in tests
    script = (REPO / "ci" / "test").read_text(encoding="utf-8")
    assert '-m pytest -n "${PYTEST_WORKERS:-auto}" "$@"' in script and "-eq 5" in script
    assert "apt-get install" in script


def test_ci_runs_the_readme_commands():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "README.md" in script and "Quick start" in script and "-eq 5" in script


def test_every_column_of_every_table_is_documented():
    for name, spec in TABLES.items():
        section = README.split(f"#### `{name}.csv`", 1)[1].split("####", 1)[0]
        for column in spec.columns:
            assert f"| `{column}` |" in section, f"{name}.{column} missing from README"


def test_every_check_id_is_documented():
    for check_id in CHECKS:
        assert f"`{check_id}`" in README, check_id


def test_every_check_id_the_code_emits_is_in_the_catalog():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "validation").rglob("*.py"))
    emitted = set(re.findall(r'Finding\(\s*"([a-z0-9-]+)"', source))
    emitted |= set(re.findall(r'(?:name|row_check\()\s*=?\s*"([a-z0-9-]+)"', source))
    emitted |= {f"{c}-not-in-article" for c in ("title", "byline")}
    assert emitted - set(CHECKS) == set()


def test_every_check_id_has_a_test_that_triggers_it():
    tests = "\n".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.rglob("test_*.py")
                      if p.name != "test_docs.py")
    untested = [c for c in CHECKS if f'"{c}"' not in tests and f"'{c}'" not in tests]
    assert untested == []


def test_every_gate_rule_is_documented_and_triggered_by_a_test():
    from validation.gate.rules import GATE_RULES

    section = README.split("### Reading the gate's verdict", 1)[1].split("\n### ", 1)[0]
    gate_tests = (Path(__file__).parent / "gate" / "test_gate.py").read_text(encoding="utf-8")
    for rule, meaning in GATE_RULES.items():
        assert f"| `{rule}` | {meaning} |" in section, rule
        assert f'"{rule}"' in gate_tests, rule


def test_the_pre_commit_hooks_run_the_commands_the_readme_names():
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    config = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    for text in (hooks, config):
        assert "fmt --check" in text and "check --root ." in text and "^(facts|seeds)/" in text
    workflow = (REPO / "ci" / "github-workflow.yml").read_text(encoding="utf-8")
    assert "validation gate" in workflow and "GITHUB_STEP_SUMMARY" in workflow
    assert "upload-artifact" in workflow and "validation-report.html" in workflow
