"""Which files are the course's notebooks: exact names, not copies beside them."""

import pytest

from workbook.paths import REPO_ROOT, course_notebooks

pytestmark = pytest.mark.course


def test_copies_beside_the_course_notebooks_are_not_part_of_the_course(tmp_path):
    for name in (
        "01_unit_tests.ipynb",
        "00_welcome.ipynb",
        "00_welcome-mine.ipynb",
        "01_unit_tests (copy).ipynb",
        "notes.ipynb",
        "02_Draft.ipynb",
    ):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in course_notebooks(tmp_path)] == [
        "00_welcome.ipynb",
        "01_unit_tests.ipynb",
    ]


def test_every_solution_notebook_has_a_course_name():
    every = sorted((REPO_ROOT / "solutions").glob("*.ipynb"))
    assert course_notebooks(REPO_ROOT / "solutions") == every
