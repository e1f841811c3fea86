"""The honesty checker: it must catch a check that cannot fail and a check that cannot pass."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from coursekit.execute import Run
from coursekit.honesty import check_notebook, exercise_cells, judge

pytestmark = pytest.mark.course

SETUP = new_code_cell("from workbook.notebook import setup; setup()")


def tagged(source, *tags):
    return new_code_cell(source, metadata={"tags": list(tags)})


def failed_cell():
    return new_code_cell("x", outputs=[new_output("error", ename="E", evalue="", traceback=[])])


def run_of(*cells):
    return Run(notebook=new_notebook(cells=list(cells)), seconds=0.0)


def test_exercise_cells_pairs_solutions_with_checks_in_exercise_order():
    nb = new_notebook(
        cells=[
            tagged("%%ipytest", "check", "exercise-1.10"),
            tagged("x", "solution", "exercise-1.2"),
            tagged("%%ipytest", "check", "exercise-1.2"),
        ]
    )
    assert exercise_cells(nb) == {
        "1.2": {"solution": [1], "check": [2]},
        "1.10": {"solution": [], "check": [0]},
    }


@pytest.mark.parametrize(
    "stub_fails, solution_fails, holds",
    [(True, False, True), (False, False, False), (True, True, False), (False, True, False)],
)
def test_an_exercise_holds_only_when_its_check_fails_on_stub_and_passes_on_solution(
    stub_fails, solution_fails, holds
):
    exercises = {"0.1": {"solution": [0], "check": [1]}}
    stub = run_of(new_code_cell("x"), failed_cell() if stub_fails else new_code_cell("x"))
    solution = run_of(new_code_cell("x"), failed_cell() if solution_fails else new_code_cell("x"))
    [verdict] = judge("00.ipynb", exercises, stub, solution)
    assert verdict.holds is holds


def test_unpaired_exercises_and_leftover_processes_do_not_hold():
    exercises = {"1.1": {"solution": [0], "check": []}, "1.2": {"solution": [], "check": [0]}}
    stub, solution = run_of(failed_cell()), run_of(new_code_cell("x"))
    solution.leftovers = ["pid 42: postgres"]
    verdicts = judge("01.ipynb", exercises, stub, solution)
    assert [v.problem for v in verdicts] == [
        "solution cell(s) but no check cell",
        "check cell(s) but no solution cell",
        "left running: pid 42: postgres",
    ]
    assert not any(v.holds for v in verdicts)


@pytest.mark.slow
def test_real_runs_tell_an_honest_exercise_from_one_whose_check_cannot_fail(tmp_path):
    notebook = tmp_path / "99_sample.ipynb"
    nbformat.write(
        new_notebook(
            cells=[
                new_markdown_cell("### Exercise 9.1 — Double\n\n### Exercise 9.2 — Anything"),
                SETUP,
                tagged(
                    "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION",
                    "solution",
                    "exercise-9.1",
                ),
                tagged(
                    "%%ipytest\ndef test_double():\n    assert double(2) == 4",
                    "check",
                    "exercise-9.1",
                ),
                tagged(
                    "### BEGIN SOLUTION\nanswer = 1\n### END SOLUTION", "solution", "exercise-9.2"
                ),
                tagged("%%ipytest\ndef test_nothing():\n    assert True", "check", "exercise-9.2"),
            ]
        ),
        notebook,
    )
    verdicts = {v.exercise: v for v in check_notebook(notebook, cell_timeout=60)}
    assert verdicts["9.1"].holds
    assert (verdicts["9.2"].fails_on_stub, verdicts["9.2"].passes_on_solution) == (False, True)
    assert not verdicts["9.2"].holds
