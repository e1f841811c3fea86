"""A small class of learners built from the repository's own notebook 00.

Each learner is one kind of submission the grader must survive; the tests grade them all
in one run and assert the gradebook and the report.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import nbformat

from coursekit import convention as cv
from workbook.paths import REPO_ROOT

NOTEBOOK = "00_welcome.ipynb"
# Short limits keep the run quick: the looping learner costs one cell limit.
CELL_TIMEOUT_S = 25
NOTEBOOK_TIMEOUT_S = 150
SERVER_MARKER = "coursekit-grading-test-escaped-server"  # find the vandal's server by it


def coursekit(
    *args, module: str = "coursekit", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """``python -m coursekit ...`` as an instructor runs it (from the repository)."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def grading_command(*args, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m coursekit.grading ...``: the grading command's own entry point."""
    return coursekit(*args, module="coursekit.grading", env=env)


def solution() -> nbformat.NotebookNode:
    return nbformat.read(REPO_ROOT / "solutions" / NOTEBOOK, as_version=4)


def released() -> nbformat.NotebookNode:
    return nbformat.read(REPO_ROOT / "notebooks" / NOTEBOOK, as_version=4)


def first_exercise(nb) -> str:
    return next(cv.exercise_id(c) for c in nb.cells if cv.is_check(c))


def cell_index(nb, role: str, exercise: str) -> int:
    test = cv.is_check if role == "check" else cv.is_solution
    return next(i for i, c in enumerate(nb.cells) if test(c) and cv.exercise_id(c) == exercise)


def tampered() -> nbformat.NotebookNode:
    """The unsolved learner copy whose check was weakened until it passes."""
    nb = released()
    check = nb.cells[cell_index(nb, "check", first_exercise(nb))]
    check.source = "%%ipytest\n\ndef test_always_green():\n    assert True\n"
    return nb


def endless_loop() -> nbformat.NotebookNode:
    """The solution, but the exercise's cell loops forever before defining anything."""
    nb = solution()
    cell = nb.cells[cell_index(nb, "solution", first_exercise(nb))]
    cell.source = "while True:\n    pass\n\n" + cell.source
    return nb


VANDAL_CELL = """\
import os, shutil, subprocess, sys
from pathlib import Path
# Safety net for this test itself: if grading ever ran in the real repository or in the
# submissions folder, refuse (the vandal's check then passes and the test fails loudly).
if Path.cwd().resolve().is_relative_to({repo!r}) or {learner!r} in str(Path.cwd()):
    raise RuntimeError("not isolated: refusing to delete anything")
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", {marker!r}],
                 start_new_session=True)  # escapes the run's process group
for path in Path.cwd().parent.iterdir():  # delete the whole repository it can see
    shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
os._exit(1)  # and take the kernel down
"""


def vandal() -> nbformat.NotebookNode:
    """Solved, but right after the setup cell: start a server, delete files, kill the kernel."""
    nb = solution()
    source = VANDAL_CELL.format(repo=str(REPO_ROOT), learner="/vandal", marker=SERVER_MARKER)
    nb.cells.insert(3, nbformat.v4.new_code_cell(source))
    return nb


def foreign() -> nbformat.NotebookNode:
    """A notebook from another course under a file name of this course."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("print('hello from another course')")]
    return nb


def build_class(submissions: Path) -> dict[str, Path]:
    """Write every learner's folder; returns learner -> folder."""
    notebooks = {
        "solved": solution(),
        "untouched": released(),
        "tampered": tampered(),
        "looping": endless_loop(),
        "vandal": vandal(),
        "foreign": foreign(),
    }
    folders = {}
    for learner, nb in notebooks.items():
        folders[learner] = submissions / learner
        folders[learner].mkdir(parents=True)
        nbformat.write(copy.deepcopy(nb), folders[learner] / NOTEBOOK)
    folders["broken"] = submissions / "broken"
    folders["broken"].mkdir()
    (folders["broken"] / NOTEBOOK).write_text('{"cells": [ this is not JSON')
    folders["empty"] = submissions / "empty"
    folders["empty"].mkdir()
    (folders["solved"] / "99_other_course.ipynb").write_text(nbformat.writes(foreign()))
    return folders
