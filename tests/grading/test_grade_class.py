"""Grading a small class built from notebook 00: every kind of submission, one run."""

from __future__ import annotations

import hashlib

import classroom
import psutil
import pytest

from workbook.paths import REPO_ROOT

pytestmark = [pytest.mark.grading, pytest.mark.slow]

EXERCISE = classroom.first_exercise(classroom.released())


def test_grading_completes_with_exit_status_0(graded_class):
    assert graded_class.result.returncode == 0, graded_class.result.stderr
    assert "wrote" in graded_class.result.stdout


def test_gradebook_has_one_row_per_learner_notebook_and_exercise(graded_class):
    header = (graded_class.out / "grades.csv").read_text().splitlines()[0]
    assert header == "learner,notebook,exercise,points,max_points,status"
    rows = graded_class.rows()
    assert set(rows) == {
        "solved",
        "untouched",
        "tampered",
        "looping",
        "vandal",
        "foreign",
        "broken",
        "empty",
    }
    assert {(r["notebook"], r["exercise"]) for r in rows.values()} == {
        (classroom.NOTEBOOK, EXERCISE)
    }


@pytest.mark.parametrize(
    "learner, status, points",
    [
        ("solved", "passed", "1"),
        ("untouched", "failed", "0"),
        ("tampered", "tampered", "0"),
        ("looping", "timeout", "0"),
        ("vandal", "error", "0"),  # its kernel died before the check
        ("foreign", "error", "0"),
        ("broken", "error", "0"),
        ("empty", "missing", "0"),
    ],
)
def test_each_kind_of_submission_gets_its_status(graded_class, learner, status, points):
    row = graded_class.rows()[learner]
    assert (row["status"], row["points"], row["max_points"]) == (status, points, "1")


@pytest.mark.parametrize(
    "line",
    [
        "broken/00_welcome.ipynb: not a readable notebook (invalid JSON or format)",
        "empty/: no notebooks in this folder",
        "foreign/00_welcome.ipynb: none of the course's check cells is in it",
        "solved/99_other_course.ipynb: not a notebook of this course",
        f"tampered/00_welcome.ipynb: exercise {EXERCISE}: check cell edited; the released one was run",
        f"ran past the {classroom.CELL_TIMEOUT_S} s cell limit and was stopped",
        "vandal/00_welcome.ipynb: the kernel died in code cell 2",
        "vandal/00_welcome.ipynb: left 1 process(es) running, now stopped",
    ],
)
def test_each_bad_submission_gets_one_clear_line(graded_class, line):
    printed = [p for p in graded_class.result.stdout.splitlines() if line in p]
    assert len(printed) == 1, graded_class.result.stdout
    assert line in graded_class.report()


def test_report_has_totals_pass_rates_chart_and_failing_assertions(graded_class):
    report = graded_class.report()
    assert "| solved | 1 | 1 | 100% | 1 | 0 | 0 | 0 | 0 | 0 |" in report
    assert "| untouched | 0 | 1 | 0% | 0 | 1 | 0 | 0 | 0 | 0 |" in report
    assert f"| 00_welcome {EXERCISE} | 12% |" in report  # 1 of 8 learners passed
    assert "![Pass rate per exercise](pass_rates.png)" in report
    # the untouched learner's failure shows the stub's error from the check's pytest output
    assert f"NotImplementedError: Exercise {EXERCISE}:" in report
    assert "(it failed)" in report  # the released check was run for the tampered learner
    png = (graded_class.out / "pass_rates.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 5000


def test_vandal_harmed_nothing_and_nothing_keeps_running(graded_class):
    submission = graded_class.submissions / "vandal" / classroom.NOTEBOOK
    assert submission.exists() and (graded_class.submissions / "solved").is_dir()
    for path in ("notebooks/00_welcome.ipynb", "solutions/00_welcome.ipynb", "coursekit/paths.py"):
        assert (REPO_ROOT / path).exists(), path
    escaped = [
        p
        for p in psutil.process_iter(["cmdline"])
        if classroom.SERVER_MARKER in " ".join(p.info["cmdline"] or [])
    ]
    assert escaped == []
    assert graded_class.work_dirs_left == set()


def test_submissions_are_never_modified(graded_class, tmp_path):
    fresh = tmp_path / "fresh"
    classroom.build_class(fresh)
    for learner in ("solved", "untouched", "tampered"):

        def digest(root, learner=learner):
            return hashlib.sha256((root / learner / classroom.NOTEBOOK).read_bytes()).hexdigest()

        assert digest(graded_class.submissions) == digest(fresh), learner
