"""Feedback for each learner: what it says, and what it never says (a hidden check's source)."""

from __future__ import annotations

import copy

import classroom
import pytest

from coursekit.grading import grading_copy, scoring
from coursekit.grading import models as m
from coursekit.grading.feedback import HIDDEN_FAILED, write_feedback
from coursekit.grading.part import ClassPart, exercise_info
from coursekit.grading.released import load_notebook
from coursekit.grading.report import write_report
from workbook.checkrun.runner import Limits, NotebookRun
from workbook.paths import REPO_ROOT

pytestmark = pytest.mark.grading

EXERCISE = classroom.first_exercise(classroom.released())
SECRET = "assert order_total([{'price': 0.1, 'quantity': 3}]) == 0.3  # SECRET-EDGE-CASE"


def feedback(graded_class, learner: str, suffix: str = "md") -> str:
    return (graded_class.out / "feedback" / f"{learner}.{suffix}").read_text(encoding="utf-8")


def test_every_learner_gets_markdown_and_html(graded_class):
    names = {p.name for p in (graded_class.out / "feedback").iterdir()}
    assert names == {
        f"{learner}.{suffix}" for learner in graded_class.rows() for suffix in ("md", "html")
    }
    html = feedback(graded_class, "solved", "html")
    assert html.startswith("<!DOCTYPE html>") and "1 of 1 points" in html


@pytest.mark.parametrize(
    "learner, says",
    [
        ("solved", "| 0.1 The total of an order | passed | 1/1 |"),
        ("untouched", f"NotImplementedError: Exercise {EXERCISE}:"),
        ("untouched", "Start with the notebook's hint: *Hint 1 — a nudge: Python's built-in `sum`"),
        ("tampered", "check cell edited; the released one was run"),
        ("looping", f"ran past the {classroom.CELL_TIMEOUT_S} s cell limit"),
        ("broken", "not a readable notebook (invalid JSON or format)"),
        ("empty", "no notebooks in this folder"),
        ("solved", "99_other_course.ipynb: not a notebook of this course"),
    ],
)
def test_feedback_says_status_points_why_and_the_first_hint(graded_class, learner, says):
    assert says in feedback(graded_class, learner)


def test_a_passed_exercise_gets_no_hint(graded_class):
    assert "hint" not in feedback(graded_class, "solved").lower()


def hidden_check_failed() -> ClassPart:
    """Notebook 00 whose released check passed and whose hidden check failed."""
    released = load_notebook(REPO_ROOT / "notebooks" / classroom.NOTEBOOK)
    hidden = {EXERCISE: [f"%%ipytest\n\ndef test_secret():\n    {SECRET}\n"]}
    graded = grading_copy.build(released, copy.deepcopy(released.nb), hidden)
    released_check, hidden_check = graded.checks[EXERCISE]
    leak = f">       {SECRET}\nE       {SECRET}\n1 failed in 0.01s\n"
    run = NotebookRun(
        returncode=1,
        records={
            released_check: {
                "cell": released_check,
                "outcome": "passed",
                "stdout": "1 passed in 0.01s",
            },
            hidden_check: {
                "cell": hidden_check,
                "outcome": "failed",
                "stdout": leak,
                "message": leak,
                "error": "",
            },
        },
    )
    grades = scoring.score("ada", released, graded, run, Limits())
    course = {released.name: released}
    return ClassPart((1, 1), ["ada"], grades, [], "test", exercise_info(course))


def test_a_failing_hidden_check_is_named_but_its_source_never_shown(tmp_path):
    part = hidden_check_failed()
    (grade,) = part.grades
    assert (grade.status, grade.hidden_failed) == (m.FAILED, True)
    for path in write_feedback(part, tmp_path / "feedback"):
        text = path.read_text()
        assert "SECRET-EDGE-CASE" not in text and "order_total([{" not in text, path.name
        assert HIDDEN_FAILED.split(":")[0] in text
    # the instructor's report still shows what failed
    assert (
        "SECRET-EDGE-CASE" in write_report(part.grades, [], ["ada"], tmp_path, "test").read_text()
    )


def test_html_feedback_escapes_what_a_submission_wrote(tmp_path):
    grade = m.Grade(
        "ada", classroom.NOTEBOOK, EXERCISE, 0, 1, m.FAILED, "<script>alert(1)</script>"
    )
    part = ClassPart((1, 1), ["ada"], [grade], [], "test")
    write_feedback(part, tmp_path)
    html = (tmp_path / "ada.html").read_text()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
