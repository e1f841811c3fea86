"""The learner-notebook builder: each transform on a cell built in memory, then a whole build."""

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from coursekit import convention as cv
from coursekit.build import build_learner, serialize
from coursekit.convention import ConventionError
from coursekit.transforms import (
    CellContext,
    allow_exercise_failures,
    clean_metadata,
    clear_outputs,
    strip_solutions,
    validate_tags,
)

pytestmark = pytest.mark.course

CTX = CellContext(ref=cv.CellRef("solutions/03_database.ipynb", 4), titles={"3.2": "Find a user"})


def solution_cell(source, tags=("solution", "exercise-3.2")):
    return new_code_cell(source, metadata={"tags": list(tags)})


def check_cell(
    source="%%ipytest\ndef test_x():\n    assert find(1)", tags=("check", "exercise-3.2")
):
    return new_code_cell(source, metadata={"tags": list(tags)})


def test_solution_region_becomes_a_stub_naming_the_exercise_and_keeps_other_lines():
    cell = solution_cell(
        'def find(user_id):\n    """Doc."""\n    ### BEGIN SOLUTION\n'
        "    return repo.get(user_id)\n    ### END SOLUTION\n\nprint('after')"
    )
    learner = strip_solutions(cell, CTX)
    assert learner.source == (
        'def find(user_id):\n    """Doc."""\n    # YOUR CODE HERE\n'
        '    raise NotImplementedError("Exercise 3.2: Find a user")\n'
        "\nprint('after')"
    )
    assert "repo.get" not in learner.source
    assert "repo.get" in cell.source, "the transform must not change its input"


def test_each_of_several_regions_gets_its_own_stub():
    cell = solution_cell(
        "### BEGIN SOLUTION\na = 1\n### END SOLUTION\nx = 2\n"
        "### BEGIN SOLUTION\nb = 3\n### END SOLUTION"
    )
    source = strip_solutions(cell, CTX).source
    assert source.count("raise NotImplementedError") == 2
    assert "x = 2" in source and "a = 1" not in source and "b = 3" not in source


def test_title_from_cell_metadata_wins_over_the_heading():
    cell = solution_cell("### BEGIN SOLUTION\npass\n### END SOLUTION")
    cell.metadata["coursekit"] = {"title": "From metadata"}
    assert "Exercise 3.2: From metadata" in strip_solutions(cell, CTX).source


@pytest.mark.parametrize(
    "source, message",
    [
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\nx\n### END SOLUTION\n### END SOLUTION", "nested"),
        ("### BEGIN SOLUTION\nx = 1", "unclosed"),
        ("x = 1\n### END SOLUTION", "without a BEGIN"),
        ("x = 1  ### BEGIN SOLUTION\n### END SOLUTION", "alone on its line"),
    ],
)
def test_broken_markers_are_errors_naming_notebook_and_cell(source, message):
    with pytest.raises(ConventionError, match=message) as error:
        strip_solutions(solution_cell(source), CTX)
    assert "solutions/03_database.ipynb, cell 5" in str(error.value)


def test_an_exercise_without_a_title_is_an_error():
    ctx = CellContext(ref=CTX.ref, titles={})
    with pytest.raises(ConventionError, match="no title for exercise 3.2"):
        strip_solutions(solution_cell("### BEGIN SOLUTION\nx\n### END SOLUTION"), ctx)


@pytest.mark.parametrize(
    "cell, message",
    [
        (new_code_cell("### BEGIN SOLUTION\nx\n### END SOLUTION"), "without the tags"),
        (
            solution_cell("### BEGIN SOLUTION\nx\n### END SOLUTION", tags=("solution",)),
            "solution cell without an 'exercise-<id>' tag",
        ),
        (check_cell(tags=("check",)), "check cell without an 'exercise-<id>' tag"),
        (check_cell(source="assert find(1)"), "must be an %%ipytest cell"),
        (solution_cell("x = 1"), "without '### BEGIN SOLUTION'"),
        (
            solution_cell(
                "### BEGIN SOLUTION\nx\n### END SOLUTION", tags=("solution", "exercise-3")
            ),
            "not like '3.2'",
        ),
    ],
)
def test_cells_that_break_the_convention_are_errors(cell, message):
    with pytest.raises(ConventionError, match=message) as error:
        validate_tags(cell, CTX)
    assert str(CTX.ref) in str(error.value)


def test_check_and_solution_cells_may_fail_under_nbval_other_cells_may_not():
    assert cv.RAISES_EXCEPTION_TAG in cv.tags(allow_exercise_failures(check_cell(), CTX))
    solution = solution_cell("### BEGIN SOLUTION\nx\n### END SOLUTION")
    assert cv.RAISES_EXCEPTION_TAG in cv.tags(allow_exercise_failures(solution, CTX))
    assert cv.RAISES_EXCEPTION_TAG not in cv.tags(allow_exercise_failures(new_code_cell("x"), CTX))


def test_outputs_and_execution_counts_are_cleared():
    cell = new_code_cell(
        "print(42)", execution_count=7, outputs=[nbformat.v4.new_output("stream", text="42\n")]
    )
    cleared = clear_outputs(cell, CTX)
    assert cleared.outputs == [] and cleared.execution_count is None
    assert clear_outputs(new_markdown_cell("# Title"), CTX).source == "# Title"


def test_metadata_keeps_only_tags_deduplicated_and_a_stable_id():
    cell = nbformat.from_dict(
        {
            "cell_type": "code",
            "source": "x",
            "outputs": [],
            "execution_count": None,
            "metadata": {
                "tags": ["check", "check", "exercise-3.2"],
                "scrolled": True,
                "execution": {"iopub.status": "idle"},
            },
        }
    )
    cleaned = clean_metadata(cell, CTX)
    assert cleaned.metadata == {"tags": ["check", "exercise-3.2"]}
    assert cleaned.id == "cell-5"


def sample_notebook():
    return new_notebook(
        cells=[
            new_markdown_cell("# 03 — Sample\n\n### Exercise 3.2 — Find a user\nDo it."),
            solution_cell(
                "def find(user_id):\n    ### BEGIN SOLUTION\n    return user_id\n"
                "    ### END SOLUTION"
            ),
            check_cell(),
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "x", "language": "python"},
            "language_info": {"name": "python", "version": "3.11.9"},
            "widgets": {},
        },
    )


def test_a_build_is_byte_identical_when_repeated_and_leaves_the_source_alone():
    solution = sample_notebook()
    before = json.dumps(solution, sort_keys=True)
    first = serialize(build_learner(solution, "solutions/03_sample.ipynb"))
    second = serialize(build_learner(solution, "solutions/03_sample.ipynb"))
    assert first == second
    assert json.dumps(solution, sort_keys=True) == before
    learner = nbformat.reads(first, as_version=4)
    assert learner.metadata == {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        },
        "language_info": {"name": "python"},
    }
    assert 'raise NotImplementedError("Exercise 3.2: Find a user")' in learner.cells[1].source
    assert "return user_id" not in first
    nbformat.validate(learner)


def test_record_merges_consecutive_prints_to_one_stream_but_not_across_streams():
    from coursekit.record import coalesce_streams

    outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="."),
        nbformat.v4.new_output("stream", name="stdout", text=".\n"),
        nbformat.v4.new_output("stream", name="stderr", text="warn\n"),
        nbformat.v4.new_output("stream", name="stdout", text="2 passed\n"),
    ]
    merged = coalesce_streams(outputs)
    assert [(o.name, o.text) for o in merged] == [
        ("stdout", "..\n"),
        ("stderr", "warn\n"),
        ("stdout", "2 passed\n"),
    ]
