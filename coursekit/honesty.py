"""The honesty check: every exercise's check fails on the learner stub and passes on the solution.

    python -m coursekit check-exercises [notebooks...] [--cell-timeout SECONDS]
    python -m coursekit check-exercises --from-records SOLUTIONS.jsonl LEARNER.jsonl

Each notebook runs twice in a fresh kernel (solution copy, generated learner copy), or,
with --from-records, the check reads the cell results of two recorded nbval runs (see
``coursekit.cell_records``; this is what ``make test`` does, so no notebook runs twice).
An exercise holds when each of its check cells errors in the learner run and none errors
in the solution run. Exit status 1 when any exercise does not hold, when an exercise has a
check cell but no solution cell (or the reverse), or when a run leaves processes behind.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import nbformat

from coursekit import convention as cv
from coursekit.build import build_learner
from coursekit.cell_records import read_records, recorded_run
from coursekit.execute import DEFAULT_CELL_TIMEOUT_S, Run, cell_failed, execute
from coursekit.paths import LEARNER, REPO_ROOT, SOLUTIONS, resolve_notebooks
from workbook.table import print_table


@dataclass
class Verdict:
    notebook: str
    exercise: str
    fails_on_stub: bool | None = None
    passes_on_solution: bool | None = None
    problem: str = ""

    @property
    def holds(self) -> bool:
        return bool(self.fails_on_stub and self.passes_on_solution and not self.problem)


def exercise_cells(nb) -> dict[str, dict[str, list[int]]]:
    """Cell indices of each exercise's solution and check cells, by exercise id."""
    found: dict[str, dict[str, list[int]]] = defaultdict(lambda: {"solution": [], "check": []})
    for index, cell in enumerate(nb.cells):
        exercise = cv.exercise_id(cell)
        if exercise is None:
            continue
        if cv.is_solution(cell):
            found[exercise]["solution"].append(index)
        if cv.is_check(cell):
            found[exercise]["check"].append(index)
    return dict(sorted(found.items(), key=lambda item: tuple(map(int, item[0].split(".")))))


def judge(name: str, exercises, stub_run: Run, solution_run: Run) -> list[Verdict]:
    verdicts = []
    for exercise, cells in exercises.items():
        verdict = Verdict(name, exercise)
        if not cells["check"]:
            verdict.problem = "solution cell(s) but no check cell"
        elif not cells["solution"]:
            verdict.problem = "check cell(s) but no solution cell"
        else:
            checks = cells["check"]
            verdict.fails_on_stub = all(cell_failed(stub_run.notebook.cells[i]) for i in checks)
            verdict.passes_on_solution = not any(
                cell_failed(solution_run.notebook.cells[i]) for i in checks
            )
        verdicts.append(verdict)
    leftovers = stub_run.leftovers + solution_run.leftovers
    if leftovers:
        verdicts.append(Verdict(name, "-", problem="left running: " + "; ".join(leftovers)))
    return verdicts


def check_notebook(solution_file: Path, cell_timeout: float) -> list[Verdict]:
    name = solution_file.name
    solution = nbformat.read(solution_file, as_version=4)
    learner = build_learner(solution, f"{SOLUTIONS}/{name}")
    exercises = exercise_cells(solution)
    if not exercises:
        return [Verdict(name, "-", problem="no exercises (every notebook has at least one)")]
    solution_run = execute(solution, f"{SOLUTIONS}/{name}", cell_timeout=cell_timeout)
    stub_run = execute(learner, f"{LEARNER}/{name}", cell_timeout=cell_timeout)
    return judge(name, exercises, stub_run, solution_run)


def check_recorded(solution_file: Path, solution_records, learner_records) -> list[Verdict]:
    name = solution_file.name
    solution = nbformat.read(solution_file, as_version=4)
    exercises = exercise_cells(solution)
    if not exercises:
        return [Verdict(name, "-", problem="no exercises (every notebook has at least one)")]
    if name not in solution_records or name not in learner_records:
        return [Verdict(name, "-", problem="no recorded nbval run of both copies")]
    learner = build_learner(solution, f"{SOLUTIONS}/{name}")
    return judge(
        name,
        exercises,
        recorded_run(learner, learner_records[name]),
        recorded_run(solution, solution_records[name]),
    )


def yes_no(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "NO")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit check-exercises")
    parser.add_argument("notebooks", nargs="*", help="solution notebooks (default: all)")
    parser.add_argument("--cell-timeout", type=float, default=DEFAULT_CELL_TIMEOUT_S)
    parser.add_argument(
        "--from-records",
        nargs=2,
        type=Path,
        metavar=("SOLUTIONS", "LEARNER"),
        help="judge from the cell records of nbval runs over both copies",
    )
    args = parser.parse_args(argv)
    verdicts = []
    records = args.from_records and [read_records(path) for path in args.from_records]
    for solution_file in resolve_notebooks(args.notebooks, REPO_ROOT):
        if records:
            verdicts.extend(check_recorded(solution_file, *records))
        else:
            verdicts.extend(check_notebook(solution_file, args.cell_timeout))
    rows = [
        (
            v.notebook,
            v.exercise,
            yes_no(v.fails_on_stub),
            yes_no(v.passes_on_solution),
            "ok" if v.holds else (v.problem or "NOT HONEST"),
        )
        for v in verdicts
    ]
    print_table(("notebook", "exercise", "fails-on-stub", "passes-on-solution", "verdict"), rows)
    broken = [v for v in verdicts if not v.holds]
    if broken:
        print(f"\n{len(broken)} of {len(verdicts)} exercises do not hold.")
        return 1
    print(f"\nAll {len(verdicts)} exercises hold.")
    return 0
