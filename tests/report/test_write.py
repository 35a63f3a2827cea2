import os

from tests.conftest import REPO
from validation.report.model import build_report
from validation.report.write import REPORT_FILES, write_report


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
