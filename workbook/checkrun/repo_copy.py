"""A throwaway copy of the repository: where a notebook run, grading and progress run.

Both keep the repository's layout, so a notebook's relative paths (``../pacts``,
``../course_app``) work, and whatever a run writes stays in the copy.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

# Build clutter and caches: no notebook needs them, and some are large.
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "__pycache__",
    "*.egg-info",
    ".pytest_cache",
    ".ipynb_checkpoints",
    ".hypothesis",
    "reports",
    "build",
    "node_modules",
    ".coverage*",
)


def copy_repository(root: Path, target: Path, skip: Iterable[Path] = ()) -> Path:
    """Copy ``root`` to ``target`` (which must not exist) without NOT_COPIED and without
    the folders in ``skip``; return ``target``."""
    skipped = {Path(path).resolve() for path in skip}

    def ignore(folder: str, names: list[str]) -> set[str]:
        here = Path(folder).resolve()
        return set(NOT_COPIED(folder, names)) | {name for name in names if here / name in skipped}

    shutil.copytree(root, target, ignore=ignore, symlinks=True, copy_function=_copy_if_still_there)
    return target


def _copy_if_still_there(source, target):
    """Copy a file; one deleted mid-copy (another process's temp file) is skipped."""
    try:
        return shutil.copy2(source, target)
    except FileNotFoundError:
        return target
