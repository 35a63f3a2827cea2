"""Reading and writing a corpus's files safely.

Reading: a seed or a table is read only when it is a regular file in its folder. A symbolic
link, a directory, a FIFO, a device or a socket is never opened (a link could point anywhere on
the machine, a FIFO would block), and a file that cannot be read says which and why.

Writing: nothing half-written is ever left where a user's file was. Each file is written to a
temporary file in the same folder and renamed over the old one; a temporary left behind by a
killed run is removed by the next run that writes into that folder.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from validation.findings import InputError

#: Temporary files are named ``.NAME.PID.RANDOM.tmp``, so a stale one can be told apart from
#: one that a run still alive is writing.
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp$")


class NotRegularFile(Exception):
    """The path exists but is not a regular file; ``kind`` says what it is instead."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path} is {kind}")
        self.path, self.kind = path, kind


def file_kind(mode: int) -> str:
    """What a file of ``mode`` is, in words (``"a symbolic link"``, ``"a regular file"``)."""
    for test, kind in ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a directory"),
                       (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISREG, "a regular file")):
        if test(mode):
            return kind
    return "not a regular file"


def kind_of(path: Path) -> str | None:
    """What ``path`` itself is (links are not followed), or ``None`` when it does not exist.
    Raises :class:`InputError` when it cannot be looked at."""
    try:
        return file_kind(os.lstat(path).st_mode)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise unreadable(path, exc) from None


def unreadable(path: Path | str, exc: OSError) -> InputError:
    """The error for a file or folder that exists but cannot be read."""
    reason = exc.strerror or str(exc)
    hint = {errno.EACCES: "give the user running the validator read permission",
            errno.EPERM: "give the user running the validator read permission",
            errno.EIO: "the disk reported an error; copy the corpus elsewhere and retry"}.get(
        exc.errno or 0, "check that the file can be read")
    return InputError(f"{path}: cannot read ({reason}); {hint}")


def read_regular(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file. Raises :class:`NotRegularFile` for anything
    else that exists, ``FileNotFoundError`` when nothing does, and :class:`InputError` when it
    cannot be read. A link is never followed, even if it is swapped in after the check."""
    kind = kind_of(path)
    if kind is None:
        raise FileNotFoundError(errno.ENOENT, "No such file", str(path))
    if kind != "a regular file":
        raise NotRegularFile(path, kind)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotRegularFile(path, "a symbolic link") from None
        raise unreadable(path, exc) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(path, file_kind(status.st_mode))
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as exc:
        raise unreadable(path, exc) from None
    finally:
        os.close(descriptor)


def list_folder(folder: Path) -> list[tuple[str, str]]:
    """The visible entries of ``folder`` (names not starting with a dot) and what each is,
    sorted by name. Raises :class:`InputError` when the folder cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted((e.name, file_kind(e.stat(follow_symlinks=False).st_mode))
                          for e in entries if not e.name.startswith("."))
    except OSError as exc:
        raise unreadable(folder, exc) from None


def check_writable(path: Path, display: str) -> None:
    """Raise :class:`InputError` unless ``path`` is a regular file its owner may write: a
    read-only table is the user's way of saying it must not change, even to root."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise unreadable(path, exc) from None
    if not stat.S_ISREG(mode):
        raise InputError(f"{display} is {file_kind(mode)}; only regular files are rewritten, so it "
                         "was left as it is")
    if not mode & stat.S_IWUSR:
        raise InputError(f"{display} is read-only; make it writable (chmod u+w) to let it be "
                         "rewritten, or leave it as it is")


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename, so a
    reader never sees half a file and a failed write leaves the old one."""
    with staged(path.parent) as stage:
        stage(path, text)


@contextmanager
def staged(folder: Path) -> Iterator[_Stage]:
    """Write several files into ``folder`` as one set: each ``stage(path, text)`` writes a
    temporary file; only when the block ends without error are they all renamed into place,
    with interrupting signals held back, so the set never mixes old and new files. On error
    every temporary is removed and no file is replaced. Stale temporaries of killed runs are
    removed first."""
    remove_stale_temporaries(folder)
    stage = _Stage()
    try:
        yield stage
        with _signals_held():
            for temporary, path in stage.pending:
                os.replace(temporary, path)
            stage.pending.clear()
    finally:
        for temporary, _ in stage.pending:
            Path(temporary).unlink(missing_ok=True)


class _Stage:
    """Temporary files written so far, each with the file it will replace."""

    def __init__(self) -> None:
        self.pending: list[tuple[str, Path]] = []

    def __call__(self, path: Path, text: str) -> None:
        mode = _mode_for(path)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.",
                                             suffix=".tmp")
        self.pending.append((temporary, path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)


def _mode_for(path: Path) -> int:
    """The permission bits the new file gets: the old file's, or an ordinary new file's."""
    try:
        return stat.S_IMODE(os.lstat(path).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()  # as an ordinary new file, not mkstemp's 0600


def remove_stale_temporaries(folder: Path) -> list[str]:
    """Remove the temporary files that runs no longer alive left in ``folder``; their names."""
    removed: list[str] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _TEMPORARY.match(name)
        if match and not _alive(int(match["pid"])):
            try:
                (folder / name).unlink()
                removed.append(name)
            except OSError:
                continue
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier run of this same process id cannot still be writing
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back while a set of renames completes."""
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
