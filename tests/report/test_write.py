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


def test_a_killed_report_leaves_no_temporary_that_the_next_run_does_not_remove(tmp_path):
    import shutil
    import signal
    import subprocess
    import sys
    import time

    from tests.test_hostile_inputs import TINY
    from validation.cli import main

    root, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(TINY, root)
    for delay in (0.2, 0.4, 0.6, 0.8, 1.0, 1.2):
        run = subprocess.Popen([sys.executable, "-m", "validation", "report", "--root", str(root),
                                "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        run.wait()
    out.mkdir(exist_ok=True)  # and one as a killed run leaves it, whatever the timing above did
    (out / f".{REPORT_FILES['html']}.{run.pid}.x1y2z3.tmp").write_text("<html>half", encoding="utf-8")
    assert main(["report", "--root", str(root), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(REPORT_FILES.values())
