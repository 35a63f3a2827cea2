import os

import pytest

from validation import files
from validation.files import write_atomically


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "validation-report.md"
    target.write_text("old", encoding="utf-8")

    def broken_replace(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["validation-report.md"]


def test_a_temporary_left_by_a_dead_run_is_removed_by_the_next_write(tmp_path):
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    stale = tmp_path / f".facts.csv.{dead}.abc123.tmp"
    stale.write_text("half a table", encoding="utf-8")
    alive = tmp_path / f".facts.csv.{os.getppid()}.abc123.tmp"  # a live process's: kept
    alive.write_text("being written", encoding="utf-8")
    write_atomically(tmp_path / "facts.csv", "new")
    assert not stale.exists() and alive.exists()
    assert (tmp_path / "facts.csv").read_text(encoding="utf-8") == "new"


def test_a_staged_set_replaces_nothing_when_one_file_fails(tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), files.staged(tmp_path) as stage:
        stage(tmp_path / "a.txt", "new")
        raise RuntimeError("rendering b failed")
    assert [(tmp_path / n).read_text(encoding="utf-8") for n in ("a.txt", "b.txt")] == ["old", "old"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_rewritten_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "facts.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_only_regular_files_are_read(tmp_path):
    (tmp_path / "real.txt").write_text("x", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    os.mkfifo(tmp_path / "fifo")
    assert files.read_regular(tmp_path / "real.txt") == b"x"
    with pytest.raises(files.NotRegularFile, match="symbolic link"):
        files.read_regular(tmp_path / "link.txt")
    with pytest.raises(files.NotRegularFile, match="FIFO"):
        files.read_regular(tmp_path / "fifo")
    with pytest.raises(files.NotRegularFile, match="directory"):
        files.read_regular(tmp_path)
    with pytest.raises(FileNotFoundError):
        files.read_regular(tmp_path / "absent")
