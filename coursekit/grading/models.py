"""What grading produces: one Grade per learner, notebook and exercise, and Problems.

A Problem is one line for the instructor about a submission that could not be graded
normally (invalid JSON, an unknown notebook, a timeout...). Grading never stops on one.
"""

from __future__ import annotations

from dataclasses import dataclass

# How a check run ends (passed, failed, error, timeout) is shared with learners' progress.
from workbook.checkrun.status import ERROR, FAILED, PASSED, TIMEOUT

MISSING = "missing"  # the learner did not submit this notebook
TAMPERED = "tampered"  # a locked cell (check or setup) differs from the released one
STATUSES = (PASSED, FAILED, MISSING, TAMPERED, ERROR, TIMEOUT)

GRADE_COLUMNS = ("learner", "notebook", "exercise", "points", "max_points", "status")


class InstructorError(Exception):
    """A mistake on the instructor's side (missing folder...): stops grading, one line."""


@dataclass(frozen=True)
class Grade:
    learner: str
    notebook: str
    exercise: str
    points: int
    max_points: int
    status: str
    detail: str = ""  # why it is not `passed`: first lines of the failing assertion, ...
    hidden_failed: bool = False  # a hidden check failed: learners see no excerpt of it

    def row(self) -> dict:
        return {column: getattr(self, column) for column in GRADE_COLUMNS}


@dataclass(frozen=True)
class Problem:
    learner: str
    notebook: str  # "" when the problem concerns the learner's folder
    message: str

    def __str__(self) -> str:
        where = f"{self.learner}/{self.notebook}" if self.notebook else f"{self.learner}/"
        return f"{where}: {self.message}"
