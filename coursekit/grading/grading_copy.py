"""The notebook grading actually runs: the learner's cells with the released locked cells.

Never trust the learner's copy of a check: every locked cell is replaced by the released
one (and put back where it was removed). Check cells lose nbval's ``raises-exception`` tag
so a failing check is a failed cell; outputs are cleared so nbval compares nothing.
Hidden checks (instructor-only) go right after the released checks of their exercise.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import nbformat

from coursekit import convention as cv
from coursekit.grading.matching import match_locked
from coursekit.grading.released import ReleasedNotebook
from workbook.checkrun.runnable import (
    CHECK_ROLE,
    ROLE,
    clear_outputs,
    drop_roles,
    number_exercise_cells,
    with_role,
)


@dataclass
class GradingCopy:
    nb: nbformat.NotebookNode
    checks: dict[str, list[int]] = field(default_factory=dict)  # exercise -> nbval cell numbers
    exercise_cells: dict[str, list[int]] = field(default_factory=dict)  # all its code cells
    tampered: dict[str, str] = field(default_factory=dict)  # exercise -> what was changed
    notes: list[str] = field(default_factory=list)  # locked cells outside exercises changed
    foreign: bool = False  # none of the released check cells is in the submission


def _hidden_cell(source: str, exercise: str):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = [cv.CHECK_TAG, f"{cv.EXERCISE_TAG_PREFIX}{exercise}"]
    cell.metadata[ROLE] = CHECK_ROLE
    cell.metadata["grading_hidden"] = True  # its source must never reach the learner
    return cell


def build(released: ReleasedNotebook, submitted, hidden: dict[str, list[str]] | None = None):
    match = match_locked(released, submitted.cells)
    copy_ = GradingCopy(nb=copy.deepcopy(submitted))
    drop_roles(copy_.nb.cells)  # only the grader marks checks; a learner's mark is void
    cells = list(copy_.nb.cells)
    placed: list[tuple[int, object]] = []  # (position in submission, cell) for removed ones
    for r_index in released.locked:
        r_cell = released.nb.cells[r_index]
        role = CHECK_ROLE if cv.is_check(r_cell) else "locked"
        what = "check cell" if role == CHECK_ROLE else "locked cell"
        exercise = released.exercise_of(r_index)
        if r_index in match.found:
            cells[match.found[r_index]] = with_role(r_cell, role)
            problem = f"{what} edited" if r_index in match.edited else ""
        else:
            before = [s for r, s in match.anchors.items() if r < r_index]
            placed.append((max(before, default=-1), with_role(r_cell, role)))
            problem = f"{what} removed"
        if problem and exercise:
            copy_.tampered.setdefault(exercise, problem + "; the released one was run")
        elif problem:
            copy_.notes.append(
                f"{problem} (cell {r_index + 1} of the released notebook); the released one was run"
            )
    for position, cell in sorted(placed, key=lambda item: item[0], reverse=True):
        cells.insert(position + 1, cell)
    copy_.foreign = not any(cv.is_check(released.nb.cells[r]) for r in match.found)
    copy_.nb.cells = _with_hidden(cells, hidden or {})
    clear_outputs(copy_.nb)
    numbered = number_exercise_cells(copy_.nb)
    copy_.checks, copy_.exercise_cells = numbered.checks, numbered.exercise_cells
    return copy_


def _with_hidden(cells, hidden: dict[str, list[str]]):
    last_check = {}
    for index, cell in enumerate(cells):
        if cell.get("metadata", {}).get(ROLE) == CHECK_ROLE:
            last_check[cv.exercise_id(cell)] = index
    result = list(cells)
    for exercise, index in sorted(last_check.items(), key=lambda item: item[1], reverse=True):
        extra = [_hidden_cell(source, exercise) for source in hidden.get(exercise, [])]
        result[index + 1 : index + 1] = extra
    return result
