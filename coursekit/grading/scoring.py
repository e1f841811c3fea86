"""Turn what nbval saw in the check cells into one Grade per exercise.

Whether a check and an exercise passed is ``workbook.checkrun.status``'s, shared with the
learners' ``progress``; here come points, tampering, hidden checks and the run's notes.
"""

from __future__ import annotations

from coursekit.grading import models as m
from coursekit.grading.grading_copy import GradingCopy
from coursekit.grading.released import ReleasedNotebook
from workbook.checkrun.nbval_record import KERNEL_DIED
from workbook.checkrun.runner import Limits, NotebookRun
from workbook.checkrun.status import exercise_status, plain


def _is_hidden(copy: GradingCopy, number: int) -> bool:
    code = [c for c in copy.nb.cells if c.get("cell_type") == "code"]
    return bool(code[number].get("metadata", {}).get("grading_hidden"))


def describe_cell(copy: GradingCopy, number: int) -> str:
    """nbval's cell number (code cells from 0) as the instructor sees it."""
    code = [c for c in copy.nb.cells if c.get("cell_type") == "code"]
    first_line = next((line for line in code[number].source.splitlines() if line.strip()), "")
    return f"code cell {number + 1} ({first_line.strip()[:40]!r})"


def run_notes(copy: GradingCopy, run: NotebookRun, limits: Limits) -> list[str]:
    """One line per thing that went wrong in the run itself, not in a check."""
    notes = []
    for number, record in sorted(run.records.items()):
        if record.get("timed_out"):
            notes.append(
                f"{describe_cell(copy, number)} ran past the {limits.cell_s:g} s "
                "cell limit and was stopped"
            )
        if KERNEL_DIED in plain(record.get("message", "")):
            notes.append(
                f"the kernel died in {describe_cell(copy, number)}; later cells could not run"
            )
    if run.timed_out:
        notes.append(f"stopped after the {limits.notebook_s:g} s notebook limit")
    if run.crashed:
        notes.append(f"pytest/nbval could not run it: {plain(run.output_tail)[-200:]}")
    if run.leftovers:
        notes.append(
            f"left {len(run.leftovers)} process(es) running, now stopped: "
            + "; ".join(run.leftovers)[:200]
        )
    return notes


def score(
    learner: str, released: ReleasedNotebook, copy: GradingCopy, run: NotebookRun, limits: Limits
) -> list[m.Grade]:
    grades = []
    for exercise in released.exercises:
        status, detail, deciding = exercise_status(
            copy.checks.get(exercise.id, []),
            copy.exercise_cells.get(exercise.id, []),
            run,
            limits,
        )
        hidden = deciding is not None and _is_hidden(copy, deciding)
        if exercise.id in copy.tampered:
            detail = f"{copy.tampered[exercise.id]} (it {status})"
            status = m.TAMPERED
        points = exercise.max_points if status == m.PASSED else 0
        grades.append(
            m.Grade(
                learner,
                released.name,
                exercise.id,
                points,
                exercise.max_points,
                status,
                detail,
                hidden_failed=hidden,
            )
        )
    return grades


def unrun(learner: str, released: ReleasedNotebook, status: str, detail: str) -> list[m.Grade]:
    """Grades for a notebook that was not run: missing, unreadable or foreign."""
    return [
        m.Grade(learner, released.name, e.id, 0, e.max_points, status, detail)
        for e in released.exercises
    ]
