"""A scratch folder for the files a notebook writes (a learner's test file), gone with its kernel.

The folder is named after the kernel's process id. When the kernel exits, ``atexit`` removes
it; a kernel that is killed (as test runners and "Restart" may do) cannot, so asking for a
scratch folder first removes the folders of kernels that are no longer running.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

PREFIX = "course-scratch-"


def folder(name: str, root: Path | None = None) -> Path:
    """``<tmp>/course-scratch-<pid>/<name>``, made empty-or-existing, for this process."""
    root = Path(root or tempfile.gettempdir())
    remove_orphans(root)
    path = root / f"{PREFIX}{os.getpid()}" / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def remove_orphans(root: Path) -> None:
    """Remove the scratch folders of processes that have ended."""
    for candidate in root.glob(f"{PREFIX}*"):
        pid = candidate.name.removeprefix(PREFIX)
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(candidate, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive, and not ours to clean up
        return True
    return True


@atexit.register
def _remove_own() -> None:
    shutil.rmtree(Path(tempfile.gettempdir()) / f"{PREFIX}{os.getpid()}", ignore_errors=True)
