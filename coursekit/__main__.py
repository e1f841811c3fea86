"""Course tooling: python -m coursekit COMMAND

build [--check]                  regenerate notebooks/ from solutions/ (--check: report stale)
check-exercises [notebooks...]   prove each exercise fails on the stub, passes when solved
record NOTEBOOK...               re-run solution notebooks and store their outputs
timing [notebooks...]            time every notebook (both copies) against the budgets
grade SUBMISSIONS_DIR --out DIR  grade learners' notebooks (gradebook, report, feedback)
grade-merge PART... --out DIR    join the parts of `grade --shard K/N` into one gradebook
gradescope --out autograder.zip  build a Gradescope autograder from this course
sweep VARIABLE                   stop what a notebook run left behind (exit 1 if any)
release OUT                      write the learner repository (no solutions, no tools)
estimates [--write]              time a learner needs per notebook, from a stated formula
progress [NN...] [--chart FILE]  a learner's exercises passed and time left (workbook.progress)
"""

from __future__ import annotations

import importlib
import sys

from coursekit.convention import ConventionError

COMMANDS = {
    "build": "coursekit.build",
    "check-exercises": "coursekit.honesty",
    "record": "coursekit.record",
    "timing": "coursekit.timing",
    "grade": "coursekit.grading.cli",
    "grade-merge": "coursekit.grading.merge",
    "gradescope": "coursekit.grading.gradescope",
    "sweep": "workbook.checkrun.run_sweep",
    "release": "coursekit.release",
    "estimates": "coursekit.estimates",
    "progress": "workbook.progress",  # ships to learners, who have no coursekit
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[argv[0]])
    try:
        return module.main(argv[1:])
    except ConventionError as exc:
        print(f"coursekit {argv[0]}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
