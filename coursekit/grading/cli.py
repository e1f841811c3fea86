"""Grade a folder of submissions: ``python -m coursekit.grading SUBMISSIONS_DIR --out OUT_DIR``.

SUBMISSIONS_DIR holds one folder per learner with any of the course's learner notebooks
(matched by file name to the released notebooks). Writes OUT_DIR/grades.csv,
OUT_DIR/report.md, OUT_DIR/pass_rates.png, OUT_DIR/feedback/<learner>.html and .md, and
OUT_DIR/part.json (what `grade-merge` joins when --shard split the class). Exit status 0 when grading completed,
whatever the grades; 2 with one line on stderr for a mistake on the instructor's side.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from coursekit.grading.models import InstructorError

PROG = "python -m coursekit grade"


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[1])
    parser.add_argument("submissions", type=Path, metavar="SUBMISSIONS_DIR")
    parser.add_argument("--out", type=Path, required=True, metavar="OUT_DIR")
    parser.add_argument(
        "--released",
        type=Path,
        default=None,
        metavar="DIR",
        help="the learner notebooks as handed out (default: notebooks/)",
    )
    parser.add_argument(
        "--hidden",
        type=Path,
        default=None,
        metavar="DIR",
        help="instructor-only extra checks: DIR/<notebook>/<exercise>.py",
    )
    parser.add_argument(
        "--cell-timeout",
        type=float,
        default=120,
        metavar="S",
        help="seconds one cell may run (default 120)",
    )
    parser.add_argument(
        "--notebook-timeout",
        type=float,
        default=600,
        metavar="S",
        help="seconds one notebook may run (default 600)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="learners graded at once (default: number of cores)",
    )
    parser.add_argument(
        "--shard",
        default="1/1",
        metavar="K/N",
        help="grade only shard K of N (a stable split by learner); join the "
        "N parts with `python -m coursekit grade-merge`",
    )
    return parser.parse_args(argv)


def check_folders(args) -> None:
    """The instructor's folders, checked before anything slow starts."""
    out, submissions = args.out.resolve(), args.submissions.resolve()
    if not submissions.is_dir():
        raise InstructorError(
            f"submissions folder {args.submissions} not found; give a "
            "folder that holds one folder per learner"
        )
    if out == submissions or submissions in out.parents:
        raise InstructorError(
            "--out must not be inside SUBMISSIONS_DIR (it would be "
            "taken for a learner); choose another folder"
        )


def run(args) -> int:
    from coursekit.grading.grader import Settings, grade_class
    from coursekit.grading.hidden import load_hidden
    from coursekit.grading.part import ClassPart, exercise_info, write_outputs
    from coursekit.grading.released import load_course
    from coursekit.grading.shards import parse_shard
    from workbook.checkrun.runner import Limits

    shard = parse_shard(args.shard)
    course = load_course(args.released)
    limits = Limits(cell_s=args.cell_timeout, notebook_s=args.notebook_timeout)
    settings = Settings(
        limits=limits,
        jobs=max(1, args.jobs),
        hidden=load_hidden(args.hidden, course),
        shard=shard,
        keep_out=tuple(p for p in (args.submissions, args.out, args.hidden) if p),
    )
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InstructorError(f"cannot create --out {args.out}: {exc.strerror}") from None
    results, stray = grade_class(args.submissions, course, settings)
    part = ClassPart(
        shard,
        [r.learner for r in results],
        [g for r in results for g in r.grades],
        stray + [p for r in results for p in r.problems],
        f"{sum(bool(nb.exercises) for nb in course.values())} notebooks with exercises; "
        f"cell limit {limits.cell_s:g} s, notebook limit {limits.notebook_s:g} s",
        exercise_info(course),
        {r.learner: round(r.seconds, 1) for r in results},
    )
    for problem in part.problems:
        print(f"problem: {problem}")
    for r in results:
        print(
            f"graded {r.learner}: {sum(g.points for g in r.grades)}/"
            f"{sum(g.max_points for g in r.grades)} points ({r.seconds:.1f} s)"
        )
    if shard != (1, 1):
        print(f"shard {shard[0]}/{shard[1]}: {len(results)} learner(s)")
    report = write_outputs(part, args.out)
    print(f"wrote {args.out / 'grades.csv'}, {report} and {args.out / 'feedback'}/")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    try:
        check_folders(args)
        return run(args)
    except InstructorError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
