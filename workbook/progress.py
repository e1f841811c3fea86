"""Where you stand in the course: ``python -m workbook.progress [NN ...]``.

(``python -m coursekit progress`` is the same command in the authors' repository; in a
notebook: ``from workbook.progress import show_progress; show_progress()``.)

Runs the checks of your notebooks in ``notebooks/`` the way grading runs them: each notebook
top to bottom in a fresh kernel, inside a throwaway copy of the course, and an exercise
counts as passed when its check cell runs without an error. Your files are only read; the
copy, the kernels and whatever the notebooks started are gone when it ends, Ctrl-C too.
Only cells up to a notebook's last check run: nothing after it can change a check.

Per notebook it shows exercises passed / total and the time still needed: the time the
notebook states in its first cell (``coursekit estimates`` computes it), times the share of
its exercises not passed yet, rounded up to 5 minutes. A table, then a bar chart of the same
figures (the table is the chart's text alternative).
"""

from __future__ import annotations

import argparse
import base64
import copy
import html
import io
import math
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from workbook import convention as cv
from workbook.checkrun import runnable, status, workspace
from workbook.checkrun.runner import Limits, run_notebook
from workbook.paths import LEARNER, REPO_ROOT, course_notebooks
from workbook.style import PALETTE, course_rc
from workbook.table import format_table
from workbook.verdict import FAILED_MARK, NOT_STARTED, PASSED_MARK

WORK_DIR_PREFIX = "course-progress-"  # the throwaway copy's folders in the temp directory
NOT_STARTED_STATE, FAILING_STATE = "not started", "fails"
PASSED_BLOCK, OPEN_BLOCK = "■", "□"  # the table's bar: one block per exercise


class ProgressError(Exception):
    """A mistake in what was asked (no such notebook...): one line saying what to do."""


@dataclass(frozen=True)
class ExerciseResult:
    id: str
    status: str  # workbook.checkrun.status: passed, failed, error, timeout
    detail: str = ""  # why not passed: the check's verdict line, else the failure
    not_started: bool = False  # the stub still raises NotImplementedError

    @property
    def passed(self) -> bool:
        return self.status == status.PASSED

    @property
    def state(self) -> str:
        """One or two words for the table."""
        if self.passed:
            return status.PASSED
        if self.not_started:
            return NOT_STARTED_STATE
        return FAILING_STATE if self.status == status.FAILED else self.status


@dataclass
class NotebookProgress:
    name: str  # the file's stem, e.g. 03_database_integration
    exercises: list[ExerciseResult] = field(default_factory=list)
    stated_minutes: int | None = None
    seconds: float = 0.0
    problem: str = ""  # why the notebook could not be checked

    @property
    def passed(self) -> int:
        return sum(e.passed for e in self.exercises)

    @property
    def total(self) -> int:
        return len(self.exercises)

    @property
    def minutes_left(self) -> int | None:
        if self.stated_minutes is None or not self.total:
            return self.stated_minutes
        share = (self.total - self.passed) / self.total
        return 5 * math.ceil(self.stated_minutes * share / 5)


@dataclass
class Progress:
    notebooks: list[NotebookProgress]
    seconds: float


# --- which notebooks -------------------------------------------------------------------


def choose(wanted: list[str], folder: Path) -> list[Path]:
    """The notebooks named by number (``3``, ``03``), stem or file name; all when none."""
    available = course_notebooks(folder)
    if not available:
        raise ProgressError(f"no notebooks like 00_welcome.ipynb in {folder}")
    if not wanted:
        return available
    span = f"{available[0].name[:2]}..{available[-1].name[:2]}"
    chosen = []
    for name in wanted:
        found = [path for path in available if _names(path, name)]
        if not found:
            raise ProgressError(f"no notebook {name} in {LEARNER}/; choose from {span}")
        chosen += found
    return list(dict.fromkeys(chosen))


def _names(path: Path, name: str) -> bool:
    given = Path(name).name
    if given.isdigit():
        return int(given) == int(path.name[:2])
    return given in (path.name, path.stem)


# --- one notebook -----------------------------------------------------------------------


def runnable_copy(nb) -> tuple[nbformat.NotebookNode, runnable.Numbered]:
    """The learner's notebook as the run needs it: up to its last check cell, each check
    failing its cell when it fails, no outputs."""
    nb = copy.deepcopy(nb)
    runnable.drop_roles(nb.cells)
    checks = [i for i, cell in enumerate(nb.cells) if cv.is_check(cell) and cv.exercise_id(cell)]
    nb.cells = nb.cells[: checks[-1] + 1] if checks else []
    for index in checks:
        nb.cells[index] = runnable.with_role(nb.cells[index], runnable.CHECK_ROLE)
    runnable.clear_outputs(nb)
    return nb, runnable.number_exercise_cells(nb)


def verdict_of(record: dict | None) -> str:
    """The check cell's verdict line (``workbook.verdict``), if it printed one."""
    stdout = status.plain((record or {}).get("stdout", ""))
    return next(
        (
            line.strip()
            for line in stdout.splitlines()
            if line.startswith((FAILED_MARK, PASSED_MARK))
        ),
        "",
    )


def check_notebook(work: workspace.Workspace, path: Path, limits: Limits) -> NotebookProgress:
    started = time.perf_counter()
    result = NotebookProgress(path.stem)
    try:
        nb = nbformat.read(path, as_version=4)
        result.stated_minutes = cv.stated_minutes(path)
        ready, numbered = runnable_copy(nb)
    except Exception as exc:  # a notebook saved half-way, edited by hand...
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]
        result.problem = f"cannot be read ({first}); open it in JupyterLab and save it again"
        return result
    if not numbered.checks:
        return result  # no exercises: nothing to run
    run = run_notebook(work, path.name, ready, limits)
    for exercise, checks in numbered.checks.items():
        state, detail, deciding = status.exercise_status(
            checks, numbered.exercise_cells.get(exercise, []), run, limits
        )
        verdict = verdict_of(run.records.get(deciding)) if deciding is not None else ""
        result.exercises.append(
            ExerciseResult(
                exercise,
                state,
                verdict or detail,
                not_started=state == status.FAILED and NOT_STARTED in verdict,
            )
        )
    result.seconds = time.perf_counter() - started
    return result


# --- the whole run ----------------------------------------------------------------------


def check_progress(
    wanted: list[str] | tuple[str, ...] = (),
    repo: Path = REPO_ROOT,
    limits: Limits | None = None,
    on_notebook: Callable[[NotebookProgress], None] | None = None,
) -> Progress:
    """Run the checks of the notebooks asked for (all when none) in a throwaway copy."""
    if os.environ.get(workspace.TOKEN_VARIABLE):
        raise ProgressError(
            "this already runs inside a check run (grading or progress); progress runs only "
            "when you run it yourself"
        )
    paths = choose(list(wanted), repo / LEARNER)
    started = time.perf_counter()
    work = workspace.create("run", repo, prefix=WORK_DIR_PREFIX)
    results = []
    try:
        for path in paths:
            results.append(check_notebook(work, path, limits or Limits()))
            if on_notebook:
                on_notebook(results[-1])
    finally:
        work.remove()
    return Progress(results, time.perf_counter() - started)


# --- what it shows ----------------------------------------------------------------------


def _minutes(value: int | None) -> str:
    if value is None:
        return "?"
    return "done" if value == 0 else f"{value} min"


def _to_do(notebook: NotebookProgress) -> str:
    if notebook.problem:
        return notebook.problem
    if not notebook.exercises:
        return "no exercises"
    by_state: dict[str, list[str]] = {}
    for exercise in notebook.exercises:
        if not exercise.passed:
            by_state.setdefault(exercise.state, []).append(exercise.id)
    return "; ".join(f"{state}: {' '.join(ids)}" for state, ids in by_state.items())


def table(progress: Progress) -> str:
    rows = [
        (
            n.name,
            f"{n.passed}/{n.total}",
            PASSED_BLOCK * n.passed + OPEN_BLOCK * (n.total - n.passed),
            _minutes(n.minutes_left),
            _to_do(n),
        )
        for n in progress.notebooks
    ]
    known = [n.minutes_left for n in progress.notebooks if n.minutes_left is not None]
    passed = sum(n.passed for n in progress.notebooks)
    total = sum(n.total for n in progress.notebooks)
    rows.append(("all", f"{passed}/{total}", "", _minutes(sum(known)), ""))
    return format_table(("notebook", "passed", "", "time left", "not passed yet"), rows)


def summary_line(progress: Progress) -> str:
    count = len(progress.notebooks)
    return (
        f"Checked {count} notebook{'s' if count != 1 else ''} in {progress.seconds:.0f} s, "
        "in a throwaway copy: your notebooks are as you left them."
    )


def notebook_line(notebook: NotebookProgress) -> str:
    """One line as each notebook finishes: the whole run can take minutes."""
    if notebook.problem:
        return f"  {notebook.name}: {notebook.problem}"
    return (
        f"  {notebook.name}: {notebook.passed} of {notebook.total} exercises passed "
        f"({notebook.seconds:.0f} s)"
    )


def chart(progress: Progress):
    """Exercises passed (solid) and not yet (hatched, outlined) per notebook, each bar
    labelled with its figures: colour is never the only cue."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure  # no pyplot: nothing shows twice in a notebook

    notebooks = progress.notebooks
    names = [n.name for n in notebooks]
    passed = [n.passed for n in notebooks]
    open_ = [n.total - n.passed for n in notebooks]
    widest = max([n.total for n in notebooks] + [1])
    with rc_context(course_rc()):
        fig = Figure(figsize=(8, 1.4 + 0.45 * len(notebooks)))
        ax = fig.subplots()
        ax.barh(names, passed, color=PALETTE["blue"], edgecolor=PALETTE["blue"], label="passed")
        ax.barh(
            names,
            open_,
            left=passed,
            color="white",
            edgecolor=PALETTE["vermillion"],
            hatch="//",
            label="not passed yet",
        )
        for row, notebook in enumerate(notebooks):
            label = f"{notebook.passed}/{notebook.total}, {_minutes(notebook.minutes_left)} left"
            if notebook.minutes_left == 0:
                label = f"{notebook.passed}/{notebook.total}, done"
            ax.text(notebook.total + 0.1, row, label, va="center", fontsize=9)
        ax.invert_yaxis()  # notebook 00 on top, as in the course
        ax.set_xlim(0, widest + 3.5)  # room for the labels
        ax.set_xlabel("exercises")
        ax.set_title("Your progress: exercises passed per notebook", pad=28)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
        fig.tight_layout()
    return fig


def alt_text(progress: Progress) -> str:
    """What the chart shows, in words: its alt text."""
    bars = "; ".join(f"{n.name} {n.passed} of {n.total}" for n in progress.notebooks)
    return f"Bar chart of exercises passed per notebook: {bars}."


def chart_html(progress: Progress) -> str:
    """The chart as an image with its alt text, for a notebook's output."""
    buffer = io.BytesIO()
    chart(progress).savefig(buffer, format="png")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt_text(progress))}">'


def run_with_lines(wanted: list[str] | tuple[str, ...]) -> Progress:
    """``check_progress`` on the learner's notebooks, saying what it does as it goes."""
    paths = choose(list(wanted), REPO_ROOT / LEARNER)
    count = f"{len(paths)} notebook{'s' if len(paths) != 1 else ''}"
    print(f"Running the checks of {count} in a throwaway copy ...", flush=True)
    return check_progress(wanted, on_notebook=lambda n: print(notebook_line(n), flush=True))


def show_progress(*notebooks: str) -> None:
    """For a notebook cell: progress of the notebooks named (``"03"``...; all when none)."""
    try:
        result = run_with_lines(notebooks)
    except ProgressError as exc:
        print(exc)
        return
    print(table(result))
    print(summary_line(result))
    from IPython.display import display

    display({"text/html": chart_html(result), "text/plain": alt_text(result)}, raw=True)


# --- the command ------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not argparse's usage block
        raise ProgressError(f"{message} (see python -m workbook.progress --help)")


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt  # the same clean-up as Ctrl-C


def main(argv: list[str]) -> int:
    parser = _Parser(prog="python -m workbook.progress", description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", metavar="NN", help="notebooks to check (all)")
    parser.add_argument("--chart", type=Path, metavar="FILE.png", help="also save the chart")
    try:
        args = parser.parse_args(argv)
        if args.chart and args.chart.suffix.lower() not in (".png", ".svg", ".pdf"):
            raise ProgressError(f"--chart {args.chart}: give a .png, .svg or .pdf file")
        signal.signal(signal.SIGTERM, _stop_on_sigterm)
        result = run_with_lines(args.notebooks)
    except ProgressError as exc:
        print(f"progress: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("progress: stopped; the copy is removed and your notebooks are unchanged.")
        return 130
    print()
    print(table(result))
    print(summary_line(result))
    if args.chart:
        chart(result).savefig(args.chart)
        print(f"The chart is in {args.chart}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
