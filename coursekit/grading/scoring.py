"""Turn what nbval saw in the check cells into one Grade per exercise.

A check passes only when nbval ran its cell without an exception *and* the cell's pytest
output says tests passed and none failed: a notebook that reconfigured ipytest so that
failures stop raising still cannot pass a check.
"""

from __future__ import annotations

import re

from coursekit.grading import models as m
from coursekit.grading.grading_copy import GradingCopy
from coursekit.grading.released import ReleasedNotebook
from coursekit.grading.runner import Limits, NotebookRun
from coursekit.nbval_record import KERNEL_DIED

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
PASSED_SUMMARY = re.compile(r"\b\d+ passed\b")
FAILED_SUMMARY = re.compile(r"\b\d+ (failed|errors?)\b")
EXCERPT_LINES = 4


def plain(text: str) -> str:
    return ANSI.sub("", text or "")


def failure_excerpt(record: dict) -> str:
    """The first lines of the failing assertion (pytest's ``E`` lines), else the error."""
    stdout = plain(record.get("stdout", ""))
    lines = [line[1:].strip() for line in stdout.splitlines() if line.startswith("E ")]
    if lines:
        return "\n".join(list(dict.fromkeys(lines))[:EXCERPT_LINES])  # once per distinct line
    if record.get("error"):
        return plain(record["error"])
    message = [
        line.strip() for line in plain(record.get("message", "")).splitlines() if line.strip()
    ]
    return message[-1] if message else "the check cell failed"


def check_status(record: dict | None, run: NotebookRun, limits: Limits) -> tuple[str, str]:
    """Status and detail of one check cell."""
    if record is None:
        if run.timed_out:
            return (
                m.TIMEOUT,
                f"the notebook ran past its {limits.notebook_s:g} s limit before this check",
            )
        return m.ERROR, "the check never ran: " + (plain(run.output_tail) or "pytest stopped")
    message = plain(record.get("message", ""))
    if record.get("timed_out"):
        return m.TIMEOUT, f"the check ran past the {limits.cell_s:g} s cell limit"
    if KERNEL_DIED in message or "Kernel dead" in message:
        if record.get("after_timeout"):
            return m.TIMEOUT, "an earlier cell ran past its time limit and could not be interrupted"
        return (
            m.ERROR,
            "the kernel died before this check ran (a cell ended Python: os._exit, crash)",
        )
    if record["outcome"] == "passed":
        stdout = plain(record.get("stdout", ""))
        if PASSED_SUMMARY.search(stdout) and not FAILED_SUMMARY.search(stdout):
            return m.PASSED, ""
        return m.FAILED, "the check reported no passing tests (was ipytest reconfigured?)"
    if record.get("after_timeout"):
        return m.TIMEOUT, "an earlier cell ran past its time limit; then: " + failure_excerpt(
            record
        )
    return m.FAILED, failure_excerpt(record)


def _exercise_timed_out(copy: GradingCopy, exercise: str, run: NotebookRun) -> bool:
    cells = copy.exercise_cells.get(exercise, [])
    return any(run.records.get(n, {}).get("timed_out") for n in cells)


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
        numbers = copy.checks.get(exercise.id, [])
        results = [
            (*check_status(run.records.get(n), run, limits), _is_hidden(copy, n)) for n in numbers
        ]
        status, detail, hidden = next(
            (r for r in results if r[0] != m.PASSED), (m.PASSED, "", False)
        )
        if not results:
            status, detail = m.ERROR, "no check cell to run"
        elif status != m.PASSED and _exercise_timed_out(copy, exercise.id, run):
            status, detail = (
                m.TIMEOUT,
                (f"a cell of this exercise ran past the {limits.cell_s:g} s cell limit"),
            )
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
