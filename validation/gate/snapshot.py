"""A corpus as it stands at a git ref: its seeds/ and facts/ extracted into a temporary folder."""

from __future__ import annotations

import io
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from validation.corpus import FACTS_DIR, SEEDS_DIR
from validation.findings import InputError
from validation.git import git, output


@dataclass(frozen=True)
class Snapshot:
    """The corpus at ``ref`` (resolved to ``commit``): ``root`` is ``None`` when the ref has
    neither seeds/ nor facts/ under the corpus folder."""

    ref: str
    commit: str
    root: Path | None


@contextmanager
def corpus_at(root: Path, ref: str) -> Iterator[Snapshot]:
    """Extract seeds/ and facts/ of the corpus folder ``root`` as they are at ``ref``."""
    if not root.is_dir():
        raise InputError(f"{root}: not a directory; --root must name a folder holding "
                         f"{SEEDS_DIR}/ and {FACTS_DIR}/")
    if git(root, "rev-parse", "--show-toplevel").returncode != 0:
        raise InputError(f"{root}: not inside a git work tree; the gate compares the tables "
                         "with a git ref")
    resolved = git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if resolved.returncode != 0:
        raise InputError(f"--base {ref!r}: no such commit in {root}; fetch it first "
                         f"(e.g. git fetch origin main) or name another ref")
    commit = output(resolved)
    prefix = output(git(root, "rev-parse", "--show-prefix"))
    present = [d for d in (SEEDS_DIR, FACTS_DIR)
               if git(root, "cat-file", "-e", f"{commit}:{prefix}{d}").returncode == 0]
    with tempfile.TemporaryDirectory(prefix="tianxin-gate-") as temporary:
        if not present:
            yield Snapshot(ref, commit, None)
            return
        archive = git(root, "archive", "--format=tar", f"{commit}:{prefix}", *present)
        if archive.returncode != 0:
            raise InputError(f"git archive of {ref} failed: "
                             f"{archive.stderr.decode('utf-8', 'replace').strip()}")
        base = Path(temporary)
        try:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(base, filter="data")
        except (tarfile.TarError, OSError) as exc:
            raise InputError(f"cannot extract the corpus at {ref}: {exc}; the gate reads only "
                             "regular files and folders inside the corpus") from None
        for d in (SEEDS_DIR, FACTS_DIR):
            (base / d).mkdir(exist_ok=True)
        yield Snapshot(ref, commit, base)
