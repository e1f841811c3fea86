"""Trial notebooks: a notebook's check cells run on other right answers and on wrong ones.

The honesty checker proves each check fails on the stub and passes on *the* solution. A
check test (tests/course/test_notebookNN_checks.py) builds a trial notebook — the
notebook's set-up cells, then each answer followed by its exercise's check cell, as a
learner would run them — and `judge` runs it in one kernel and says which answers the
checks passed. Imported as tests/grading/classroom.py is: tests/course is on sys.path.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from coursekit import convention as cv
from coursekit.paths import REPO_ROOT

CELL_TIMEOUT_S = 120


def cell_with(nb, text: str):
    """The one code cell of `nb` whose source contains `text`."""
    (cell,) = [cell for cell in nb.cells if cell.cell_type == "code" and text in cell.source]
    return cell


def check_of(nb, exercise: str):
    """The check cell of `exercise` ("3.1")."""
    (cell,) = [cell for cell in nb.cells if {"check", f"exercise-{exercise}"} <= set(cv.tags(cell))]
    return cell


def own_cells(nb) -> list:
    """The notebook's code cells a learner does not write: neither solutions nor checks."""
    return [
        cell
        for cell in nb.cells
        if cell.cell_type == "code" and not cv.is_solution(cell) and not cv.is_check(cell)
    ]


class Trials:
    """A trial notebook being built: set-up cells first, then answers and their checks."""

    def __init__(self, notebook: Path):
        self.source = nbformat.read(notebook, as_version=4)
        self.cells: list = []
        self.setup_count = 0
        self.expected: dict[str, str] = {}  # label -> "pass" or "fail"
        self.check_index: dict[str, int] = {}  # label -> index of the check cell

    def setup(self, *sources: str) -> None:
        """The notebook's set-up: if one of these cells fails, no verdict counts."""
        self.add(*sources)
        self.setup_count = len(self.cells)

    def add(self, *sources: str) -> None:
        self.cells.extend(nbformat.v4.new_code_cell(text) for text in sources)

    def trial(self, label: str, expected: str, answer: str, check: str, before=()) -> None:
        """Cells `before`, the answer, then the check that judges it (expected: pass/fail)."""
        assert label not in self.expected, f"two trials named {label!r}"
        self.add(*before, answer, check)
        self.expected[label] = expected
        self.check_index[label] = len(self.cells) - 1

    def each(self, exercise: str, answers: dict[str, tuple[str, str]], before=(), prefix=""):
        """A trial per answer ({label: (expected, answer source)}) under `exercise`'s check."""
        check = check_of(self.source, exercise).source
        for label, (expected, answer) in answers.items():
            self.trial(prefix + label, expected, answer, check, before)


def judge(trials: Trials, monkeypatch) -> list[bool]:
    """Runs the trial notebook in one kernel (the repository's code on its path) and
    asserts its set-up ran and each check passed exactly the answers it should; returns,
    per cell, whether it failed (for a caller that also judges its last cells)."""
    monkeypatch.setenv("PYTHONPATH", str(REPO_ROOT))
    nb = nbformat.v4.new_notebook(cells=trials.cells, metadata=trials.source.metadata)
    NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        allow_errors=True,
        kernel_name="python3",
        resources={"metadata": {"path": str(REPO_ROOT / "solutions")}},
    ).execute()
    failed = [any(o.get("output_type") == "error" for o in cell.outputs) for cell in nb.cells]
    assert not any(failed[: trials.setup_count]), "the notebook's set-up cells failed"
    outcomes = {
        label: "fail" if failed[index] else "pass" for label, index in trials.check_index.items()
    }
    unexpected = [
        f"{label}: expected to {trials.expected[label]}, did {outcome}"
        + "".join(f"\n    {error.ename}: {error.evalue[:300]}" for error in _errors(nb, index))
        for label, index in trials.check_index.items()
        if (outcome := outcomes[label]) != trials.expected[label]
    ]
    assert not unexpected, "\n".join(unexpected)
    return failed


def _errors(nb, index: int) -> list:
    return [o for o in nb.cells[index].outputs if o.get("output_type") == "error"]
