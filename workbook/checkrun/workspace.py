"""A throwaway copy of the repository for one learner, so their notebooks can harm nothing.

The notebooks run in ``<copy>/notebooks/`` (their relative paths work as in the course),
import ``course_app`` and ``workbook`` from the copy, and get their own HOME and TMPDIR
inside it: whatever they write or delete stays in the copy, which is removed afterwards.
The solutions are not copied, nor what no notebook needs (benchmarks, CI set-up). The
reference suite in ``tests/`` is: learners have it in their clone, and notebooks 09, 10
and 12 run parts of it (the locustfile, the load shape, the suite the metrics are read
from).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from course_app.provision.process_control import with_import_path
from workbook.checkrun.repo_copy import copy_repository
from workbook.paths import LEARNER, REPO_ROOT

# Marks every process a learner's run starts (grading's or progress's): the sweep finds
# them by it, and a notebook asked to check progress inside such a run declines.
TOKEN_VARIABLE = "COURSEKIT_GRADING_RUN"
NOT_FOR_NOTEBOOKS = ("solutions", "benchmarks", ".ci")  # the authors': no notebook reads them
GRADING_PREFIX = "coursekit-grade-"


@dataclass
class Workspace:
    root: Path  # what the learner's code may touch
    private: Path  # the grader's records and logs, outside ``root``
    token: str

    @property
    def notebooks(self) -> Path:
        return self.root / "repo" / LEARNER

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        repo = self.root / "repo"
        # Tools that look under HOME for what is installed keep finding it.
        env.setdefault("PLAYWRIGHT_BROWSERS_PATH", str(Path.home() / ".cache" / "ms-playwright"))
        env.update(
            {
                TOKEN_VARIABLE: self.token,
                "HOME": str(self.root / "home"),
                "TMPDIR": str(self.root / "tmp"),
                "MPLBACKEND": "Agg",
                "PYTHONDONTWRITEBYTECODE": "1",
            }
        )
        return with_import_path(env, repo)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.rmtree(self.private, ignore_errors=True)


def create(
    learner: str,
    root: Path = REPO_ROOT,
    exclude: tuple[Path, ...] = (),
    prefix: str = GRADING_PREFIX,
) -> Workspace:
    """Copy ``root`` for one learner into temporary folders named ``prefix...``."""
    safe = "".join(ch if ch.isalnum() else "-" for ch in learner)[:40]
    base = Path(tempfile.mkdtemp(prefix=f"{prefix}{safe}-"))
    private = None
    try:  # a copy cut short (Ctrl-C, a full disk) is removed too
        # `exclude`: the submissions, output and hidden-check folders, when they sit inside.
        skip = [root / name for name in NOT_FOR_NOTEBOOKS] + list(exclude)
        copy_repository(root, base / "repo", skip)
        for folder in (base / "home", base / "tmp", base / "repo" / LEARNER):
            folder.mkdir(parents=True, exist_ok=True)
        private = Path(tempfile.mkdtemp(prefix=f"{prefix}private-"))
        (private / "pytest.ini").write_text("[pytest]\n")  # not the course's pytest settings
    except BaseException:
        shutil.rmtree(base, ignore_errors=True)
        if private is not None:
            shutil.rmtree(private, ignore_errors=True)
        raise
    return Workspace(base, private, uuid.uuid4().hex)
