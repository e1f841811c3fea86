"""Mistakes on the instructor's side: exit status 2 and one line saying what to do."""

from __future__ import annotations

import pytest
from classroom import grading_command

pytestmark = pytest.mark.grading


def one_line_error(result) -> str:
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_missing_submissions_folder(tmp_path):
    line = one_line_error(grading_command(tmp_path / "nope", "--out", tmp_path / "out"))
    assert "submissions folder" in line and "not found" in line
    assert not (tmp_path / "out").exists()


def test_submissions_folder_without_learner_folders(tmp_path):
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "00_welcome.ipynb").write_text("{}")
    line = one_line_error(grading_command(tmp_path / "subs", "--out", tmp_path / "out"))
    assert "no learner folders" in line


def test_output_inside_submissions(tmp_path):
    (tmp_path / "subs" / "alice").mkdir(parents=True)
    line = one_line_error(grading_command(tmp_path / "subs", "--out", tmp_path / "subs" / "out"))
    assert "--out must not be inside SUBMISSIONS_DIR" in line


def test_released_folder_without_exercises(tmp_path):
    (tmp_path / "subs" / "alice").mkdir(parents=True)
    (tmp_path / "released").mkdir()
    line = one_line_error(
        grading_command(
            tmp_path / "subs", "--out", tmp_path / "out", "--released", tmp_path / "released"
        )
    )
    assert "no notebook with exercises" in line


def test_hidden_check_for_an_unknown_exercise(tmp_path):
    (tmp_path / "subs" / "alice").mkdir(parents=True)
    (tmp_path / "hidden" / "00_welcome").mkdir(parents=True)
    (tmp_path / "hidden" / "00_welcome" / "9.9.py").write_text("%%ipytest\n")
    line = one_line_error(
        grading_command(
            tmp_path / "subs", "--out", tmp_path / "out", "--hidden", tmp_path / "hidden"
        )
    )
    assert "hidden check" in line and "9.9.py" in line
