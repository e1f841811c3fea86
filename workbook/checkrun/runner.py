"""Run one notebook (grading's or progress's) under nbval in a fresh kernel, in its own process session.

``pytest --nbval-lax`` runs every cell in order in one new kernel; outputs are not
compared (grading cares whether the checks pass). The cell timeout is nbval's; the
notebook timeout ends the whole run, and then everything it started is stopped.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field

import nbformat

from workbook.checkrun import run_sweep
from workbook.checkrun.nbval_record import AUTOLOAD_OFF
from workbook.checkrun.workspace import TOKEN_VARIABLE, Workspace


@dataclass
class Limits:
    cell_s: float = 120
    notebook_s: float = 600
    kernel_start_s: float = 60


@dataclass
class NotebookRun:
    records: dict[int, dict] = field(default_factory=dict)  # nbval cell number -> record
    timed_out: bool = False  # the whole notebook hit its limit
    returncode: int | None = None
    output_tail: str = ""  # last lines of pytest's own output, for crashes
    leftovers: list[str] = field(default_factory=list)  # processes it left running

    @property
    def crashed(self) -> bool:
        """pytest itself failed (not a failing cell): exit codes 2-5 mean no usable run."""
        return not self.timed_out and self.returncode not in (0, 1)


def pytest_command(notebook: str, record: str, ini: str, limits: Limits) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pytest",
        notebook,
        "-c",
        ini,
        "-q",
        "--color=no",
        "--nbval-lax",
        "--nbval-current-env",
        f"--nbval-cell-timeout={limits.cell_s:g}",
        f"--nbval-kernel-startup-timeout={limits.kernel_start_s:g}",
        "-p",
        "nbval",
        "-p",
        "no:cacheprovider",
        "-p",
        "workbook.checkrun.nbval_record",
        f"--cell-record={record}",
    ]


def run_notebook(workspace: Workspace, name: str, nb, limits: Limits) -> NotebookRun:
    notebook = workspace.notebooks / name
    nbformat.write(nb, notebook)
    record = workspace.private / f"{name}.cells.jsonl"
    log = workspace.private / f"{name}.log"
    record.unlink(missing_ok=True)
    command = pytest_command(name, str(record), str(workspace.private / "pytest.ini"), limits)
    result = NotebookRun()
    with open(log, "wb") as out:
        # This pytest needs only nbval: skip loading every installed plugin (seconds per
        # notebook). nbval_record removes the variable again before the kernel starts.
        env = {**workspace.env(), AUTOLOAD_OFF: "1"}
        run = subprocess.Popen(
            command,
            cwd=workspace.notebooks,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            result.returncode = run.wait(timeout=limits.notebook_s)
            result.leftovers = run_sweep.leftovers(TOKEN_VARIABLE, workspace.token, run)
        except subprocess.TimeoutExpired:
            result.timed_out = True
        finally:
            run_sweep.stop_all(TOKEN_VARIABLE, workspace.token, run)
    result.records = _read_records(record)
    result.output_tail = "\n".join(log.read_text(errors="replace").splitlines()[-5:])
    return result


def _read_records(path) -> dict[int, dict]:
    if not path.exists():
        return {}
    records = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:  # the last line of a killed run may be cut short
            continue
        records[record["cell"]] = record
    return records
