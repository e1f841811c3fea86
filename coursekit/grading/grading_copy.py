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


@dataclass
class GradingCopy:
    nb: nbformat.NotebookNode
    checks: dict[str, list[int]] = field(default_factory=dict)  # exercise -> nbval cell numbers
    exercise_cells: dict[str, list[int]] = field(default_factory=dict)  # all its code cells
    tampered: dict[str, str] = field(default_factory=dict)  # exercise -> what was changed
    notes: list[str] = field(default_factory=list)  # locked cells outside exercises changed
    foreign: bool = False  # none of the released check cells is in the submission


def _released_cell(cell, role: str):
    cell = copy.deepcopy(cell)
    tags = [t for t in cv.tags(cell) if t != cv.RAISES_EXCEPTION_TAG]
    cell.setdefault("metadata", {})["tags"] = tags
    cell["metadata"]["grading_role"] = role
    return cell


def _hidden_cell(source: str, exercise: str):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = [cv.CHECK_TAG, f"{cv.EXERCISE_TAG_PREFIX}{exercise}"]
    cell.metadata["grading_role"] = "check"
    cell.metadata["grading_hidden"] = True  # its source must never reach the learner
    return cell


def build(released: ReleasedNotebook, submitted, hidden: dict[str, list[str]] | None = None):
    match = match_locked(released, submitted.cells)
    copy_ = GradingCopy(nb=copy.deepcopy(submitted))
    for cell in copy_.nb.cells:  # only the grader marks checks; a learner's mark is void
        cell.get("metadata", {}).pop("grading_role", None)
    cells = list(copy_.nb.cells)
    placed: list[tuple[int, object]] = []  # (position in submission, cell) for removed ones
    for r_index in released.locked:
        r_cell = released.nb.cells[r_index]
        role = "check" if cv.is_check(r_cell) else "locked"
        what = "check cell" if role == "check" else "locked cell"
        exercise = released.exercise_of(r_index)
        if r_index in match.found:
            cells[match.found[r_index]] = _released_cell(r_cell, role)
            problem = f"{what} edited" if r_index in match.edited else ""
        else:
            before = [s for r, s in match.anchors.items() if r < r_index]
            placed.append((max(before, default=-1), _released_cell(r_cell, role)))
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
    _clear_outputs(copy_.nb)
    _number_exercise_cells(copy_)
    return copy_


def _with_hidden(cells, hidden: dict[str, list[str]]):
    last_check = {}
    for index, cell in enumerate(cells):
        if cell.get("metadata", {}).get("grading_role") == "check":
            last_check[cv.exercise_id(cell)] = index
    result = list(cells)
    for exercise, index in sorted(last_check.items(), key=lambda item: item[1], reverse=True):
        extra = [_hidden_cell(source, exercise) for source in hidden.get(exercise, [])]
        result[index + 1 : index + 1] = extra
    return result


def _clear_outputs(nb) -> None:
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None


def _number_exercise_cells(copy_: GradingCopy) -> None:
    """nbval names code cells "Cell N", counting code cells only, from 0."""
    code_cells = [c for c in copy_.nb.cells if c.get("cell_type") == "code"]
    for number, cell in enumerate(code_cells):
        try:
            exercise = cv.exercise_id(cell)
        except cv.ConventionError:
            continue
        if exercise is None:
            continue
        copy_.exercise_cells.setdefault(exercise, []).append(number)
        if cell.get("metadata", {}).get("grading_role") == "check":
            copy_.checks.setdefault(exercise, []).append(number)
