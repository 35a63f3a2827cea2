"""The seams of the package: checks judge the model, renderings read the model, and neither
reaches into a check module for data."""

import ast

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "validation"


def imported_modules(path):
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def checks_imported_by(path):
    return {m for m in imported_modules(path)
            if m.startswith("validation.checks.") and m.count(".") == 2}


@pytest.mark.parametrize("path", sorted(
    [*(PACKAGE / "model").glob("*.py"), *(PACKAGE / "report").glob("*.py"),
     *(PACKAGE / "gate").glob("*.py")]), ids=lambda p: str(p.relative_to(REPO)))
def test_the_model_and_the_renderings_never_import_a_check_module(path):
    assert checks_imported_by(path) == set()


@pytest.mark.parametrize("path", sorted(p for p in (PACKAGE / "checks").glob("*.py")
                                        if p.name != "__init__.py"), ids=lambda p: p.name)
def test_a_check_family_reads_the_model_not_another_family(path):
    assert checks_imported_by(path) == set()
