"""The honesty check judged from recorded nbval runs: nbval numbers code cells only."""

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from coursekit.cell_records import read_records, recorded_run
from coursekit.honesty import exercise_cells, judge

pytestmark = pytest.mark.course


def notebook():
    return new_notebook(
        cells=[
            new_markdown_cell("### Exercise 1.1 — Add"),
            new_code_cell(
                "### BEGIN SOLUTION\nx = 1\n### END SOLUTION",
                metadata={"tags": ["solution", "exercise-1.1"]},
            ),
            new_markdown_cell("Check it:"),
            new_code_cell(
                "%%ipytest\ndef test_x(): assert x == 1",
                metadata={"tags": ["check", "exercise-1.1"]},
            ),
        ]
    )


def records_file(tmp_path, name, results):
    path = tmp_path / f"{name}.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {"notebook": "01_demo.ipynb", "cell": cell, "outcome": outcome, "error": error}
            )
            + "\n"
            for cell, outcome, error in results
        )
    )
    return read_records(path)["01_demo.ipynb"]


def verdict(tmp_path, learner, solution):
    nb = notebook()
    return judge(
        "01_demo.ipynb",
        exercise_cells(nb),
        recorded_run(nb, records_file(tmp_path, "learner", learner)),
        recorded_run(nb, records_file(tmp_path, "solution", solution)),
    )[0]


def test_an_exercise_holds_when_its_check_raised_on_the_stub_and_passed_solved(tmp_path):
    # code cell 1 is the check cell (notebook cell 3): markdown cells are not counted
    result = verdict(
        tmp_path,
        learner=[
            (0, "passed", "NotImplementedError: Exercise 1.1"),
            (1, "passed", "Error: ipytest failed"),
        ],
        solution=[(0, "passed", ""), (1, "passed", "")],
    )
    assert (result.fails_on_stub, result.passes_on_solution, result.holds) == (True, True, True)


def test_a_check_that_passes_on_the_stub_is_not_honest(tmp_path):
    result = verdict(
        tmp_path,
        learner=[(0, "passed", ""), (1, "passed", "")],
        solution=[(0, "passed", ""), (1, "passed", "")],
    )
    assert result.fails_on_stub is False and not result.holds


def test_a_check_cell_that_never_ran_counts_as_failed(tmp_path):
    result = verdict(
        tmp_path,
        learner=[(0, "passed", ""), (1, "failed", "boom")],
        solution=[(0, "failed", "TimeoutError")],
    )  # cell 1 never ran
    assert result.passes_on_solution is False and not result.holds


def test_notebook_fixture_is_valid():
    nbformat.validate(notebook())
