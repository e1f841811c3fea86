"""Find the released locked cells in a learner's notebook, and say which were edited.

Cells are matched by their cell id first (Jupyter keeps ids when a cell is edited), then
by role: the n-th check cell of exercise 3.2, the first code cell (setup), the n-th
``locked`` cell. Each learner cell matches at most one released cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coursekit import convention as cv
from coursekit.grading.released import LOCKED_TAG, ReleasedNotebook


@dataclass
class Match:
    found: dict[int, int] = field(default_factory=dict)  # released index -> submission index
    edited: list[int] = field(default_factory=list)  # released indices whose source changed
    removed: list[int] = field(default_factory=list)  # released indices not found at all
    anchors: dict[int, int] = field(default_factory=dict)  # any released index -> submission


def normalized(cell) -> str:
    """Source without trailing whitespace or surrounding blank lines: saving is not editing."""
    lines = [line.rstrip() for line in cv.source_text(cell).splitlines()]
    return "\n".join(lines).strip("\n")


def role_keys(cells) -> dict[int, tuple]:
    """A key saying what each cell is for, stable when other cells are added or removed."""
    keys: dict[int, tuple] = {}
    seen: dict[tuple, int] = {}
    first_code = next((i for i, c in enumerate(cells) if c.get("cell_type") == "code"), None)
    for index, cell in enumerate(cells):
        if index == first_code:
            keys[index] = ("setup",)
            continue
        try:
            exercise = cv.exercise_id(cell)
        except cv.ConventionError:  # a learner's odd tags are not the grader's problem
            exercise = None
        if cv.is_check(cell) and exercise:
            role = ("check", exercise)
        elif LOCKED_TAG in cv.tags(cell):
            role = ("locked",)
        else:
            continue
        seen[role] = seen.get(role, 0) + 1
        keys[index] = (*role, seen[role])
    return keys


def match_locked(released: ReleasedNotebook, submitted_cells) -> Match:
    match = Match()
    ids = {}
    for index, cell in enumerate(submitted_cells):
        if cell.get("id"):
            ids.setdefault(cell["id"], index)
    for r_index, cell in enumerate(released.nb.cells):
        if cell.get("id") in ids:
            match.anchors[r_index] = ids[cell["id"]]
    released_keys = role_keys(released.nb.cells)
    by_key = {key: index for index, key in role_keys(submitted_cells).items()}
    taken: set[int] = set()
    for r_index in released.locked:
        s_index = match.anchors.get(r_index)
        if s_index is None or s_index in taken:
            s_index = by_key.get(released_keys.get(r_index))
        if s_index is None or s_index in taken:
            match.removed.append(r_index)
            continue
        taken.add(s_index)
        match.found[r_index] = s_index
        match.anchors[r_index] = s_index
        if normalized(submitted_cells[s_index]) != normalized(released.nb.cells[r_index]):
            match.edited.append(r_index)
    return match
