"""Check cells in a real kernel: the verdict comes first, the cell still fails, other cells are left alone."""

import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from workbook.check_cells import CheckIndex, body_key

pytestmark = pytest.mark.course

ANSI = re.compile(r"\x1b\[[0-9;]*m")

ANSWER_CELL = "def double(x):\n    {body}"
CHECK = (
    "%%ipytest\n\ndef test_doubles_two():\n    assert double(2) == 4\n\n\n"
    "def test_doubles_zero():\n    assert double(0) == 0\n"
)


def tagged(source, *tags):
    return new_code_cell(source, metadata={"tags": list(tags)})


def check_cell():
    return tagged(CHECK, "check", "exercise-9.1", "raises-exception")


def plain(cell) -> str:
    """What a learner reads: the cell's outputs without terminal colours."""
    text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    text += "".join("".join(o.traceback) for o in cell.outputs if o.output_type == "error")
    return ANSI.sub("", text)


def failed(cell) -> bool:
    return any(o.output_type == "error" for o in cell.outputs)


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    """One kernel runs a tiny notebook the way a learner would: stub, wrong, right."""
    folder = tmp_path_factory.mktemp("nb")
    nb = new_notebook(
        cells=[
            new_code_cell("from workbook.notebook import setup; setup()"),
            tagged(
                ANSWER_CELL.format(body='raise NotImplementedError("Exercise 9.1: Double")'),
                "solution",
                "exercise-9.1",
            ),
            check_cell(),
            new_code_cell(ANSWER_CELL.format(body="return x + 2")),
            check_cell(),
            new_code_cell("%tracebacks long"),
            check_cell(),
            new_code_cell(ANSWER_CELL.format(body="return 2 * x")),
            check_cell(),
            new_code_cell("%%ipytest\n\ndef test_a_worked_example():\n    assert double(3) == 6\n"),
        ]
    )
    nbformat.write(nb, folder / "99_sample.ipynb")
    NotebookClient(
        nb, timeout=120, allow_errors=True, resources={"metadata": {"path": str(folder)}}
    ).execute()
    return nb.cells


@pytest.mark.slow
def test_a_stub_reads_not_started_and_the_cell_fails(ran):
    output = plain(ran[2])
    assert output.startswith("✗ Exercise 9.1: not started yet")
    assert failed(ran[2])


@pytest.mark.slow
def test_a_wrong_answer_names_the_failing_check_then_short_tracebacks(ran):
    output = plain(ran[4])
    assert (
        output.splitlines()[0]
        == "✗ Exercise 9.1: 1 of 2 checks fail — test_doubles_zero: assert 2 == 0"
    )
    assert "E       assert 2 == 0" not in output and "E   assert 2 == 0" in output  # --tb=short
    assert "%tracebacks long" in output
    assert failed(ran[4])


@pytest.mark.slow
def test_the_learner_can_ask_for_full_tracebacks(ran):
    output = plain(ran[6])
    assert output.startswith("✗ Exercise 9.1: 1 of 2 checks fail")
    assert "def test_doubles_zero():" in output  # a long traceback shows the whole test


@pytest.mark.slow
def test_a_right_answer_passes_with_the_count(ran):
    output = plain(ran[8])
    assert output.splitlines()[0] == "✓ Exercise 9.1 passed (2 checks)"
    assert "2 passed" in output  # pytest's own summary follows, as grading reads it
    assert "coverage" not in output  # a failed check before it changed nothing of ipytest's set-up
    assert not failed(ran[8])


@pytest.mark.slow
def test_an_ipytest_cell_that_is_no_check_runs_as_before(ran):
    output = plain(ran[9])
    assert "Exercise" not in output and "1 passed" in output


def test_the_index_finds_a_check_by_its_source_only(tmp_path):
    nb = new_notebook(cells=[check_cell(), new_code_cell(CHECK)])  # the second is untagged
    nbformat.write(nb, tmp_path / "99_sample.ipynb")
    index = CheckIndex([tmp_path])
    assert index.exercise_of(CHECK.partition("\n")[2]) == "9.1"
    assert index.exercise_of("def test_other():\n    pass\n") is None


def test_every_check_cell_of_the_course_is_found_with_its_own_exercise():
    from workbook.paths import REPO_ROOT

    index = CheckIndex([REPO_ROOT / "notebooks"])
    for path in sorted((REPO_ROOT / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            tags = cell.metadata.get("tags", [])
            if "check" in tags:
                exercise = next(
                    t.removeprefix("exercise-") for t in tags if t.startswith("exercise-")
                )
                assert index.exercise_of(cell.source.partition("\n")[2]) == exercise, path.name
    assert body_key("%%ipytest -x\n\ndef test_a():  \n    pass\n\n") == "def test_a():\n    pass"
