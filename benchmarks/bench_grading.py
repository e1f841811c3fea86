"""Seconds per learner for grading a full course submission on this machine.

    .venv/bin/python benchmarks/bench_grading.py [--learners N] [--jobs J]

Every learner submits all the solution notebooks in solutions/ (so every check runs and
passes); N learners (default: the number of cores) are graded J at a time, as
``python -m coursekit grade`` does. Prints each learner's time and the class's wall time
divided by N (what an instructor waits per learner).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coursekit.grading.grader import Settings, grade_class
from coursekit.grading.released import load_course
from coursekit.paths import solution_notebooks


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    course = load_course()
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        for n in range(args.learners):
            folder = Path(tmp) / f"learner{n + 1:02d}"
            folder.mkdir()
            for notebook in solution_notebooks():
                if notebook.name in course:  # released notebooks only
                    shutil.copy(notebook, folder / notebook.name)
        started = time.perf_counter()
        results, _ = grade_class(Path(tmp), course, Settings(jobs=args.jobs))
        wall = time.perf_counter() - started
    exercises = sum(len(nb.exercises) for nb in course.values())
    graded = sum(bool(nb.exercises) for nb in course.values())
    print(
        f"course: {graded} notebooks with {exercises} exercises; "
        f"{args.learners} learners, {args.jobs} at a time, {os.cpu_count()} cores"
    )
    for r in results:
        passed = sum(g.status == "passed" for g in r.grades)
        print(f"  {r.learner}: {r.seconds:6.1f} s  ({passed}/{len(r.grades)} exercises passed)")
        for problem in r.problems:
            print(f"    problem: {problem}")
    print(
        f"seconds per learner: {wall / args.learners:.1f} "
        f"(class wall time {wall:.1f} s / {args.learners} learners)"
    )
    failed = [g for r in results for g in r.grades if g.status != "passed"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
