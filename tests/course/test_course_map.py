"""Notebook 00's course map lists every notebook of the course, so it stays true as they arrive."""

import re

import nbformat
import pytest

from coursekit.paths import REPO_ROOT, solution_notebooks

pytestmark = pytest.mark.course


def course_map_numbers() -> set[str]:
    welcome = nbformat.read(REPO_ROOT / "solutions" / "00_welcome.ipynb", as_version=4)
    course_map = next(c.source for c in welcome.cells if "## The course map" in c.source)
    return set(re.findall(r"^\| (\d\d) \|", course_map, flags=re.MULTILINE))


def test_the_map_covers_notebooks_00_to_15():
    assert course_map_numbers() == {f"{n:02d}" for n in range(16)}


def test_every_notebook_in_solutions_is_on_the_map():
    missing = {p.name for p in solution_notebooks() if p.name[:2] not in course_map_numbers()}
    assert not missing, f"add these notebooks to the course map in 00_welcome: {missing}"


@pytest.mark.parametrize("notebook", solution_notebooks(), ids=lambda p: p.name)
def test_every_notebook_opens_with_a_title_objectives_and_time(notebook):
    first = nbformat.read(notebook, as_version=4).cells[0].source
    assert first.startswith(f"# {notebook.name[:2]} — "), "title like '# 03 — Topic'"
    assert "**Objectives**" in first and "**Time needed:**" in first
