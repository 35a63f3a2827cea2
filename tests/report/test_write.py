import os

import pytest

from tests.conftest import REPO
from validation.report import write
from validation.report.model import build_report
from validation.report.write import REPORT_FILES, write_atomically, write_report


def test_writes_the_three_files_and_no_temporary_ones(tmp_path):
    written = write_report(build_report(REPO), tmp_path / "new" / "folder")
    assert {p.name for p in written.values()} == set(REPORT_FILES.values())
    assert sorted(p.name for p in (tmp_path / "new" / "folder").iterdir()) == sorted(REPORT_FILES.values())
    mode = (tmp_path / "new" / "folder" / REPORT_FILES["html"]).stat().st_mode & 0o777
    assert mode == 0o666 & ~_umask()


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "validation-report.md"
    target.write_text("old", encoding="utf-8")

    def broken_replace(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["validation-report.md"]
