"""Grade the small class of tests/grading/classroom.py once, through the real command."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from workbook.paths import REPO_ROOT

sys.path.insert(0, str(Path(__file__).parent))
import classroom
from classroom import CELL_TIMEOUT_S, NOTEBOOK_TIMEOUT_S, grading_command

WORK_DIR_PREFIXES = ("coursekit-grade-", "coursekit-grader-")


def work_dirs(temp: Path) -> set[str]:
    return {p.name for p in temp.iterdir() if p.name.startswith(WORK_DIR_PREFIXES)}


@dataclass
class GradedClass:
    result: subprocess.CompletedProcess
    submissions: Path
    out: Path
    seconds: float
    work_dirs_left: set[str]

    def rows(self) -> dict[str, dict]:
        from coursekit.grading.gradebook import read_csv

        return {row["learner"]: row for row in read_csv(self.out / "grades.csv")}

    def report(self) -> str:
        return (self.out / "report.md").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory) -> GradedClass:
    base = tmp_path_factory.mktemp("grading")
    released = base / "released"  # notebook 00 only: the test stays quick as the course grows
    released.mkdir()
    (released / classroom.NOTEBOOK).write_bytes(
        (REPO_ROOT / "notebooks" / classroom.NOTEBOOK).read_bytes()
    )
    classroom.build_class(base / "submissions")
    # A temporary folder of the run's own (the grader makes its work folders with
    # tempfile): what is left there is its own, even while other test runs on the machine
    # make and remove theirs.
    temp = base / "tmp"
    temp.mkdir()
    started = time.perf_counter()
    result = grading_command(
        base / "submissions",
        "--out",
        base / "out",
        "--released",
        released,
        "--cell-timeout",
        CELL_TIMEOUT_S,
        "--notebook-timeout",
        NOTEBOOK_TIMEOUT_S,
        env={"TMPDIR": str(temp)},
    )
    seconds = time.perf_counter() - started
    return GradedClass(result, base / "submissions", base / "out", seconds, work_dirs(temp))
