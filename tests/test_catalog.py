"""The catalogue of check ids is gathered from the declarations each family keeps next to the
code that emits them: every id a module reports is declared by its own family, once."""

import re
from collections import Counter

import pytest

from tests.conftest import REPO
from validation.catalog import CHECK_SPECS, CHECKS, DECLARED, WARNING_CHECKS
from validation.checks import FAMILIES, FAMILY_MODULES

#: The modules that emit each family's findings besides the family's own module: the model
#: places the quoting rows (traceability) and measures coverage.
EMITTERS = {
    "load": ["validation/csvfile.py"],
    "traceability": ["validation/checks/traceability.py", "validation/model/placements.py"],
    "coverage": ["validation/checks/coverage.py", "validation/model/coverage.py"],
}
#: Ids a module may emit that another family declares: a seed that is a link is reported by the
#: pages family with the load family's check, a relation citing no fact by consistency with the
#: references family's.
BORROWED = {"pages": {"not-a-regular-file"}, "consistency": {"dangling-reference"}}


def emitted_by(path: str) -> set[str]:
    source = (REPO / path).read_text(encoding="utf-8")
    found = set(re.findall(r'Finding\(\s*"([a-z0-9-]+)"', source))
    found |= {f"{c}-not-in-article" for c in re.findall(r'"(title|byline)"', source)
              if 'f"{column}-not-in-article"' in source}
    return found


@pytest.mark.parametrize("family", list(DECLARED))
def test_each_family_declares_every_check_its_modules_emit(family):
    paths = EMITTERS.get(family, [f"validation/checks/{family}.py"])
    emitted = set().union(*(emitted_by(p) for p in paths))
    declared = {c.id for c in DECLARED[family]}
    assert emitted, f"no check found in {paths}: the pattern no longer matches the code"
    assert emitted - declared - BORROWED.get(family, set()) == set()


def test_the_schema_family_declares_every_row_check_of_the_schemas():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "validation" / "schemas").glob("*.py"))
    row_checks = set(re.findall(r'row_check\(\s*"([a-z0-9-]+)"', source))
    assert row_checks and row_checks <= {c.id for c in DECLARED["schema"]}


def test_no_check_id_is_declared_twice():
    ids = Counter(c.id for checks in DECLARED.values() for c in checks)
    assert [i for i, n in ids.items() if n > 1] == []
    assert len(CHECKS) == len(CHECK_SPECS) == sum(ids.values())


def test_the_catalogue_follows_the_order_the_families_run_in():
    assert list(DECLARED) == ["load", *FAMILIES]
    assert list(FAMILY_MODULES) == list(FAMILIES)
    families = [family for family, _ in CHECKS.values()]
    assert families == sorted(families, key=list(DECLARED).index)


def test_every_declaration_says_what_fails_and_how_to_fix_it():
    for check in CHECK_SPECS.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", check.id), check.id
        assert check.description.endswith(".") and not check.description[0].islower(), check.id
        assert check.hint and not check.hint.endswith("."), check.id
        assert check.severity in ("error", "warning")


def test_only_a_recorded_conflict_is_a_warning():
    assert WARNING_CHECKS == {"known-conflict"}
