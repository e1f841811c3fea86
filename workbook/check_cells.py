"""Check cells print their verdict first: ``%%ipytest`` as every notebook's setup installs it.

A check cell does not say which exercise it checks (its tags stay in the notebook file;
the kernel only gets the source), and grading refuses check cells that differ from the
released ones. So the exercise is found by the cell's source: the course's notebooks
(the one running, in the kernel's working directory, then ``notebooks/`` and
``solutions/``) are read once into an index from check-cell body to exercise id, taken
from the cell's ``exercise-<id>`` tag. A ``%%ipytest`` cell that is not a check cell
(a worked example, a check the learner edited) runs exactly as ipytest runs it.

A check cell's output (pytest's, and any warning on stderr) is held back until the run
ends, so that the verdict (``workbook.verdict``) comes first; tracebacks are short unless
the learner runs ``%tracebacks long``.
"""

from __future__ import annotations

import contextlib
import io
import json
import shlex
import sys
from pathlib import Path

import ipytest
from ipytest._config import current_config  # ipytest.config() would switch coverage on
from ipytest._impl import ipytest_magic  # the magic this one falls back to

from workbook.convention import EXERCISE_TAG_PREFIX, is_check
from workbook.paths import REPO_ROOT
from workbook.verdict import ResultCollector, colour, verdict_line

TRACEBACK_STYLES = ("short", "long", "line", "no")
FULL_TRACEBACKS_HOW = (
    "(Short tracebacks. For the full ones run %tracebacks long in a cell, then this check again.)"
)
DIM, RESET = "\x1b[2m", "\x1b[0m"


class CheckFailed(ipytest.Error):
    """A check cell's tests failed. Shown as one line: the verdict above says the rest."""

    def __init__(self, exit_code: int, verdict: str):
        super().__init__(exit_code)
        self.verdict = verdict

    def __str__(self) -> str:
        return self.verdict

    def _render_traceback_(self) -> list[str]:  # IPython shows this instead of a traceback
        return [colour(f"{type(self).__name__}: the verdict is the first line of this output")]


def body_key(source: str) -> str:
    """A check cell's tests as the kernel sees them: no magic line, no trailing blanks."""
    if source.lstrip().startswith("%%"):
        source = source.lstrip().partition("\n")[2]
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def notebook_checks(path: Path) -> dict[str, str]:
    """Check-cell body -> exercise id, for one notebook file (empty if unreadable)."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return {}
    checks = {}
    for cell in cells:
        tags = cell.get("metadata", {}).get("tags", [])
        ids = [t[len(EXERCISE_TAG_PREFIX) :] for t in tags if t.startswith(EXERCISE_TAG_PREFIX)]
        if is_check(cell) and ids:  # no ConventionError here: a learner's odd tag is not fatal
            source = cell.get("source", "")
            checks[body_key("".join(source) if isinstance(source, list) else source)] = ids[0]
    return checks


class CheckIndex:
    """Which exercise a check-cell body belongs to; notebooks re-read when they change."""

    def __init__(self, folders: list[Path] | None = None):
        self.folders = folders
        self._files: dict[Path, tuple[float, dict[str, str]]] = {}

    def notebooks(self) -> list[Path]:
        folders = self.folders or [Path.cwd(), REPO_ROOT / "notebooks", REPO_ROOT / "solutions"]
        return [path for folder in folders for path in sorted(folder.glob("*.ipynb"))]

    def exercise_of(self, cell_body: str) -> str | None:
        key = body_key(cell_body)
        for path in self.notebooks():
            try:
                mtime = path.stat().st_mtime
            except OSError:
                continue
            if self._files.get(path, (None,))[0] != mtime:
                self._files[path] = (mtime, notebook_checks(path))
            if key in self._files[path][1]:
                return self._files[path][1][key]
        return None


class CheckCells:
    """The ``%%ipytest`` and ``%tracebacks`` magics of one kernel."""

    def __init__(self, index: CheckIndex | None = None):
        self.index = index or CheckIndex()
        self.traceback_style = "short"

    def ipytest(self, line: str, cell: str):
        exercise = self.index.exercise_of(cell)
        if exercise is None:
            return ipytest_magic(line, cell)
        collector, held_back = ResultCollector(), io.StringIO()
        with contextlib.redirect_stdout(held_back), contextlib.redirect_stderr(held_back):
            ipytest.clean()
            get_ipython().run_cell(cell)
            exit_code = ipytest.run(
                f"--tb={self.traceback_style}",
                *shlex.split(line),
                plugins=[collector],
                raise_on_error=False,
            )
        verdict = verdict_line(
            exercise, list(collector.results.values()), exit_code, collector.load_errors
        )
        print(colour(verdict))
        sys.stdout.write(held_back.getvalue())
        if exit_code != 0 and self.traceback_style == "short":
            print(f"{DIM}{FULL_TRACEBACKS_HOW}{RESET}")
        if exit_code != 0 and current_config["raise_on_error"]:
            raise CheckFailed(exit_code, verdict)
        return None

    def tracebacks(self, line: str) -> None:
        """%tracebacks long|short: how much of each failure the next checks show."""
        style = line.strip() or "short"
        if style not in TRACEBACK_STYLES:
            print(f"%tracebacks takes one of {', '.join(TRACEBACK_STYLES)}, not {style!r}.")
            return
        self.traceback_style = style
        print(f"Check cells now show {style} tracebacks. Run the check again to see them.")


def get_ipython():
    from IPython import get_ipython as current

    return current()


def install(shell=None) -> CheckCells | None:
    """Register the magics in this IPython shell, over ipytest's; None outside IPython."""
    shell = shell or get_ipython()
    if shell is None:
        return None
    magics = CheckCells()

    def ipytest_cell(line, cell):
        return magics.ipytest(line, cell)

    ipytest_cell._ipython_magic_no_var_expand = True  # as ipytest's: {MODULE} is pytest's
    shell.register_magic_function(ipytest_cell, "cell", "ipytest")
    shell.register_magic_function(magics.tracebacks, "line", "tracebacks")
    return magics
