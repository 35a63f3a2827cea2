"""Walking runs of pages in worker processes, on the machine the run is on.

The pages are split into runs of consecutive pages, one per job; this process walks the first
run while a forked worker walks each other run, and the results come back in page order. A
worker shares the corpus as it was when it started (the tables, and the views the walk needs,
read once before), reads its own pages, and sends back only what it found, in compact form
(see :class:`validation.model.pages._Packed`).

A run is never lost: when a worker fails, dies (killed, out of memory) or is still not done
long after this process finished its own run (:data:`PATIENCE`), this process walks its run
itself, so the results, and the findings, are those of a walk in one process, and no worker
can hang the command. Where
processes cannot be forked (Windows, macOS's default), or a run would be short, every run is
walked here.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext
from multiprocessing.process import BaseProcess
from typing import TypeVar

T = TypeVar("T")
P = TypeVar("P")

#: The fewest pages a worker is started for: below this, starting it costs more than it saves.
MIN_PAGES_PER_JOB = 64
#: How long the workers get, once this process walked its own run of about the same size: this
#: many times as long as that took, and at least :data:`GRACE_SECONDS`. A worker later than
#: that is stopped and its run walked here.
PATIENCE = 4
GRACE_SECONDS = 60.0


def usable_cpus() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def split(items: Sequence[T], jobs: int | None) -> list[list[T]]:
    """``items`` as runs of consecutive items, one per job (``None``: one per usable processor),
    each of at least :data:`MIN_PAGES_PER_JOB` items, the runs differing in length by one at
    most. One run when processes cannot be forked."""
    wanted = usable_cpus() if jobs is None else jobs
    count = max(1, min(wanted, len(items) // MIN_PAGES_PER_JOB)) if can_fork() else 1
    size, extra = divmod(len(items), count)
    runs: list[list[T]] = []
    start = 0
    for k in range(count):
        end = start + size + (k < extra)
        runs.append(list(items[start:end]))
        start = end
    return runs


def walk_runs(walk: Callable[[list[str]], T], runs: list[list[str]],
              pack: Callable[[T], P], unpack: Callable[[P], T]) -> list[T]:
    """``walk`` of each run, in run order: the first here, each other in a forked worker (or
    here, when its worker cannot start, fails or dies). A worker sends ``pack`` of its result,
    which this process turns back with ``unpack``. Every run is walked here when this process
    runs other Python threads (a thread holding a lock at the fork would leave the lock held
    in the worker) or is itself a daemonic worker, which may not have children."""
    if len(runs) < 2 or threading.active_count() > 1 or multiprocessing.current_process().daemon:
        return [walk(run) for run in runs]
    context = multiprocessing.get_context("fork")
    sys.stdout.flush()  # a forked worker must not write out what this process buffered
    sys.stderr.flush()
    gc.freeze()  # the collector in a worker would touch, and so copy, every object it shares
    workers: list[tuple[BaseProcess | None, Connection | None, list[str]]] = []
    try:
        for run in runs[1:]:
            workers.append(_start(context, lambda run: pack(walk(run)), run))
        started = time.monotonic()
        results = [walk(runs[0])]
        deadline = time.monotonic() + max(GRACE_SECONDS, PATIENCE * (time.monotonic() - started))
        for worker, receive, run in workers:
            try:
                if receive is None or not receive.poll(max(0.0, deadline - time.monotonic())):
                    raise EOFError  # no worker, or one that is late
                data = receive.recv_bytes()
            except (EOFError, OSError):  # no worker, or it failed, died or is late
                if worker is not None and worker.is_alive():
                    worker.kill()
                results.append(walk(run))
            else:
                results.append(unpack(pickle.loads(data)))
        return results
    finally:
        gc.unfreeze()
        for worker, receive, _ in workers:
            if receive is not None:
                receive.close()
            if worker is not None:
                if worker.is_alive():
                    worker.kill()
                worker.join()


def _start(context: ForkContext, work: Callable[[list[str]], object],
           run: list[str]) -> tuple[BaseProcess | None, Connection | None, list[str]]:
    """A worker walking ``run``, and the end of the pipe it sends its result into; no worker
    when none can be started (out of processes or memory)."""
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(target=_work, args=(work, run, send), daemon=True)
    try:
        with warnings.catch_warnings():
            # Python 3.12 warns of any thread at a fork, counting the native ones too: the idle
            # pool of numpy's BLAS is one, and BLAS prepares for forks itself (pthread_atfork).
            # Python threads, which could hold a lock, are ruled out before (walk_runs).
            warnings.filterwarnings("ignore", message=".*multi-threaded.*fork",
                                    category=DeprecationWarning)
            worker.start()
    except OSError:
        receive.close()
        return None, None, run
    finally:
        send.close()
    return worker, receive, run


def _work(walk: Callable[[list[str]], object], run: list[str], send: Connection) -> None:
    """In the worker: walk the run and send what was found. On any error, send nothing: the
    parent walks the run again and meets the error itself."""
    try:
        send.send_bytes(pickle.dumps(walk(run), protocol=pickle.HIGHEST_PROTOCOL))
        send.close()
    except BaseException:
        os._exit(1)
    os._exit(0)  # no exit handlers: they belong to the parent
