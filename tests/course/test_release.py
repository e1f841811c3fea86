"""The learner release: what ships, what is refused, and that it works on its own."""

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from coursekit import convention as cv
from coursekit import release
from coursekit.convention import BEGIN_SOLUTION
from workbook.paths import REPO_ROOT


@pytest.fixture(scope="module")
def learner_repo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "course"
    release.write_release(out)
    return out


def test_ships_the_learner_notebooks_and_what_they_import(learner_repo):
    for name in (
        "notebooks/00_welcome.ipynb",
        "course_app/__init__.py",
        "workbook/notebook.py",
        "tests/unit",
        "binder",
        "requirements.lock",
        "Makefile",
    ):
        assert (learner_repo / name).exists(), name


def test_withholds_solutions_tools_and_the_course_checks(learner_repo):
    for name in (
        "solutions",
        "coursekit",
        "tests/course",
        "tests/grading",
        "benchmarks",
        "CONTRIBUTING.md",
        ".ci",
    ):
        assert not (learner_repo / name).exists(), name
    readme = (learner_repo / "README.md").read_text()
    assert "## For instructors" not in readme and "`solutions/`" not in readme
    assert "## Quick start" in readme


def test_an_answer_in_the_release_is_a_leak(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "03.ipynb").write_text(f'["{BEGIN_SOLUTION}"]')
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_limits.py").write_text(f"import {release.CAPSTONE_MODULE}\n")
    (tmp_path / "solutions").mkdir()
    leaks = release.find_leaks(tmp_path)
    assert len(leaks) == 3, leaks


def test_refuses_to_write_over_an_existing_folder(tmp_path, capsys):
    assert release.main([str(tmp_path)]) == 2
    assert "exists" in capsys.readouterr().err


def _in_release(learner_repo: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the course's Python inside the release, where `coursekit` cannot be imported."""
    blocker = tmp_path / "blocker" / "coursekit"
    blocker.mkdir(parents=True, exist_ok=True)
    (blocker / "__init__.py").write_text(
        "raise ImportError('the learner release has no coursekit')\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": f"{learner_repo}{os.pathsep}{blocker.parent}",
        "PACT_DO_NOT_TRACK": "true",
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=learner_repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _pytest_in_release(
    learner_repo: Path, tmp_path: Path, *args: str
) -> subprocess.CompletedProcess:
    return _in_release(
        learner_repo, tmp_path, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args
    )


def test_the_release_passes_its_unit_stage_and_notebook_00(learner_repo, tmp_path):
    where = _in_release(
        learner_repo, tmp_path, "-c", "import course_app; print(course_app.__file__)"
    )
    assert where.stdout.startswith(str(learner_repo)), where.stdout + where.stderr
    assert (
        "has no coursekit" in _in_release(learner_repo, tmp_path, "-c", "import coursekit").stderr
    )
    unit = _pytest_in_release(learner_repo, tmp_path, "-p", "no:nbval", "tests/unit")
    assert unit.returncode == 0, unit.stdout[-3000:] + unit.stderr[-2000:]
    notebook = _pytest_in_release(
        learner_repo, tmp_path, "--nbval-lax", "--nbval-current-env", "notebooks/00_welcome.ipynb"
    )
    assert notebook.returncode == 0, notebook.stdout[-3000:] + notebook.stderr[-2000:]


def test_the_release_runs_progress_on_notebook_00(learner_repo, tmp_path):
    notebook = learner_repo / "notebooks" / "00_welcome.ipynb"
    before = notebook.read_bytes()
    exercises = {
        cv.exercise_id(c) for c in nbformat.read(notebook, as_version=4).cells if cv.is_check(c)
    }
    run = _in_release(learner_repo, tmp_path, "-m", "workbook.progress", "00")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    row = next(line for line in run.stdout.splitlines() if line.startswith("00_welcome "))
    assert f" 0/{len(exercises)} " in row and "not started" in row, run.stdout
    assert "Checked 1 notebook in" in run.stdout
    assert notebook.read_bytes() == before


def test_the_release_is_built_from_this_repository():
    assert release.shipped("notebooks/00_welcome.ipynb")
    assert not release.shipped("solutions/00_welcome.ipynb")
    assert not release.shipped("tests/grading/test_grade_class.py")
    assert (REPO_ROOT / "README.md").read_text().count("## For instructors") == 1
