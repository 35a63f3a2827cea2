"""Print how long `python -m validation check` takes on a corpus, how much memory it uses, and how
both grow with the size of the corpus.

    python ci/benchmark.py [--root DIR] [--runs N] [--copies N [N ...]] [--shared-entities]
                           [--jobs N] [--keep DIR] [--timeout S] [--skip-embedded]

First, on the corpus under ``--root`` (the embedded one by default): the median wall time of the
whole command, of importing pandas and pandera alone (the floor), of `report` (which also
writes the HTML, Markdown and JSON reports) and the size of each file it writes, the in-process
time of each check family, and the peak resident memory.

Then, for each N of ``--copies`` (default 1 10 100), a synthetic corpus of N re-keyed copies of
the embedded corpus (``ci/synthetic_corpus.py``; ``--shared-entities`` keeps the entity ids, the
worst case of the consistency checks) is built in a temporary folder (or under ``--keep``), and
``python -m validation check --root DIR --format json`` is run on it once in a child process.
One table gives, per N: facts, pages, the time to build, the child's wall time (start-up and
imports included), the time of the checks themselves (the sum of the family times the JSON
reports), the child's peak resident memory and the largest peak of the workers it forked to walk
the pages (``--jobs``), facts checked per second, errors and warnings,
and each family's seconds (from the same run, so at no extra cost). Then the growth exponent
of the time between consecutive sizes, log(t2/t1) / log(f2/f1) (1 is linear, 2 quadratic), and
from the smallest to the largest. A run longer than ``--timeout`` seconds is stopped and shown
as a timeout.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

CI = Path(__file__).resolve().parent
REPO = CI.parent

#: Runs ``python -m validation ARGS`` in this process, then says its peak resident memory
#: (ru_maxrss: KiB on Linux) on stderr: the child's own peak, whatever ran before it, and the
#: largest peak of the worker processes it forked to walk the pages (0 when there were none).
_CHILD = r"""
import resource, runpy, sys
sys.argv = ["python -m validation", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("validation", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
sys.stdout.flush()
print(f"\nbenchmark-peak-rss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} "
      f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""
_PEAK_PREFIX = "benchmark-peak-rss "


@dataclass
class Run:
    """One run of a child process: its wall time, exit status and peak memory, or a timeout."""

    seconds: float
    returncode: int | None
    peak_kib: int | None
    timed_out: bool = False
    stderr: str = ""
    #: The largest peak of the workers that walked pages (``None``: no worker ran). A worker
    #: shares the pages of memory its parent had when it started until it writes to them, so
    #: the sum of both peaks overstates what the run held at once.
    workers_kib: int | None = None

    @property
    def peak_mib(self) -> float | None:
        return None if self.peak_kib is None else self.peak_kib / 1024

    @property
    def workers_mib(self) -> float | None:
        return None if self.workers_kib is None else self.workers_kib / 1024


def _rss_kib(value: int) -> int:
    """ru_maxrss in KiB: it is in bytes on macOS, in KiB elsewhere."""
    return value // 1024 if sys.platform == "darwin" else value


def run_child(args: Sequence[str], *, timeout: float, stdout_path: Path | None = None,
              cwd: Path = REPO) -> Run:
    """Run ``python -m validation ARGS`` in a fresh child process; give its wall time, exit
    status and peak resident memory, or a timeout once it has run ``timeout`` seconds (the
    child is then killed). Its standard output goes to ``stdout_path`` (else nowhere)."""
    command = [sys.executable, "-c", _CHILD, *args]
    started = time.perf_counter()
    with (stdout_path or Path(os.devnull)).open("wb") as out:
        try:
            done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, timeout=timeout,
                                  cwd=cwd, check=False)
        except subprocess.TimeoutExpired:
            return Run(time.perf_counter() - started, None, None, timed_out=True)
    seconds = time.perf_counter() - started
    stderr = done.stderr.decode("utf-8", "replace")
    peak = workers = None
    for line in reversed(stderr.splitlines()):
        if line.startswith(_PEAK_PREFIX):
            own, children = (_rss_kib(int(n)) for n in line[len(_PEAK_PREFIX):].split())
            peak, workers = own, (children or None)
            break
    return Run(seconds, done.returncode, peak, stderr=stderr, workers_kib=workers)


def wall(args: list[str], runs: int, timeout: float) -> float:
    """Median wall time of ``runs`` runs of the command ``args`` (``inf`` on a timeout)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        try:
            subprocess.run(args, check=False, capture_output=True, timeout=timeout, cwd=REPO)
        except subprocess.TimeoutExpired:
            return math.inf
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# --- pure helpers -----------------------------------------------------------------------------

def growth_exponent(size1: float, seconds1: float | None, size2: float, seconds2: float | None
                    ) -> float | None:
    """How time grows with size between two points: log(t2/t1) / log(s2/s1), 1 for linear, 2 for
    quadratic; ``None`` when a time is missing or not positive, or the sizes are equal."""
    if seconds1 is None or seconds2 is None or seconds1 <= 0 or seconds2 <= 0:
        return None
    if size1 <= 0 or size2 <= 0 or size1 == size2:
        return None
    return math.log(seconds2 / seconds1) / math.log(size2 / size1)


def growth_lines(label: str, points: Sequence[tuple[int, int, float | None]]) -> list[str]:
    """Lines giving the growth exponent of ``label`` between consecutive points and from the
    first to the last; each point is (copies, facts, seconds), seconds ``None`` for a timeout,
    which is left out."""
    known = [(copies, facts, seconds) for copies, facts, seconds in points if seconds is not None]
    steps = []
    for (c1, f1, t1), (c2, f2, t2) in itertools.pairwise(known):
        steps.append(f"x{c1} -> x{c2} {_exponent(growth_exponent(f1, t1, f2, t2))}")
    if len(known) > 2:
        (c1, f1, t1), (c2, f2, t2) = known[0], known[-1]
        steps.append(f"overall x{c1} -> x{c2} {_exponent(growth_exponent(f1, t1, f2, t2))}")
    return [f"{label}: {', '.join(steps) if steps else 'needs two sizes that finished'}"]


def _exponent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table: each column as wide as its widest cell, cells right-aligned, a
    rule under the header."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = ["  ".join(str(cell).rjust(width) for cell, width in zip(row, widths, strict=True))
             for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def seconds_cell(value: float | None) -> str:
    """Seconds as a table cell: three significant places below 10 s, '-' when unknown."""
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


# --- the synthetic corpora --------------------------------------------------------------------

@dataclass
class Size:
    """What one synthetic corpus measured: its size, build time and one check run."""

    copies: int
    counts: dict[str, int]
    build_seconds: float
    run: Run
    errors: int | None = None
    warnings: int | None = None
    families: dict[str, float] = field(default_factory=dict)

    @property
    def facts(self) -> int:
        return self.counts.get("facts", 0)

    @property
    def check_seconds(self) -> float | None:
        return None if self.run.timed_out else self.run.seconds

    @property
    def validate_seconds(self) -> float | None:
        return sum(self.families.values()) if self.families else None


def _load_synthetic() -> ModuleType:
    """ci/synthetic_corpus.py, loaded by path (ci/ is no package)."""
    spec = importlib.util.spec_from_file_location("synthetic_corpus", CI / "synthetic_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def read_check_json(path: Path) -> tuple[int | None, int | None, dict[str, float]]:
    """Errors, warnings and seconds by family from the output of ``check --format json``;
    ``None`` and nothing where the output is no such report."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None, None, {}
    summary = data.get("summary", {}) if isinstance(data, dict) else {}
    families = {f["name"]: float(f["seconds"]) for f in data.get("families", [])} \
        if isinstance(data, dict) else {}
    return summary.get("errors"), summary.get("warnings"), families


def measure_size(copies: int, *, shared_entities: bool, keep: Path | None, timeout: float,
                 jobs: int | None = None) -> Size:
    """Build ``copies`` copies of the embedded corpus and check them once in a child process
    (its pages walked by ``jobs`` processes; ``None``: the command's default)."""
    synthetic = _load_synthetic()
    with tempfile.TemporaryDirectory(prefix="benchmark-") as scratch:
        name = f"x{copies}{'-shared' if shared_entities else ''}"
        root = (keep / name) if keep else Path(scratch) / name
        if keep and root.exists():
            shutil.rmtree(root)
        started = time.perf_counter()
        counts = synthetic.build(root, copies, shared_entities=shared_entities, source=REPO)
        build_seconds = time.perf_counter() - started
        print(f"built {name}: {counts['facts']} facts, {counts['pages']} pages in {build_seconds:.1f} s"
              f"{f' ({root})' if keep else ''}", flush=True)
        output = Path(scratch) / "check.json"
        jobs_option = [] if jobs is None else ["--jobs", str(jobs)]
        run = run_child(["check", "--root", str(root), "--format", "json", *jobs_option],
                        timeout=timeout, stdout_path=output)
        size = Size(copies, counts, build_seconds, run)
        if run.timed_out:
            print(f"  check {name}: timeout after {timeout:.0f} s", flush=True)
            return size
        size.errors, size.warnings, size.families = read_check_json(output)
        if size.errors is None:
            tail = run.stderr.strip().splitlines()[-5:]
            print(f"  check {name}: exit status {run.returncode}, no JSON report; "
                  f"stderr: {' / '.join(tail)}", flush=True)
        else:
            print(f"  check {name}: {run.seconds:.1f} s, exit status {run.returncode}", flush=True)
        return size


def size_table(sizes: Sequence[Size]) -> str:
    """One row per size: copies, facts, pages, build s, check s, validate s, peak MiB (of the
    checking process), workers MiB (the largest peak of a worker walking pages, '-' without
    workers), facts/s, errors, warnings, then the seconds of each family."""
    families: list[str] = []
    for size in sizes:
        families += [name for name in size.families if name not in families]
    header = ["copies", "facts", "pages", "build s", "check s", "validate s", "peak MiB",
              "workers MiB", "facts/s",
              "errors", "warnings", *families]
    rows = []
    for size in sizes:
        check = size.check_seconds
        rows.append([
            str(size.copies), str(size.facts), str(size.counts.get("pages", 0)),
            seconds_cell(size.build_seconds),
            "timeout" if size.run.timed_out else seconds_cell(check),
            seconds_cell(size.validate_seconds),
            "-" if size.run.peak_mib is None else f"{size.run.peak_mib:.0f}",
            "-" if size.run.workers_mib is None else f"{size.run.workers_mib:.0f}",
            "-" if not check else f"{size.facts / check:.0f}",
            "-" if size.errors is None else str(size.errors),
            "-" if size.warnings is None else str(size.warnings),
            *(seconds_cell(size.families.get(name)) for name in families),
        ])
    return format_table(header, rows)


def report_sizes(sizes: Sequence[Size]) -> str:
    """The table of every size, the growth exponents of the check's time, and each family's
    exponent from the smallest to the largest size that finished."""
    lines = [size_table(sizes), ""]
    lines += growth_lines("growth exponent, check s", [(s.copies, s.facts, s.check_seconds) for s in sizes])
    lines += growth_lines("growth exponent, validate s",
                          [(s.copies, s.facts, s.validate_seconds) for s in sizes])
    finished = [s for s in sizes if s.families]
    if len(finished) >= 2:
        first, last = finished[0], finished[-1]
        by_family = []
        for name, seconds in last.families.items():
            exponent = growth_exponent(first.facts, first.families.get(name), last.facts, seconds)
            by_family.append(f"{name} {_exponent(exponent)}")
        lines.append(f"growth exponent by family, x{first.copies} -> x{last.copies}: " + ", ".join(by_family))
    return "\n".join(lines)


# --- the corpus as it is ----------------------------------------------------------------------

def embedded_figures(root: str | None, runs: int, timeout: float) -> None:
    """Print the timings and memory of the corpus under ``root`` (the embedded one if ``None``)."""
    corpus = ["--root", root if root else "embedded"]
    floor = [sys.executable, "-c", "import pandas, pandera.pandas"]
    print(f"import pandas+pandera  {wall(floor, runs, timeout):6.3f} s  (median of {runs})")
    checks = [run_child(["check", *corpus], timeout=timeout) for _ in range(runs)]
    finished = [r for r in checks if not r.timed_out]
    if not finished:
        print(f"validation check       timeout after {timeout:.0f} s")
        return
    print(f"validation check       {statistics.median(r.seconds for r in finished):6.3f} s  "
          f"(median of {len(finished)})")
    peaks = [r.peak_mib for r in finished if r.peak_mib is not None]
    if peaks:
        print(f"peak memory            {max(peaks):6.1f} MiB")
    with tempfile.TemporaryDirectory() as out:
        report_command = [sys.executable, "-m", "validation", "report", "--out", out, *corpus]
        seconds = wall(report_command, runs, timeout)
        print(f"validation report      {seconds:6.3f} s  (median of {runs})")
        for path in sorted(Path(out).iterdir()):
            print(f"  {path.name:<26} {path.stat().st_size / 1024:7.1f} KiB")

    from validation.corpus import default_root
    from validation.engine import validate

    report = validate(root or default_root())
    for family in report.families:
        print(f"  {family.name:<14} {family.seconds * 1000:7.1f} ms")
    print(f"  rows: {report.table_sizes}")


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures the command line asks for; gives the exit status."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--root", default=None, help="the corpus of the first part (default: embedded)")
    parser.add_argument("--runs", type=int, default=5, help="runs whose median is shown (first part)")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 100], metavar="N",
                        help="sizes of the synthetic corpora, in copies of the embedded one "
                             "(default: 1 10 100; 0 skips them)")
    parser.add_argument("--shared-entities", action="store_true",
                        help="every copy keeps the embedded entity ids (agreement groups grow N-fold)")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="build the synthetic corpora under DIR (x10, x100-shared, ...) and keep them")
    parser.add_argument("--timeout", type=float, default=900, metavar="S",
                        help="stop a run after S seconds and report a timeout (default: 900)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="check the synthetic corpora with --jobs N (default: the command's "
                             "own default, one process per usable processor)")
    parser.add_argument("--skip-embedded", action="store_true",
                        help="measure the synthetic corpora only")
    options = parser.parse_args(None if argv is None else list(argv))
    if options.runs < 1:
        parser.error("--runs must be 1 or more")
    if options.jobs is not None and options.jobs < 1:
        parser.error("--jobs must be 1 or more")
    copies = sorted({n for n in options.copies if n > 0})
    if not options.skip_embedded:
        embedded_figures(options.root, options.runs, options.timeout)
    if not copies:
        return 0
    if options.keep:
        options.keep.mkdir(parents=True, exist_ok=True)
    mode = "shared entities" if options.shared_entities else "entities per copy"
    print(f"\nsynthetic corpora ({mode}): copies {' '.join(map(str, copies))}", flush=True)
    sizes = [measure_size(n, shared_entities=options.shared_entities, keep=options.keep,
                          timeout=options.timeout, jobs=options.jobs) for n in copies]
    print()
    print(report_sizes(sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
