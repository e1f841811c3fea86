"""How long a notebook takes a learner: ``python -m coursekit estimates [--write]``.

The estimate is computed from the notebook, so it cannot drift from it:

    minutes = prose words / READING_WPM                  reading the explanations
            + code lines shown / CODE_LINES_PER_MINUTE   studying the code cells
            + run budget / 60                            waiting for the cells to run
            + per exercise: EXERCISE_BASE_MIN
                            + solution lines / SOLUTION_LINES_PER_MINUTE

rounded up to 5 minutes. Code shown is every code cell a learner reads, minus solution
regions (the learner writes those). The run budget is the one ``coursekit timing`` holds
the notebook to. The exercise allowance was set against blind solves: helpers who had never
seen the solutions took 60-75 minutes for notebook 10 and 120-150 for notebook 13 (best
practices and the capstone together, before they became notebooks 14 and 15).

Each solution notebook states its figure in its first cell ("**Time needed:** about N
minutes.") and the README's course map has a time column and the total; ``--write`` puts the
computed figures in both, and tests/course/test_estimates.py fails when they differ.
"""

from __future__ import annotations

import argparse
import math
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from coursekit import convention as cv
from coursekit.paths import resolve_notebooks, solution_notebooks
from coursekit.timing import budget_for
from workbook.paths import REPO_ROOT
from workbook.table import print_table

READING_WPM = 180
CODE_LINES_PER_MINUTE = 15
EXERCISE_BASE_MIN = 10
SOLUTION_LINES_PER_MINUTE = 3
MAP_ROW = re.compile(r"^(\| (\d\d) \| `\w+` \| [^|]*?\|)(?: \d+ min \|)?$", re.MULTILINE)
MAP_HEADER = "| # | notebook | what you practise |"
MAP_COLUMNS = {
    f"{MAP_HEADER}\n| --- | --- | --- |": f"{MAP_HEADER} time |\n| --- | --- | --- | --- |"
}
MAP_TOTAL = re.compile(r"^Altogether about .* of work.*$", re.MULTILINE)
WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")


@dataclass(frozen=True)
class Estimate:
    reading_min: float
    code_min: float
    run_min: float
    exercises: int
    exercise_min: float

    @property
    def minutes(self) -> int:
        total = self.reading_min + self.code_min + self.run_min + self.exercise_min
        return 5 * math.ceil(total / 5)


def _without_solutions(source: str) -> tuple[list[str], int]:
    """The lines a learner reads, and the number of solution lines they write instead."""
    shown, written, inside = [], 0, False
    for line in source.splitlines():
        if cv.BEGIN_SOLUTION in line:
            inside = True
        elif cv.END_SOLUTION in line:
            inside = False
        elif inside:
            written += bool(line.strip())
        elif line.strip():
            shown.append(line)
    return shown, written


def estimate(notebook: Path) -> Estimate:
    cells = nbformat.read(notebook, as_version=4).cells
    words = code_lines = solution_lines = 0
    exercises = set()
    for cell in cells:
        source = cv.source_text(cell)
        if cell.cell_type == "markdown":
            words += len(WORD.findall(source))
            continue
        if cell.cell_type != "code":
            continue
        shown, written = _without_solutions(source)
        code_lines += len(shown)
        solution_lines += written
        if cv.is_solution(cell) and cv.exercise_id(cell):
            exercises.add(cv.exercise_id(cell))
    return Estimate(
        reading_min=words / READING_WPM,
        code_min=code_lines / CODE_LINES_PER_MINUTE,
        run_min=budget_for(notebook.name) / 60,
        exercises=len(exercises),
        exercise_min=len(exercises) * EXERCISE_BASE_MIN
        + solution_lines / SOLUTION_LINES_PER_MINUTE,
    )


def write_estimate(notebook: Path, minutes: int) -> bool:
    """Put ``minutes`` into the notebook's statement; True when the file changed."""
    nb = nbformat.read(notebook, as_version=4)
    source = cv.source_text(nb.cells[0])
    if not cv.STATED_TIME.search(source):
        raise cv.ConventionError(
            f"{notebook.name}: the first cell states no '**Time needed:** about N minutes.'"
        )
    updated = cv.STATED_TIME.sub(f"**Time needed:** about {minutes} minutes.", source)
    if updated == source:
        return False
    nb.cells[0].source = updated
    nbformat.write(nb, notebook)
    return True


def readme_with_times(readme: str, minutes: dict[str, int]) -> str:
    """The README with each course-map row's time (by notebook number) and the total."""
    for without, with_time in MAP_COLUMNS.items():  # the time column, added once
        readme = readme.replace(without, with_time)
    readme = MAP_ROW.sub(lambda row: f"{row[1]} {minutes[row[2]]} min |", readme)
    total = sum(minutes.values())
    line = (
        f"Altogether about {total / 60:.0f} hours of work ({total} minutes), computed per "
        "notebook by `python -m coursekit estimates` from what it holds (see the formula there)."
    )
    if MAP_TOTAL.search(readme):
        return MAP_TOTAL.sub(line, readme)
    table_end = readme.index("\n\n", readme.index(MAP_HEADER))
    return f"{readme[:table_end]}\n\n{line}{readme[table_end:]}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="coursekit estimates", description=__doc__.splitlines()[0]
    )
    parser.add_argument("notebooks", nargs="*", help="solution notebooks (paths, names or NN)")
    parser.add_argument("--write", action="store_true", help="put the figures into the notebooks")
    args = parser.parse_args(argv)
    rows, total = [], 0
    for path in resolve_notebooks(args.notebooks):
        found = estimate(path)
        total += found.minutes
        stated = cv.stated_minutes(path)
        if args.write:
            write_estimate(path, found.minutes)
            stated = found.minutes
        rows.append(
            (
                path.stem,
                f"{found.reading_min:.0f}",
                f"{found.code_min:.0f}",
                f"{found.run_min:.1f}",
                found.exercises,
                f"{found.exercise_min:.0f}",
                found.minutes,
                stated if stated is not None else "-",
            )
        )
    print_table(
        ("notebook", "reading", "code", "run", "exercises", "exercise min", "estimate", "stated"),
        rows,
    )
    print(f"Course total: {total} minutes ({total / 60:.1f} hours).")
    if args.write:
        readme = REPO_ROOT / "README.md"
        all_minutes = {path.name[:2]: estimate(path).minutes for path in solution_notebooks()}
        readme.write_text(readme_with_times(readme.read_text(), all_minutes))
    return 0
