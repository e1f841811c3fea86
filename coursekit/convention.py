"""The exercise convention, in one place: tags, markers and how to read them off a cell.

Every tool of the course (the builder, the honesty checker, grading) reads exercises
through this module, so the convention documented in CONTRIBUTING.md lives here once.
What learner notebooks carry (tags, ids, points, the stated time) is ``workbook.convention``,
which ships to learners and is re-exported here; the solution markers are the authors' only.
"""

from __future__ import annotations

from workbook.convention import (  # noqa: F401  (re-exported: one name space for the tools)
    CHECK_TAG,
    EXERCISE_HEADING,
    EXERCISE_ID,
    EXERCISE_TAG_PREFIX,
    POINTS_TAG_PREFIX,
    RAISES_EXCEPTION_TAG,
    STATED_TIME,
    CellRef,
    ConventionError,
    exercise_id,
    exercise_titles,
    is_check,
    points,
    source_text,
    stated_minutes,
    tags,
)

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"

SOLUTION_TAG = "solution"


def is_solution(cell) -> bool:
    return SOLUTION_TAG in tags(cell)


def has_solution_marker(source: str) -> bool:
    return BEGIN_SOLUTION in source or END_SOLUTION in source
