"""workbook.workflow_run: a workflow judged by what it does, whatever way it is spelt."""

import textwrap

import pytest

from workbook import workflow_run
from workbook.paths import REPO_ROOT

pytestmark = pytest.mark.course


def workflow(tmp_path, text):
    path = tmp_path / "ci.yml"
    path.write_text(textwrap.dedent(text))
    return workflow_run.load(path)


def test_triggers_in_every_spelling(tmp_path):
    assert workflow_run.triggers(workflow(tmp_path, "on: push\njobs: {}\n")) == {"push"}
    both = workflow(tmp_path, "on: [push, pull_request]\njobs: {}\n")
    assert workflow_run.triggers(both) == {"push", "pull_request"}
    mapping = workflow(tmp_path, "on:\n  push:\n    branches: [main]\n  pull_request:\njobs: {}\n")
    assert workflow_run.triggers(mapping) == {"push", "pull_request"}


def test_a_workflow_without_jobs_is_refused(tmp_path):
    with pytest.raises(ValueError, match="jobs"):
        workflow(tmp_path, "on: push\n")


@pytest.mark.parametrize(
    ("expression", "after_failure"),
    [
        ("always()", True),
        ("${{ always() }}", True),
        ("!cancelled()", True),
        ("always() && github.event_name == 'push'", True),
        ("success()", False),
        ("", False),
    ],
)
def test_a_step_that_runs_after_a_failure(expression, after_failure):
    assert workflow_run.runs_after_a_failure({"if": expression}) is after_failure


@pytest.mark.parametrize(
    ("expression", "main_only"),
    [
        ("github.ref == 'refs/heads/main'", True),
        ('${{ github.ref == "refs/heads/main" }}', True),
        ("github.ref_name == 'main' && github.event_name == 'push'", True),
        ("github.ref == 'refs/heads/dev'", False),
        ("", False),
    ],
)
def test_a_job_only_on_main(expression, main_only):
    assert workflow_run.only_on_main({"if": expression}) is main_only


@pytest.mark.parametrize(
    ("job", "parallel"),
    [
        (
            {"strategy": {"matrix": {"python": ["3.11", "3.12"]}}, "steps": [{"run": "pytest"}]},
            True,
        ),
        ({"steps": [{"run": "pytest -n 2"}]}, True),
        ({"steps": [{"run": "pytest -nauto"}]}, True),
        ({"steps": [{"run": "python -m pytest --numprocesses auto tests"}]}, True),
        ({"steps": [{"run": "pytest --numprocesses=4"}]}, True),
        ({"strategy": {"matrix": {"python": ["3.11"]}}, "steps": [{"run": "pytest"}]}, False),
        ({"steps": [{"run": "pytest tests/unit"}]}, False),
        ({"steps": [{"run": "echo -n 2; pytest"}]}, False),
    ],
)
def test_parallel_runs(job, parallel):
    assert workflow_run.runs_in_parallel(job) is parallel


@pytest.mark.parametrize(
    ("job", "scans"),
    [
        ({"steps": [{"run": "bandit -q -r course_app"}]}, True),
        ({"steps": [{"run": "pip install bandit\npython -m bandit -r course_app"}]}, True),
        ({"steps": [{"uses": "PyCQA/bandit-action@v1", "with": {"targets": "course_app"}}]}, True),
        ({"steps": [{"run": "pip install bandit"}]}, False),
        ({"steps": [{"run": "echo bandit"}]}, False),
    ],
)
def test_a_bandit_scan(job, scans):
    assert workflow_run.runs_bandit(job) is scans


def test_commands_get_the_first_matrix_value_and_installs_are_not_run():
    job = {
        "strategy": {"matrix": {"python-version": ["3.11", "3.12"]}},
        "steps": [
            {"uses": "actions/checkout@v5"},
            {"run": "python -m pip install -r requirements.lock"},
            {"run": "pytest --junitxml=reports/junit-${{ matrix.python-version }}.xml"},
        ],
    }
    assert workflow_run.commands(job)[1] == "pytest --junitxml=reports/junit-3.11.xml"
    assert workflow_run.testing_commands(job) == ["pytest --junitxml=reports/junit-3.11.xml"]


def test_the_commands_run_in_a_folder_laid_out_like_the_repository(tmp_path):
    job = {
        "steps": [
            {"run": "test -f pyproject.toml && test -f tests/test_one.py"},
            {"run": "python -m pytest -q -p no:cacheprovider tests/test_one.py"},
            {"run": "python -m coverage --version && exit 3"},
            {"run": "python -m pytest never-reached"},
        ]
    }
    files = {"tests/test_one.py": "def test_one():\n    assert 1 + 1 == 2\n"}
    ran = workflow_run.run_commands(job, tmp_path / "repo", files, REPO_ROOT)
    assert [step.exit_code for step in ran] == [0, 3]  # the first step is not a test command
    assert "1 passed" in ran[0].output
