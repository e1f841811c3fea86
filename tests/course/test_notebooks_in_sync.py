"""The committed learner notebooks are exactly what `python -m coursekit build` produces."""

import pytest

from coursekit.build import main as build_main
from coursekit.build import stale_notebooks
from coursekit.paths import REPO_ROOT, solution_notebooks

pytestmark = pytest.mark.course


def test_there_are_solution_notebooks():
    assert solution_notebooks(), "solutions/ holds no NN_topic.ipynb notebooks"


def test_every_learner_notebook_matches_its_solution():
    stale = stale_notebooks(REPO_ROOT)
    assert not stale, f"stale learner notebooks, run `python -m coursekit build`: {stale}"


def test_build_check_exits_non_zero_and_names_a_stale_notebook(tmp_path, capsys, monkeypatch):
    import coursekit.build as build

    (tmp_path / "solutions").mkdir()
    (tmp_path / "notebooks").mkdir()
    source = solution_notebooks(REPO_ROOT)[0]
    (tmp_path / "solutions" / source.name).write_bytes(source.read_bytes())
    (tmp_path / "notebooks" / source.name).write_text("{}", encoding="utf-8")
    monkeypatch.setattr(build, "stale_notebooks", lambda: stale_notebooks(tmp_path))
    assert build_main(["--check"]) == 1
    assert f"notebooks/{source.name}" in capsys.readouterr().err
