"""A learner's progress: their notebooks' checks run as grading runs them, their work untouched.

One run checks a half-done course (notebook 00 solved with the solution's code, notebook 01
as handed out) in a copy of the course standing in for the learner's clone.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import psutil
import pytest

from workbook import convention as cv
from workbook import progress
from workbook.checkrun import runnable, workspace
from workbook.checkrun.repo_copy import copy_repository
from workbook.paths import LEARNER, NOTEBOOK_GLOB, REPO_ROOT
from workbook.style import PALETTE

pytestmark = pytest.mark.course

SOLVED, UNTOUCHED = "00_welcome", "01_unit_tests_and_doubles"


def exercises_of(notebook: Path) -> list[str]:
    cells = nbformat.read(notebook, as_version=4).cells
    return list(dict.fromkeys(cv.exercise_id(c) for c in cells if cv.is_check(c)))


def solved(name: str) -> nbformat.NotebookNode:
    """The learner copy with every exercise cell holding the solution's code."""
    learner = nbformat.read(REPO_ROOT / LEARNER / f"{name}.ipynb", as_version=4)
    solution = nbformat.read(REPO_ROOT / "solutions" / f"{name}.ipynb", as_version=4)
    answers = [c for c in solution.cells if "solution" in cv.tags(c)]
    stubs = [c for c in learner.cells if "solution" in cv.tags(c)]
    assert len(answers) == len(stubs) > 0
    for stub, answer in zip(stubs, answers, strict=True):
        assert cv.exercise_id(stub) == cv.exercise_id(answer)
        stub.source = answer.source
    return learner


def snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` and a hash of its bytes."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def progress_dirs(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.startswith(progress.WORK_DIR_PREFIX)}


def processes_in(marker: str) -> list[str]:
    """Processes whose working directory has ``marker`` in its path (a run's copy)."""
    found = []
    for process in psutil.process_iter():
        try:
            if marker in process.cwd():
                found.append(f"{process.pid} {' '.join(process.cmdline())[:80]}")
        except (psutil.Error, OSError):
            continue
    return found


@dataclass
class HalfDone:
    repo: Path
    result: progress.Progress
    seen: list[str]
    files_before: dict[str, str]
    files_after: dict[str, str]
    dirs_left: set[str]
    processes_left: list[str]


@pytest.fixture(scope="module")
def half_done(tmp_path_factory) -> HalfDone:
    repo = tmp_path_factory.mktemp("learner") / "course"
    copy_repository(REPO_ROOT, repo, [REPO_ROOT / "solutions", REPO_ROOT / "benchmarks"])
    nbformat.write(solved(SOLVED), repo / LEARNER / f"{SOLVED}.ipynb")
    temp = Path(tempfile.gettempdir())
    dirs_before, files_before, seen = progress_dirs(temp), snapshot(repo), []
    result = progress.check_progress(
        ["0", f"{UNTOUCHED}.ipynb"], repo=repo, on_notebook=lambda n: seen.append(n.name)
    )
    return HalfDone(
        repo,
        result,
        seen,
        files_before,
        snapshot(repo),
        progress_dirs(temp) - dirs_before,
        processes_in(progress.WORK_DIR_PREFIX),
    )


def test_a_solved_notebook_counts_as_passed_and_an_untouched_one_as_not_started(half_done):
    done, untouched = half_done.result.notebooks
    assert (done.name, untouched.name) == (SOLVED, UNTOUCHED)
    solved_ids = exercises_of(half_done.repo / LEARNER / f"{SOLVED}.ipynb")
    assert [e.id for e in done.exercises] == solved_ids
    assert done.passed == done.total == len(solved_ids), done.exercises
    assert done.minutes_left == 0
    open_ids = exercises_of(half_done.repo / LEARNER / f"{UNTOUCHED}.ipynb")
    assert (untouched.passed, untouched.total) == (0, len(open_ids)), untouched.exercises
    assert all(e.not_started and e.status == "failed" for e in untouched.exercises)
    stated = cv.stated_minutes(half_done.repo / LEARNER / f"{UNTOUCHED}.ipynb")
    assert untouched.minutes_left == stated is not None


def test_only_the_notebooks_asked_for_run(half_done):
    assert len(list((half_done.repo / LEARNER).glob(NOTEBOOK_GLOB))) > 2
    assert half_done.seen == [SOLVED, UNTOUCHED]
    assert half_done.result.seconds > 0


def test_the_learners_files_stay_byte_identical_and_nothing_is_left_behind(half_done):
    assert half_done.files_after == half_done.files_before
    assert not half_done.dirs_left, "the throwaway copy was not removed"
    assert not half_done.processes_left, half_done.processes_left


def test_the_table_and_the_chart_show_the_same_figures(half_done):
    table = progress.table(half_done.result)
    rows = {line.split()[0]: line for line in table.splitlines()[2:]}
    untouched = half_done.result.notebooks[1]
    assert "1/1" in rows[SOLVED] and "done" in rows[SOLVED]
    assert f"0/{untouched.total}" in rows[UNTOUCHED]
    assert f"not started: {' '.join(e.id for e in untouched.exercises)}" in rows[UNTOUCHED]
    assert f"1/{1 + untouched.total}" in rows["all"]
    assert f"{untouched.minutes_left} min" in rows["all"]
    figure = progress.chart(half_done.result)
    labels = [text.get_text() for text in figure.axes[0].texts]
    assert labels == ["1/1, done", f"0/{untouched.total}, {untouched.minutes_left} min left"]
    passed_bars, open_bars = figure.axes[0].containers
    assert passed_bars[0].get_facecolor()[:3] == pytest.approx(_rgb(PALETTE["blue"]))
    assert all(bar.get_hatch() == "//" for bar in open_bars)  # a cue besides colour
    alt = f"{SOLVED} 1 of 1; {UNTOUCHED} 0 of {untouched.total}"
    assert alt in progress.alt_text(half_done.result)
    assert f'alt="Bar chart of exercises passed per notebook: {alt}.">' in progress.chart_html(
        half_done.result
    )


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


def test_time_left_is_the_stated_time_for_the_exercises_not_passed_in_5_minutes():
    results = [progress.ExerciseResult(str(i), "passed" if i < 1 else "failed") for i in range(3)]
    assert progress.NotebookProgress("x", results, stated_minutes=25).minutes_left == 20
    assert progress.NotebookProgress("x", results[:1], stated_minutes=25).minutes_left == 0
    assert progress.NotebookProgress("x", results, stated_minutes=None).minutes_left is None


def test_the_run_stops_after_the_last_check_and_checks_fail_their_cell():
    nb = nbformat.read(REPO_ROOT / LEARNER / f"{SOLVED}.ipynb", as_version=4)
    nb.cells[0].metadata[runnable.ROLE] = runnable.CHECK_ROLE  # a learner's mark is void
    ready, numbered = progress.runnable_copy(nb)
    assert cv.is_check(ready.cells[-1]) and len(ready.cells) < len(nb.cells)
    assert runnable.ROLE not in ready.cells[0].metadata
    for cell in ready.cells:
        if cv.is_check(cell):
            assert cv.RAISES_EXCEPTION_TAG not in cv.tags(cell)
            assert cell.metadata[runnable.ROLE] == runnable.CHECK_ROLE
        assert not cell.get("outputs")
    assert list(numbered.checks) == exercises_of(REPO_ROOT / LEARNER / f"{SOLVED}.ipynb")


def test_a_check_run_never_starts_another(monkeypatch):
    monkeypatch.setenv(workspace.TOKEN_VARIABLE, "a-grading-run")
    with pytest.raises(progress.ProgressError, match="inside a check run"):
        progress.check_progress([SOLVED])


def _command(*args: str, module: str = "coursekit", **popen) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **popen.pop("env", {})}
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


@pytest.mark.parametrize(
    "args, says",
    [
        (("progress", "99"), "no notebook 99 in notebooks/; choose from 00.."),
        (("progress", "--colour"), "unrecognized arguments: --colour"),
        (("progress", "00", "--chart", "chart.txt"), "give a .png, .svg or .pdf file"),
    ],
)
def test_a_mistake_in_the_arguments_is_one_line_and_exit_code_2(args, says):
    run = _command(*args)
    stdout, stderr = run.communicate(timeout=120)
    last = sorted(REPO_ROOT.joinpath(LEARNER).glob(NOTEBOOK_GLOB))[-1].name[:2]
    assert run.returncode == 2, stdout + stderr
    assert len(stderr.strip().splitlines()) == 1 and says in stderr, stderr
    if "choose from" in says:
        assert stderr.strip().endswith(f"choose from 00..{last}")
    assert "Running the checks" not in stdout


def test_ctrl_c_stops_the_run_and_removes_the_copy(tmp_path):
    run = _command("00", module="workbook.progress", env={"TMPDIR": str(tmp_path)})
    deadline = time.monotonic() + 120
    while not any(tmp_path.glob("course-progress-private-*/*.log")):  # nbval has started
        assert run.poll() is None and time.monotonic() < deadline, run.communicate()
        time.sleep(0.2)
    time.sleep(2)  # its kernel is starting
    run.send_signal(signal.SIGINT)
    stdout, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stdout + stderr
    assert "your notebooks are unchanged" in stdout
    assert not list(tmp_path.iterdir()), "the throwaway copy was left behind"
    assert not processes_in(str(tmp_path)), processes_in(str(tmp_path))


def test_the_notebook_function_says_a_mistake_in_one_line(capsys):
    progress.show_progress("99")
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("no notebook 99 in notebooks/; choose from 00..")
