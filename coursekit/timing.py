"""Time budget report: how long each notebook takes to run, both copies, against its budget.

    python -m coursekit timing [notebooks...]
    python -m coursekit timing --from-records reports/cells-solutions.jsonl reports/cells-learner.jsonl

A report, not a test: it always exits 0 unless a notebook cannot be built. With
--from-records it adds up the cell times of recorded nbval runs (what ``make test``
leaves in reports/) instead of running anything: kernel start-up is not included.

It also lists the slowest check cells against what a learner should wait for one: 2 s in
the first notebooks (00-02), where every check is a unit test, and 30 s anywhere.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import nbformat

from coursekit import convention as cv
from coursekit.build import build_learner
from coursekit.cell_records import read_records
from coursekit.execute import DEFAULT_CELL_TIMEOUT_S, execute
from coursekit.paths import LEARNER, SOLUTIONS, resolve_notebooks, solution_notebooks
from workbook.table import print_table

NOTEBOOK_BUDGET_S = 60
SPECIAL_BUDGETS_S = {"10": 150}  # the performance notebook runs load tests
COURSE_BUDGET_S = 12 * 60  # every notebook, both copies
CHECK_WAIT_S = 30.0  # the longest a learner should wait for any check cell
FIRST_NOTEBOOKS_CHECK_WAIT_S = {"00": 2.0, "01": 2.0, "02": 2.0}  # unit-test checks answer at once
SLOWEST_CHECKS_SHOWN = 10


def budget_for(name: str) -> float:
    return SPECIAL_BUDGETS_S.get(name[:2], NOTEBOOK_BUDGET_S)


def verdict(seconds: float, budget: float) -> str:
    return "ok" if seconds <= budget else "OVER BUDGET"


def check_wait_for(name: str) -> float:
    return FIRST_NOTEBOOKS_CHECK_WAIT_S.get(name[:2], CHECK_WAIT_S)


def check_cells() -> dict[str, dict[int, str]]:
    """notebook file name -> nbval's number of each check cell (code cells only) -> exercise."""
    found: dict[str, dict[int, str]] = {}
    for path in solution_notebooks():
        code_cells = [
            cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"
        ]
        found[path.name] = {
            number: cv.exercise_id(cell) or "?"
            for number, cell in enumerate(code_cells)
            if cv.is_check(cell)
        }
    return found


def slowest_checks(runs: dict[str, dict[str, dict[int, dict]]]) -> list[tuple]:
    """(notebook, exercise, copy, seconds, limit, verdict) of the slowest recorded check cells."""
    checks, rows = check_cells(), []
    for copy, records in runs.items():
        for name, cells in records.items():
            for number, exercise in checks.get(name, {}).items():
                if number in cells:
                    rows.append((name, exercise, copy, cells[number]["seconds"]))
    rows.sort(key=lambda row: -row[3])
    return [
        (
            name,
            exercise,
            copy,
            f"{seconds:.1f}",
            f"{check_wait_for(name):.0f}",
            verdict(seconds, check_wait_for(name)),
        )
        for rank, (name, exercise, copy, seconds) in enumerate(rows)
        if rank < SLOWEST_CHECKS_SHOWN or seconds > check_wait_for(name)
    ]


def report_from_records(solutions: Path, learner: Path) -> int:
    rows, total = [], 0.0
    runs = {SOLUTIONS: read_records(solutions), LEARNER: read_records(learner)}
    for name in sorted(set(runs[SOLUTIONS]) | set(runs[LEARNER])):
        budget = budget_for(name)
        for copy, records in runs.items():
            seconds = sum(cell["seconds"] for cell in records.get(name, {}).values())
            total += seconds
            rows.append((name, copy, f"{seconds:.1f}", f"{budget:.0f}", verdict(seconds, budget)))
    rows.append(
        ("TOTAL", "both", f"{total:.1f}", f"{COURSE_BUDGET_S:.0f}", verdict(total, COURSE_BUDGET_S))
    )
    print_table(("notebook", "copy", "seconds", "budget", "verdict"), rows)
    print("\nThe slowest check cells (and every one over its limit):")
    print_table(
        ("notebook", "exercise", "copy", "seconds", "limit", "verdict"), slowest_checks(runs)
    )
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit timing")
    parser.add_argument("notebooks", nargs="*", help="solution notebooks (default: all)")
    parser.add_argument("--cell-timeout", type=float, default=DEFAULT_CELL_TIMEOUT_S)
    parser.add_argument(
        "--slowest",
        type=int,
        default=0,
        metavar="N",
        help="also list the N slowest cells of each run",
    )
    parser.add_argument(
        "--from-records",
        nargs=2,
        type=Path,
        metavar=("SOLUTIONS", "LEARNER"),
        help="add up the cell times of recorded nbval runs instead",
    )
    args = parser.parse_args(argv)
    if args.from_records:
        return report_from_records(*args.from_records)
    rows, total, slow_cells = [], 0.0, []
    for solution_file in resolve_notebooks(args.notebooks):
        name = solution_file.name
        solution = nbformat.read(solution_file, as_version=4)
        learner = build_learner(solution, f"{SOLUTIONS}/{name}")
        budget = budget_for(name)
        for copy, nb in ((SOLUTIONS, solution), (LEARNER, learner)):
            run = execute(nb, f"{copy}/{name}", cell_timeout=args.cell_timeout)
            seconds = run.seconds
            total += seconds
            slowest = sorted(run.cell_seconds.items(), key=lambda item: -item[1])[: args.slowest]
            slow_cells += [
                (name, copy, index + 1, nb.cells[index].get("id", ""), f"{cell_s:.1f}")
                for index, cell_s in slowest
            ]
            rows.append((name, copy, f"{seconds:.1f}", f"{budget:.0f}", verdict(seconds, budget)))
    rows.append(
        ("TOTAL", "both", f"{total:.1f}", f"{COURSE_BUDGET_S:.0f}", verdict(total, COURSE_BUDGET_S))
    )
    print_table(("notebook", "copy", "seconds", "budget", "verdict"), rows)
    if slow_cells:
        print()
        print_table(("notebook", "copy", "cell", "cell id", "seconds"), slow_cells)
    return 0
