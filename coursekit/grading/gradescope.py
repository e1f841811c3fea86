"""Gradescope: ``python -m coursekit gradescope --out autograder.zip`` builds the bundle.

The bundle follows Gradescope's autograder layout: ``setup.sh`` and ``run_autograder`` at
the top (from ``coursekit/grading/gradescope/``), and the course under ``course/`` as
grading needs it: the released notebooks, course_app, workbook, coursekit, the reference
suite, the lock file; never ``solutions/``. Gradescope unpacks it to /autograder/source.

For each submission, ``run_autograder`` calls ``run``: the submitted notebooks (anywhere
in /autograder/submission) are graded as one learner with the same grader as ``grade``,
and /autograder/results/results.json gets one test per exercise (name, score, max_score,
status, output, visibility). The learner's feedback (Markdown) is the overall output.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from coursekit.grading.models import PASSED, InstructorError
from coursekit.paths import REPO_ROOT, SOLUTIONS
from workbook.checkrun.repo_copy import copy_repository

PROG = "python -m coursekit gradescope"
SCRIPTS = Path(__file__).with_name("gradescope")
LEARNER = "submission"  # the one learner of a Gradescope run
NOT_BUNDLED = (SOLUTIONS, "benchmarks", ".ci", ".github", "binder", "reports", ".ruff_cache")
EXECUTABLE = 0o755


def build(out: Path, repo: Path = REPO_ROOT) -> Path:
    """Write the autograder zip to ``out``; returns it."""
    if out.suffix != ".zip":
        raise InstructorError(f"--out {out}: Gradescope wants a .zip file, e.g. autograder.zip")
    with tempfile.TemporaryDirectory(prefix="coursekit-gradescope-") as scratch:
        course = copy_repository(
            repo, Path(scratch) / "course", [repo / name for name in NOT_BUNDLED] + [out]
        )
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name in ("setup.sh", "run_autograder"):
                _add(bundle, SCRIPTS / name, name, EXECUTABLE)
            for path in sorted(course.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    mode = EXECUTABLE if path.stat().st_mode & 0o111 else 0o644
                    _add(bundle, path, f"course/{path.relative_to(course)}", mode)
    return out


def _add(bundle: zipfile.ZipFile, path: Path, name: str, mode: int) -> None:
    info = zipfile.ZipInfo.from_file(path, name)
    info.external_attr = (0o100000 | mode) << 16  # keep run_autograder executable
    info.compress_type = zipfile.ZIP_DEFLATED
    bundle.writestr(info, path.read_bytes())


def results(part, feedback_md: str) -> dict:
    """Gradescope's results.json: one test per exercise."""
    tests = []
    from coursekit.grading.feedback import learner_why

    for grade in part.grades:
        info = part.exercises.get(grade.notebook, {}).get(grade.exercise, {})
        output = learner_why(grade)
        if grade.status != PASSED and info.get("hint"):
            output += f"\n\nStart with the notebook's hint: {info['hint']}"
        tests.append(
            {
                "name": f"{Path(grade.notebook).stem} {grade.exercise} {info.get('title', '')}".strip(),
                "score": grade.points,
                "max_score": grade.max_points,
                "status": "passed" if grade.status == PASSED else "failed",
                "output": output or "passed",
                "visibility": "visible",
            }
        )
    return {
        "score": sum(g.points for g in part.grades),
        "output": feedback_md,
        "output_format": "md",
        "tests": tests,
        "stdout_visibility": "hidden",
    }


def run(root: Path) -> int:
    """Grade ``root/submission``; write ``root/results/results.json``."""
    from coursekit.grading.cli import main as grade

    submission = root / "submission"
    if not submission.is_dir():
        raise InstructorError(f"{submission} not found: Gradescope puts the submission there")
    with tempfile.TemporaryDirectory(prefix="coursekit-gradescope-") as scratch:
        learners, out = Path(scratch) / "learners", Path(scratch) / "out"
        shutil.copytree(submission, learners / LEARNER, symlinks=True)
        status = grade([str(learners), "--out", str(out), "--jobs", "1"])
        if status != 0:
            return status
        from coursekit.grading.part import ClassPart

        part = ClassPart.read(out)
        feedback = (out / "feedback" / f"{LEARNER}.md").read_text(encoding="utf-8")
        (root / "results").mkdir(parents=True, exist_ok=True)
        (root / "results" / "results.json").write_text(
            json.dumps(results(part, feedback), indent=1, ensure_ascii=False), encoding="utf-8"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Build a Gradescope autograder bundle (or, inside it, grade one submission).",
    )
    parser.add_argument("action", nargs="?", default="build", choices=("build", "run"))
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("autograder.zip"),
        help="the bundle to write (default autograder.zip)",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("/autograder"),
        help="run: Gradescope's folder (default /autograder)",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if args.action == "run":
            return run(args.root)
        print(
            f"wrote {build(args.out)}: upload it as the autograder of a Gradescope "
            "programming assignment"
        )
        return 0
    except InstructorError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
