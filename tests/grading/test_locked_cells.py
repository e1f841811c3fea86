"""Integrity without a kernel: what grading runs for a learner's notebook 00."""

from __future__ import annotations

import classroom
import nbformat
import pytest

from coursekit import convention as cv
from coursekit.grading.grading_copy import build
from coursekit.grading.released import load_notebook
from workbook.paths import REPO_ROOT

pytestmark = pytest.mark.grading

RELEASED = load_notebook(REPO_ROOT / "notebooks" / classroom.NOTEBOOK)
EXERCISE = RELEASED.exercises[0].id


def released_check_source() -> str:
    index = classroom.cell_index(RELEASED.nb, "check", EXERCISE)
    return RELEASED.nb.cells[index].source


def checks_run(copy) -> list[str]:
    return [c.source for c in copy.nb.cells if c.metadata.get("grading_role") == "check"]


def test_untouched_notebook_is_not_tampered_and_its_check_must_pass():
    copy = build(RELEASED, classroom.released())
    assert copy.tampered == {} and copy.notes == [] and not copy.foreign
    assert checks_run(copy) == [released_check_source()]
    check = next(c for c in copy.nb.cells if c.metadata.get("grading_role") == "check")
    assert cv.RAISES_EXCEPTION_TAG not in cv.tags(check)  # a failing check is a failed cell
    assert all(not c.get("outputs") for c in copy.nb.cells if c.cell_type == "code")


def test_edited_check_is_tampered_and_the_released_one_runs():
    copy = build(RELEASED, classroom.tampered())
    assert copy.tampered == {EXERCISE: "check cell edited; the released one was run"}
    assert checks_run(copy) == [released_check_source()]


def test_deleted_check_is_tampered_and_put_back_after_the_solution():
    nb = classroom.solution()
    del nb.cells[classroom.cell_index(nb, "check", EXERCISE)]
    copy = build(RELEASED, nb)
    assert copy.tampered[EXERCISE].startswith("check cell removed")
    solution_at = classroom.cell_index(copy.nb, "solution", EXERCISE)
    assert copy.nb.cells[solution_at + 1].source == released_check_source()


def test_check_found_by_its_tags_when_the_cell_id_changed():
    nb = classroom.solution()
    nb.cells[classroom.cell_index(nb, "check", EXERCISE)]["id"] = "copied-elsewhere"
    assert build(RELEASED, nb).tampered == {}


def test_edited_setup_cell_is_reported_and_replaced():
    nb = classroom.solution()
    nb.cells[2].source = "import ipytest; ipytest.autoconfig(raise_on_error=False)"
    copy = build(RELEASED, nb)
    assert len(copy.notes) == 1 and copy.notes[0].startswith("locked cell edited")
    assert copy.nb.cells[2].source == RELEASED.nb.cells[2].source


def test_a_learner_cannot_mark_their_own_cell_as_a_check():
    nb = classroom.solution()
    fake = nbformat.v4.new_code_cell("%%ipytest\ndef test_fake():\n    assert True")
    fake.metadata.update(tags=["check", f"exercise-{EXERCISE}"], grading_role="check")
    nb.cells.append(fake)
    assert checks_run(build(RELEASED, nb)) == [released_check_source()]


def test_hidden_checks_run_right_after_the_released_check():
    hidden = "%%ipytest\ndef test_hidden():\n    assert order_total([]) == 0\n"
    copy = build(RELEASED, classroom.solution(), {EXERCISE: [hidden]})
    assert checks_run(copy) == [released_check_source(), hidden]
    assert len(copy.checks[EXERCISE]) == 2


def test_notebook_of_another_course_is_foreign():
    assert build(RELEASED, classroom.foreign()).foreign
