"""Walking the pages in worker processes: the runs, and the findings they give (the same as one
process finds, whatever happens to a worker)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import edit_cell, read_rows
from tests.test_model import _synthetic
from validation.cli import main
from validation.corpus import load_corpus
from validation.engine import validate
from validation.model import pages, workers
from validation.model.workers import MIN_PAGES_PER_JOB, split, walk_runs

pytestmark = pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked")


@given(st.integers(0, 5 * MIN_PAGES_PER_JOB), st.integers(1, 8))
def test_runs_hold_every_page_once_in_order_and_differ_by_one_page_at_most(count, jobs):
    items = list(range(count))
    runs = split(items, jobs)
    assert [item for run in runs for item in run] == items
    assert 1 <= len(runs) <= jobs
    assert max(map(len, runs)) - min(map(len, runs)) <= 1
    if len(runs) > 1:
        assert min(map(len, runs)) >= MIN_PAGES_PER_JOB


def test_a_corpus_too_small_to_share_is_walked_as_one_run():
    assert split(list(range(2 * MIN_PAGES_PER_JOB - 1)), 2) == [list(range(2 * MIN_PAGES_PER_JOB - 1))]


def test_runs_come_back_in_run_order_from_their_workers():
    parent = os.getpid()
    results = walk_runs(lambda run: (run, os.getpid() == parent), [["a"], ["b"], ["c"]],
                        lambda result: ("packed", result), lambda packed: ("unpacked", packed))
    assert results == [(["a"], True), ("unpacked", ("packed", (["b"], False))),
                       ("unpacked", ("packed", (["c"], False)))]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four copies (20 pages), with failures planted on the last copy's pages: those a second
    worker walks."""
    root = _synthetic(tmp_path_factory.mktemp("x4") / "corpus", 4)
    facts = read_rows(root / "facts" / "facts.csv")[1]
    edit_cell(root, "facts", facts[-1][0], "quote", "并不存在的话")
    edit_cell(root, "facts", facts[-2][0], "occurrence", "99")
    exclusions = read_rows(root / "facts" / "exclusions.csv")[1]
    (root / "facts" / "exclusions.csv").write_text(
        (root / "facts" / "exclusions.csv").read_text(encoding="utf-8").replace(
            "\n" + ",".join(exclusions[-1]) + "\n", "\n"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _synthetic(tmp_path_factory.mktemp("x4") / "corpus", 4)


@pytest.fixture
def small_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs of a single page, so that a 20-page corpus is shared by workers."""
    monkeypatch.setattr(workers, "MIN_PAGES_PER_JOB", 1)


def _walked(root: Path, jobs: int) -> tuple[object, ...]:
    """Everything the walk found, and the findings of the run."""
    corpus = load_corpus(root, jobs=jobs)
    walk = corpus.model.page_walk
    return (walk.placements, walk.mentions, walk.sentences, walk.unprinted_words,
            walk.printed_names, validate(root, jobs=jobs).findings)


def test_workers_find_what_one_process_finds_with_the_planted_failures(broken, small_runs):
    alone = _walked(broken, 1)
    for jobs in (2, 3, 7):
        assert _walked(broken, jobs) == alone
    alone = validate(broken, jobs=1).findings
    planted = {f.check: f for f in alone if f.check in (
        "quote-not-in-article", "mention-not-covered", "occurrence-out-of-range")}
    assert set(planted) == {"quote-not-in-article", "mention-not-covered", "occurrence-out-of-range"}
    last_page = sorted({b.file for b in load_corpus(broken).model.blocks})[-1]
    assert planted["mention-not-covered"].location.startswith(f"seeds/{last_page}:")


def test_this_process_reads_only_its_own_run_of_pages(clean, small_runs, page_reads):
    reads = page_reads
    corpus = load_corpus(clean, jobs=4)
    assert corpus.model.page_walk.mentions
    files = list(pages._Walker(corpus, corpus.model.article_spans).on_page)
    assert set(reads) == set(split(files, 4)[0]) and set(reads.values()) == {1}


@pytest.mark.parametrize("failure", ["killed", "raises", "hangs"])
def test_a_worker_that_dies_or_fails_costs_nothing_but_time(broken, small_runs, monkeypatch, failure):
    alone = _walked(broken, 1)
    parent = os.getpid()
    real = pages._Walker.walk_pages

    def failing(self, files):
        if os.getpid() != parent and files == self_runs[-1]:
            if failure == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            if failure == "hangs":
                threading.Event().wait()
            raise MemoryError
        return real(self, files)

    corpus = load_corpus(broken, jobs=3)
    self_runs = split(list(pages._Walker(corpus, corpus.model.article_spans).on_page), 3)
    monkeypatch.setattr(pages._Walker, "walk_pages", failing)
    monkeypatch.setattr(workers, "GRACE_SECONDS", 0.3)
    assert _walked(broken, 3) == alone


def test_with_another_python_thread_running_every_run_is_walked_here():
    parent, stop = os.getpid(), threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        results = walk_runs(lambda run: os.getpid() == parent, [["a"], ["b"]], str, bool)
    finally:
        stop.set()
        other.join()
    assert results == [True, True]


def test_a_worker_that_cannot_start_has_its_run_walked_here(monkeypatch):
    def refuse(self):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", refuse)
    parent = os.getpid()
    assert walk_runs(lambda run: (run, os.getpid() == parent), [["a"], ["b"]], str, str) == [
        (["a"], True), (["b"], True)]


@pytest.mark.parametrize("value", ["0", "-1", "x", "257", "2.5", ""])
def test_jobs_must_be_a_number_of_processes(value, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--root", "embedded", "--jobs", value])
    assert exit_info.value.code == 2
    assert "--jobs" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "coverage", "report"])
def test_jobs_is_an_option_of_every_command_that_walks_the_pages(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "--jobs N" in capsys.readouterr().out
