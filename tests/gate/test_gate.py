"""End to end: temporary git repositories holding the corpus, a change in the working tree,
and the gate's verdict against HEAD."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, cell, edit_cell, read_rows, write_rows
from validation.cli import main
from validation.gate import gate


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                           "-c", "commit.gpgsign=false", *args], cwd=root, capture_output=True,
                          text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(corpus_root: Path) -> Path:
    """A git repository whose HEAD holds the embedded corpus."""
    git(corpus_root, "init", "-q", "-b", "main")
    commit(corpus_root, "base")
    return corpus_root


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def remove_row(root: Path, table: str, key: str) -> None:
    header, rows = read_rows(root / "facts" / f"{table}.csv")
    write_rows(root / "facts" / f"{table}.csv", header, [r for r in rows if r[0] != key])


def reasons(result) -> set[tuple[str, str | None, str | None]]:
    return {(r.check, r.table, r.row) for r in result.reasons}


def uncited_fact() -> str:
    cited = (REPO / "facts" / "relations.csv").read_text(encoding="utf-8") + \
        (REPO / "facts" / "conflicts.csv").read_text(encoding="utf-8")
    _, rows = read_rows(REPO / "facts" / "facts.csv")
    return next(r[0] for r in rows if r[0] not in cited)


def test_an_unchanged_tree_is_accepted_with_no_changes(repo):
    result = gate(repo, "HEAD")
    assert result.accepted and result.reasons == [] and all(d.empty for d in result.diffs)


def test_adding_a_good_fact_is_accepted(repo):
    fact = uncited_fact()
    saved = (repo / "facts" / "facts.csv").read_bytes()
    remove_row(repo, "facts", fact)
    commit(repo, "without the fact")
    (repo / "facts" / "facts.csv").write_bytes(saved)
    result = gate(repo, "HEAD")
    assert result.accepted, [r.message for r in result.reasons]
    (facts,) = [d for d in result.diffs if d.table == "facts"]
    assert facts.added == [fact] and not facts.changed and not facts.removed
    assert [f.check for f in result.fixed] == ["mention-not-covered"]


def test_changing_a_digit_is_refused_as_a_new_failure(repo):
    edit_cell(repo, "facts", "F0024", "value", "778")
    result = gate(repo, "HEAD")
    assert not result.accepted
    assert ("new-failure", "facts", "F0024") in reasons(result)
    (facts,) = [d for d in result.diffs if d.table == "facts"]
    (change,) = facts.changed
    assert change.row == "F0024"
    assert [(c.column, c.old, c.new) for c in change.cells] == [("value", "777", "778")]
    first = result.reasons[0]
    assert first.message.startswith("figure-mismatch: ") and first.column == "value"


def test_removing_a_fact_a_relation_cites_is_refused(repo):
    remove_row(repo, "facts", "F3033")
    result = gate(repo, "HEAD")
    assert ("removed-row-cited", "facts", "F3033") in reasons(result)
    (reason,) = [r for r in result.reasons if r.check == "removed-row-cited"]
    assert "relations R0001 still cites it in expression" in reason.message


def test_reusing_an_id_for_another_figure_is_refused(repo):
    edit_cell(repo, "facts", "F0024", "quote", cell(repo, "facts", "F0025", "quote"))
    edit_cell(repo, "facts", "F0024", "text", cell(repo, "facts", "F0025", "text"))
    result = gate(repo, "HEAD")
    (reason,) = [r for r in result.reasons if r.check == "id-reused"]
    assert (reason.table, reason.row) == ("facts", "F0024")
    assert "next free id" in reason.hint


def test_editing_a_seed_byte_is_refused(repo):
    page = sorted((repo / "seeds").iterdir())[0]
    data = bytearray(page.read_bytes())
    data[-2] = ord("X") if data[-2] != ord("X") else ord("Y")
    page.write_bytes(bytes(data))
    result = gate(repo, "HEAD")
    assert ("seed-edited", "pages", page.name) in reasons(result)
    assert result.seeds.changed == [page.name]
    (reason,) = [r for r in result.reasons if r.check == "seed-edited"]
    assert reason.message == f"seeds/{page.name} differs from the base ref"


def test_a_new_seed_without_its_sha256_is_refused(repo):
    (repo / "seeds" / "005_new.txt").write_text("新的一页\n", encoding="utf-8")
    result = gate(repo, "HEAD")
    assert ("seed-unrecorded", "pages", "005_new.txt") in reasons(result)
    assert result.seeds.added == ["005_new.txt"]


def test_a_table_out_of_canonical_form_is_refused_with_the_hint_to_run_fmt(repo):
    path = repo / "facts" / "entities.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = gate(repo, "HEAD")
    assert reasons(result) == {("not-canonical", "entities", None)}
    assert "python -m validation fmt" in result.reasons[0].hint
    assert result.new_failures == []  # csv-line-endings is reported as the canonical form


def test_a_pure_reordering_shows_no_row_changes_and_is_refused_only_for_form(repo):
    header, rows = read_rows(repo / "facts" / "facts.csv")
    write_rows(repo / "facts" / "facts.csv", header, list(reversed(rows)))
    result = gate(repo, "HEAD")
    assert all(d.empty for d in result.diffs)
    assert reasons(result) == {("not-canonical", "facts", None)}
    assert main(["fmt", "--root", str(repo)]) == 0
    assert gate(repo, "HEAD").accepted
    assert git(repo, "status", "--porcelain") == ""


def test_a_failure_already_at_the_base_is_pre_existing_and_does_not_block(repo):
    edit_cell(repo, "facts", "F0024", "value", "778")
    commit(repo, "a broken figure")
    edit_cell(repo, "facts", "F0001", "note", "A note changed by this change.")
    result = gate(repo, "HEAD")
    assert result.accepted
    assert ("figure-mismatch", "F0024") in {(f.check, f.row) for f in result.preexisting}
    assert result.new_failures == []


def test_a_base_without_a_corpus_makes_every_row_new(repo):
    git(repo, "rm", "-q", "-r", "--cached", "facts", "seeds")
    git(repo, "commit", "-q", "-m", "empty")
    result = gate(repo, "HEAD")
    (facts,) = [d for d in result.diffs if d.table == "facts"]
    assert len(facts.added) == len(read_rows(REPO / "facts" / "facts.csv")[1]) and not facts.removed
    assert sorted(result.seeds.added) == sorted(p.name for p in (REPO / "seeds").iterdir())


def test_markdown_puts_the_verdict_first_then_the_diff_then_new_failures(repo, capsys):
    edit_cell(repo, "facts", "F0024", "value", "778")
    assert main(["gate", "--base", "HEAD", "--root", str(repo), "--format", "markdown"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("## ❌ REFUSED against HEAD (")
    order = [out.index(h) for h in ("### Why", "### Changes", "#### facts", "### Failures")]
    assert order == sorted(order)
    assert "| changed | F0024 | value | 777 | 778 |" in out
    assert "| `figure-mismatch` | facts | F0024 | value | 777 | 778 |" in out


def test_json_output_through_the_real_entry_point(repo):
    edit_cell(repo, "facts", "F0024", "value", "778")
    done = subprocess.run([sys.executable, "-m", "validation", "gate", "--base", "HEAD", "--root",
                           str(repo), "--format", "json"], capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"format_version", "base", "commit", "root", "accepted", "reasons", "allowed",
                         "tables", "seeds", "not_canonical", "failures"}
    assert data["accepted"] is False and data["tables"]["facts"]["changed"][0]["row"] == "F0024"
    assert set(data["failures"]) == {"new", "preexisting", "fixed"}


def test_an_unknown_ref_or_a_folder_outside_git_exits_2(repo, tmp_path, capsys):
    assert main(["gate", "--base", "origin/nowhere", "--root", str(repo)]) == 2
    assert "--base 'origin/nowhere': no such commit" in capsys.readouterr().err
    outside = tmp_path / "plain"
    shutil.copytree(repo / "facts", outside / "facts")
    shutil.copytree(repo / "seeds", outside / "seeds")
    assert main(["gate", "--base", "HEAD", "--root", str(outside)]) == 2
    assert "not inside a git work tree" in capsys.readouterr().err


def test_a_row_that_does_not_fit_its_header_is_refused_not_unusable(repo):
    path = repo / "facts" / "metrics.csv"
    path.write_text(path.read_text(encoding="utf-8") + "zz_extra,row\n", encoding="utf-8")
    result = gate(repo, "HEAD")
    (reason,) = [r for r in result.reasons if r.check == "not-canonical"]
    assert "row has 2 cells, the header 5" in reason.message and reason.hint.startswith("fix the row")
    assert "csv-malformed-row" in {f.check for f in result.new_failures}


# Adversarial changes: each would silence a check or drop data, and each must be refused.

def set_sha256(root: Path, page: Path) -> None:
    import hashlib

    edit_cell(root, "pages", page.name, "sha256", hashlib.sha256(page.read_bytes()).hexdigest())


def test_a_seed_edited_with_its_sha256_updated_is_refused(repo):
    page = repo / "seeds" / "000_56aa01df765f2168.txt"
    page.write_bytes(page.read_bytes().replace("777家".encode(), "778家".encode()))
    set_sha256(repo, page)
    for column, value in (("value", "778"), ("text", "778家"), ("quote", "发展数商会员778家")):
        edit_cell(repo, "facts", "F0024", column, value)
    result = gate(repo, "HEAD")
    assert ("seed-edited", "pages", page.name) in reasons(result)
    assert not result.accepted


def test_a_sentence_appended_to_a_seed_is_refused_even_with_its_sha256(repo):
    page = repo / "seeds" / "000_56aa01df765f2168.txt"
    page.write_bytes(page.read_bytes() + "另有新闻一则。\n".encode())
    set_sha256(repo, page)
    assert ("seed-edited", "pages", page.name) in reasons(gate(repo, "HEAD"))


def test_a_deleted_seed_is_refused(repo):
    (repo / "seeds" / "004_e58332798fe41e73.txt").unlink()
    result = gate(repo, "HEAD")
    assert ("seed-removed", "pages", "004_e58332798fe41e73.txt") in reasons(result)


def test_a_new_page_recorded_in_pages_csv_raises_no_seed_rule(repo):
    page = repo / "seeds" / "005_new.txt"
    page.write_text("新的一页\n", encoding="utf-8")
    header, rows = read_rows(repo / "facts" / "pages.csv")
    import hashlib

    rows.append(["005_new.txt", hashlib.sha256(page.read_bytes()).hexdigest(), "A new page."])
    write_rows(repo / "facts" / "pages.csv", header, rows)
    result = gate(repo, "HEAD")
    assert not {r.check for r in result.reasons} & {"seed-edited", "seed-removed", "seed-unrecorded"}
    assert result.seeds.added == ["005_new.txt"]


@pytest.mark.parametrize("how", ["deleted", "renamed"])
def test_a_table_missing_at_the_head_is_refused(repo, how):
    path = repo / "facts" / "relations.csv"
    rows = len(read_rows(path)[1])
    if how == "deleted":
        path.unlink()
    else:
        path.rename(repo / "facts" / "relation.csv")
    result = gate(repo, "HEAD")
    assert ("table-removed", "relations", None) in reasons(result)
    assert f"{rows} row(s)" in next(r.message for r in result.reasons if r.check == "table-removed")


def test_a_removed_relation_is_refused_unless_allowed_and_listed_either_way(repo):
    remove_row(repo, "relations", "R0007")  # a relation no sentence states, so none goes undeclared
    assert ("relation-removed", "relations", "R0007") in reasons(gate(repo, "HEAD"))
    allowed = gate(repo, "HEAD", frozenset({"relation-removed"}))
    assert allowed.accepted
    assert [(r.check, r.row) for r in allowed.allowed] == [("relation-removed", "R0007")]


def test_removing_a_relation_the_page_states_is_a_new_failure_no_allow_lets_through(repo):
    remove_row(repo, "relations", "R0001")
    result = gate(repo, "HEAD", frozenset({"relation-removed"}))
    assert not result.accepted
    new = {(f.check, f.table, f.row) for f in result.new_failures}
    assert ("relation-undeclared", "articles", "A003-05") in new


@pytest.mark.parametrize("expression", ["F3033 >= F3034 + F3035", "F3033 == F3033"])
def test_a_weakened_relation_is_refused(repo, expression):
    edit_cell(repo, "relations", "R0001", "expression", expression)
    result = gate(repo, "HEAD")
    (reason,) = [r for r in result.reasons if r.check == "relation-changed"]
    assert (reason.row, reason.expected, reason.found) == ("R0001", "F3033 == F3034 + F3035", expression)


def test_a_conflict_listing_every_fact_is_refused_and_silences_nothing(repo):
    _, facts = read_rows(repo / "facts" / "facts.csv")
    header, rows = read_rows(repo / "facts" / "conflicts.csv")
    rows.append(["C0099", "|".join(r[0] for r in facts), "Everything disagrees.", ""])
    write_rows(repo / "facts" / "conflicts.csv", header, rows)
    edit_cell(repo, "facts", "F3034", "value", "27")  # would break R0001
    edit_cell(repo, "facts", "F3034", "text", "27个")
    result = gate(repo, "HEAD")
    assert ("conflict-added", "conflicts", "C0099") in reasons(result)
    new = {(f.check, f.row) for f in result.new_failures}
    assert ("conflict-stale", "C0099") in new and ("relation-violated", "R0001") in new


def test_a_changed_conflict_is_refused_unless_allowed(repo):
    edit_cell(repo, "conflicts", "C0001", "preferred", "F0004")
    result = gate(repo, "HEAD")
    assert ("conflict-changed", "conflicts", "C0001") in reasons(result)
    assert gate(repo, "HEAD", frozenset({"conflict-changed"})).accepted


def test_an_exclusion_taking_over_a_removed_facts_mention_is_refused(repo):
    fact = uncited_fact()
    header, rows = read_rows(repo / "facts" / "facts.csv")
    row = dict(zip(header, next(r for r in rows if r[0] == fact), strict=True))
    remove_row(repo, "facts", fact)
    ex_header, exclusions = read_rows(repo / "facts" / "exclusions.csv")
    exclusions.append(["X9999", row["article_id"], row["text"], row["quote"], row["occurrence"],
                       "indefinite", "Not a figure after all."])
    write_rows(repo / "facts" / "exclusions.csv", ex_header, exclusions)
    result = gate(repo, "HEAD")
    (reason,) = [r for r in result.reasons if r.check == "fact-replaced-by-exclusion"]
    assert reason.row == row["article_id"] and reason.location.startswith("seeds/")
    assert "covered by facts" in reason.message
    assert gate(repo, "HEAD", frozenset({"fact-replaced-by-exclusion"})).accepted


def test_fixing_one_uncovered_mention_and_uncovering_another_is_one_fixed_one_new(repo):
    header, rows = read_rows(repo / "facts" / "facts.csv")
    first, second = (r for r in rows if r[0] in ("F3034", "F3035"))
    remove_row(repo, "facts", "F3034")
    remove_row(repo, "relations", "R0001")
    commit(repo, "F3034's mention uncovered")
    rows = [r for r in rows if r[0] != "F3035"]
    write_rows(repo / "facts" / "facts.csv", header, rows)  # F3034 back, F3035 gone
    result = gate(repo, "HEAD")
    assert [f.check for f in result.fixed] == ["mention-not-covered"]
    assert [f.check for f in result.new_failures] == ["mention-not-covered"]
    assert result.fixed[0].location != result.new_failures[0].location
    assert second[9] in result.new_failures[0].message or second[9] in (result.new_failures[0].found or "")
    assert first[0] == "F3034"


def test_allow_names_only_rules_that_may_be_allowed(repo, capsys):
    assert main(["gate", "--base", "HEAD", "--root", str(repo), "--allow", "seed-edited"]) == 2
    assert "cannot be allowed" in capsys.readouterr().err
    assert main(["gate", "--base", "HEAD", "--root", str(repo), "--allow", "no-such-rule"]) == 2
    assert "is not a rule" in capsys.readouterr().err
    remove_row(repo, "relations", "R0007")
    assert main(["gate", "--base", "HEAD", "--root", str(repo), "--allow", "relation-removed"]) == 0
    assert "allowed  relation-removed  relations R0007" in capsys.readouterr().out


def test_a_base_whose_seed_links_outside_the_corpus_is_unusable_not_a_crash(repo, capsys):
    page = repo / "seeds" / "000_56aa01df765f2168.txt"
    page.unlink()
    page.symlink_to("/etc/passwd")
    commit(repo, "a seed that links outside")
    git(repo, "checkout", "-q", "HEAD~1", "--", "seeds")
    assert main(["gate", "--base", "HEAD", "--root", str(repo)]) == 2
    err = capsys.readouterr().err
    assert "cannot extract the corpus at HEAD" in err and "root:" not in err
