"""Print how long `python -m validation check` takes on a corpus, and how much memory it uses.

    python ci/benchmark.py [--root DIR] [--runs N]

Reports the median wall time of the whole command, of importing pandas and pandera alone (the
floor), of `report` (which also writes the HTML, Markdown and JSON reports) and the size of
each file it writes, the in-process time of each check family, and the peak resident memory.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def wall(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, check=False, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def peak_rss_kb(args: list[str]) -> int:
    import resource

    subprocess.run(args, check=False, capture_output=True)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=None)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    check = [sys.executable, "-m", "validation", "check"] + (["--root", options.root] if options.root else [])
    floor = [sys.executable, "-c", "import pandas, pandera.pandas"]
    print(f"import pandas+pandera  {wall(floor, options.runs):6.3f} s  (median of {options.runs})")
    print(f"validation check       {wall(check, options.runs):6.3f} s  (median of {options.runs})")
    print(f"peak memory            {peak_rss_kb(check) / 1024:6.1f} MB")
    with tempfile.TemporaryDirectory() as out:
        report_command = [*check[:3], "report", "--out", out, *check[4:]]
        seconds = wall(report_command, options.runs)
        print(f"validation report      {seconds:6.3f} s  (median of {options.runs})")
        for path in sorted(Path(out).iterdir()):
            print(f"  {path.name:<26} {path.stat().st_size / 1024:7.1f} KiB")

    from validation.corpus import default_root
    from validation.engine import validate

    report = validate(options.root or default_root())
    for family in report.families:
        print(f"  {family.name:<14} {family.seconds * 1000:7.1f} ms")
    print(f"  rows: {report.table_sizes}")


if __name__ == "__main__":
    main()
