"""The learner-notebook builder's cell transforms, applied in order (like nbgrader's).

Each transform takes one cell and a ``CellContext`` and returns the new cell (it never
changes its argument), so each is testable on a cell built in memory.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field

from coursekit import convention as cv
from coursekit.convention import ConventionError


@dataclass(frozen=True)
class CellContext:
    """What a transform may know besides the cell: where it is and the exercise titles."""

    ref: cv.CellRef
    titles: dict[str, str] = field(default_factory=dict)

    def error(self, message: str) -> ConventionError:
        return ConventionError(f"{self.ref}: {message}")


def validate_tags(cell, ctx: CellContext):
    """Solution regions only in tagged solution cells; every exercise cell has an id."""
    try:
        exercise = cv.exercise_id(cell)
    except ConventionError as exc:
        raise ctx.error(str(exc)) from None
    source = cv.source_text(cell)
    if cv.has_solution_marker(source) and not cv.is_solution(cell):
        raise ctx.error(
            f"solution markers in a cell without the tags "
            f"['{cv.SOLUTION_TAG}', '{cv.EXERCISE_TAG_PREFIX}<id>']"
        )
    for role, present in (("solution", cv.is_solution(cell)), ("check", cv.is_check(cell))):
        if present and exercise is None:
            raise ctx.error(f"{role} cell without an '{cv.EXERCISE_TAG_PREFIX}<id>' tag")
    if cv.is_solution(cell) and cv.BEGIN_SOLUTION not in source:
        raise ctx.error(f"solution cell without '{cv.BEGIN_SOLUTION}': it would reach learners")
    if cv.is_check(cell) and not source.lstrip().startswith("%%ipytest"):
        raise ctx.error("check cell must be an %%ipytest cell")
    if cell.get("cell_type") != "code" and (cv.is_solution(cell) or cv.is_check(cell)):
        raise ctx.error("solution and check cells must be code cells")
    return cell


def stub_lines(exercise: str, title: str, indent: str) -> list[str]:
    message = json.dumps(f"Exercise {exercise}: {title}", ensure_ascii=False)
    return [f"{indent}# YOUR CODE HERE\n", f"{indent}raise NotImplementedError({message})\n"]


def strip_solutions(cell, ctx: CellContext):
    """Replace each BEGIN/END SOLUTION region by a stub naming the exercise."""
    if not cv.is_solution(cell):
        return cell
    exercise = cv.exercise_id(cell)
    title = cell.get("metadata", {}).get("coursekit", {}).get("title") or ctx.titles.get(exercise)
    if not title:
        raise ctx.error(
            f"no title for exercise {exercise}: add a markdown heading "
            f"'### Exercise {exercise} — Title' before it"
        )
    kept: list[str] = []
    inside = False
    for number, line in enumerate(cv.source_text(cell).splitlines(keepends=True), start=1):
        stripped = line.strip()
        is_begin, is_end = cv.BEGIN_SOLUTION in stripped, cv.END_SOLUTION in stripped
        if (is_begin or is_end) and stripped not in (cv.BEGIN_SOLUTION, cv.END_SOLUTION):
            raise ctx.error(f"line {number}: a solution marker must be alone on its line")
        if is_begin:
            if inside:
                raise ctx.error(f"line {number}: nested '{cv.BEGIN_SOLUTION}'")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            kept.extend(stub_lines(exercise, title, indent))
        elif is_end:
            if not inside:
                raise ctx.error(f"line {number}: '{cv.END_SOLUTION}' without a BEGIN")
            inside = False
        elif not inside:
            kept.append(line)
    if inside:
        raise ctx.error(f"unclosed '{cv.BEGIN_SOLUTION}'")
    new = copy.deepcopy(cell)
    new["source"] = "".join(kept).rstrip("\n")
    return new


def allow_exercise_failures(cell, ctx: CellContext):
    """Tag stubs and checks with nbval's raises-exception: unsolved, they are meant to fail."""
    if not (cv.is_solution(cell) or cv.is_check(cell)):
        return cell
    new = copy.deepcopy(cell)
    if cv.RAISES_EXCEPTION_TAG not in cv.tags(new):
        new.setdefault("metadata", {}).setdefault("tags", []).append(cv.RAISES_EXCEPTION_TAG)
    return new


def clear_outputs(cell, ctx: CellContext):
    """Learners start with no outputs: none can give an answer away, none can go stale."""
    if cell.get("cell_type") != "code":
        return cell
    new = copy.deepcopy(cell)
    new["outputs"] = []
    new["execution_count"] = None
    return new


def keep_metadata(cell, index: int, keys=("tags",)):
    """A copy of the cell with only ``keys`` of its metadata (tags de-duplicated, in order)
    and a stable id, so saving twice gives the same file."""
    new = copy.deepcopy(cell)
    metadata = new.get("metadata", {})
    kept = {key: metadata[key] for key in keys if metadata.get(key)}
    if "tags" in kept:
        kept["tags"] = list(dict.fromkeys(kept["tags"]))
    new["metadata"] = kept
    new["id"] = cell.get("id") or f"cell-{index + 1}"
    return new


def clean_metadata(cell, ctx: CellContext):
    """Learners get only the tags: no authoring metadata, no execution noise."""
    return keep_metadata(cell, ctx.ref.index)


# The order matters: validate before stripping, strip before clearing and cleaning.
TRANSFORMS = (
    validate_tags,
    strip_solutions,
    allow_exercise_failures,
    clear_outputs,
    clean_metadata,
)
