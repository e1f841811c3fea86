"""The time each notebook states is the one coursekit estimates computes from it."""

import nbformat
import pytest

from coursekit import convention as cv
from coursekit import estimates
from coursekit.paths import solution_notebooks
from workbook.paths import REPO_ROOT


@pytest.mark.parametrize("notebook", solution_notebooks(), ids=lambda path: path.stem)
def test_the_stated_time_is_the_computed_one(notebook):
    computed = estimates.estimate(notebook).minutes
    assert cv.stated_minutes(notebook) == computed, (
        f"{notebook.name} states {cv.stated_minutes(notebook)} minutes, the formula gives "
        f"{computed}: run python -m coursekit estimates --write {notebook.name[:2]}"
    )


def test_more_to_write_means_more_time(tmp_path):
    def notebook(solution_lines: int):
        nb = nbformat.v4.new_notebook()
        nb.cells = [
            nbformat.v4.new_markdown_cell("# T\n\n**Time needed:** about 5 minutes."),
            nbformat.v4.new_code_cell(
                "### BEGIN SOLUTION\n" + "x = 1\n" * solution_lines + "### END SOLUTION",
                metadata={"tags": ["solution", "exercise-9.1"]},
            ),
        ]
        path = tmp_path / f"99_t{solution_lines}.ipynb"
        nbformat.write(nb, path)
        return path

    small, large = estimates.estimate(notebook(3)), estimates.estimate(notebook(90))
    assert small.exercises == large.exercises == 1
    assert large.minutes > small.minutes


def test_the_readme_course_map_shows_the_computed_times_and_total():
    minutes = {path.name[:2]: estimates.estimate(path).minutes for path in solution_notebooks()}
    readme = (REPO_ROOT / "README.md").read_text()
    assert estimates.readme_with_times(readme, minutes) == readme, (
        "the README's course map is out of date: run python -m coursekit estimates --write"
    )
