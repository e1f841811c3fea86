"""A notebook made ready for a check run, and where its exercises' cells are in nbval's count.

Check cells lose nbval's ``raises-exception`` tag, so a failing check is a failed cell, and
carry a role mark that only the run sets (a learner's own mark is void). Outputs are
cleared so nbval compares nothing. nbval numbers code cells only, from 0: the records of a
run are read back by those numbers.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from workbook import convention as cv

ROLE = "grading_role"  # cell metadata: "check" or "locked", set by the run, never trusted
CHECK_ROLE = "check"


@dataclass
class Numbered:
    checks: dict[str, list[int]] = field(default_factory=dict)  # exercise -> its check cells
    exercise_cells: dict[str, list[int]] = field(default_factory=dict)  # -> all its code cells


def with_role(cell, role: str):
    """A copy of ``cell`` marked with ``role``, without nbval's ``raises-exception`` tag."""
    cell = copy.deepcopy(cell)
    tags = [t for t in cv.tags(cell) if t != cv.RAISES_EXCEPTION_TAG]
    cell.setdefault("metadata", {})["tags"] = tags
    cell["metadata"][ROLE] = role
    return cell


def drop_roles(cells) -> None:
    for cell in cells:
        cell.get("metadata", {}).pop(ROLE, None)


def clear_outputs(nb) -> None:
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None


def number_exercise_cells(nb) -> Numbered:
    """nbval's number of every exercise cell and of every check cell (by its role mark)."""
    numbered = Numbered()
    code_cells = [c for c in nb.cells if c.get("cell_type") == "code"]
    for number, cell in enumerate(code_cells):
        try:
            exercise = cv.exercise_id(cell)
        except cv.ConventionError:
            continue
        if exercise is None:
            continue
        numbered.exercise_cells.setdefault(exercise, []).append(number)
        if cell.get("metadata", {}).get(ROLE) == CHECK_ROLE:
            numbered.checks.setdefault(exercise, []).append(number)
    return numbered
