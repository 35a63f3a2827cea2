"""Running git on the folder a corpus lives in."""

from __future__ import annotations

import subprocess
from pathlib import Path

from validation.findings import InputError


def git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """``git -C root ARGS``; raises :class:`InputError` when git cannot be run at all."""
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120,
                              check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise InputError(f"cannot run git: {exc}") from None


def output(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stdout.decode("utf-8", "replace").strip()
